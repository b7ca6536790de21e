"""A throwaway PostgreSQL cluster with password logins, started by a test and stopped on
every exit path (the Bibliotheek dialog's connection test needs a server that checks
passwords; scripts/with_pg.sh's server trusts everyone).

PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` user the
Debian package creates. Skipped (with the reason) when no PostgreSQL is installed.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "postgres"


def _bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    return Path(found[-1]) if found and Path(found[-1], "initdb").exists() else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PasswordCluster:
    folder: Path
    port: int
    password: str
    bin: Path

    def _as_pg(self, *args: str) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *args] if os.getuid() == 0 else list(args)

    def url(self, database: str = "postgres", password: str | None = None) -> str:
        secret = self.password if password is None else password
        auth = f"{SUPERUSER}:{secret}" if secret else SUPERUSER
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        if (self.folder / "data" / "postmaster.pid").exists():
            subprocess.run(
                self._as_pg(
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.folder / "data"),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ),
                capture_output=True,
                check=False,
            )
        shutil.rmtree(self.folder, ignore_errors=True)


def start(password: str = "geheim-wachtwoord") -> PasswordCluster:
    pg_bin = _bin()
    if pg_bin is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="workshop-pgpw-"))
    folder.chmod(0o755)
    cluster = PasswordCluster(folder, _free_port(), password, pg_bin)
    atexit.register(cluster.stop)  # the last resort; the fixture stops it first
    try:
        if os.getuid() == 0:
            shutil.chown(folder, "postgres")
        pwfile = folder / "pw"
        pwfile.write_text(password + "\n")
        if os.getuid() == 0:
            shutil.chown(pwfile, "postgres")
        subprocess.run(
            cluster._as_pg(
                str(pg_bin / "initdb"),
                "-D",
                str(folder / "data"),
                "-U",
                SUPERUSER,
                "-A",
                "scram-sha-256",
                f"--pwfile={pwfile}",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ),
            capture_output=True,
            check=True,
        )
        options = f"-p {cluster.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            cluster._as_pg(
                str(pg_bin / "pg_ctl"),
                "-D",
                str(folder / "data"),
                "-l",
                str(folder / "server.log"),
                "-w",
                "-o",
                options,
                "start",
            ),
            capture_output=True,
            check=True,
        )
    except BaseException:
        cluster.stop()
        raise
    return cluster
