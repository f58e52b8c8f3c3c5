"""The GeoPackage claims store: a file path, connections, and the steps joined."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from geo.store.base import Store, StoreError
from geo.store.gpkg.disputes import GpkgDisputes
from geo.store.gpkg.read import GpkgReader
from geo.store.gpkg.schema import GpkgSchema
from geo.store.gpkg.write import GpkgWriter
from geo.store.rtree import register_functions


class GeoPackageStore(GpkgSchema, GpkgDisputes, GpkgWriter, GpkgReader, Store):
    """Claims store in a GeoPackage file (SQLite, WAL mode).

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.gpkg`` file; created (with its folder) if missing.
    timeout : float, optional
        Seconds to wait for another writer's lock.
    create : bool, optional
        Create the file if it does not exist (default); if False a missing file raises
        :class:`StoreError`.
    """

    keeps_cells = True  # claim_cells: counts per map cell and month (geo.store.cells)

    def __init__(self, path: str | Path, timeout: float = 60.0, create: bool = True) -> None:
        self.path = Path(path)
        self.target = str(self.path)
        self.timeout = timeout
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a GeoPackage file")
        if not create and not self.path.exists():
            raise StoreError(f"{self.path}: no claims store here yet (run `geo ingest` "
                             "first, or pass --store)")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._create_or_check()

    # -- connection -------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        con.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        register_functions(con)  # the R-tree triggers call ST_MinX() and friends
        return con
