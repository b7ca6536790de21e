"""The Verslag page: PDF verslag and draaiboek, JSON export."""
