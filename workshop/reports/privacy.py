"""The report's side of privacy: who is withheld, and the anonymous report's counts.

The rules themselves live in `workshop.privacy.redaction`; this module only feeds it the
report data, so every output format (PDF now, HTML and DOCX later) withholds the same names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from workshop.i18n import translator
from workshop.privacy.redaction import Redactor, Who, group_small_counts, role_words
from workshop.reports.data import ReportData, ReportOptions


def report_redactor(
    data: ReportData, options: ReportOptions, may_name: Callable[[int | None], bool]
) -> Redactor:
    """Withholds everyone `may_name` refuses (everyone when the report is anonymous)."""
    people = [
        Who(p.name, p.email, p.organisation, withheld=not may_name(p.id)) for p in data.participants
    ]
    return Redactor(people, role_words(people, options.lang), anonymous=options.anonymous)


def shown_counts(counts: Mapping[str, int], options: ReportOptions) -> list[tuple[str, int]]:
    """Counts per organisation or role, largest first; in an anonymous report the groups of
    fewer than three people are added up as "overig" (a count of 1 points at one person)."""
    if options.anonymous:
        return group_small_counts(counts, translator(options.lang)("other"))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
