"""Who says it: the claimant of a clause, and one identity for every way a text names it.

- :mod:`geo.claimants.attribution`: the claimant phrase of a clause, from the parse.
- :mod:`geo.claimants.aliases`: the claimant tables (``data/claimants/*.csv``) and folding.
- :mod:`geo.claimants.identity`: one phrase -> claimant id, name, side, kind.
- :mod:`geo.claimants.coreference`: references back within an article, and
  :func:`resolve_claimants`, the step over a claims frame.
"""

from geo.claimants.aliases import AliasTable, Claimant, load_table
from geo.claimants.coreference import IDENTITY_COLUMNS, resolve_claimants
from geo.claimants.identity import Resolver

__all__ = ["AliasTable", "Claimant", "IDENTITY_COLUMNS", "Resolver", "load_table",
           "resolve_claimants"]
