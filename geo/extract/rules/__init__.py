"""Claim rules over one parsed sentence: triggers, their licensing, negation and modality.

A *trigger* is a verb that makes a claim type by itself when its arguments fit
("Ukrainian forces entered Kursk region": an armed subject and a place), or an event
noun licensed by its syntactic position ("declared a state of emergency", "came under
drone attack", "fighting erupted", "due to shelling").
:func:`geo.extract.triggers.find_triggers` returns the triggers of a sentence that are
asserted: not negated, not under a modal or a verb of intent ("would not hold on to",
"was not interested in taking over", "plans to capture"), not in a conditional or a
background phrase ("since the invasion", "the biggest attack since ...").

Modules, along the steps a trigger goes through: :mod:`.grammar` (lemmas, arguments,
assertion), :mod:`.senses` (armed sides, people, territory, literal sense), :mod:`.args`
(a verb's arguments), :mod:`.verbs` with :mod:`.verbs_fighting` and :mod:`.verbs_harm`
(verb triggers by claim family), :mod:`.nouns` (event nouns), :mod:`.words` (word lists).
"""
