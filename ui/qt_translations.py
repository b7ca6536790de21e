"""Qt's own translations (standard dialogs, context menus) for the chosen language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []

#: Strings of Qt's own file dialog that qtbase_nl leaves in English (or says "u" in).
SUPPLEMENT = {
    "nl": {
        ("QFileDialog", "&Look in:"): "&Zoeken in:",
        ("QFileDialog", "Files of &type:"): "Bestands&type:",
        ("QFileDialog", "Are you sure you want to delete '%1'?"): "Wil je '%1' verwijderen?",
    }
}


class SupplementTranslator(QTranslator):
    """Qt's missing Dutch strings; everything else falls through to qtbase_nl."""

    def __init__(self, table: dict[tuple[str, str], str], parent=None) -> None:
        super().__init__(parent)
        self.table = table

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802
        return self.table.get((context, source_text))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return not self.table


def install(lang: str) -> bool:
    """Load qtbase_<lang> into the application; returns whether Qt had that translation."""
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
        supplement = SupplementTranslator(SUPPLEMENT[lang], app)
        app.installTranslator(supplement)
        _installed.append(supplement)
    return loaded
