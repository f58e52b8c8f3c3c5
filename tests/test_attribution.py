"""Claimants from the dependency parse (real spaCy model)."""

from __future__ import annotations

import pytest

from geo.claimants.attribution import NameIndex, claimant_for, sentence_speaker


def claimant_of(nlp, text: str, trigger: str, names: NameIndex | None = None):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return claimant_for(tok, names)[0]


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Kursk Governor Alexei Smirnov on Monday said that 28 settlements had been captured.",
         "captured", "Alexei Smirnov"),
        ("The Russian Ministry of Defense on Tuesday said that its troops continue to repel "
         "Ukrainian assaults.", "repel", "Russian Ministry of Defense"),
        ("An Agence France-Presse analysis of data provided by the Institute for the Study of "
         "War indicated that Ukrainian troops had advanced over an area of 800km2.",
         "advanced", "Agence France-Presse"),
        ("Ukraine said it was imposing movement restrictions in the Sumy region.", "imposing",
         "Ukraine"),
        ("Israeli airstrikes killed at least 25 Palestinians in Rafah on Thursday, health "
         "officials said.", "killed", "health officials"),
        ("The rebels have captured the town, according to the Syrian Observatory for Human "
         "Rights.", "captured", "Syrian Observatory for Human Rights"),
        ("Belgorod had also come under drone attack, Gladkov wrote on Telegram.", "come",
         "Gladkov"),
        ("Zelenskiy posted a video of a call with his military chief, Oleksandr Syrsky, who said "
         "that our troops have advanced by three kilometers.", "advanced", "Oleksandr Syrsky"),
        ("The army told reporters that it had retaken the bridge.", "retaken", "army"),
        ("Russia claimed to have captured Krynky, which Ukraine denied.", "captured", "Russia"),
        ("A spokesperson for the Israeli military said troops had killed 20 militants.",
         "killed", "Israeli military"),
        ("North Darfur's governor, Nimir Abdel Rahman, told Reuters that drone strikes had hit "
         "Kutum.", "hit", "Nimir Abdel Rahman"),
    ],
)
def test_claimant_of_clause(nlp, text, trigger, expected):
    assert claimant_of(nlp, text, trigger) == expected


def test_surname_expands_to_first_full_mention(nlp):
    names = NameIndex(["Oleksandr Syrsky"])
    got = claimant_of(nlp, "After a week, Syrsky on Monday said that his troops controlled "
                           "about 1,000km2 of Russian territory.", "controlled", names)
    assert got == "Oleksandr Syrsky"


def test_no_claimant_without_attribution(nlp):
    assert claimant_of(nlp, "More than 120,000 Russians have fled their homes in Kursk region.",
                       "fled") is None


def test_speaker_of_a_closing_quote(nlp):
    doc = nlp("Houses are destroyed, civilians died and were injured,” Governor Vyacheslav "
              "Gladkov wrote on Telegram.")
    assert sentence_speaker(next(doc.sents)) == "Vyacheslav Gladkov"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the name in apposition to the "of" complement of a title
        ("The mayor of the port city, Ivan Fedorov, said Russian shells had hit the market.",
         "hit", "Ivan Fedorov"),
        # a name whose first word the tagger takes for a verb ("Saw")
        ("“The base is now under our control,” KNU spokesman Padoh Saw Hla Min told Reuters.",
         "is", "Saw Hla Min"),
        ("“The camp is now under our control,” spokesman Saw Kyaw Lin told the agency.", "is",
         "Saw Kyaw Lin"),
    ],
)
def test_names_after_titles_are_whole(nlp, text, trigger, expected):
    got = claimant_of(nlp, text, trigger) or ""
    assert expected in got
