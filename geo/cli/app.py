"""``geo app``: launch the Streamlit dashboard on the chosen store."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from geo import settings
from geo.cli.common import CommandError
from geo.cli.options import _add_store, _port_arg


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add ``app`` to the ``geo`` sub-command parsers."""
    p = sub.add_parser("app", help="launch the dashboard (streamlit)",
                       description="Run `streamlit run app.py` on the chosen store "
                                   "(passed as GEO_STORE).")
    p.add_argument("--port", type=_port_arg, default=8501, help="port (default 8501)")
    p.add_argument("--address", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only; "
                        "0.0.0.0 shares the dashboard on the network)")
    p.add_argument("--dry-run", action="store_true", help="print the command, do not run it")
    _add_store(p)


def cmd_app(args: argparse.Namespace) -> int:
    """Run ``geo app``: launch the Streamlit dashboard."""
    from geo.store import open_store

    target = args.store or settings.get("store")
    open_store(target, create=True).close()  # fail early, with exit status 1, on a bad store
    app = settings.ROOT / "app.py"
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port",
           str(args.port), "--server.address", args.address, "--server.headless", "true"]
    env = dict(os.environ, GEO_STORE=str(target))
    if args.dry_run:
        print(f"GEO_STORE={target} " + " ".join(cmd))
        return 0
    if not app.exists():
        raise CommandError(f"{app}: the dashboard is not installed")
    sys.stdout.flush()
    sys.stderr.flush()
    if hasattr(os, "execve"):  # become streamlit: signals (Ctrl-C, kill) reach it directly
        os.chdir(settings.ROOT)
        os.execve(sys.executable, cmd, env)
    try:  # pragma: no cover - platforms without exec
        return subprocess.call(cmd, env=env, cwd=settings.ROOT)
    except KeyboardInterrupt:  # pragma: no cover
        return 0
