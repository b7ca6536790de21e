"""Participants: importing registration lists."""
