"""Tests of geo.atomic: a file is written whole or not at all, on a disk that fills up too."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from smallfs import fill, small_fs

from geo.atomic import AtomicWriteError, atomic_open, atomic_path, check_target, write_bytes


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


def test_write_bytes_replaces_the_file_and_leaves_no_temporary(tmp_path):
    out = tmp_path / "out.geojson"
    out.write_bytes(b"old")
    write_bytes(out, b"new content")
    assert out.read_bytes() == b"new content"
    assert leftovers(tmp_path) == []


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path):
    out = tmp_path / "out.csv"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="boom"):
        with atomic_open(out) as fh:
            fh.write(b"half")
            raise RuntimeError("boom")
    assert out.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_writer_raising_enospc_is_named_with_file_and_cause(tmp_path):
    """A writer that raises ENOSPC (disk full on any machine, no mount needed)."""
    out = tmp_path / "claims.kml"
    out.write_bytes(b"<kml>old</kml>")
    with pytest.raises(AtomicWriteError) as err:
        with atomic_path(out) as tmp:
            tmp.write_bytes(b"<kml>par")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert err.value.errno == errno.ENOSPC
    assert str(out) in str(err.value) and "No space left on device" in str(err.value)
    assert out.read_bytes() == b"<kml>old</kml>"
    assert leftovers(tmp_path) == []


def test_gdal_side_files_are_removed_too(tmp_path):
    out = tmp_path / "claims.gpkg"
    with pytest.raises(AtomicWriteError, match="disk is full"):
        with atomic_path(out) as tmp:
            tmp.write_bytes(b"x")
            Path(str(tmp) + "-journal").write_bytes(b"j")
            raise OSError(errno.ENOSPC, "database or disk is full")
    assert list(tmp_path.iterdir()) == []


def test_a_writer_that_writes_nothing_is_an_error(tmp_path):
    out = tmp_path / "x.gpkg"
    with pytest.raises(AtomicWriteError, match="produced no file"):
        with atomic_path(out):
            pass
    assert not out.exists()


@pytest.mark.parametrize("target", ["", "folder", "missing/x.geojson"])
def test_targets_no_file_can_be_written_to(tmp_path, target):
    (tmp_path / "folder").mkdir()
    path = "" if target == "" else tmp_path / target
    with pytest.raises(AtomicWriteError):
        check_target(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_pickles_with_its_fields():
    import pickle

    err = pickle.loads(pickle.dumps(AtomicWriteError("/x/y.csv", "disk full", errno.ENOSPC)))
    assert (err.path, err.cause, err.errno) == ("/x/y.csv", "disk full", errno.ENOSPC)


def test_a_real_full_disk(tmp_path):
    """A 256 KiB tmpfs filled up: the write fails, old file intact, no temporary left."""
    with small_fs(tmp_path, 256) as mnt:
        if mnt is None:
            pytest.skip("cannot mount a small file system here (not root)")
        out = mnt / "claims.geojson"
        out.write_bytes(b'{"old": true}')
        fill(mnt, leave_bytes=8192)
        with pytest.raises(AtomicWriteError) as err:
            write_bytes(out, b"x" * 200_000)
        assert err.value.errno == errno.ENOSPC
        assert str(out) in str(err.value)
        assert out.read_bytes() == b'{"old": true}'
        assert leftovers(mnt) == []
