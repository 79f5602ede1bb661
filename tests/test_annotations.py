"""Curated annotation files: evidence pinned to exact offsets, names resolved, errors precise."""

from __future__ import annotations

from pathlib import Path

import pytest

from navokg.errors import AnnotationError, EvidenceError, InputError
from navokg.model import Method, OfficeHolding, Statement
from navokg.sources.annotation_writer import dump_annotation
from navokg.sources.annotations import (
    Review,
    ReviewState,
    annotation_entries,
    load_annotation,
    read_annotation_entities,
)
from navokg.sources.documents import read_document
from navokg.sources.entities import load_registry

from .conftest import SEED_ANNOTATIONS, SEED_DOCUMENTS, SEED_ENTITIES, SEED_IDS

DOC_000 = SEED_DOCUMENTS / "000_20c9fd92713bf5d2.txt"


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    registry = load_registry(SEED_ENTITIES)
    for entity in read_annotation_entities(sorted(SEED_ANNOTATIONS.glob("*.yaml"))):
        registry.add(entity)
    return registry


def _annotate(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "000_20c9fd92713bf5d2.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_every_seed_annotation_loads_with_exact_evidence(doc_id: str, registry) -> None:  # type: ignore[no-untyped-def]
    document = read_document(SEED_DOCUMENTS / f"{doc_id}.txt")
    facts = load_annotation(SEED_ANNOTATIONS / f"{doc_id}.yaml", document, registry)
    assert facts.facts, "a curated seed annotation holds facts"
    for fact in facts.facts:
        for evidence in fact.evidence:
            assert document.body[evidence.start : evidence.end] == evidence.exact


def test_one_person_one_iri_across_spellings(registry) -> None:  # type: ignore[no-untyped-def]
    assert {registry.resolve(n).key for n in ("Rutte", "Mark Rutte", "mark rutte", "mark-rutte")} == {"mark-rutte"}


def test_evidence_that_does_not_occur_names_file_line_and_fact(tmp_path: Path, registry) -> None:  # type: ignore[no-untyped-def]
    path = _annotate(
        tmp_path,
        "office_holdings:\n"
        "  - holder: Mark Rutte\n"
        "    office: secretaris-generaal van de NAVO\n"
        "    evidence: Rutte werd in 1999 secretaris-generaal\n",
    )
    with pytest.raises(EvidenceError) as error:
        load_annotation(path, read_document(DOC_000), registry)
    message = str(error.value)
    assert f"{path} line 2" in message
    assert "office_holdings[1] (Mark Rutte)" in message
    assert "does not occur in 000_20c9fd92713bf5d2" in message
    assert "\n" not in message


def test_ambiguous_evidence_asks_for_a_hint(tmp_path: Path, registry) -> None:  # type: ignore[no-untyped-def]
    path = _annotate(
        tmp_path, "statements:\n  - speaker: Rutte\n    kind: indirect\n    text: x\n    evidence: Rutte\n"
    )
    with pytest.raises(EvidenceError, match=r"occurs \d+ times .* add prefix, suffix, occurrence or start"):
        load_annotation(path, read_document(DOC_000), registry)


@pytest.mark.parametrize(
    "hint",
    [
        "{exact: Rutte, prefix: 'demissionair premier Mark '}",
        "{exact: Rutte, suffix: ' op werkbezoek'}",
        "{exact: Rutte, occurrence: 1}",
    ],
)
def test_a_hint_picks_one_occurrence(tmp_path: Path, registry, hint: str) -> None:  # type: ignore[no-untyped-def]
    path = _annotate(
        tmp_path, f"statements:\n  - speaker: Rutte\n    kind: indirect\n    text: x\n    evidence: {hint}\n"
    )
    facts = load_annotation(path, read_document(DOC_000), registry)
    evidence = facts.facts[0].evidence[0]
    assert evidence.exact == "Rutte"
    assert read_document(DOC_000).body[evidence.start - 22 : evidence.start] == "demissionair premier Mark "[-22:]


def test_an_offset_out_of_range_is_refused(tmp_path: Path, registry) -> None:  # type: ignore[no-untyped-def]
    path = _annotate(
        tmp_path,
        "statements:\n  - speaker: Rutte\n    kind: indirect\n    text: x\n    evidence: {exact: Rutte, start: 99999}\n",
    )
    with pytest.raises(EvidenceError, match="offset 99999 is out of range"):
        load_annotation(path, read_document(DOC_000), registry)


def test_a_line_break_in_the_text_matches_a_space_in_the_annotation(tmp_path: Path, registry) -> None:  # type: ignore[no-untyped-def]
    # The text breaks the line after "Pieter"; annotators type a space.
    path = _annotate(
        tmp_path,
        "statements:\n  - speaker: Pieter Omtzigt\n    kind: indirect\n    text: x\n    evidence: stellen Pieter Omtzigt en de Volt-fractie\n",
    )
    evidence = load_annotation(path, read_document(DOC_000), registry).facts[0].evidence[0]
    assert evidence.exact == "stellen Pieter\nOmtzigt en de Volt-fractie"


@pytest.mark.parametrize(
    "yaml_text,message",
    [
        (
            "statements:\n  - speaker: Mark Ruttte\n    kind: indirect\n    text: x\n    evidence: Rutte antwoordt\n",
            "unknown person/organization/country 'Mark Ruttte'; closest: Mark Rutte",
        ),
        (
            "statements:\n  - speaker: Rutte\n    kind: direct\n    text: Ik blijf gewoon\n    evidence: Rutte antwoordt\n",
            "direct quote 'Ik blijf gewoon' does not occur",
        ),
        (
            "statements:\n  - speaker: Rutte\n    kind: indirect\n    text: x\n    date: dinsdag\n    evidence: Rutte antwoordt\n",
            "'dinsdag' is relative and 000_20c9fd92713bf5d2 gives no date",
        ),
        (
            "statements:\n  - speaker: Rutte\n    kind: indirect\n    text: x\n    date: 31 februari 2022\n    evidence: Rutte antwoordt\n",
            "is no date navokg can read",
        ),
        (
            "statements:\n  - speaker: Rutte\n    kinds: direct\n    text: x\n    evidence: Rutte antwoordt\n",
            "unknown key\\(s\\) kinds",
        ),
        (
            "aid_commitments:\n  - donor: Nederland\n    recipient: Oekraïne\n    amount: veel geld\n    evidence: Rutte antwoordt\n",
            "amount 'veel geld' does not parse",
        ),
        (
            "aid_commitments:\n  - donor: Nederland\n    recipient: Oekraïne\n    amount: 2,5 miljard\n    evidence: Rutte antwoordt\n",
            "amount has no currency",
        ),
        (
            "office_holdings:\n  - holder: NAVO\n    office: premier\n    evidence: Rutte antwoordt\n",
            "unknown person 'NAVO'",
        ),
        ("feiten: []\n", "unknown key\\(s\\) feiten"),
        (
            "document: 001_2e465c82d589c2ad\n",
            "names document '001_2e465c82d589c2ad' but belongs to '000_20c9fd92713bf5d2'",
        ),
    ],
)
def test_mistakes_in_annotations_get_one_clear_line(tmp_path: Path, registry, yaml_text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = _annotate(tmp_path, yaml_text)
    with pytest.raises(InputError, match=message) as error:
        load_annotation(path, read_document(DOC_000), registry)
    assert str(path) in str(error.value) and "\n" not in str(error.value)


def test_dates_keep_the_precision_written(tmp_path: Path, registry) -> None:  # type: ignore[no-untyped-def]
    path = _annotate(
        tmp_path,
        "office_holdings:\n"
        "  - holder: Mark Rutte\n    office: premier\n    attested: november 2021\n"
        "    evidence: In november 2021 gaat demissionair premier Mark Rutte\n"
        "  - holder: Mark Rutte\n    office: secretaris-generaal van de NAVO\n    start: 1 oktober 2024\n"
        "    evidence: Als Rutte op 1 oktober 2024 begint\n",
    )
    holding_a, holding_b = load_annotation(path, read_document(DOC_000), registry).facts
    assert isinstance(holding_a, OfficeHolding) and isinstance(holding_b, OfficeHolding)
    assert holding_a.attested is not None and holding_a.attested.lexical == "2021-11"
    assert holding_b.start is not None and holding_b.start.lexical == "2024-10-01"


def test_a_quote_split_by_its_attribution_is_a_list_of_parts(tmp_path: Path, registry) -> None:  # type: ignore[no-untyped-def]
    path = _annotate(
        tmp_path,
        "statements:\n  - speaker: Rutte\n    kind: direct\n"
        "    text: ['Ik ga niet weg', 'en ben dus geen kandidaat']\n"
        "    evidence: 'Ik ga niet weg en ben dus geen kandidaat'\n",
    )
    statement = load_annotation(path, read_document(DOC_000), registry).facts[0]
    assert isinstance(statement, Statement)
    assert statement.text == "Ik ga niet weg … en ben dus geen kandidaat"


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_dumped_annotations_load_back_to_the_same_facts(tmp_path: Path, registry, doc_id: str) -> None:  # type: ignore[no-untyped-def]
    document = read_document(SEED_DOCUMENTS / f"{doc_id}.txt")
    facts = load_annotation(SEED_ANNOTATIONS / f"{doc_id}.yaml", document, registry)
    path = tmp_path / f"{doc_id}.yaml"
    path.write_text(dump_annotation(facts, registry), encoding="utf-8")
    assert load_annotation(path, document, registry).facts == facts.facts


def test_an_unknown_entity_type_is_refused(tmp_path: Path) -> None:
    path = _annotate(tmp_path, "entities:\n  - {type: partij, label: Volt}\n")
    with pytest.raises(AnnotationError, match="'type' must be one of person, organization, country, office"):
        read_annotation_entities([path])


# --- review states (navokg serve --review) ----------------------------------------------------

HOLDING = (
    "office_holdings:\n  - holder: Mark Rutte\n    office: premier\n    evidence: demissionair premier Mark Rutte\n"
)
WHO = "by: anna, at: '2025-03-01T14:05:00Z'"


def _review_entries(tmp_path: Path, registry, extra: str):  # type: ignore[no-untyped-def]
    path = _annotate(tmp_path, HOLDING + extra)
    return annotation_entries(path, read_document(DOC_000), registry), load_annotation(
        path, read_document(DOC_000), registry
    )


def test_a_pending_fact_stays_the_extractors(tmp_path: Path, registry) -> None:  # type: ignore[no-untyped-def]
    entries, facts = _review_entries(tmp_path, registry, "    confidence: 0.62\n    review: pending\n")
    assert entries[0].review == Review(ReviewState.PENDING)
    (fact,) = facts.facts
    assert fact.method is Method.AUTOMATIC and fact.confidence == 0.62


@pytest.mark.parametrize("state", ["accepted", "corrected"])
def test_an_accepted_or_corrected_fact_is_curated(tmp_path: Path, registry, state: str) -> None:  # type: ignore[no-untyped-def]
    entries, facts = _review_entries(tmp_path, registry, f"    review: {{state: {state}, {WHO}}}\n")
    assert entries[0].review == Review(ReviewState(state), "anna", "2025-03-01T14:05:00Z")
    (fact,) = facts.facts
    assert fact.method is Method.CURATED and fact.confidence is None


def test_a_rejected_fact_is_kept_but_makes_no_fact(tmp_path: Path, registry) -> None:  # type: ignore[no-untyped-def]
    rejected = (
        "  - holder: Mark Rutte\n    office: minister van Defensie\n    evidence: Rutte antwoordt\n"
        f"    confidence: 0.3\n    review: {{state: rejected, {WHO}}}\n"
    )
    entries, facts = _review_entries(tmp_path, registry, rejected)
    assert [e.review.state if e.review else None for e in entries] == [None, ReviewState.REJECTED]
    assert entries[1].rejected and isinstance(entries[1].fact, OfficeHolding)
    assert [f.office for f in facts.facts] == [entries[0].fact.office]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "review,message",
    [
        ("    review: pending\n", "a pending fact is still the extractor's: it keeps its 'confidence'"),
        ("    confidence: 0.5\n    review: {state: pending, by: anna}\n", "a pending fact has not been decided"),
        (f"    review: {{state: approved, {WHO}}}\n", "'review' state must be one of pending, accepted"),
        ("    review: {state: accepted, at: '2025-03-01T14:05:00Z'}\n", "'review' needs 'by'"),
        ("    review: {state: accepted, by: anna, at: '2025-03-01'}\n", "'review' needs 'at'"),
        ("    review: {state: accepted, by: anna, at: '2025-03-01T14:05:00'}\n", "'review' needs 'at'"),
        (f"    review: {{state: accepted, {WHO}, when: now}}\n", "unknown key\\(s\\) when"),
        (f"    confidence: 0.9\n    review: {{state: accepted, {WHO}}}\n", "an accepted fact is curated"),
        (f"    review: {{state: accepted, {WHO}, was: {{holder: X}}}}\n", "only corrected facts have it"),
        (f"    review: {{state: corrected, {WHO}, was: {{path: /etc}}}}\n", "unknown key\\(s\\) path"),
        ("    review: [accepted]\n", "'review' must be 'pending' or a mapping"),
        (f"  - holder: X\n    evidence: y\n    bogus: 1\n    review: {{state: rejected, {WHO}}}\n", "bogus"),
        (
            f"  - holder: Nobody\n    office: premier\n    evidence: Rutte antwoordt\n    confidence: 0.2\n"
            f"    review: {{state: rejected, {WHO}}}\n",
            "unknown person 'Nobody'",
        ),
    ],
)
def test_review_states_are_checked_as_strictly_as_the_facts(
    tmp_path: Path, registry, review: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    path = _annotate(tmp_path, HOLDING + review)
    with pytest.raises(AnnotationError, match=message):
        load_annotation(path, read_document(DOC_000), registry)
