"""Moved to :mod:`geo.claimants.attribution`; kept until every importer uses the new name."""

from geo.claimants.attribution import *  # noqa: F401,F403
from geo.claimants.attribution import (  # noqa: F401
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    NameIndex,
    according_to,
    claimant_for,
    governing_speech_verb,
    noun_phrase_name,
    sentence_speaker,
)
