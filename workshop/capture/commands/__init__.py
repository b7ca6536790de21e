"""Commands of the capture feature: notes and photos, and the speaking queue."""
