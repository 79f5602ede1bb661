"""What the extractor reads of office terms: markers, spans and durations.

Each case is a short Dutch text written for it, published on 1 May 2024, and what a reader
takes from it about when an office was held, in the keys of a curated annotation
(docs/annotations.md, "Office terms"). The story's date is the reference for the words
that place a report in time. The extractor sees only the built-in gazetteer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from navokg.dutch.dates import TimeValue
from navokg.extract import extract
from navokg.model import DocumentFacts, OfficeHolding
from navokg.sources.documents import Document, DocumentMeta
from navokg.sources.entities import load_registry

REGISTRY = load_registry()
PREMIER = "minister-president-van-nederland"
DEFENCE = "minister-van-defensie-nederland"
NATO = "secretaris-generaal-van-de-navo"


def _facts(text: str, published: str | None = "2024-05-01") -> DocumentFacts:
    meta = DocumentMeta(published=published) if published else DocumentMeta()
    return extract(Document("t", Path("t.txt"), text, meta), REGISTRY)


def _date(value: TimeValue | None) -> str | None:
    if value is None:
        return None
    return value.lexical if value.resolved else f"({value.as_written})"


def _claims(holding: OfficeHolding) -> dict[str, Any]:
    """A holding's term as an annotation would write it: dates at their precision, words-only
    dates in parentheses, a duration as its words and days."""
    claims: dict[str, Any] = {
        "start": _date(holding.start),
        "end": _date(holding.end),
        "attested": _date(holding.attested),
        "duration": None,
        "predecessor": holding.predecessor,
        "successor": holding.successor,
    }
    for bound in holding.bounds:
        claims[bound.relation.value] = _date(bound.when)
    if holding.duration is not None:
        d = holding.duration
        claims["duration"] = (d.as_written, d.min_days, d.max_days)
    return claims


def _holding(text: str, holder: str, office: str, published: str | None = "2024-05-01") -> list[dict[str, Any]]:
    found = [f for f in _facts(text, published).facts if isinstance(f, OfficeHolding)]
    return [_claims(h) for h in found if h.holder == holder and h.office == office]


def _says(claims: list[dict[str, Any]], expected: dict[str, Any]) -> bool:
    return any(all(c.get(key) == value for key, value in expected.items()) for c in claims)


# ---- markers: the words that place a report against the story's date ------------------------


@pytest.mark.parametrize(
    "text,holder,office,expected",
    [
        # "oud-", "ex-", "voormalig", "vorige": over by the story's date, not seen in office then.
        ("Oud-premier Jan Peter Balkenende sprak in Den Haag.", "jan-peter-balkenende", PREMIER,
         {"end_not_after": "2024-05-01", "attested": None, "end": None}),
        ("Ex-minister van Defensie Ank Bijleveld was ook aanwezig.", "ank-bijleveld", DEFENCE,
         {"end_not_after": "2024-05-01", "attested": None}),
        ("Volgens de voormalige premier Mark Rutte is dat te laat.", "mark-rutte", PREMIER,
         {"end_not_after": "2024-05-01", "attested": None}),
        ("Ruben Brekelmans, oud-minister van Defensie, reageerde verbaasd.", "ruben-brekelmans", DEFENCE,
         {"end_not_after": "2024-05-01"}),
        # "aantredend", "wordt": not begun before the story's date.
        ("De aantredende premier Dick Schoof sprak met de Koning.", "dick-schoof", PREMIER,
         {"start_not_before": "2024-05-01", "attested": None}),
        ("Dick Schoof wordt premier.", "dick-schoof", PREMIER, {"start_not_before": "2024-05-01", "start": None}),
        ("Dinsdag wordt Ruben Brekelmans minister van Defensie.", "ruben-brekelmans", DEFENCE,
         {"start": "2024-05-07"}),
        # "de nieuwe": begun by the story's date, and in office then.
        ("De nieuwe minister van Defensie Ruben Brekelmans bezocht Kyiv.", "ruben-brekelmans", DEFENCE,
         {"start_not_after": "2024-05-01", "attested": "2024-05-01"}),
        # "demissionair", "scheidend": in office at the date the sentence tells of, nothing more.
        ("Demissionair premier Mark Rutte reisde dinsdag naar Kyiv.", "mark-rutte", PREMIER,
         {"attested": "2024-04-30", "end_not_after": None, "start_not_after": None}),
        ("De scheidende premier Mark Rutte bedankte iedereen.", "mark-rutte", PREMIER,
         {"attested": "2024-05-01", "end_not_after": None}),
        # "toenmalig": in office when the sentence says, which is not the story's date.
        ("In 2019 sprak toenmalig minister van Defensie Ank Bijleveld met de Kamer.", "ank-bijleveld", DEFENCE,
         {"attested": "2019"}),
        ("De toenmalige minister van Defensie Ank Bijleveld was daar tegen.", "ank-bijleveld", DEFENCE,
         {"attested": None}),
        # Without a date of its own the story gives the words, which bound nothing.
        ("Oud-premier Jan Peter Balkenende sprak in Den Haag.", "jan-peter-balkenende", PREMIER,
         {"end_not_after": "(Oud-premier)"}),
    ],
)  # fmt: skip
def test_markers_place_the_term_against_the_story(
    text: str, holder: str, office: str, expected: dict[str, Any]
) -> None:
    published = None if any(str(v).startswith("(") for v in expected.values()) else "2024-05-01"
    claims = _holding(text, holder, office, published)
    assert _says(claims, expected), claims


def test_de_nieuwe_premier_is_the_one_the_story_says_begins() -> None:
    # Told to begin after the story: "de nieuwe premier" is the premier-to-be, not one in office.
    text = "Dick Schoof wordt premier. De nieuwe premier zei dat hij er zin in heeft."
    claims = _holding(text, "dick-schoof", PREMIER)
    assert claims and all(c["attested"] is None and "start_not_after" not in c for c in claims), claims
    # Sworn in later: not begun yet.
    claims = _holding("De nieuwe premier Dick Schoof wordt volgende week beëdigd.", "dick-schoof", PREMIER)
    assert claims and all("start_not_after" not in c and c["attested"] is None for c in claims), claims
    # A premier the text told of before, who was not told to begin, is not "de nieuwe premier".
    text = "Mark Rutte was jarenlang premier. De nieuwe premier zei dat hij er zin in heeft."
    assert not _says(_holding(text, "mark-rutte", PREMIER), {"start_not_after": "2024-05-01"})


@pytest.mark.parametrize(
    "text,holder,office",
    [
        # "oud-" in a compound that is no office does not end the office named beside it.
        ("Premier Mark Rutte sprak met oud-strijders in Wageningen.", "mark-rutte", PREMIER),
        ("De oud-werkgever van minister van Defensie Ruben Brekelmans reageerde.", "ruben-brekelmans", DEFENCE),
        ("Minister van Defensie Ruben Brekelmans opende een nieuwe kazerne.", "ruben-brekelmans", DEFENCE),
    ],
)
def test_words_that_are_no_marker_of_the_office_bound_nothing(text: str, holder: str, office: str) -> None:
    claims = _holding(text, holder, office)
    assert claims and all(c["attested"] == "2024-05-01" for c in claims), claims
    assert not any(key in c for c in claims for key in ("end_not_after", "start_not_before", "start_not_after"))


# ---- spans: the start and end themselves ---------------------------------------------------------


@pytest.mark.parametrize(
    "text,holder,office,expected",
    [
        ("Jens Stoltenberg is sinds 2014 secretaris-generaal van de NAVO.", "jens-stoltenberg", NATO,
         {"start": "2014", "end": None, "attested": None}),
        ("Sinds 2014 is Jens Stoltenberg secretaris-generaal van de NAVO.", "jens-stoltenberg", NATO,
         {"start": "2014"}),
        ("Jens Stoltenberg, sinds 2014 secretaris-generaal van de NAVO, waarschuwde Rusland.", "jens-stoltenberg",
         NATO, {"start": "2014"}),
        ("Mark Rutte was van 2010 tot 2024 premier.", "mark-rutte", PREMIER, {"start": "2010", "end": "2024"}),
        ("Mark Rutte, premier van 2010 tot 2024, nam afscheid.", "mark-rutte", PREMIER,
         {"start": "2010", "end": "2024"}),
        ("Ank Bijleveld was tot 2021 minister van Defensie.", "ank-bijleveld", DEFENCE, {"end": "2021"}),
        ("Ruben Brekelmans is per 1 juli minister van Defensie.", "ruben-brekelmans", DEFENCE,
         {"start": "2024-07-01"}),
        ("Ruben Brekelmans wordt met ingang van 2 juli minister van Defensie.", "ruben-brekelmans", DEFENCE,
         {"start": "2024-07-02"}),
        ("In 2010 werd Mark Rutte premier.", "mark-rutte", PREMIER, {"start": "2010"}),
        # Appointed on a day: in office from that day or later, not necessarily on it.
        ("Mark Rutte werd op 26 juni 2024 benoemd tot secretaris-generaal van de NAVO.", "mark-rutte", NATO,
         {"start_not_before": "2024-06-26", "start": None}),
        # Told in the past tense without a date: begun by the story's date.
        ("Ank Bijleveld werd minister van Defensie.", "ank-bijleveld", DEFENCE,
         {"start_not_after": "2024-05-01", "attested": None}),
        # An end after the story is a plan, not an end.
        ("Jens Stoltenberg is tot 2028 secretaris-generaal van de NAVO.", "jens-stoltenberg", NATO, {"end": None}),
    ],
)  # fmt: skip
def test_spans_give_the_start_and_end(text: str, holder: str, office: str, expected: dict[str, Any]) -> None:
    claims = _holding(text, holder, office)
    assert _says(claims, expected), claims


# ---- durations -----------------------------------------------------------------------------------

TEN_YEARS = (3470, 3835)  # "tien jaar": nine and a half to ten and a half years


@pytest.mark.parametrize(
    "text,holder,office,duration",
    [
        # A past term lasted that long.
        ("Jens Stoltenberg was tien jaar secretaris-generaal van de NAVO.", "jens-stoltenberg", NATO,
         ("tien jaar", *TEN_YEARS)),
        ("Mark Rutte was ruim dertien jaar lang premier.", "mark-rutte", PREMIER, ("ruim dertien jaar lang", 4748, 5114)),
        # A term still running, or told without a tense, lasted at least that long.
        ("Mark Rutte is al tien jaar premier.", "mark-rutte", PREMIER, ("al tien jaar", TEN_YEARS[0], None)),
        ("Jens Stoltenberg, tien jaar lang secretaris-generaal van de NAVO, nam afscheid.", "jens-stoltenberg", NATO,
         ("tien jaar lang", TEN_YEARS[0], None)),
    ],
)  # fmt: skip
def test_durations_belong_to_the_term_they_describe(
    text: str, holder: str, office: str, duration: tuple[str, int, int | None]
) -> None:
    claims = _holding(text, holder, office)
    assert _says(claims, {"duration": duration}), claims


@pytest.mark.parametrize(
    "text,holder,office",
    [
        # How long a term is, the registry does not say: terms are not counted.
        ("Mark Rutte was twee termijnen premier.", "mark-rutte", PREMIER),
        # Durations of other things.
        ("Premier Mark Rutte trekt voor tien jaar geld uit voor Oekraïne.", "mark-rutte", PREMIER),
        ("Mark Rutte werd tien jaar geleden premier.", "mark-rutte", PREMIER),
        ("Premier Mark Rutte zei dat de oorlog nog tien jaar kan duren.", "mark-rutte", PREMIER),
    ],
)
def test_durations_of_other_things_are_not_terms(text: str, holder: str, office: str) -> None:
    claims = _holding(text, holder, office)
    assert claims and all(c["duration"] is None for c in claims), claims
