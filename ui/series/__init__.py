"""The Reeks page: a series of meetings (Community of Practice) in the app."""
