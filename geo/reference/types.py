"""Which coded-event types can corroborate which claim types (a table, not logic).

Every reference event gets one coarse ``category`` from its dataset's own type:

* ACLED ``event_type`` (ACLED codebook, 2023+): Battles -> ``battle``; Explosions/Remote
  violence -> ``remote``; Violence against civilians -> ``civilians``; Protests ->
  ``protest``; Riots -> ``riot``; Strategic developments -> ``strategic``.
* UCDP GED ``type_of_violence`` (GED codebook): 1 state-based -> ``state_based``;
  2 non-state -> ``non_state``; 3 one-sided -> ``one_sided``. GED codes only lethal
  organised violence, so it can corroborate fighting, strikes and killings but never
  protests, curfews or declarations.

:data:`COMPATIBLE` lists, for each claim type of the SPEC, the categories whose events
may corroborate it. The choices follow the SPEC's own claim type -> ACLED event type
table, widened where a claim type is coded under several ACLED types in practice
(a strike that kills civilians is often "Violence against civilians"; casualties come
with any violent type).
"""

from __future__ import annotations

#: ACLED event_type (lower case) -> category.
ACLED_CATEGORIES: dict[str, str] = {
    "battles": "battle",
    "explosions/remote violence": "remote",
    "violence against civilians": "civilians",
    "protests": "protest",
    "riots": "riot",
    "strategic developments": "strategic",
}

#: UCDP type_of_violence -> (event_type label, category).
UCDP_TYPES: dict[int, tuple[str, str]] = {
    1: ("State-based conflict", "state_based"),
    2: ("Non-state conflict", "non_state"),
    3: ("One-sided violence", "one_sided"),
}

_ARMED = ("battle", "state_based", "non_state")

#: claim_type -> categories of reference events that can corroborate it.
COMPATIBLE: dict[str, frozenset[str]] = {
    "control": frozenset({*_ARMED, "strategic"}),
    "advance": frozenset({*_ARMED, "strategic"}),
    "clash": frozenset(_ARMED),
    "repelled": frozenset(_ARMED),
    "strike": frozenset({"remote", "civilians", "state_based", "non_state", "one_sided"}),
    "casualties": frozenset({*_ARMED, "remote", "civilians", "one_sided", "riot"}),
    "displacement": frozenset({"strategic", "civilians", "one_sided"}),
    "emergency": frozenset({"strategic"}),
    "restriction": frozenset({"strategic", "protest", "riot"}),
    "unrest": frozenset({"protest", "riot"}),
    "detention": frozenset({"strategic", "civilians", "one_sided"}),
    "attack": frozenset({"civilians", "one_sided", "remote", "battle"}),
    "deployment": frozenset({"strategic", *_ARMED}),
}

#: Claim types checked against assessed-control polygons (``assessed_control``).
CONTROL_CLAIM_TYPES = frozenset({"control", "advance"})
