"""The PDF verslag and draaiboek (ReportLab, Qt-free).

* `data` — plain frozen dataclasses a report is written from, and `ReportOptions`;
* `loader.load_report_data(library, session_id, options)` — reads them from the library;
* `styles` — the one stylesheet; `builders/` — plain data in, flowables out;
* `build.build_pdf(data, options, target, progress=...)` — the one build function;

The names below load on first use: importing `workshop.reports.data` (or the CLI that
mentions it) must not pull in ReportLab, which costs ~0.1 s at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "BuildResult": "workshop.reports.build",
    "ReportError": "workshop.reports.data",
    "build_pdf": "workshop.reports.build",
    "KINDS": "workshop.reports.data",
    "SECTIONS": "workshop.reports.data",
    "ReportData": "workshop.reports.data",
    "ReportOptions": "workshop.reports.data",
    "load_report_data": "workshop.reports.loader",
}

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

if TYPE_CHECKING:
    from workshop.reports.build import BuildResult, build_pdf
    from workshop.reports.data import KINDS, SECTIONS, ReportData, ReportError, ReportOptions
    from workshop.reports.loader import load_report_data


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'workshop.reports' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
