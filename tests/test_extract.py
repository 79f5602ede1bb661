"""The automatic extractor on Dutch texts written for these tests, and on the seeds.

Each case in tests/data/extract/ is a document (.txt) and the facts a reader finds in it
(.yaml): persons, office holdings, statements and aid commitments that must be found,
and traps (cabinet names, GDP shares, running totals, apostrophes) that must not be.
The extractor sees only the built-in gazetteer.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from navokg.dutch.dates import TimeValue
from navokg.extract import extract
from navokg.model import (
    AidCommitment,
    BoundRelation,
    DocumentFacts,
    EntityKind,
    Method,
    OfficeHolding,
    Statement,
    StatementKind,
)
from navokg.sources.annotation_writer import dump_annotation
from navokg.sources.annotations import load_annotation, read_annotation_entities
from navokg.sources.documents import Document, DocumentMeta, read_document
from navokg.sources.entities import Registry, load_registry

from .conftest import SEED_DOCUMENTS

CASES = Path(__file__).parent / "data" / "extract"
CASE_NAMES = sorted(p.stem for p in CASES.glob("*.txt"))
DEVSET = sorted((Path(__file__).parents[1] / "benchmarks" / "devset" / "documents").glob("*.txt"))


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _label(facts: DocumentFacts, registry: Registry, key: str) -> str:
    for entity in facts.entities:
        if entity.key == key:
            return entity.label
    return registry.get(key).label if key in registry else key


def _date(value: TimeValue | None) -> str | None:
    if value is None:
        return None
    return value.lexical if value.resolved else "?" + value.as_written


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def _case(name: str, registry: Registry) -> tuple[Document, DocumentFacts, dict[str, Any]]:
    document = read_document(CASES / f"{name}.txt")
    expected = yaml.safe_load((CASES / f"{name}.yaml").read_text("utf-8"))
    return document, extract(document, registry), expected


def _persons(facts: DocumentFacts, registry: Registry) -> set[str]:
    kinds = {e.key: e.kind for e in facts.entities}
    return {
        _fold(_label(facts, registry, key))
        for key in facts.mentions
        if (kinds.get(key) or (registry.get(key).kind if key in registry else None)) is EntityKind.PERSON
    }


@pytest.mark.parametrize("name", CASE_NAMES)
def test_persons_are_found_with_their_full_names(name: str, registry: Registry) -> None:
    _document, facts, expected = _case(name, registry)
    found = _persons(facts, registry)
    for person in expected.get("persons", []):
        assert _fold(person) in found, f"{person} not among {sorted(found)}"
    for word in expected.get("not_persons", []):
        assert not any(_fold(word) == p or _fold(word) in p.split() for p in found), f"{word} taken as a person"


@pytest.mark.parametrize("name", CASE_NAMES)
def test_office_holdings(name: str, registry: Registry) -> None:
    _document, facts, expected = _case(name, registry)
    holdings = [f for f in facts.facts if isinstance(f, OfficeHolding)]
    for want in expected.get("holdings", []):
        candidates = [
            h
            for h in holdings
            if _fold(_label(facts, registry, h.holder)) == _fold(want["holder"])
            and (
                h.office == want.get("office")
                or _fold(_label(facts, registry, h.office)) == _fold(want.get("office_label", ""))
            )
        ]
        assert candidates, f"no holding {want}; found {[(h.holder, h.office) for h in holdings]}"
        if "ended" in want:  # over by the story's date, in the words that say so ("oud-premier")
            ended = [b for h in candidates for b in h.bounds if b.relation is BoundRelation.END_NOT_AFTER]
            assert any(_fold(b.when.as_written) == _fold(want["ended"]) for b in ended), want
        if "start" in want:
            assert any(_date(h.start) == want["start"] for h in candidates), [(_date(h.start)) for h in candidates]
        if "attested" in want:
            assert any(_date(h.attested) == want["attested"] for h in candidates), [
                _date(h.attested) for h in candidates
            ]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_statements(name: str, registry: Registry) -> None:
    _document, facts, expected = _case(name, registry)
    statements = [f for f in facts.facts if isinstance(f, Statement)]
    for want in expected.get("statements", []):
        candidates = [
            s
            for s in statements
            if _fold(want["speaker"]) in {_fold(_label(facts, registry, k)) for k in s.speakers}
            and s.kind is StatementKind(want["kind"])
            and (
                ("text" in want and _fold(s.text) == _fold(want["text"]))
                or ("contains" in want and _fold(want["contains"]) in _fold(s.text))
            )
        ]
        assert candidates, f"no statement {want}; found {[(s.speakers, s.kind.value, s.text) for s in statements]}"
        if "date" in want:
            assert any(_date(s.date) == want["date"] for s in candidates), [_date(s.date) for s in candidates]
    for words in expected.get("no_quotes_containing", []):
        assert not any(words in s.text for s in statements if s.kind is StatementKind.DIRECT), words
    for words in expected.get("no_statements_containing", []):
        assert not any(words in s.evidence[0].exact for s in statements), (
            f"a statement rests on '{words}': {[(s.speakers, s.text) for s in statements]}"
        )
    for unwanted in expected.get("no_statements", []):
        assert not any(
            _fold(unwanted["speaker"]) in {_fold(_label(facts, registry, k)) for k in s.speakers}
            and _fold(s.text) == _fold(unwanted["text"])
            for s in statements
        ), unwanted


def _items_match(commitment: AidCommitment, items: dict[str, int]) -> bool:
    return all(
        any(label.casefold() in i.label.casefold() and i.quantity == quantity for i in commitment.items)
        for label, quantity in items.items()
    )


@pytest.mark.parametrize("name", CASE_NAMES)
def test_aid_commitments(name: str, registry: Registry) -> None:
    _document, facts, expected = _case(name, registry)
    aid = [f for f in facts.facts if isinstance(f, AidCommitment)]
    for want in expected.get("aid", []):
        candidates = [
            a
            for a in aid
            if want["donor"] in a.donors
            and a.recipient == want["recipient"]
            and ("amount" not in want or a.amount == Decimal(want["amount"]))
            and ("items" not in want or _items_match(a, want["items"]))
        ]
        assert candidates, f"no aid {want}; found {[(a.donors, a.recipient, a.amount, a.items) for a in aid]}"
        found = candidates[0]
        for field, value in (
            ("currency", want.get("currency")),
            ("status", want.get("status")),
            ("aid_type", want.get("type")),
        ):
            if value is not None:
                assert str(getattr(found, field)) == value, (field, getattr(found, field), want)
        if "date" in want:
            assert _date(found.date) == want["date"]
    for amount in expected.get("no_aid_amounts", []):
        assert all(a.amount != Decimal(amount) for a in aid), f"{amount} taken as aid"


@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_fact_is_automatic_with_exact_evidence(name: str, registry: Registry) -> None:
    document, facts, _expected = _case(name, registry)
    assert facts.method is Method.AUTOMATIC
    for fact in facts.facts:
        assert fact.method is Method.AUTOMATIC
        assert fact.confidence is not None and 0 <= fact.confidence <= 1
        for evidence in fact.evidence:
            assert document.body[evidence.start : evidence.end] == evidence.exact


def test_confidence_is_graded(registry: Registry) -> None:
    levels = set()
    for name in CASE_NAMES:
        _document, facts, _expected = _case(name, registry)
        levels |= {f.confidence for f in facts.facts}
    assert len(levels) >= 5


def test_no_date_is_invented_without_a_reference(registry: Registry) -> None:
    _document, facts, _expected = _case("zonder_datum", registry)
    for fact in facts.facts:
        for value in (getattr(fact, "date", None), getattr(fact, "attested", None)):
            assert value is None or not value.resolved, fact


def test_surnames_resolve_to_known_persons_across_documents() -> None:
    registry = load_registry()
    first = read_document(CASES / "navo_wisseling.txt")
    for entity in extract(first, registry).entities:
        registry.add(entity)
    document = Document("kort", Path("kort.txt"), "Rutte zei dinsdag dat de NAVO sterk blijft.\n")
    facts = extract(document, registry)
    assert "mark-rutte" in facts.mentions
    assert any(isinstance(f, Statement) and f.speakers == ("mark-rutte",) for f in facts.facts)


def test_new_entity_keys_never_collide_with_other_kinds(registry: Registry) -> None:
    document = Document("g", Path("g.txt"), "Minister Georgia Meloni zei dat Georgia steun verdient.\n")
    facts = extract(document, registry)
    for entity in facts.entities:
        if entity.key in registry:
            assert registry.get(entity.key).kind is entity.kind


def test_a_title_opening_a_sentence_names_the_same_office_in_lower_case(registry: Registry) -> None:
    text = "Staatssecretaris van Cultuur Els de Boer opende dinsdag het museum.\n"
    again = "Op het feest sprak staatssecretaris van Cultuur Els de Boer de gasten toe.\n"
    offices = set()
    for body in (text, again):
        facts = extract(Document("t", Path("t.txt"), body), registry)
        holding = next(f for f in facts.facts if isinstance(f, OfficeHolding))
        offices.add((holding.office, _label(facts, registry, holding.office)))
    assert len(offices) == 1
    assert next(iter(offices))[1] == "staatssecretaris van Cultuur"


ROUND_TRIP = [*(CASES / f"{n}.txt" for n in CASE_NAMES), *sorted(SEED_DOCUMENTS.glob("*.txt")), *DEVSET]


@pytest.mark.parametrize("path", ROUND_TRIP, ids=lambda p: p.stem)
def test_extract_output_round_trips_as_an_annotation(path: Path, tmp_path: Path, registry: Registry) -> None:
    document = read_document(path)
    facts = extract(document, registry)
    annotation = tmp_path / f"{document.id}.yaml"
    annotation.write_text(dump_annotation(facts, registry), "utf-8")
    # Read back as a build reads it: the entities the file itself declares join the registry.
    reload_registry = load_registry()
    for entity in read_annotation_entities([annotation]):
        reload_registry.add(entity)
    curated = load_annotation(annotation, document, reload_registry)
    # Nothing is lost; the loader may see more (every registry name in the body is a mention).
    assert set(curated.mentions) >= set(facts.mentions)

    def comparable(fact: object) -> object:
        fields = dict(vars(fact))
        fields.pop("method")
        fields.pop("confidence")
        return tuple(sorted((k, repr(v)) for k, v in fields.items()))

    assert sorted(map(comparable, curated.facts), key=repr) == sorted(map(comparable, facts.facts), key=repr)


def test_extraction_is_the_same_in_any_order(registry: Registry) -> None:
    documents = [read_document(CASES / f"{name}.txt") for name in CASE_NAMES]
    forward = [dump_annotation(extract(d, registry), registry) for d in documents]
    backward = [dump_annotation(extract(d, registry), registry) for d in reversed(documents)]
    assert forward == list(reversed(backward))


@pytest.mark.parametrize(
    "sentence,work",
    [
        ("In het televisieprogramma Buitenhof zei minister Karin Jansen dat de steun doorgaat.", "Buitenhof"),
        ("In de talkshow Beau legde Jansen uit waarom het kabinet twijfelt.", "Beau"),
        ("Het boek Grip van Rob Verhoeven gaat over leiderschap.", "Grip"),
    ],
)
def test_a_programme_or_book_title_is_no_person(sentence: str, work: str) -> None:
    document = Document(id="werk", path=Path("werk.txt"), body=sentence, meta=DocumentMeta(published="2024-03-01"))
    facts = extract(document, load_registry())
    labels = {e.label for e in facts.entities if e.kind is EntityKind.PERSON}
    assert not any(work in label.split() for label in labels), labels
