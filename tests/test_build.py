"""Building the store: exact evidence, named graphs, SHACL, and nothing half-written."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from navokg.build.pipeline import build
from navokg.build.rdf import document_quads, entity_quads
from navokg.build.validate import Engine, Validator
from navokg.cli import cli
from navokg.errors import EvidenceError, StoreNotFound, ValidationError
from navokg.model import AidCommitment, DocumentFacts, Evidence, Method, OfficeHolding, ReportedFact
from navokg.paths import default_ontology_dir
from navokg.read.query import select_rows
from navokg.sources.documents import Document, read_document
from navokg.sources.entities import Registry, load_registry
from navokg.store import GraphStore
from navokg.vocab import DERIVED_GRAPH, ENTITIES_GRAPH, FACTS_GRAPH, ONTOLOGY_GRAPH, doc_graph_iri

from .conftest import REPO, SEED_DOCUMENTS, SEED_ENTITIES, SEED_IDS

RUTTE = "https://w3id.org/navokg/id/person/mark-rutte"


def test_every_evidence_span_is_the_text_at_its_offsets(seed_graph: GraphStore) -> None:
    rows = select_rows(
        seed_graph,
        "SELECT ?doc ?exact ?start ?end WHERE { ?e a nkg:Evidence ; oa:hasSource ?doc ; "
        "oa:exact ?exact ; oa:start ?start ; oa:end ?end }",
    )
    assert len(rows) > 90
    bodies = {i: read_document(SEED_DOCUMENTS / f"{i}.txt").body for i in SEED_IDS}
    for row in rows:
        doc_id = row["doc"].value.rsplit("/", 1)[1]
        start, end = int(row["start"].value), int(row["end"].value)
        assert bodies[doc_id][start:end] == row["exact"].value


def test_one_named_graph_per_document_plus_facts_entities_ontology_derived(seed_graph: GraphStore) -> None:
    graphs = {row["g"].value for row in select_rows(seed_graph, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    shared = {FACTS_GRAPH, ENTITIES_GRAPH, ONTOLOGY_GRAPH, DERIVED_GRAPH}
    assert graphs == {doc_graph_iri(i) for i in SEED_IDS} | shared


def test_no_triple_is_in_two_graphs(seed_graph: GraphStore) -> None:
    # A union of graphs counts a triple once per graph holding it: a fact reported by two
    # documents must not be counted twice by a researcher's SUM or COUNT.
    rows = select_rows(
        seed_graph,
        "SELECT ?s ?p ?o WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s ?p ?o } FILTER (?a != ?b) } LIMIT 5",
    )
    assert rows == []


def test_every_fact_is_derived_from_a_document_and_has_evidence(seed_graph: GraphStore) -> None:
    rows = select_rows(
        seed_graph,
        """SELECT ?fact WHERE {
             VALUES ?type { nkg:OfficeHolding nkg:Statement nkg:AidCommitment }
             ?fact a ?type .
             FILTER NOT EXISTS { ?fact prov:wasDerivedFrom ?d ; nkg:evidence ?e ; nkg:method "curated" }
           }""",
    )
    assert rows == []


def test_aliases_become_alt_labels_of_one_entity(seed_graph: GraphStore) -> None:
    rows = select_rows(seed_graph, f"SELECT ?alt WHERE {{ <{RUTTE}> skos:altLabel ?alt }}")
    assert {"Rutte"} <= {r["alt"].value for r in rows}
    labels = select_rows(seed_graph, f"SELECT ?l WHERE {{ <{RUTTE}> rdfs:label ?l }}")
    assert [(r["l"].value, r["l"].language) for r in labels] == [("Mark Rutte", "nl")]


def _current(store: Path) -> str:
    return os.readlink(store / "current")


def test_a_failed_build_leaves_the_previous_store_intact(tmp_path: Path, seed_copy: Path) -> None:
    store = tmp_path / "store"
    build(
        documents=seed_copy / "documents",
        annotations=seed_copy / "annotations",
        entities=seed_copy / "entities.yaml",
        store=store,
    )
    before = _current(store)
    count = select_rows(GraphStore.open(store), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"].value

    annotation = seed_copy / "annotations" / "004_44eb88ef367aefe1.yaml"
    text = annotation.read_text("utf-8")
    annotation.write_text(
        text.replace("demissionair minister van Defensie Brekelmans", "demissionair minister van Defensie Brekelman"),
        "utf-8",
    )
    with pytest.raises(EvidenceError, match=r"004_44eb88ef367aefe1.yaml line \d+: .*does not occur"):
        build(
            documents=seed_copy / "documents",
            annotations=seed_copy / "annotations",
            entities=seed_copy / "entities.yaml",
            store=store,
        )

    assert _current(store) == before
    again = select_rows(GraphStore.open(store), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"].value
    assert again == count
    assert len(list((store / "generations").iterdir())) == 1, "the partial generation is swept away"


def test_two_builds_of_the_same_inputs_hold_the_same_quads(tmp_path: Path, seed_store: Path) -> None:
    other = tmp_path / "again"
    from .conftest import SEED_ANNOTATIONS

    build(documents=SEED_DOCUMENTS, annotations=SEED_ANNOTATIONS, entities=SEED_ENTITIES, store=other)
    dump = lambda path: sorted(str(q) for q in GraphStore.open(path).store)  # noqa: E731
    assert dump(other) == dump(seed_store)


# ---- SHACL -------------------------------------------------------------------------


@pytest.fixture(scope="module", params=list(Engine))
def validator(request: pytest.FixtureRequest) -> Validator:
    """Each SHACL test runs on both engines: the fast one and the reference."""
    return Validator(default_ontology_dir() / "shapes.ttl", engine=request.param)


def _quads_of(facts: DocumentFacts, registry):  # type: ignore[no-untyped-def]
    keys = {
        "mark-rutte",
        "minister-president-van-nederland",
        "secretaris-generaal-van-de-navo",
        "navo",
        "nederland",
    }
    graphs = document_quads(facts, registry)
    return [*graphs.document, *graphs.facts, *entity_quads(registry, keys)]


def _holding_facts(**changes) -> tuple[DocumentFacts, object]:  # type: ignore[no-untyped-def]
    registry = load_registry(SEED_ENTITIES)
    document = read_document(SEED_DOCUMENTS / "002_0b15ab17fb2497c6.txt")
    start = document.body.index("oud-premier Mark Rutte")
    evidence = Evidence(document.id, start, start + 22, "oud-premier Mark Rutte")
    holding = replace(OfficeHolding("mark-rutte", "minister-president-van-nederland", (evidence,)), **changes)
    return DocumentFacts(document, Method.CURATED, (holding,)), registry


def test_a_valid_fact_conforms(validator: Validator) -> None:
    facts, registry = _holding_facts()
    assert validator.violations(_quads_of(facts, registry)) == []


@pytest.mark.parametrize(
    "changes,constraint",
    [
        ({"holder": "navo"}, "nkg:holder: Class"),  # an organization cannot hold an office
        ({"office": "mark-rutte"}, "nkg:office: Class"),  # a person is no office
        ({"evidence": ()}, "nkg:evidence: MinCount"),  # every fact carries evidence
        ({"method": Method.AUTOMATIC}, "needs nkg:confidence"),
        ({"method": Method.AUTOMATIC, "confidence": 1.5}, "MaxInclusive"),
    ],
)
def test_shacl_rejects_a_broken_fact_naming_node_and_constraint(
    validator: Validator, changes: dict[str, object], constraint: str
) -> None:
    facts, registry = _holding_facts(**changes)
    with pytest.raises(ValidationError, match=r"SHACL: holding:[0-9a-f]{16}") as error:
        validator.check(_quads_of(facts, registry), where="test")
    assert constraint in str(error.value)


def test_shacl_rejects_evidence_that_is_not_the_text_at_its_offsets(validator: Validator) -> None:
    facts, registry = _holding_facts()
    holding = facts.facts[0]
    wrong = replace(holding.evidence[0], exact="oud-premier Mark Rutt")  # one character short
    broken = replace(facts, facts=(replace(holding, evidence=(wrong,)),))
    with pytest.raises(
        ValidationError,
        match=r"<https://w3id.org/navokg/id/evidence/002_0b15ab17fb2497c6/\d+-\d+>: SPARQL: oa:exact is not the text",
    ):
        validator.check(_quads_of(broken, registry), where="test")


def test_both_engines_find_the_same_violations_in_the_seed_graph_made_wrong() -> None:
    facts, registry = _holding_facts(holder="navo", evidence=())
    quads = _quads_of(facts, registry)
    shapes = default_ontology_dir() / "shapes.ttl"
    found = {engine: [v.key() for v in Validator(shapes, engine=engine).violations(quads)] for engine in Engine}
    assert found[Engine.TURBO] == found[Engine.PYSHACL] != []


def test_both_engines_accept_the_seed_graph(seed_graph: GraphStore) -> None:
    shapes = default_ontology_dir() / "shapes.ttl"
    data = [q for q in seed_graph.store if q.graph_name.value != ONTOLOGY_GRAPH]
    for engine in Engine:
        assert Validator(shapes, engine=engine).violations(data) == [], engine


def test_a_failed_first_build_does_not_block_the_next(tmp_path: Path, seed_copy: Path) -> None:
    store = tmp_path / "store"
    annotation = seed_copy / "annotations" / "004_44eb88ef367aefe1.yaml"
    good = annotation.read_text("utf-8")
    annotation.write_text(
        good.replace("demissionair minister van Defensie Brekelmans", "minister Brekelmans zei"), "utf-8"
    )
    with pytest.raises(EvidenceError):
        build(
            documents=seed_copy / "documents",
            annotations=seed_copy / "annotations",
            entities=seed_copy / "entities.yaml",
            store=store,
        )
    with pytest.raises(StoreNotFound, match="has no complete build"):
        GraphStore.open(store)
    annotation.write_text(good, "utf-8")
    build(
        documents=seed_copy / "documents",
        annotations=seed_copy / "annotations",
        entities=seed_copy / "entities.yaml",
        store=store,
    )
    assert GraphStore.open(store).manifest["counts"]["documents"] == 5


def _extractor_adding(
    monkeypatch: pytest.MonkeyPatch, wrong: Callable[[Document, DocumentFacts], ReportedFact]
) -> Callable[[Document, Registry], DocumentFacts]:
    """Make the extractor also report a wrong fact; the real extractor, to compare with."""
    import navokg.extract

    real_extract = navokg.extract.extract

    def extract_with_a_wrong_fact(document: Document, registry: Registry) -> DocumentFacts:
        facts = real_extract(document, registry)
        return replace(facts, facts=(*facts.facts, wrong(document, facts)))

    monkeypatch.setattr(navokg.extract, "extract", extract_with_a_wrong_fact)
    return real_extract


def test_an_automatic_fact_with_bad_evidence_is_dropped_with_a_warning_and_the_build_goes_on(
    tmp_path: Path, small_article: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_extract = _extractor_adding(
        monkeypatch, lambda document, facts: replace(facts.facts[0], evidence=(Evidence(document.id, 235, 120, ""),))
    )
    other = small_article.parent / "tweede-artikel.txt"
    other.write_text(small_article.read_text("utf-8").replace("150 miljoen", "200 miljoen"), "utf-8")
    with caplog.at_level("WARNING", logger="navokg.build"):
        report = build(documents=small_article.parent, store=tmp_path / "store", annotations=None, entities=None)
    assert report.automatic == 2
    warnings = [r.getMessage() for r in caplog.records if r.name == "navokg.build"]
    assert len(warnings) == 2
    for path in (small_article, other):
        assert any(m.startswith(f"{path}: dropped an automatic ") and "[235:120]" in m for m in warnings)
    kept = real_extract(read_document(small_article), load_registry(None))
    assert sum(report.facts.values()) == 2 * len(kept.facts)


def test_an_automatic_fact_the_shapes_refuse_is_dropped_with_a_warning_and_the_build_goes_on(
    tmp_path: Path, small_article: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def a_person_receiving(document: Document, facts: DocumentFacts) -> ReportedFact:
        aid = next(f for f in facts.facts if isinstance(f, AidCommitment))
        return replace(aid, recipient="kajsa-ollongren", amount=Decimal(7))

    real_extract = _extractor_adding(monkeypatch, a_person_receiving)
    with caplog.at_level("WARNING", logger="navokg.build"):
        report = build(documents=small_article.parent, store=tmp_path / "store", annotations=None, entities=None)
    warnings = [r.getMessage() for r in caplog.records if r.name == "navokg.build"]
    assert len(warnings) == 1 and warnings[0].startswith(f"{small_article}: dropped an automatic aid commitment: SHACL")
    assert "person:kajsa-ollongren" in warnings[0]
    kept = real_extract(read_document(small_article), load_registry(None))
    assert sum(report.facts.values()) == len(kept.facts)  # the rest of the document stays


def test_curated_evidence_that_is_not_the_text_still_stops_the_build(tmp_path: Path, small_article: Path) -> None:
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    (annotations / f"{small_article.stem}.yaml").write_text(
        "statements:\n- speaker: Nederland\n  kind: indirect\n  text: x\n"
        "  evidence: {exact: Elke dag telt, start: 3}\n",
        "utf-8",
    )
    with pytest.raises(EvidenceError, match="does not start at offset 3"):
        build(documents=small_article.parent, store=tmp_path / "store", annotations=annotations, entities=None)


def test_two_documents_that_name_different_kinds_alike_do_not_break_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "a.txt").write_text("De hulporganisatie Bruins Slot helpt in Oekraïne.\n", "utf-8")
    (documents / "b.txt").write_text("“Wij gaan door”, zegt Bruins Slot.\n", "utf-8")
    with caplog.at_level("WARNING", logger="navokg.build"):
        report = build(documents=documents, store=tmp_path / "store", annotations=None, entities=None)
    assert report.automatic == 2
    assert any("bruins-slot" in r.getMessage() for r in caplog.records if r.name == "navokg.build")


@pytest.mark.slow
def test_a_document_over_spacys_limit_is_built_in_pieces(runner: CliRunner, tmp_path: Path) -> None:
    """A long parliamentary transcript: 1.05 million characters, past spaCy's 1,000,000."""
    devset = sorted((REPO / "benchmarks" / "devset" / "documents").glob("*.txt"))
    text = "\n\n".join(path.read_text("utf-8") for path in devset)
    copies = 1_050_000 // len(text) + 1
    body = "\n\n".join([text] * copies)
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "handelingen.txt").write_text(f"---\npublished: '2024-03-14'\ngenre: parliament\n---\n{body}", "utf-8")
    store = tmp_path / "store"
    result = runner.invoke(cli, ["build", "--documents", str(documents), "--store", str(store), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    # SHACL has checked every evidence's words against the body at its offsets; the last
    # copy, far past the limit, gives as much evidence as the second (the first has no
    # text before it, every later one the same).
    step = len(text) + 2

    def evidence_in(copy: int) -> int:
        start, end = copy * step, copy * step + len(text)
        rows = select_rows(
            GraphStore.open(store),
            f"SELECT (COUNT(?e) AS ?n) WHERE {{ ?e a nkg:Evidence ; oa:start ?s FILTER(?s >= {start} && ?s < {end}) }}",
        )
        return int(rows[0]["n"].value)

    assert (copies - 1) * step > 1_000_000
    assert evidence_in(copies - 1) == evidence_in(1) > 0
