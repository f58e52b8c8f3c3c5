"""Conflict-claims map: the dashboard's entry point (``streamlit run app.py``).

The navigation lists the map first, named "Map", then every page under ``pages/`` in
the order of its file name (new pages appear without editing this file).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

HERE = Path(__file__).resolve().parent
MAP_PAGE = HERE / "pages" / "0_Map.py"
pages = [st.Page(MAP_PAGE, title="Map", default=True)]
pages += [st.Page(p) for p in sorted((HERE / "pages").glob("*.py")) if p != MAP_PAGE]
st.navigation(pages).run()
