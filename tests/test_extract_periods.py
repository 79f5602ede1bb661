"""What the extractor reads of office terms: markers, spans, durations and successions.

Each case is a short Dutch text written for it, published on 1 May 2024, and what a reader
takes from it about when an office was held, in the keys of a curated annotation
(docs/annotations.md, "Office terms"). The story's date is the reference for the words
that place a report in time. The extractor sees only the built-in gazetteer.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from navokg.build.pipeline import build
from navokg.dutch.dates import TimeValue
from navokg.extract import extract
from navokg.model import DocumentFacts, OfficeHolding
from navokg.read.query import answer
from navokg.sources.annotation_writer import dump_annotation
from navokg.sources.annotations import load_annotation, read_annotation_entities
from navokg.sources.documents import Document, DocumentMeta
from navokg.sources.entities import load_registry
from navokg.store import GraphStore

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


# ---- careers told in prose -------------------------------------------------------------------------

MEP = "lid-van-het-europees-parlement"
MP = "lid-van-de-tweede-kamer"
DEFENCE_STATE = "staatssecretaris-van-defensie-nederland"


@pytest.mark.parametrize(
    "text,holder,office,expected",
    [
        ("Anna Visser was van 2010 tot 2017 minister van Defensie.", "anna-visser", DEFENCE,
         {"start": "2010", "end": "2017"}),
        # A start with words between the verb and "als", or the verb before the name.
        ("Petra Bakker begon in 2009 als Kamerlid voor de VVD.", "petra-bakker", MP, {"start": "2009"}),
        ("In 2009 begon Petra Bakker als Kamerlid.", "petra-bakker", MP, {"start": "2009"}),
        ("In 2021 werd Henk Mulder benoemd tot staatssecretaris van Defensie.", "henk-mulder", DEFENCE_STATE,
         {"start_not_before": "2021", "start": None}),
        ("Henk Mulder trad in 2021 aan als staatssecretaris van Defensie.", "henk-mulder", DEFENCE_STATE,
         {"start": "2021"}),
        # "Eerder was X …": a past term, over by the story's date.
        ("Eerder was Karin Smit lid van het Europees Parlement.", "karin-smit", MEP,
         {"end_not_after": "2024-05-01", "attested": None}),
        ("Karin Smit was voorheen lid van het Europees Parlement.", "karin-smit", MEP,
         {"end_not_after": "2024-05-01", "attested": None}),
        # The date of another role is not when the title before the name was held.
        ("Minister Anna Visser begon in 2005 als ambtenaar bij het ministerie.", "anna-visser", "minister-nederland",
         {"attested": "2024-05-01"}),
        ("Staatssecretaris Tom Kok was van 2015 tot 2019 lid van de Tweede Kamer.", "tom-kok",
         "staatssecretaris-nederland", {"attested": "2024-05-01", "start": None}),
        ("Staatssecretaris Tom Kok was van 2015 tot 2019 lid van de Tweede Kamer.", "tom-kok", MP,
         {"start": "2015", "end": "2019"}),
        ("Anna Visser, nu minister van Defensie, begon in 2005 als ambtenaar.", "anna-visser", DEFENCE,
         {"attested": "2024-05-01"}),
        # ... while a date of the title's own sentence still is.
        ("Minister Anna Visser was in 2023 op bezoek in Kyiv.", "anna-visser", "minister-nederland",
         {"attested": "2023"}),
    ],
)  # fmt: skip
def test_careers_told_in_prose(text: str, holder: str, office: str, expected: dict[str, Any]) -> None:
    claims = _holding(text, holder, office)
    assert _says(claims, expected), claims


@pytest.mark.parametrize(
    "text",
    [
        "Anna Visser begon in 2005 als ambtenaar bij het ministerie.",  # no office
        "Eerder deze week was Karin Smit nog in Brussel.",
        "In 2009 begon Petra Bakker als vrijwilliger bij de VVD.",
    ],
)
def test_careers_without_an_office_hold_nothing(text: str) -> None:
    assert not [f for f in _facts(text).facts if isinstance(f, OfficeHolding)]


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


# ---- successions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,holder,office,expected",
    [
        ("Dick Schoof volgt Mark Rutte op als premier.", "dick-schoof", PREMIER, {"predecessor": "mark-rutte"}),
        ("Mark Rutte wordt als premier opgevolgd door Dick Schoof.", "dick-schoof", PREMIER,
         {"predecessor": "mark-rutte"}),
        ("Dick Schoof, de opvolger van Mark Rutte als premier, sprak de Kamer toe.", "dick-schoof", PREMIER,
         {"predecessor": "mark-rutte"}),
        ("De opvolger van premier Mark Rutte, Dick Schoof, sprak de Kamer toe.", "dick-schoof", PREMIER,
         {"predecessor": "mark-rutte"}),
        # The possessor is the other holder; the office is the one the possessor was just named in.
        ("Premier Mark Rutte bezocht Kyiv. Ruttes voorganger Jan Peter Balkenende bleef thuis.",
         "jan-peter-balkenende", PREMIER, {"successor": "mark-rutte"}),
        ("Mark Rutte wordt dinsdag secretaris-generaal van de NAVO. Zijn voorganger Jens Stoltenberg "
         "is sinds 2014 secretaris-generaal van de NAVO.", "jens-stoltenberg", NATO,
         {"successor": "mark-rutte", "start": "2014"}),
        # A figure of speech, with the office said.
        ("Dick Schoof neemt als premier het stokje over van Mark Rutte.", "dick-schoof", PREMIER,
         {"predecessor": "mark-rutte"}),
        # "per": where the later term begins.
        ("Dick Schoof volgt per 2 juli Mark Rutte op als premier.", "dick-schoof", PREMIER,
         {"predecessor": "mark-rutte", "start": "2024-07-02"}),
        # A time between the verb and the names; a title with its complement between them.
        ("Dick Schoof volgde in juli Mark Rutte op als premier.", "dick-schoof", PREMIER,
         {"predecessor": "mark-rutte"}),
        ("Jens Stoltenberg wordt als secretaris-generaal van de NAVO opgevolgd door Mark Rutte.", "mark-rutte",
         NATO, {"predecessor": "jens-stoltenberg"}),
        # A pronoun for the subject: the last person named it can mean.
        ("Kajsa Ollongren werd in 2022 minister van Defensie. Zij volgde Henk Kamp op.", "kajsa-ollongren",
         DEFENCE, {"predecessor": "henk-kamp"}),
        ("Dick Schoof sprak de Kamer toe. Hij neemt als premier het stokje over van Mark Rutte.", "dick-schoof",
         PREMIER, {"predecessor": "mark-rutte"}),
        ("Mark Rutte sprak in Den Haag. Hij wordt als premier opgevolgd door Dick Schoof.", "dick-schoof",
         PREMIER, {"predecessor": "mark-rutte"}),
    ],
)  # fmt: skip
def test_successions_link_the_holders_of_one_seat(
    text: str, holder: str, office: str, expected: dict[str, Any]
) -> None:
    claims = _holding(text, holder, office)
    assert _says(claims, expected), claims


@pytest.mark.parametrize(
    "text",
    [
        # An office many hold at once: who followed whom bounds no term.
        "Kamerlid Anna de Vries volgt Kamerlid Piet Jansen op als Kamerlid.",
        # A wish, a condition, a denial: no succession told.
        "Als Mark Rutte Jens Stoltenberg wil opvolgen als secretaris-generaal, moeten alle landen instemmen.",
        "Dick Schoof volgt Mark Rutte niet op als premier.",
        # A figure of speech without the office: as often about an example as about an office.
        "Premier Dick Schoof treedt in de voetsporen van Mark Rutte.",
        "Premier Dick Schoof neemt het stokje over van Mark Rutte.",
        # "volgen" and "voorganger" that say no succession: the names are not the verb's own.
        "Premier Mark Rutte volgt het debat op de voet met minister Hugo de Jonge.",
        "Premier Mark Rutte volgt de ontwikkelingen rond Volodymyr Zelensky op.",
        "Premier Mark Rutte volgt in Brussel de ontwikkelingen rond Volodymyr Zelensky op.",
        "Premier Mark Rutte sprak. Zijn voorganger zei tegen Dick Schoof dat het goed ging.",
        "Premier Mark Rutte ziet Dick Schoof als zijn opvolger.",
        # Two offices the successor's predecessor holds: which one is not said.
        "Oud-premier Mark Rutte wordt secretaris-generaal van de NAVO. Zijn opvolger Dick Schoof zweeg.",
    ],
)
def test_no_succession_where_the_office_or_the_fact_is_not_clear(text: str) -> None:
    holdings = [f for f in _facts(text).facts if isinstance(f, OfficeHolding)]
    assert not any(h.predecessor or h.successor for h in holdings), [_claims(h) for h in holdings]


def test_a_succession_told_of_a_holding_named_before_is_that_report_with_both_sayings() -> None:
    text = (
        "Ruben Brekelmans is sinds juli minister van Defensie. Brekelmans sprak in Kyiv. Hij volgde Kajsa Ollongren op."
    )
    (holding,) = [f for f in _facts(text).facts if isinstance(f, OfficeHolding) and f.holder == "ruben-brekelmans"]
    assert holding.office == DEFENCE and holding.predecessor == "kajsa-ollongren"
    assert [e.exact for e in holding.evidence] == [
        "Ruben Brekelmans is sinds juli minister van Defensie",
        "Hij volgde Kajsa Ollongren op",
    ]


def test_a_succession_in_another_office_leaves_the_office_named_beside_it_alone() -> None:
    text = "Premier Dick Schoof volgde Mark Rutte op als burgemeester van Den Haag."
    holdings = [f for f in _facts(text).facts if isinstance(f, OfficeHolding)]
    premier = [h for h in holdings if h.holder == "dick-schoof" and h.office == PREMIER]
    mayor = [h for h in holdings if h.holder == "dick-schoof" and h.office != PREMIER]
    assert premier and not any(h.predecessor for h in premier)
    assert [h.predecessor for h in mayor] == ["mark-rutte"]


# ---- evidence and the annotation format --------------------------------------------------------

TERMS = """Oud-premier Jan Peter Balkenende en de aantredende premier Dick Schoof spraken elkaar.
Jens Stoltenberg was tien jaar secretaris-generaal van de NAVO. Mark Rutte was van 2010 tot 2024 premier.
Dick Schoof volgt per 2 juli Mark Rutte op als premier. Sinds 2014 is Jens Stoltenberg secretaris-generaal
van de NAVO. De nieuwe minister van Defensie Ruben Brekelmans bezocht Kyiv. Ruttes voorganger Jan Peter
Balkenende zweeg."""


def test_evidence_quotes_the_words_each_claim_rests_on() -> None:
    facts = _facts(TERMS)
    holdings = [f for f in facts.facts if isinstance(f, OfficeHolding)]
    words = 0
    for h in holdings:
        evidence = " ".join(" ".join(e.exact for e in h.evidence).split())
        assert all(TERMS[e.start : e.end] == e.exact for e in h.evidence)
        for bound in h.bounds:
            assert bound.when.as_written.casefold() in evidence.casefold(), (bound, evidence)
            words += 1
        if h.duration is not None:
            assert h.duration.as_written in evidence
            words += 1
        if h.predecessor or h.successor:
            assert any(w in evidence for w in ("volgt", "voorganger", "opvolger")), evidence
            words += 1
        for value in (h.start, h.end):
            if value is not None:
                assert value.as_written in evidence
                words += 1
    assert words >= 8


def test_the_terms_load_back_unchanged_as_a_curated_annotation(tmp_path: Path) -> None:
    document = Document("t", Path("t.txt"), TERMS, DocumentMeta(published="2024-05-01"))
    found = extract(document, REGISTRY)
    path = tmp_path / "t.yaml"
    path.write_text(dump_annotation(found, REGISTRY), "utf-8")
    reader = load_registry()
    for entity in read_annotation_entities([path]):
        reader.add(entity)
    loaded = load_annotation(path, document, reader)
    keys = {"bounds", "duration", "predecessor", "successor", "start", "end", "attested"}
    new = [f for f in found.facts if isinstance(f, OfficeHolding)]
    assert [(f.holder, f.office, {k: getattr(f, k) for k in keys}, f.evidence) for f in loaded.facts
            if isinstance(f, OfficeHolding)] == [(f.holder, f.office, {k: getattr(f, k) for k in keys}, f.evidence)
                                                 for f in new]  # fmt: skip
    assert any(f.bounds for f in new) and any(f.duration for f in new) and any(f.predecessor for f in new)


# ---- what the build makes of them --------------------------------------------------------------


def test_an_automatic_graph_answers_who_held_the_office_on_a_day(tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    stories = {
        "april": ("2024-04-02", "Demissionair premier Mark Rutte reisde maandag naar Kyiv."),
        "juni": ("2024-06-10", "Dick Schoof volgt per 2 juli Mark Rutte op als premier."),
        "mei": ("2025-05-01", "Oud-premier Mark Rutte sprak als secretaris-generaal van de NAVO."),
    }
    for name, (published, body) in stories.items():
        text = f"---\npublished: '{published}'\n---\n{textwrap.dedent(body).strip()}\n"
        (documents / f"{name}.txt").write_text(text, "utf-8")
    (tmp_path / "annotations").mkdir()
    store = tmp_path / "store"
    build(documents=documents, annotations=tmp_path / "annotations", store=store, jobs=1)
    graph = GraphStore.open(store)

    def premiers(day: str) -> dict[str, str]:
        rows = answer(graph, "office-holders-on", {"date": day}).raw
        return {
            r["personLabel"].value: r["certainty"].value
            for r in rows
            if r["officeLabel"].value.startswith("minister-president")
        }

    assert premiers("2024-06-01") == {"Mark Rutte": "certain"}  # seen in April, in office until Schoof's start
    assert premiers("2024-08-01") == {"Dick Schoof": "likely"}  # begun on 2 July, no end known
