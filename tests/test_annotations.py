"""Curated annotation files: evidence pinned to exact offsets, names resolved, errors precise."""

from __future__ import annotations

from pathlib import Path

import pytest

from navokg.errors import AnnotationError, EvidenceError, InputError
from navokg.model import OfficeHolding, Statement
from navokg.sources.annotations import dump_annotation, load_annotation, read_annotation_entities
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
