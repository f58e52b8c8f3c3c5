"""Claim extraction: articles in, claims (GeoDataFrame of :mod:`geo.schema`) out.

What the package offers: :func:`extract_claims` (a pure function over a batch of
articles), :class:`Resources` and :func:`load_nlp` (the model, gazetteer, matcher and
geocoder, loaded once), :func:`segments`, :func:`choose_places` and
:data:`EXTRACTOR_VERSION`. Where a claim is born reads from the module names:

- :mod:`.pipeline`: a batch of articles in, a GeoDataFrame of claims out (serial or on a
  process pool); no I/O.
- :mod:`.segments`: article text into parseable pieces; quotations and speakers.
- :mod:`.article`: one parsed article, sentence by sentence.
- :mod:`.triggers` over :mod:`.rules`: the claim triggers of a sentence.
- :mod:`.places`: the places a trigger takes.
- :mod:`.assemble`: date, figures and actor; the claim rows.
- :mod:`.lexicon`, :mod:`.actors`: word lists and side names.

Pipeline per article:

1. Split the text into paragraphs, drop photo captions and credit lines, cut very long
   paragraphs so no sentence exceeds :data:`MAX_CHUNK` characters.
2. Find toponyms in the whole text (:class:`geo.places.matcher.ToponymMatcher`), resolve them
   jointly (:meth:`geo.places.geocode.Geocoder.resolve_article`) and take the article's focus.
3. Parse the paragraphs with spaCy (batched over the whole input with ``nlp.pipe``).
4. Per sentence: find asserted triggers (:mod:`geo.extract.triggers`), give each its places,
   figures (:mod:`geo.quantities`), date (:mod:`geo.dates`), claimant
   (:mod:`geo.claimants.attribution`) and actor (:mod:`geo.extract.actors`); emit one claim per
   (sentence, type, place, unit), dropping a region when a place inside it carries the
   same claim.

Places of a claim, in order: the place mentions of the trigger's own clause (the nearest
one plus those coordinated with it or listed after "including"; mentions that name an
actor, a title, a descriptive reference such as "80km north of Tokmak", or sit in a
background phrase are skipped); "the city" / "the region" / "the country" resolved to
the last such place named before; else the nearest mention of the sentence; else the
previous sentence's place when this sentence continues it (same quotation or speaker,
or a settlement/region named just before); else the settlement the article keeps
naming; else the article's focus (:meth:`geo.places.geocode.Geocoder.article_focus`).

Dates: an expression of the clause, else of the sentence (not one opening a period,
"since ..."; "today" inside a quotation loses to the date of the statement); a sentence
that continues a dated statement by the same speaker ("..., Syrsky added") takes its
date; else the publication date with precision ``published``. Claims dated explicitly
to a year more than 400 days before publication ("in 2022") are history, not news.

:func:`extract_claims` is a pure function over a batch of articles, so it runs on a
process pool (``jobs``) and on partitions of a distributed frame alike.
"""

from __future__ import annotations

from geo.claimants.attribution import noun_phrase_name
from geo.extract.assemble import EXTRACTOR_VERSION
from geo.extract.pipeline import ExtractionError, extract_claims
from geo.extract.places import choose_places
from geo.extract.resources import Resources, load_nlp
from geo.extract.segments import MAX_CHUNK, segments

__all__ = ["EXTRACTOR_VERSION", "MAX_CHUNK", "ExtractionError", "Resources", "choose_places",
           "extract_claims", "load_nlp", "noun_phrase_name", "segments"]
