"""The PDF verslag and draaiboek (ReportLab, Qt-free) and the session exchange format.

* `data` — plain frozen dataclasses a report is written from, and `ReportOptions`;
* `loader.load_report_data(library, session_id, options)` — reads them from the library;
* `styles` — the one stylesheet; `builders/` — plain data in, flowables out;
* `build.build_pdf(data, options, target, progress=...)` — the one build function;
* `exchange` — versioned JSON export / import of a whole session.
"""

from workshop.reports.build import BuildResult, ReportError, build_pdf
from workshop.reports.data import KINDS, SECTIONS, ReportData, ReportOptions
from workshop.reports.loader import load_report_data

__all__ = [
    "KINDS",
    "SECTIONS",
    "BuildResult",
    "ReportData",
    "ReportError",
    "ReportOptions",
    "build_pdf",
    "load_report_data",
]
