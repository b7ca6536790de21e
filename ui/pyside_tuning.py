"""Less PySide6 overhead per import.

After PySide6 is loaded, its `__feature__` support looks at every module imported later and
reads the module's whole source (`inspect.getsource`) to see whether it mentions "PySide6"
(only such modules may switch on `from __feature__ import snake_case`). For the hundreds of
modules of SQLAlchemy, Babel and our Qt-free core that cost about a quarter of a second of
start-up CPU. Those packages never use PySide (for `workshop` the import-linter contract
guarantees it), so they are answered without reading their source. Anything else still gets
PySide's own check; if PySide's internals change, this does nothing.
"""

from __future__ import annotations

import sys
from types import ModuleType

#: Top-level packages that never import PySide6 (besides the standard library).
QT_FREE = frozenset(
    {
        "workshop",
        "sqlalchemy",
        "alembic",
        "babel",
        "platformdirs",
        "reportlab",
        "PIL",
        "openpyxl",
        "et_xmlfile",
        "charset_normalizer",
        "typing_extensions",
        "greenlet",
        "mako",
        "markupsafe",
        "dateutil",
        "pytz",
        "six",
    }
)


def skip_source_scan_for_qt_free_modules() -> bool:
    """Install the shortcut; returns whether PySide's hook was found."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "_workshop", False):
        return original is not None
    stdlib = sys.stdlib_module_names

    def uses_pyside(module: ModuleType) -> bool:
        top = getattr(module, "__name__", "").partition(".")[0]
        if top in QT_FREE or top in stdlib:
            return False
        if top == "ui":  # the app's Qt side: uses PySide (and no __feature__ switches)
            return True
        return original(module)

    uses_pyside._workshop = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside
    return True
