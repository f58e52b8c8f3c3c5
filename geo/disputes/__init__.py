"""Claims against claims: contested places and how many claimants back a claim.

Over a claims frame (a store's, so a dispute spans articles and sources), two claims are
*about the same thing* when they concern the same place (the same settlement, or points
within :data:`RADIUS_KM`; the same region for region-level claims) within
:data:`WINDOW_DAYS` days of each other (``event_date``, else ``published``). What each claim
asserts (:mod:`geo.disputes.assertions`): who gained or holds the place, who lost it, that a
strike happened, or a denial of one of these (the claim's ``stance`` is ``denied``). Two
claims are *incompatible* when one side is said to hold and another side to hold, one side to
hold and the same side to have lost, or something is asserted and denied.

- Incompatible claims made by claimants of *different sides* share a ``contest_id``
  (connected groups; the id is a hash of the group's earliest place key and date, so it is
  the same for the same claims).
- ``support_count`` of a claim is how many distinct claimants assert the same thing (the
  same gain, loss, strike or denial, same place and window), the claim's own claimant
  included.

Modules, in the order data goes through them:

- :mod:`geo.disputes.assertions`: what a claim asserts.
- :mod:`geo.disputes.neighbours`: place keys, and claims about the same place and period.
- :mod:`geo.disputes.contests`: :func:`find_disputes` over a frame.
- :mod:`geo.disputes.incremental`: on ingest, only what a batch can change.

All are pure: frames in, frames out.
"""

from geo.disputes.assertions import (
    DENIAL_WORDS,
    DENIED,
    HOLD_WORDS,
    LOSS_WORDS,
    RELEVANT_TYPES,
    assertions,
    describe,
)
from geo.disputes.contests import (
    DISPUTE_COLUMNS,
    RADIUS_KM,
    WINDOW_DAYS,
    find_disputes,
    with_disputes,
)
from geo.disputes.incremental import (
    PLACE_COLUMNS,
    STORED_COLUMNS,
    batch_window,
    dispute_changes,
)

__all__ = ["DENIAL_WORDS", "DENIED", "DISPUTE_COLUMNS", "HOLD_WORDS", "LOSS_WORDS",
           "PLACE_COLUMNS", "RADIUS_KM", "RELEVANT_TYPES", "STORED_COLUMNS", "WINDOW_DAYS",
           "assertions", "batch_window", "describe", "dispute_changes", "find_disputes",
           "with_disputes"]
