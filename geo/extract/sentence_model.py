"""A learned backstop for the rules, measured: the claim types a sentence states.

The rules (:mod:`geo.extract.triggers`) read the parse, so a sentence the small model
parses wrongly gives them no trigger. A bag-of-words text classifier (spaCy
``textcat_multilabel``, unigrams and bigrams of lower-cased words) does not need the
parse. :func:`train` fits it with a fixed seed on the sentences of the development sets
(``tests/devset``, ``devset2``, ``devset3`` and the development part of
``tests/realtext``; never the seed corpus, the held-out set or a held-back part);
:class:`SentenceTypes` gives a sentence's types, and
:func:`geo.extract.triggers.learned_triggers` turns them into triggers where the rules
find a place but no trigger.

It is not used by default (``Resources.sentence_types`` is None): cross-validated on the
real-text development part (``benchmarks/bench_sentence_model.py``), rules plus model
did no better than the rules alone, so extraction runs on the rules.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Span

#: the claim types the model may give (the SPEC's types)
LABELS = ("control", "advance", "clash", "repelled", "strike", "casualties", "displacement",
          "emergency", "restriction", "unrest", "detention", "attack", "deployment")
ROOT = Path(__file__).resolve().parents[2]
#: the labelled sets trained on: (articles, gold) under ``tests/``
TRAIN_SETS = (("devset/articles.jsonl", "devset/gold.jsonl"),
              ("devset2/articles.jsonl", "devset2/gold.jsonl"),
              ("devset3/articles.jsonl", "devset3/gold.jsonl"),
              ("realtext/dev/articles.jsonl", "realtext/dev/gold.jsonl"))
#: a type is given when its score reaches this
THRESHOLD = 0.6
SEED = 0
EPOCHS = 20


def _norm(s: str | None) -> str:
    """Normalise as the shared scorer does (lower case, no quotes, single spaces)."""
    s = (s or "").lower()
    s = re.sub(r"[\u2018\u2019\u201c\u201d\"']", "", s)
    return re.sub(r"\s+", " ", s).strip()


def _read_jsonl(path: Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}, line {n}: not JSON ({exc.msg})") from exc
    return out


def labelled_sentences(articles: Iterable[dict], gold: Iterable[dict], nlp: Language
                       ) -> list[tuple[str, set[str]]]:
    """Return (sentence, claim types) pairs of a labelled set.

    A sentence's types are those its required gold claims accept (the gold's hint lies
    in the sentence); a sentence with only optional gold is left out (neither a claim
    nor a non-claim); every other sentence is a negative example (no type).

    Parameters
    ----------
    articles : iterable of dict
        ``id`` and ``text`` of each article.
    gold : iterable of dict
        Gold lines in the shared scorer's format.
    nlp : spacy.language.Language
        A pipeline that splits sentences.
    """
    by_art: dict[str, list[dict]] = {}
    for g in gold:
        by_art.setdefault(str(g["article_id"]), []).append(g)
    out: list[tuple[str, set[str]]] = []
    texts = [(str(a["id"]), a.get("text") or "") for a in articles]
    for (aid, _), doc in zip(texts, nlp.pipe(t for _, t in texts), strict=True):
        golds = by_art.get(aid, [])
        for sent in doc.sents:
            s = sent.text.strip()
            if not s:
                continue
            ns = _norm(s)
            hit = [g for g in golds if _norm(g["hint"]) in ns]
            req = [g for g in hit if not g.get("optional")]
            if hit and not req:
                continue
            out.append((s, {t for g in req for t in g["claim_type"] if t in LABELS}))
    return out


def training_examples(nlp: Language, sets: Sequence[tuple[str, str]] = TRAIN_SETS,
                      base: Path | None = None) -> list[tuple[str, set[str]]]:
    """Labelled sentences of the development sets (:data:`TRAIN_SETS`)."""
    base = base or ROOT / "tests"
    out: list[tuple[str, set[str]]] = []
    for arts, gold in sets:
        out.extend(labelled_sentences(_read_jsonl(base / arts), _read_jsonl(base / gold), nlp))
    return out


def _features(text: str) -> str:
    """Return the text the classifier sees: lower case (the bag of words ignores case)."""
    return text.lower()


def train(examples: Sequence[tuple[str, set[str]]], *, seed: int = SEED,
          epochs: int = EPOCHS) -> Language:
    """Train the classifier on (sentence, types) pairs; deterministic for a seed.

    Returns
    -------
    spacy.language.Language
        A blank English pipeline with one ``textcat_multilabel`` (bag of unigrams and
        bigrams).
    """
    import random

    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    nlp.add_pipe("textcat_multilabel", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
        "ngram_size": 2, "no_output_layer": False, "length": 2 ** 16}})
    tc = nlp.get_pipe("textcat_multilabel")
    for lab in LABELS:
        tc.add_label(lab)
    data = [Example.from_dict(nlp.make_doc(_features(t)),
                              {"cats": {lab: float(lab in types) for lab in LABELS}})
            for t, types in examples]
    nlp.initialize(lambda: data)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(data)
        for batch in minibatch(data, size=16):
            nlp.update(batch, drop=0.1)
    return nlp


@dataclass
class SentenceTypes:
    """The trained classifier, loaded once (see :class:`geo.extract.Resources`).

    Attributes
    ----------
    nlp : spacy.language.Language
        The classifier pipeline.
    threshold : float
        Score from which a type is given.
    """

    nlp: Language
    threshold: float = THRESHOLD

    def scores(self, text: str) -> dict[str, float]:
        """Score of each claim type for one sentence."""
        return dict(self.nlp(_features(text)).cats)

    def types(self, sent: Span | str) -> list[str]:
        """Return the claim types a sentence states, best first (at most two)."""
        text = sent if isinstance(sent, str) else sent.text
        cats = self.scores(text)
        ranked = sorted((s, t) for t, s in cats.items() if s >= self.threshold)[::-1]
        return [t for _, t in ranked[:2]]
