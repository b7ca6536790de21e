"""A team library on a PostgreSQL server: its address, its password, and a connection test.

The *Bibliotheek* dialog (ui/library_dialog.py) uses this; so may a script.

* `TeamAddress` is host, port, database and user; its URL never holds the password.
* The password is kept by the system keyring when the `keyring` package and a usable
  backend are there, else in `~/.pgpass` (mode 600), the file libpq itself reads. It is
  never written to a settings file (`store_password`). `password_for(url)` finds a keyring
  password again when a library is opened (workshop/store/engine.py); a `.pgpass` password
  is found by libpq without help.
* `check(address, password)` connects once (5 s time-out) and says in one line what is
  wrong: wrong password, unreachable server, no such database, not a Workshop library, a
  library of a newer Workshop; or that it is ready (or empty, or will be migrated).

Run it off the UI thread: a connection to an unreachable host waits for the time-out.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from workshop.i18n import _
from workshop.store import migrate
from workshop.store.schema_version import HEAD

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
CONNECT_TIMEOUT = 5
KEYRING_SERVICE = "workshop-library"


@dataclass(frozen=True)
class TeamAddress:
    host: str
    port: int
    database: str
    user: str

    def url(self) -> str:
        """The library URL, without a password (safe to store and show)."""
        return URL.create(
            DRIVER, username=self.user, host=self.host, port=self.port, database=self.database
        ).render_as_string(hide_password=False)

    @property
    def key(self) -> str:
        """The name the password is kept under in the keyring: user@host:port/database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def problem(self) -> str:
        """One line when a field is missing or wrong ("" when the address is complete)."""
        if not self.host.strip():
            return _("Fill in the server (host name or address).")
        if not 0 < self.port < 65536:
            return _("The port is a number from 1 to 65535 (usually 5432).")
        if not self.database.strip():
            return _("Fill in the database name.")
        if not self.user.strip():
            return _("Fill in the user name.")
        return ""

    @classmethod
    def from_url(cls, url: str) -> TeamAddress | None:
        """The address of a PostgreSQL library URL (None for SQLite or an unreadable URL)."""
        try:
            parsed = make_url(url)
        except exc.ArgumentError:
            return None
        if parsed.get_backend_name() != "postgresql":
            return None
        return cls(
            parsed.host or "localhost",
            parsed.port or DEFAULT_PORT,
            parsed.database or "",
            parsed.username or "",
        )


@dataclass(frozen=True)
class CheckResult:
    ok: bool  # the library can be opened (ready, empty, or to be migrated)
    line: str  # what to tell the user, one line


def check(address: TeamAddress, password: str = "") -> CheckResult:
    """Connect once and say whether this is a Workshop library that can be opened."""
    missing = address.problem()
    if missing:
        return CheckResult(False, missing)
    args: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT}
    if password:
        args["password"] = password
    engine = create_engine(address.url(), poolclass=NullPool, connect_args=args)
    try:
        with engine.connect():
            pass
        return _schema_line(engine)
    except exc.DBAPIError as err:
        return CheckResult(False, connection_problem(address, str(err.orig or err)))
    finally:
        engine.dispose()


def connection_problem(address: TeamAddress, text: str) -> str:
    """One line for a failed connection, from libpq's message."""
    low = text.casefold()
    where = f"{address.host}:{address.port}"
    if "password authentication failed" in low or ("role" in low and "does not exist" in low):
        return _("Wrong user name or password for {user} on {where}.").format(
            user=address.user, where=where
        )
    if "no password supplied" in low:
        return _("The server asks for a password for {user}: fill it in.").format(user=address.user)
    if "database" in low and "does not exist" in low:
        return _("There is no database “{database}” on {where}.").format(
            database=address.database, where=where
        )
    if "pg_hba.conf" in low:
        return _("The server {where} does not let this laptop in (pg_hba.conf).").format(
            where=where
        )
    first = text.strip().splitlines()[0] if text.strip() else ""
    return _("The server {where} cannot be reached: {error}").format(where=where, error=first)


def _schema_line(engine) -> CheckResult:
    revision = migrate.current_revision(engine)
    if revision is None:
        if migrate.has_user_tables(engine):
            return CheckResult(
                False,
                _("This database is not a Workshop library (it holds other tables)."),
            )
        return CheckResult(
            True, _("Connected. The database is empty: Workshop sets it up when it opens it.")
        )
    if revision == HEAD:
        return CheckResult(True, _("Connected: a Workshop library, up to date."))
    if not migrate.is_known_revision(engine, revision):
        return CheckResult(
            False,
            _(
                "This library was made by a newer version of Workshop (schema {revision}): "
                "update Workshop first."
            ).format(revision=revision),
        )
    return CheckResult(
        True,
        _(
            "Connected: a Workshop library of an older version; it is brought up to date "
            "when opened. Make a backup with pg_dump first."
        ),
    )


# -- the password ---------------------------------------------------------------------------


def _keyring():
    """The keyring module when it and a usable backend are there, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring setup means: no keyring
        return None
    if isinstance(backend, fail.Keyring):
        return None
    return keyring


def pgpass_path() -> Path:
    override = os.environ.get("PGPASSFILE", "")
    return Path(override) if override else Path.home() / ".pgpass"


def _pgpass_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def store_password(address: TeamAddress, password: str) -> str:
    """Keep `password` in the keyring, else in ~/.pgpass; returns where ("keyring"/path)."""
    ring = _keyring()
    if ring is not None:
        ring.set_password(KEYRING_SERVICE, address.key, password)
        return "keyring"
    path = pgpass_path()
    fields = (address.host, str(address.port), address.database, address.user)
    prefix = ":".join(_pgpass_escape(f) for f in fields) + ":"
    lines = []
    if path.exists():
        lines = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith(prefix)
        ]
    lines.append(prefix + _pgpass_escape(password))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)  # libpq ignores a file others can read
    return str(path)


def password_for(url: str) -> str | None:
    """The keyring's password for a PostgreSQL library URL without one (None: none kept)."""
    address = TeamAddress.from_url(url)
    if address is None or make_url(url).password:
        return None
    ring = _keyring()
    if ring is None:
        return None
    try:
        return ring.get_password(KEYRING_SERVICE, address.key)
    except Exception:  # noqa: BLE001 - a locked or broken keyring: libpq's own ways remain
        return None
