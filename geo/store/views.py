"""What the dashboard's pages show of a large store, read per filter in SQL.

Mixed into :class:`geo.store.base.Store` (both back ends: ``_filter_sql``, ``_rows``,
``_claims_where``, ``claims``, ``dialect``): claims per day for the timeline, a page of
articles with their claims for the articles list, so that neither page holds the store.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from geo.filters import ClaimFilter

#: The article columns the articles list shows (no text: it is the bulk of the table).
ARTICLE_LIST_COLUMNS = ("id", "published", "title", "source", "author", "url")


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class StoreViews:
    """Per-filter reads for the dashboard's timeline and articles pages."""

    def day_counts(self, flt: ClaimFilter | None = None) -> pd.DataFrame:
        """Return the claims passing ``flt`` per day (effective date) and claim type.

        Returns
        -------
        pandas.DataFrame
            ``date`` (``YYYY-MM-DD`` text), ``claim_type``, ``claims``; undated claims
            left out; sorted.
        """
        from geo.store.query import sql_exact

        if not sql_exact(flt):  # counted from the exactly filtered claims
            claims = self.claims(flt)
            frame = pd.DataFrame({"date": claims["claim_date"].astype("string").str[:10],
                                  "claim_type": claims["claim_type"].astype("string")}
                                 ).dropna()
            rows = frame.groupby(["date", "claim_type"]).size().reset_index().to_numpy()
        else:
            where, params = self._filter_sql(flt)
            where = (where + " AND " if where else " WHERE ") + "claim_date IS NOT NULL"
            rows = self._rows("SELECT claim_date, claim_type, count(*) FROM claims" + where
                              + " GROUP BY 1, 2", params)
        out = pd.DataFrame([(str(d)[:10], str(t), int(n)) for d, t, n in rows],
                           columns=["date", "claim_type", "claims"])
        out = out.groupby(["date", "claim_type"], as_index=False)["claims"].sum()
        return out.sort_values(["date", "claim_type"]).reset_index(drop=True)

    def _article_where(self, date_from: str | None, date_to: str | None,
                       text: str | None) -> tuple[str, list]:
        ph = "%s" if self.dialect == "postgres" else "?"
        cast = "::date" if self.dialect == "postgres" else ""
        terms, params = [], []
        if date_from:
            terms.append(f"published >= {ph}{cast}")
            params.append(date_from)
        if date_to:
            terms.append(f"published <= {ph}{cast}")
            params.append(date_to)
        if text:  # case-insensitive for ASCII letters (SQL's folding)
            like = "ILIKE" if self.dialect == "postgres" else "LIKE"
            pattern = "%" + _like_escape(text) + "%"
            terms.append(f"(\"title\" {like} {ph} ESCAPE '\\' OR \"text\" {like} {ph} "
                         "ESCAPE '\\')")
            params += [pattern, pattern]
        return (" WHERE " + " AND ".join(terms)) if terms else "", params

    def articles_count(self, date_from: str | None = None, date_to: str | None = None,
                       text: str | None = None) -> int:
        """Return the stored articles published in the dates whose title or text has ``text``."""
        where, params = self._article_where(date_from, date_to, text)
        return int(self._rows("SELECT count(*) FROM articles" + where, params)[0][0])

    def articles_page(self, date_from: str | None = None, date_to: str | None = None,
                      text: str | None = None, limit: int = 1_000, offset: int = 0
                      ) -> pd.DataFrame:
        """Return one page of the articles list: most recent first, without their text.

        Parameters
        ----------
        date_from, date_to : str, optional
            Publication dates (inclusive).
        text : str, optional
            Kept when in the title or the text (case-insensitive for ASCII letters).
        limit, offset : int
            The page.

        Returns
        -------
        pandas.DataFrame
            :data:`ARTICLE_LIST_COLUMNS`, ordered by publication date (latest first),
            then id.
        """
        where, params = self._article_where(date_from, date_to, text)
        ph = "%s" if self.dialect == "postgres" else "?"
        cols = ", ".join(("published::text" if c == "published" and
                          self.dialect == "postgres" else f'"{c}"')
                         for c in ARTICLE_LIST_COLUMNS)
        rows = self._rows(f"SELECT {cols} FROM articles{where} ORDER BY published DESC, id "
                          f"LIMIT {ph} OFFSET {ph}", [*params, int(limit), int(offset)])
        frame = pd.DataFrame.from_records(rows, columns=list(ARTICLE_LIST_COLUMNS))
        for c in ARTICLE_LIST_COLUMNS:
            frame[c] = frame[c].astype("string")
        frame["published"] = frame["published"].str.slice(0, 10)
        return frame

    def claims_per_article(self, flt: ClaimFilter | None, ids: Iterable[str]
                           ) -> dict[str, int]:
        """Return how many claims passing ``flt`` each of the articles ``ids`` has."""
        from geo.store.query import sql_exact

        ids = [str(i) for i in ids]
        if not ids:
            return {}
        ph = "%s" if self.dialect == "postgres" else "?"
        if self.dialect == "postgres":
            clause, extra = f"article_id = ANY({ph})", [ids]
        else:
            clause, extra = f"article_id IN ({','.join(ph * len(ids))})", list(ids)
        if not sql_exact(flt):
            claims = self._claims_where(flt, clause, extra)
            return {str(k): int(v) for k, v in claims.groupby("article_id").size().items()}
        where, params = self._filter_sql(flt)
        where = (where + " AND " if where else " WHERE ") + clause
        rows = self._rows("SELECT article_id, count(*) FROM claims" + where
                          + " GROUP BY article_id", [*params, *extra])
        return {str(a): int(n) for a, n in rows}
