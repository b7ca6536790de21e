"""Qt's own translations (standard dialogs, context menus) for the chosen language."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

_installed: list[QTranslator] = []


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
    if translator.load(f"qtbase_{lang}", path):
        app.installTranslator(translator)
        _installed.append(translator)
        return True
    return False
