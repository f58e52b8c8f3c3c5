"""What a claim asserts for disputes: who gained or lost a place, a strike, or a denial.

Each claim of a relevant type asserts who gained or holds the place (``control``,
``advance``, ``repelled``: the acting side; for an advance or a repelled attack with no actor
in the text, the claimant's own side), who lost it (``control`` by a withdrawal or loss word:
"withdrew", "retreated", "lost"), that a strike happened (``strike``), or denies one of these:
the claim's ``stance`` is ``denied`` (the extractor found "X denied striking Y"), or a denial
word in the sentence governs its trigger ("denied that its forces struck").
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

#: Trigger words of a control claim that say the actor lost the place, not gained it.
LOSS_WORDS = re.compile(r"\b(?:withdr[ae]w\w*|retreat\w*|los[te]\w*|pull\w* (?:out|back)|"
                        r"abandon\w*|left|leav\w+|ced\w+|fell|fall\w*|surrender\w*)\b",
                        re.IGNORECASE)
#: Trigger words of a control claim that say a side holds a place (not that it took it).
HOLD_WORDS = re.compile(r"\b(?:control\w*|h[oe]ld\w*|holds|remain\w*|retain\w*|ke[ep]p?t?)\b")
#: Words of a sentence that make its claim a denial.
DENIAL_WORDS = re.compile(r"\b(?:den(?:y|ies|ied|ial)|refuted?|rejected|dismissed|false|fake|"
                          r"untrue|not true|fabricat\w+)\b", re.IGNORECASE)
GAIN_TYPES = ("control", "advance", "repelled")
#: Claim types that assert an armed act happened (a strike; one-sided armed violence): a
#: side's denial of one disputes it ("the Houthis claim attacks on ships at Haifa; Israel
#: denies the claims").
ACT_TYPES = ("strike", "attack")
#: The claim types disputes are computed over.
RELEVANT_TYPES = (*GAIN_TYPES, *ACT_TYPES)
#: A claim's ``stance`` value for a claim its claimant denies.
DENIED = "denied"


def assertions(claims: pd.DataFrame) -> pd.DataFrame:
    """Return what each claim asserts: ``stance`` (gain, loss, strike) and ``party``.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with ``claim_type``, ``actor``, ``trigger``, ``sentence`` and
        ``claimant_side`` (and ``stance`` where the extractor gave one).

    Returns
    -------
    pandas.DataFrame
        Same index; ``stance`` (missing for claims that assert nothing comparable),
        ``party`` (the side gaining or losing; "" for strikes) and ``denied`` (bool: the
        claim's ``stance`` is ``denied``, or a denial word governs its trigger).

    Notes
    -----
    The ``stance`` returned here (what is asserted) is not the claim's ``stance`` property
    (whether its claimant asserts or denies it); the latter gives ``denied``.
    """
    stance, party, denied = assertion_arrays(claims)
    return pd.DataFrame({"stance": pd.array(stance, dtype="string"),
                         "party": pd.array(party, dtype="string"),
                         "denied": denied}, index=claims.index)


def _values(claims: pd.DataFrame, column: str) -> np.ndarray:
    """Return a column as an object array of str or None (None for missing values)."""
    if column not in claims.columns:
        return np.full(len(claims), None, dtype=object)
    return claims[column].astype("string").to_numpy(dtype=object, na_value=None)


def assertion_arrays(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return :func:`assertions` as arrays: stance (str or None), party (str), denied (bool).

    The trigger words are matched once per distinct trigger, so large frames of repeated
    triggers cost little.
    """
    n = len(claims)
    if n == 0:
        return (np.array([], dtype=object), np.array([], dtype=object),
                np.array([], dtype=bool))
    ctype = _values(claims, "claim_type")
    actor = _values(claims, "actor")
    side = _values(claims, "claimant_side")
    trigger = _values(claims, "trigger")
    denied = _values(claims, "stance") == DENIED
    sentence = claims["sentence"].astype("string").fillna("")
    maybe = sentence.str.contains(DENIAL_WORDS).fillna(False).to_numpy(dtype=bool)
    for i in np.flatnonzero(maybe & ~denied):  # few sentences deny anything: check those closely
        denied[i] = _denies(str(sentence.iloc[i]), trigger[i])
    # per distinct trigger: a loss word, a holding word
    kinds = {t: (bool(LOSS_WORDS.search(t)), bool(HOLD_WORDS.search(t.lower())))
             for t in set(trigger.tolist()) if t is not None}
    loss_word = np.array([t is not None and kinds[t][0] for t in trigger], dtype=bool)
    hold_word = np.array([t is not None and kinds[t][1] for t in trigger], dtype=bool)
    control = ctype == "control"
    # with no actor in the text, a side reporting an advance, a repelled attack or that it
    # holds a place ("in full control of", "still held") speaks of its own forces; a capture
    # reported with no agent ("28 settlements had been captured") may be the other side's,
    # so such a control claim needs its actor; a side denying a loss with no agent
    # ("Ukraine denies the fall of the city") speaks of its own loss
    holding = control & hold_word & ~loss_word
    loss = control & loss_word
    own_ok = (side != None) & (side != "independent") & (  # noqa: E711 (object arrays)
        (ctype == "advance") | (ctype == "repelled") | holding | (loss & denied))
    party = np.where(actor != None, actor, np.where(own_ok, side, None))  # noqa: E711
    has_party = party != None  # noqa: E711
    stance = np.full(n, None, dtype=object)
    gain_type = control | (ctype == "advance") | (ctype == "repelled")
    stance[gain_type & has_party] = "gain"
    stance[loss & has_party] = "loss"
    strike = np.isin(ctype, ACT_TYPES)
    stance[strike] = "strike"
    party = np.where(strike | ~has_party, "", party).astype(object)
    return stance, party, denied.astype(bool)


def describe(claim_type: object, stance: object, party: object, denied: bool,
             trigger: object = None) -> str:
    """Return what a claim asserts in a few words ("Russia captured", "denies: strike").

    Parameters
    ----------
    claim_type : str
        The claim's type.
    stance, party, denied
        From :func:`assertions`.
    trigger : str, optional
        The claim's trigger word ("captured", "withdrew").

    Returns
    -------
    str
        Plain text (escape it before putting it in HTML).
    """
    def text(v: object) -> str:
        return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)

    ctype, stance, who, trig = text(claim_type), text(stance), text(party), text(trigger)
    if stance == "strike":
        out = f"strike ({trig})" if trig else "strike"
    elif stance == "loss":
        out = f"{who} {trig or 'lost ground'}"
    elif stance == "gain":
        verb = {"control": trig or "holds / took", "advance": "advanced",
                "repelled": "repelled attacks"}.get(ctype, ctype)
        out = f"{who} {verb}"
    else:
        out = ctype or "claim"
    return f"denies: {out}" if denied else out


def _denies(sentence: str, trigger: str | None) -> bool:
    """Whether a denial word governs the claim's trigger ("denied that its forces struck").

    The denial must come before the trigger with no new statement between them ("denied
    that, saying its troops still held ..." asserts the holding).
    """
    if not DENIAL_WORDS.search(sentence):
        return False
    at = sentence.find(trigger) if trigger else -1
    if at < 0:
        return False
    before = list(DENIAL_WORDS.finditer(sentence[:at]))
    if not before:
        return False
    between = sentence[before[-1].end():at]
    return not _NEW_STATEMENT.search(between)


_NEW_STATEMENT = re.compile(r"\b(?:saying|said|says|adding|added|but|instead|while|whereas)\b"
                            r"|[;:]", re.IGNORECASE)




__all__ = ["DENIAL_WORDS", "DENIED", "GAIN_TYPES", "HOLD_WORDS", "LOSS_WORDS", "RELEVANT_TYPES",
           "assertion_arrays", "assertions", "describe"]
