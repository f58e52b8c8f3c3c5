"""A throw-away Dask cluster started from the command line, for tests and benchmarks.

``dask scheduler`` and N ``dask worker`` processes (one thread each, no memory limit)
on loopback, each in its own process group so that stopping the cluster stops every
process it started. Used by ``tests/test_distributed.py`` (a module fixture) and
``benchmarks/bench_dask.py`` (``sys.path`` holds ``tests/``)::

    with CliCluster(workers=2, log_dir=tmp) as cluster:
        runner = DaskRunner(cluster.client)
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASK = Path(sys.executable).with_name("dask")


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 120.0) -> None:
    """Poll until something listens on 127.0.0.1:``port``.

    Raises
    ------
    RuntimeError
        If ``proc`` exits first, or nothing listens after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode} before listening")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


class CliCluster:
    """``dask scheduler`` + ``workers`` ``dask worker`` processes on loopback.

    Parameters
    ----------
    workers : int
        Worker processes (``--nthreads 1 --nworkers 1`` each).
    log_dir : str or pathlib.Path, optional
        Where each process writes its log (default: discarded).
    pythonpath : str, optional
        Extra ``PYTHONPATH`` of the processes (test helpers the workers import).

    Attributes
    ----------
    address : str
        ``tcp://127.0.0.1:PORT`` of the scheduler.
    dashboard_port : int
        The scheduler's dashboard port.
    client : distributed.Client
        Connected once every worker has joined.
    started_s, workers_s : float
        Seconds until the scheduler listened, then until every worker had joined.
    """

    def __init__(self, workers: int = 2, log_dir: str | Path | None = None,
                 pythonpath: str | None = None) -> None:
        self.workers = workers
        self.log_dir = Path(log_dir) if log_dir is not None else None
        self.pythonpath = pythonpath
        self.procs: list[subprocess.Popen] = []
        self.client = None
        self.address = ""
        self.dashboard_port = 0
        self.started_s = self.workers_s = 0.0

    def _start(self, name: str, *args: str) -> subprocess.Popen:
        log = (open(self.log_dir / f"{name}.log", "w")  # noqa: SIM115 - closed on stop
               if self.log_dir is not None else subprocess.DEVNULL)
        from geo.distributed import WORKER_CONFIG

        # the settings geo's local clusters give their workers, as the README says to
        env = {**os.environ, **{"DASK_" + key.upper().replace(".", "__").replace("-", "_"):
                                str(value) for key, value in WORKER_CONFIG.items()}}
        if self.pythonpath:
            env["PYTHONPATH"] = self.pythonpath
        proc = subprocess.Popen([str(DASK), *args], stdout=log, stderr=subprocess.STDOUT,
                                cwd=ROOT, env=env, start_new_session=True)
        if log is not subprocess.DEVNULL:
            log.close()  # the child holds its own descriptor
        self.procs.append(proc)
        return proc

    def start(self) -> CliCluster:
        """Start the processes and connect; stop everything if that fails."""
        from distributed import Client

        t0 = time.perf_counter()
        try:
            port, self.dashboard_port = free_port(), free_port()
            scheduler = self._start("scheduler", "scheduler", "--host", "127.0.0.1",
                                    "--port", str(port), "--dashboard-address",
                                    f"127.0.0.1:{self.dashboard_port}")
            wait_for_port(port, scheduler)
            self.address = f"tcp://127.0.0.1:{port}"
            self.started_s = time.perf_counter() - t0
            for i in range(self.workers):
                self._start(f"worker{i}", "worker", self.address, "--nthreads", "1",
                            "--nworkers", "1", "--host", "127.0.0.1", "--no-dashboard",
                            "--memory-limit", "0", "--name", f"w{i}")
            self.client = Client(self.address, timeout="60s")
            self.client.wait_for_workers(self.workers, timeout=300)
            self.workers_s = time.perf_counter() - t0 - self.started_s
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Close the client and stop every process this cluster started."""
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.close()
            self.client = None
        for proc in reversed(self.procs):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
        self.procs = []

    def __enter__(self) -> CliCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
