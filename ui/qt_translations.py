"""Qt's own translations (standard dialogs, context menus) for the chosen language."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

_installed: list[QTranslator] = []

#: Strings of Qt's own file dialog that qtbase_nl leaves in English (or says "u" in).
SUPPLEMENT = {
    "nl": {
        ("QFileDialog", "&Look in:"): "&Zoeken in:",
        ("QFileDialog", "Files of &type:"): "Bestands&type:",
        ("QFileDialog", "Are you sure you want to delete '%1'?"): "Wil je '%1' verwijderen?",
    }
}


def supplement_translator(table: dict[tuple[str, str], str], parent=None):
    """A translator for Qt's missing Dutch strings; everything else falls through to
    qtbase_nl. (The class is made here: QtCore's QTranslator is not imported before the
    first frame.)"""
    from PySide6.QtCore import QTranslator

    class SupplementTranslator(QTranslator):
        def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802
            return table.get((context, source_text))

        def isEmpty(self) -> bool:  # noqa: N802 - Qt API
            return not table

    return SupplementTranslator(parent)


def install(lang: str) -> bool:
    """Load qtbase_<lang> into the application; returns whether Qt had that translation."""
    # imported here: the app installs Qt's translations after its first frame is painted
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Dutch if lang == "nl" else QLocale.Language.English,
            QLocale.Country.Netherlands if lang == "nl" else QLocale.Country.UnitedKingdom,
        )
    )
    if lang == "en":
        return True
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    loaded = translator.load(f"qtbase_{lang}", path)
    if loaded:
        app.installTranslator(translator)
        _installed.append(translator)
    if lang in SUPPLEMENT:  # installed last, asked first
        supplement = supplement_translator(SUPPLEMENT[lang], app)
        app.installTranslator(supplement)
        _installed.append(supplement)
    return loaded
