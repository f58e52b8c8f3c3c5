"""The heavy objects extraction needs, loaded once per process and passed in.

The spaCy model, the gazetteer, the toponym matcher and the geocoder (and, for
measurements only, the sentence classifier of :mod:`geo.extract.sentence_model`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language

from geo import settings


def load_nlp(model: str | None = None) -> Language:
    """Load the spaCy pipeline named by the ``spacy_model`` setting.

    Parameters
    ----------
    model : str, optional
        Package name; defaults to ``settings.get("spacy_model")``.

    Returns
    -------
    spacy.language.Language
        The full pipeline (tagger, parser, lemmatizer and NER are all used).
    """
    import spacy

    return spacy.load(model or settings.get("spacy_model"))


@dataclass
class Resources:
    """The heavy objects extraction needs, built once per process.

    Attributes
    ----------
    nlp : spacy.language.Language
    gazetteer : geo.places.gazetteer.Gazetteer
    matcher : geo.places.matcher.ToponymMatcher
    geocoder : geo.places.geocode.Geocoder
    sentence_types : geo.extract.sentence_model.SentenceTypes or None
        Learned claim types of a sentence, used where the rules find a place but no
        trigger. None by default: measured against the rules it did not help
        (``benchmarks/bench_sentence_model.py``), so extraction runs on the rules.
    """

    nlp: Language
    gazetteer: Any
    matcher: Any
    geocoder: Any
    sentence_types: Any = None

    @classmethod
    def load(cls, nlp: Language | None = None, gazetteer: Any = None,
             user_places: str | None = None) -> Resources:
        """Load the model, gazetteer, matcher and geocoder.

        Parameters
        ----------
        nlp : spacy.language.Language, optional
            An already loaded pipeline.
        gazetteer : geo.places.gazetteer.Gazetteer, optional
            An already loaded gazetteer.
        user_places : str, optional
            CSV of analyst places (defaults to the ``user_places`` setting).

        Returns
        -------
        Resources
        """
        from geo.places.gazetteer import Gazetteer
        from geo.places.geocode import Geocoder
        from geo.places.matcher import ToponymMatcher

        gaz = gazetteer if gazetteer is not None else Gazetteer.load()
        up = user_places if user_places is not None else (settings.get("user_places") or None)
        return cls(nlp=nlp if nlp is not None else load_nlp(), gazetteer=gaz,
                   matcher=ToponymMatcher(gaz), geocoder=Geocoder(gaz, user_places=up))
