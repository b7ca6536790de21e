"""Renderers of a format-neutral `Document`: PDF (ReportLab), HTML and DOCX."""
