"""Capturing the plenaire terugkoppeling, pitches and discussions (Qt-free core)."""
