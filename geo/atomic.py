"""Writing output files whole or not at all: every file written is complete or not there.

Every writer of the project (GeoJSON, GeoPackage, ACLED-style CSV and KML exports,
``geo extract --out``) goes through this module:

* the content goes to a temporary file in the same folder as the target (so the
  final rename stays on one file system and is atomic);
* the temporary file is flushed and ``fsync``-ed, then renamed over the target,
  then the folder is ``fsync``-ed so the rename itself survives a crash;
* on any failure (disk full, permission, a writer's exception, Ctrl-C) the
  temporary file (and any SQLite side file next to it) is removed and the old
  target is left exactly as it was;
* OS and GDAL failures are raised as :class:`AtomicWriteError`, an
  :class:`OSError` whose message names the target file and the cause.

Examples
--------
>>> with atomic_path("claims.gpkg") as tmp:  # doctest: +SKIP
...     pyogrio.write_dataframe(frame, tmp, driver="GPKG")
>>> write_bytes("claims.geojson", data)  # doctest: +SKIP
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

__all__ = ["AtomicWriteError", "atomic_open", "atomic_path", "check_target", "write_bytes"]

#: Side files SQLite (GeoPackage) may leave next to a database while it writes.
_SIDE_SUFFIXES = ("-journal", "-wal", "-shm")


class AtomicWriteError(OSError):
    """A file could not be written; the old file (if any) is unchanged.

    Parameters
    ----------
    path : str or os.PathLike
        The target file.
    cause : str
        Why, for a human (``"No space left on device"``...).
    err : int, optional
        The ``errno`` of the cause (``errno.ENOSPC``...), when there is one.

    Notes
    -----
    ``str(err)`` reads ``"cannot write FILE: CAUSE (the old file, if any, is
    unchanged)"``; ``err.filename`` is the target and ``err.strerror`` the rest, so
    handlers that print ``f"{exc.filename}: {exc.strerror}"`` read well too.
    """

    def __init__(self, path: str | os.PathLike[str], cause: str,
                 err: int | None = None) -> None:
        self.path = str(path)
        self.cause = cause
        strerror = f"cannot write: {cause} (the old file, if any, is unchanged)"
        super().__init__(err if err is not None else errno.EIO, strerror, self.path)

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.cause} (the old file, if any, is unchanged)"

    def __reduce__(self):  # keep the attributes across pickling (process pools)
        return (type(self), (self.path, self.cause, self.errno))


def _cause(exc: BaseException) -> tuple[str, int | None]:
    """Return a short human reason for ``exc`` and its errno when it has one."""
    if isinstance(exc, OSError):
        err = exc.errno
        text = exc.strerror or str(exc)
        if err == errno.ENOSPC:
            text = f"{text} (disk full)"
        return text, err
    text = str(exc).strip() or type(exc).__name__
    lowered = text.lower()
    if "disk is full" in lowered or "no space left" in lowered:
        return f"No space left on device (disk full): {text}", errno.ENOSPC
    return text, None


def _is_write_failure(exc: BaseException) -> bool:
    """Whether ``exc`` is a failure to write a file (OS or GDAL), not a programming error."""
    if isinstance(exc, OSError):
        return True
    module = type(exc).__module__ or ""
    return module.startswith(("pyogrio", "fiona", "sqlite3"))


def check_target(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` as a Path, refusing targets no file can be written to.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    AtomicWriteError
        An empty name, a folder, or a parent folder that does not exist.
    """
    if str(path) == "":
        raise AtomicWriteError("''", "an empty file name", errno.ENOENT)
    target = Path(path)
    if target.is_dir():
        raise AtomicWriteError(target, "it is a folder; give a file name", errno.EISDIR)
    parent = target.parent
    if not parent.is_dir():
        raise AtomicWriteError(target, f"no such folder {str(parent)!r}", errno.ENOENT)
    return target


def _disk_full(folder: Path, margin: int = 64 * 1024) -> bool:
    """Whether the file system of ``folder`` has (almost) no space left for this user."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):  # pragma: no cover - platforms without statvfs
        return False
    return st.f_bavail * st.f_frsize < margin


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on folders
        pass
    finally:
        os.close(fd)


def _remove(tmp: Path) -> None:
    for p in (tmp, *(tmp.with_name(tmp.name + s) for s in _SIDE_SUFFIXES)):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except OSError:  # pragma: no cover - nothing more we can do
            pass


@contextmanager
def atomic_path(path: str | os.PathLike[str], suffix: str | None = None) -> Iterator[Path]:
    """Give a temporary path to write; rename it over ``path`` when the block succeeds.

    Parameters
    ----------
    path : str or os.PathLike
        The target file.
    suffix : str, optional
        Suffix of the temporary file (default: the target's), for writers that
        pick a format from it (GDAL).

    Yields
    ------
    pathlib.Path
        A path that does not exist yet, in the target's folder.

    Raises
    ------
    AtomicWriteError
        The target cannot be written (see :func:`check_target`), or the block
        failed with an OS or GDAL error (the cause is named). Other exceptions
        from the block propagate unchanged; in every case the temporary file is
        removed and the old target is untouched.
    """
    target = check_target(path)
    sfx = target.suffix if suffix is None else suffix
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp{sfx}")
    try:
        yield tmp
        if not tmp.exists():
            raise AtomicWriteError(target, "the writer produced no file")
        _fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException as exc:
        full = _disk_full(target.parent)  # before the temporary file frees its space
        _remove(tmp)
        if isinstance(exc, AtomicWriteError):
            raise
        if _is_write_failure(exc):
            cause, err = _cause(exc)
            if full and err != errno.ENOSPC:  # GDAL says "Failed to commit transaction"
                cause, err = f"No space left on device (disk full): {cause}", errno.ENOSPC
            raise AtomicWriteError(target, cause, err) from exc
        raise
    _fsync_dir(target.parent)


@contextmanager
def atomic_open(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a binary file to write; it replaces ``path`` only when the block succeeds.

    Parameters
    ----------
    path : str or os.PathLike
        The target file.

    Yields
    ------
    file object
        Opened ``"wb"`` on a temporary file next to the target; flushed and
        fsync-ed before the rename.

    Raises
    ------
    AtomicWriteError
        As :func:`atomic_path`.
    """
    with atomic_path(path) as tmp, open(tmp, "xb") as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all.

    Parameters
    ----------
    path : str or os.PathLike
        The target file.
    data : bytes
        The complete content.

    Returns
    -------
    pathlib.Path
        The target.

    Raises
    ------
    AtomicWriteError
        As :func:`atomic_path`.
    """
    with atomic_open(path) as fh:
        fh.write(data)
    return Path(path)
