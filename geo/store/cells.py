"""Claims per map cell and month, kept up to date by the store (the map of a whole store).

The map of a large store draws counts of claims per grid cell
(:mod:`geo.mapview.aggregate`). Counting them over the claims is one pass over every
matching claim: at a million claims 1.9 to 2.8 s for the whole store, growing with it.
The store therefore keeps a small table, ``claim_cells``, of the number of claims per
month, claim type and cell of :data:`SUMMARY_CELL` degrees, maintained by triggers on
the claims table (so every writer keeps it right: an ingest, a replaced article, an edit
in a GIS tool) and filled once when an older store is opened.

A filter on dates and claim types only (the map's usual question) is answered from it:
the whole months in its range from ``claim_cells``, the days of a first or last partial
month from the claims (a date index, a few weeks of rows), see :func:`month_split`.
Any other filter counts over the claims as before.
"""

from __future__ import annotations

import datetime as dt

from geo.filters import ClaimFilter

#: Cell size (degrees) of the kept counts: the map's finest cell
#: (:data:`geo.mapview.aggregate.FINE_CELL`).
SUMMARY_CELL = 0.25
#: The table of counts.
TABLE = "claim_cells"

_KEY = "month, claim_type, gx, gy"
#: The primary key's order: a sum over months reads the table in key order (no sort).
_PK = "claim_type, gx, gy, month"


def _key_values(row: str) -> str:
    """Return the SQL of the key of a claims row (``NEW`` or ``OLD``) in SQLite."""
    return (f"coalesce(substr({row}.claim_date, 1, 7), ''), coalesce({row}.claim_type, ''), "
            f"CAST(({row}.longitude + 180.0) / {SUMMARY_CELL!r} AS INTEGER), "
            f"CAST(({row}.latitude + 90.0) / {SUMMARY_CELL!r} AS INTEGER)")


def _located(row: str) -> str:
    return f"{row}.longitude IS NOT NULL AND {row}.latitude IS NOT NULL"


def _decrement(row: str) -> str:
    return (f"UPDATE {TABLE} SET n = n - 1 WHERE {_located(row)} AND ({_KEY}) = "
            f"({_key_values(row)});")


def _increment(row: str) -> str:
    # the WHERE makes the upsert's ON CONFLICT unambiguous after a SELECT (SQLite's rule)
    return (f"INSERT INTO {TABLE} ({_KEY}, n) SELECT {_key_values(row)}, 1 WHERE "
            f"{_located(row)} ON CONFLICT ({_PK}) DO UPDATE SET n = n + 1;")


#: The table and its triggers in a GeoPackage (SQLite). The key's cell expressions are
#: those of :func:`geo.store.query.cell_exprs`, so the counts equal a ``GROUP BY``.
SQLITE_DDL = [
    f"CREATE TABLE {TABLE} (month TEXT NOT NULL, claim_type TEXT NOT NULL, "
    "gx INTEGER NOT NULL, gy INTEGER NOT NULL, n INTEGER NOT NULL, "
    f"PRIMARY KEY ({_PK})) WITHOUT ROWID",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON claims BEGIN {_increment('NEW')} END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON claims BEGIN {_decrement('OLD')} END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF claim_date, claim_type, longitude, "
    f"latitude ON claims BEGIN {_decrement('OLD')} {_increment('NEW')} END",
]

#: The triggers' names.
TRIGGERS = tuple(f"{TABLE}_{event}" for event in ("insert", "delete", "update"))

#: Fills the table from the claims (an older store, opened the first time).
SQLITE_FILL = (
    f"INSERT INTO {TABLE} ({_KEY}, n) SELECT coalesce(substr(claim_date, 1, 7), ''), "
    f"coalesce(claim_type, ''), CAST((longitude + 180.0) / {SUMMARY_CELL!r} AS INTEGER), "
    f"CAST((latitude + 90.0) / {SUMMARY_CELL!r} AS INTEGER), count(*) FROM claims "
    "WHERE longitude IS NOT NULL AND latitude IS NOT NULL GROUP BY 1, 2, 3, 4")


def _pg_key(rows: str) -> str:
    """Return the SQL of the key of the claims of a transition table in PostgreSQL."""
    return (f"SELECT coalesce(to_char(claim_date, 'YYYY-MM'), '') AS month, "
            f"coalesce(claim_type, '') AS claim_type, "
            f"floor((longitude + 180.0) / {SUMMARY_CELL!r})::integer AS gx, "
            f"floor((latitude + 90.0) / {SUMMARY_CELL!r})::integer AS gy, count(*) AS n "
            f"FROM {rows} WHERE longitude IS NOT NULL AND latitude IS NOT NULL "
            "GROUP BY 1, 2, 3, 4")


#: The table and its triggers in PostGIS: statement-level, over the transition tables
#: (one grouped upsert per ``COPY`` or ``DELETE``, not one per row).
POSTGRES_DDL = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (month text NOT NULL, claim_type text NOT NULL, "
    "gx integer NOT NULL, gy integer NOT NULL, n bigint NOT NULL, "
    f"PRIMARY KEY ({_PK}))",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO {TABLE} ({_KEY}, n) SELECT month, claim_type, gx, gy, -n
      FROM ({_pg_key('old_rows')}) AS k
    ON CONFLICT ({_PK}) DO UPDATE SET n = {TABLE}.n + EXCLUDED.n;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO {TABLE} ({_KEY}, n) SELECT month, claim_type, gx, gy, n
      FROM ({_pg_key('new_rows')}) AS k
    ON CONFLICT ({_PK}) DO UPDATE SET n = {TABLE}.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$""",
    f"CREATE OR REPLACE TRIGGER {TABLE}_insert AFTER INSERT ON claims REFERENCING NEW TABLE "
    f"AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_follow()",
    f"CREATE OR REPLACE TRIGGER {TABLE}_delete AFTER DELETE ON claims REFERENCING OLD TABLE "
    f"AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_follow()",
    f"CREATE OR REPLACE TRIGGER {TABLE}_update AFTER UPDATE ON claims REFERENCING OLD TABLE "
    f"AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_follow()",
]

#: Fills the PostGIS table from the claims (a store made before it).
POSTGRES_FILL = (f"INSERT INTO {TABLE} ({_KEY}, n) SELECT month, claim_type, gx, gy, n "
                 f"FROM ({_pg_key('claims')}) AS k")


def summary_answers(flt: ClaimFilter | None) -> bool:
    """Tell whether the kept counts answer ``flt`` (nothing but dates and claim types)."""
    if flt is None:
        return True
    return flt.with_(date_from=None, date_to=None, claim_types=()).is_empty()


def _month(day: dt.date) -> str:
    return day.strftime("%Y-%m")


def month_split(date_from: str | None, date_to: str | None
                ) -> tuple[tuple[str, str] | None, list[tuple[str, str]], bool]:
    """Split a date range into whole months and the days of partial months.

    Parameters
    ----------
    date_from, date_to : str or None
        ``YYYY-MM-DD`` bounds (inclusive); None is open.

    Returns
    -------
    (months, days, undated)
        ``months``: ``(first, last)`` ``YYYY-MM`` months wholly in the range (either may
        be ``""`` for open; None: no whole month); ``days``: ``(from, to)`` day ranges of
        the partial months (count those over the claims); ``undated``: whether claims
        without a date are in (only without any date bound).
    """
    if not date_from and not date_to:
        return ("", ""), [], True
    start = dt.date.fromisoformat(date_from[:10]) if date_from else None
    end = dt.date.fromisoformat(date_to[:10]) if date_to else None
    if start and end and start > end:
        return None, [], False
    days: list[tuple[str, str]] = []
    first = last = ""
    if start is not None:
        month_start = start.replace(day=1)
        next_month = (month_start + dt.timedelta(days=32)).replace(day=1)
        if start == month_start:
            first = _month(start)
        else:
            stop = next_month - dt.timedelta(days=1)
            if end is not None and end < stop:  # within one month: days only
                return None, [(start.isoformat(), end.isoformat())], False
            days.append((start.isoformat(), stop.isoformat()))
            first = _month(next_month)
    if end is not None:
        month_end = (end.replace(day=1) + dt.timedelta(days=32)).replace(day=1) \
            - dt.timedelta(days=1)
        if end == month_end:
            last = _month(end)
        else:
            lo = end.replace(day=1)
            days.append((lo.isoformat(), end.isoformat()))
            last = _month(lo.replace(day=1) - dt.timedelta(days=1))
    if first and last and first > last:
        return None, days, False
    return (first, last), days, False


def summary_sql(flt: ClaimFilter | None, dialect: str) -> tuple[str, list] | None:
    """Return the ``SELECT gx, gy, claim_type, n`` over the kept counts for ``flt``'s months.

    None when no whole month is in its range. The days of partial months are not
    included (:func:`month_split`).
    """
    ph = "%s" if dialect == "postgres" else "?"
    months, _days, undated = month_split(flt.date_from if flt else None,
                                         flt.date_to if flt else None)
    if months is None:
        return None
    terms, params = [], []
    if not undated:
        terms.append("month <> ''")
    if months[0]:
        terms.append(f"month >= {ph}")
        params.append(months[0])
    if months[1]:
        terms.append(f"month <= {ph}")
        params.append(months[1])
    if flt is not None and flt.claim_types:
        terms.append(f"claim_type IN ({','.join([ph] * len(flt.claim_types))})")
        params.extend(flt.claim_types)
    where = (" WHERE " + " AND ".join(terms)) if terms else ""
    return (f"SELECT gx, gy, claim_type, CAST(sum(n) AS BIGINT) FROM {TABLE}{where} "
            "GROUP BY claim_type, gx, gy HAVING sum(n) > 0"), params
