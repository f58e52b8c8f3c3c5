"""A small file system that fills up, for disk-full tests.

Where the test process may mount (root on Linux), :func:`small_fs` mounts a
size-limited ``tmpfs`` on a fresh folder and unmounts it afterwards; elsewhere it
yields ``None`` and the caller skips (the in-process tests that make a writer raise
``ENOSPC`` cover those machines).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def can_mount() -> bool:
    """Whether this process can mount a tmpfs (root on Linux with mount(8))."""
    return (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None
            and Path("/proc/filesystems").exists()
            and "tmpfs" in Path("/proc/filesystems").read_text())


@contextmanager
def small_fs(base: Path, size_kb: int) -> Iterator[Path | None]:
    """Mount a ``size_kb`` KiB tmpfs under ``base`` (yields its path, or None when impossible).

    Parameters
    ----------
    base : pathlib.Path
        A folder (the test's tmp_path) to create the mount point in.
    size_kb : int
        Size of the file system in KiB.
    """
    mnt = base / f"smallfs-{uuid.uuid4().hex[:8]}"
    mnt.mkdir()
    if not can_mount():
        yield None
        return
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mnt)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        yield None
        return
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, check=False)


def fill(folder: Path, leave_bytes: int = 0) -> None:
    """Fill the file system of ``folder`` until at most ``leave_bytes`` are free."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    blob = folder / "filler.bin"
    with open(blob, "ab") as fh:
        remaining = free - leave_bytes
        chunk = b"\0" * 4096
        try:
            while remaining > 0:
                n = min(len(chunk), remaining)
                fh.write(chunk[:n])
                fh.flush()
                remaining -= n
        except OSError:
            pass
