"""A long list of people imported from the Deelnemers page: progress while it is checked and
stored, a preview that shows every row without a widget per cell, undo and redo of the whole
import, and one clear line for a file that is not a list."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from ui.widgets.import_preview_dialog import ImportPreviewDialog
from workshop.people.queries import list_people
from workshop.sessions.commands import CreateSession

ROWS = 6000


def _until(arun, predicate, timeout: float = 30.0) -> None:
    async def poll() -> None:
        for _step in range(int(timeout / 0.05)):
            if predicate():
                return
            await asyncio.sleep(0.05)

    arun(poll(), timeout=timeout + 5)
    assert predicate()


def _session(arun, command_service) -> int:
    create = CreateSession(title="Congres")
    arun(command_service.push_and_wait(create))
    assert create.session_id is not None
    return create.session_id


def test_a_long_list_shows_progress_and_is_one_undoable_step(
    arun, library, command_service, session_window, tmp_path
):
    sid = _session(arun, command_service)
    path = tmp_path / "aanmeldingen.csv"
    lines = ["Naam;Organisatie;E-mail"]
    lines += [f"Persoon {i};Org {i % 40};p{i}@example.org" for i in range(ROWS)]
    lines.append(";Org zonder naam;leeg@example.org")  # skipped, with its reason
    path.write_text("\n".join(lines), encoding="utf-8")

    window = session_window(sid)
    page = window.show_page("participants")
    progress = page.import_progress
    page.import_file(str(path))
    _until(arun, lambda: page.findChild(ImportPreviewDialog) is not None)
    dialog = page.findChild(ImportPreviewDialog)
    stages = [stage for stage, _done, _total in progress.seen]
    assert stages[0] == "read" and "check" in stages
    assert progress.seen[-1] == ("check", ROWS + 1, ROWS + 1)
    assert progress.isHidden(), "the bar goes once the preview is there"
    assert dialog.model.rowCount() == ROWS + 1
    skipped = dialog.model.text(ROWS, dialog.model.columnCount() - 1)
    assert skipped == "Geen naam; deze rij wordt niet geïmporteerd"
    assert list_people(library, sid) == [], "nothing is stored before confirming"

    dialog.findChild(QPushButton, "import-confirm").click()
    _until(arun, lambda: not command_service.busy and len(list_people(library, sid)) == ROWS)
    stored = [s for s in progress.seen if s[0] == "store"]
    assert stored[-1] == ("store", ROWS, ROWS) and len(stored) >= 2
    assert progress.isHidden()
    ids = sorted(p.id for p in list_people(library, sid))

    command_service.undo()
    arun(command_service.wait_idle())
    assert list_people(library, sid) == []
    command_service.redo()
    arun(command_service.wait_idle())
    assert sorted(p.id for p in list_people(library, sid)) == ids, "redo keeps the ids"
    _until(arun, lambda: page.model.rowCount() == ROWS)

    # the table sorts by a column header (the model sorts itself, once per click)
    def shown(column: int) -> list[str]:
        return [page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())]

    names = shown(0)
    assert names == sorted(names, key=str.casefold)
    page.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    organisations = shown(2)
    assert organisations == sorted(organisations, key=str.casefold, reverse=True)
    page.search.setText("Persoon 5999")
    _until(arun, lambda: page.proxy.rowCount() == 1)
    assert shown(0) == ["Persoon 5999"]


def test_a_file_that_is_not_a_list_gives_one_line(
    arun, library, command_service, session_window, tmp_path
):
    sid = _session(arun, command_service)
    bad = tmp_path / "foto.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    window = session_window(sid)
    page = window.show_page("participants")
    page.import_file(str(bad))
    _until(arun, lambda: any(b.isVisible() for b in page.findChildren(QMessageBox)))
    box = next(b for b in page.findChildren(QMessageBox) if b.isVisible())
    assert "foto.csv" in box.text() and "\n" not in box.text().strip()
    assert "Traceback" not in box.text()
    assert page.import_progress.isHidden()
    assert list_people(library, sid) == []
