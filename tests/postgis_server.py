"""A throw-away PostgreSQL + PostGIS server on loopback, for tests and benchmarks.

Uses Debian's packages (``make postgis`` installs ``postgresql-15-postgis-3``): runs
``initdb`` and ``pg_ctl`` in a temporary folder on a free port, as the ``postgres``
system user when we run as root (PostgreSQL refuses to run as root). Trust
authentication, listening on 127.0.0.1 only; the folder is removed on stop.

Fixtures
--------
``postgis_server`` (session) starts one server with a template database that already
has the ``postgis`` extension; ``postgis_url`` (function) gives each test a fresh
database copied from that template. Import both into a test module::

    from postgis_server import postgis_server, postgis_url  # noqa: F401
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

TEMPLATE = "geo_template"


def find_pg_bin() -> tuple[Path | None, str]:
    """Return (the newest PostgreSQL bin folder with PostGIS available, reason if none)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parent.parent.name), reverse=True)
    if not candidates:
        return None, ("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); "
                      "run `make postgis` (apt-get install postgresql-15-postgis-3)")
    for initdb in candidates:
        version = Path(initdb).parent.parent.name
        if glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control"):
            return Path(initdb).parent, ""
    return None, ("PostGIS is not installed for PostgreSQL "
                  f"{Path(candidates[0]).parent.parent.name}; run `make postgis`")


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One temporary PostgreSQL cluster.

    Parameters
    ----------
    bin_dir : pathlib.Path
        Folder with ``initdb``, ``pg_ctl``, ``postgres``.
    fast : bool, optional
        Turn off fsync (tests); keep it on for benchmarks.
    """

    def __init__(self, bin_dir: Path, fast: bool = True) -> None:
        self.bin_dir = bin_dir
        self.fast = fast
        self.root = Path(tempfile.mkdtemp(prefix="geo-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:
            self.user = "postgres"
            shutil.chown(self.root, user="postgres", group=None)
            os.chmod(self.root, 0o700)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = list(args)
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)

    def start(self) -> PostgresServer:
        """Initialise and start the cluster; raise ``RuntimeError`` with its log on failure."""
        try:
            self._run(str(self.bin_dir / "initdb"), "-D", str(self.data), "-A", "trust",
                      "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")
            opts = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
            if self.fast:
                opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l",
                      str(self.root / "log"), "-o", opts, "-w", "-t", "60", "start")
        except subprocess.CalledProcessError as exc:
            log = (self.root / "log").read_text() if (self.root / "log").exists() else ""
            self.stop()
            raise RuntimeError(f"PostgreSQL failed to start: {exc.stderr}\n{log}") from None
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as con:
            con.execute(f"CREATE DATABASE {TEMPLATE}")
        with psycopg.connect(self.url(TEMPLATE), autocommit=True) as con:
            con.execute("CREATE EXTENSION postgis")
        return self

    def url(self, dbname: str) -> str:
        """Return the connection URL of a database on this server."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def new_database(self) -> str:
        """Create a fresh database with PostGIS (from the template); return its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url("postgres"), autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def stop(self) -> None:
        """Stop the server (immediately) and delete its folder."""
        pid_file = self.data / "postmaster.pid"
        if pid_file.exists():
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-W", "stop", check=False)
            deadline = time.monotonic() + 10
            while pid_file.exists() and time.monotonic() < deadline:
                time.sleep(0.02)
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgis_server():
    """Start one PostgreSQL + PostGIS on loopback for the whole session."""
    bin_dir, reason = find_pg_bin()
    if bin_dir is None:
        pytest.skip(reason)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed in the venv (see requirements.txt)")
    server = PostgresServer(bin_dir).start()
    yield server
    server.stop()


@pytest.fixture
def postgis_url(postgis_server):
    """Return the URL of a fresh, empty database with PostGIS."""
    return postgis_server.new_database()
