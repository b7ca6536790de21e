"""The Agenda page: planning the programme (editor table, templates, import and export)."""
