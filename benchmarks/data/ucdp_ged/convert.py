"""Build ``events.jsonl`` from the UCDP GED sample shipped in the R package uncertainUCDP.

Not run by the tests or the benchmark (it needs ``pyreadr``, which the project does not
install): it records how the set was made. Usage::

    pip install pyreadr
    python convert.py ucdpged.rda > events.jsonl

``ucdpged.rda`` is ``data/ucdpged.rda`` of the package's CRAN mirror (see README.md).
Events located at country level or wider (``where_prec`` 5-7) are left out: their gold
is a nominal point. Every third event, by ascending UCDP id, is held out.
"""

from __future__ import annotations

import json
import math
import sys

KEEP = ("id", "year", "country", "where_prec", "where_coordinates", "where_description",
        "adm_1", "adm_2", "latitude", "longitude")


def _clean(v: object) -> object:
    if isinstance(v, float) and math.isnan(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v.strip() if isinstance(v, str) else v


def main(path: str) -> int:
    """Print the kept events as JSON lines."""
    import pyreadr

    df = pyreadr.read_r(path)["ucdpged"]
    df = df[df["where_prec"] <= 4].sort_values("id")
    for i, (_, row) in enumerate(df.iterrows()):
        rec = {k: _clean(row[k]) for k in KEEP}
        rec["split"] = "heldout" if i % 3 == 2 else "dev"
        print(json.dumps(rec, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
