"""Builders: plain report data in, ReportLab flowables out."""
