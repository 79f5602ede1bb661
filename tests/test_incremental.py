"""Incremental and parallel builds give exactly the store a full serial build gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from navokg.build.pipeline import BuildReport, build
from navokg.read.cards import read_cards, write_cards
from navokg.read.facts import fact_types
from navokg.store import GraphStore, latest_documents

from .conftest import SMALL_ARTICLE


def _contents(store: Path) -> list[str]:
    """The store's quads and the cards the build made of its facts (navokg.read.cards)."""
    graph = GraphStore.open(store)
    cards = read_cards(graph, sorted(fact_types(graph)))
    assert cards is not None
    return sorted(str(q) for q in graph.store) + sorted(repr(card) for card in cards.values())


def _build(graph: Path, store: Path, **options) -> BuildReport:  # type: ignore[no-untyped-def]
    return build(
        documents=graph / "documents", annotations=graph / "annotations",
        entities=graph / "entities.yaml", store=store, cards=write_cards, **options,
    )  # fmt: skip


def _full(graph: Path, tmp_path: Path) -> list[str]:
    reference = tmp_path / "reference"
    _build(graph, reference, incremental=False)
    contents = _contents(reference)
    shutil.rmtree(reference)
    return contents


def test_adding_a_document_processes_only_that_document(tmp_path: Path, seed_copy: Path) -> None:
    store = tmp_path / "store"
    _build(seed_copy, store)
    (seed_copy / "documents" / "kabinet-luchtverdediging.txt").write_text(SMALL_ARTICLE, "utf-8")
    report = _build(seed_copy, store)
    assert report.incremental and report.reused == 5 and report.documents == 6
    assert _contents(store) == _full(seed_copy, tmp_path)


def test_a_changed_annotation_is_rebuilt_and_a_removed_document_leaves(tmp_path: Path, seed_copy: Path) -> None:
    store = tmp_path / "store"
    _build(seed_copy, store)
    annotation = seed_copy / "annotations" / "004_44eb88ef367aefe1.yaml"
    annotation.write_text(annotation.read_text("utf-8").replace("status: announced", "status: committed"), "utf-8")
    for name in ("001_2e465c82d589c2ad.txt", "001_2e465c82d589c2ad.meta.yaml"):
        (seed_copy / "documents" / name).unlink()
    (seed_copy / "annotations" / "001_2e465c82d589c2ad.yaml").unlink()
    report = _build(seed_copy, store)
    assert report.incremental and report.reused == 3 and report.documents == 4
    contents = _contents(store)
    assert contents == _full(seed_copy, tmp_path)
    assert not any("001_2e465c82d589c2ad" in q for q in contents)
    # The home page's latest documents, listed by the build, no longer hold the one removed.
    graph = GraphStore.open(store)
    assert (
        graph.manifest["latest_documents"] == latest_documents(graph.store)
        and len(graph.manifest["latest_documents"]) == 4
    )


def test_a_changed_registry_rebuilds_everything(tmp_path: Path, seed_copy: Path) -> None:
    store = tmp_path / "store"
    _build(seed_copy, store)
    entities = seed_copy / "entities.yaml"
    entities.write_text(
        entities.read_text("utf-8").replace("aliases: [Broeks]", "aliases: [Broeks, J. Broeks]"), "utf-8"
    )
    report = _build(seed_copy, store)
    assert not report.incremental and report.reused == 0
    assert _contents(store) == _full(seed_copy, tmp_path)


def test_an_unchanged_rebuild_keeps_the_same_contents(tmp_path: Path, seed_copy: Path) -> None:
    store = tmp_path / "store"
    _build(seed_copy, store)
    before = _contents(store)
    report = _build(seed_copy, store)
    assert report.reused == 5 and _contents(store) == before


@pytest.mark.slow
def test_parallel_extraction_gives_the_serial_store(tmp_path: Path, seed_copy: Path) -> None:
    # Enough un-annotated documents for the build to use a process pool.
    corpus = tmp_path / "corpus"
    (corpus / "documents").mkdir(parents=True)
    for n in range(12):
        for source in sorted((seed_copy / "documents").glob("*.txt")):
            target = corpus / "documents" / f"{source.stem}-{n:02d}.txt"
            target.write_bytes(source.read_bytes())
            meta = source.with_name(source.stem + ".meta.yaml")
            target.with_name(target.stem + ".meta.yaml").write_bytes(meta.read_bytes())
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    build(documents=corpus / "documents", store=serial, jobs=1, cards=write_cards)
    build(documents=corpus / "documents", store=parallel, jobs=2, cards=write_cards)
    assert _contents(parallel) == _contents(serial)


def test_terms_counts_and_conflicts_follow_the_documents_that_changed(tmp_path: Path, seed_copy: Path) -> None:
    # The derived graph of an incremental build is written only for what changed: a stated
    # successor taken back, and a second report of a whole article added and then taken back,
    # must leave it as a full build would.
    store = tmp_path / "store"
    _build(seed_copy, store)
    annotation = seed_copy / "annotations" / "000_20c9fd92713bf5d2.yaml"
    annotation.write_text(annotation.read_text("utf-8").replace("    predecessor: Mark Rutte\n", ""), "utf-8")
    documents = seed_copy / "documents"
    for suffix in (".txt", ".meta.yaml"):
        shutil.copy(documents / f"002_0b15ab17fb2497c6{suffix}", documents / f"002_copy{suffix}")
    _build(seed_copy, store)
    contents = _contents(store)
    assert contents == _full(seed_copy, tmp_path)
    assert any("reportCount" in q and '"2"' in q for q in contents)
    for suffix in (".txt", ".meta.yaml"):
        (documents / f"002_copy{suffix}").unlink()
    report = _build(seed_copy, store)
    assert report.incremental
    assert _contents(store) == _full(seed_copy, tmp_path)


def _article(published: str, body: str) -> str:
    return f"---\ntitle: Defensie\npublished: '{published}'\npublisher: Testkrant\ngenre: news\n---\n{body}\n"


def test_a_successor_reported_elsewhere_bounds_the_term_before_it_and_taken_back_frees_it(tmp_path: Path) -> None:
    # The new document names only the successor; the predecessor's term, which no changed
    # document reports, must still end where a full build ends it (one seat: minister van Defensie).
    graph = tmp_path / "graph"
    documents = graph / "documents"
    documents.mkdir(parents=True)
    (documents / "a.txt").write_text(
        _article("2023-05-10", "Minister van Defensie Kajsa Ollongren bezocht dinsdag de kazerne in Havelte."), "utf-8"
    )
    store = tmp_path / "store"
    build(documents=documents, annotations=None, store=store, cards=write_cards)

    def ollongren_ends() -> list[str]:
        rows = GraphStore.open(store).query(
            "SELECT ?end WHERE { ?h nkg:holder <https://w3id.org/navokg/id/person/kajsa-ollongren> ; nkg:endLatest ?end }"
        )
        return [row["end"].value for row in rows]

    assert ollongren_ends() == []  # nothing ends her term yet
    (documents / "b.txt").write_text(
        _article("2024-07-03", "Ruben Brekelmans is sinds 2 juli 2024 minister van Defensie."), "utf-8"
    )
    report = build(documents=documents, annotations=None, store=store, cards=write_cards)
    assert report.incremental and report.reused == 1
    assert ollongren_ends() == ["2024-07-02"]
    reference = tmp_path / "reference"
    build(documents=documents, annotations=None, store=reference, incremental=False, cards=write_cards)
    assert _contents(store) == _contents(reference)
    # Taken back, the successor leaves nothing behind in a term no document left reports.
    (documents / "b.txt").unlink()
    build(documents=documents, annotations=None, store=store, cards=write_cards)
    assert ollongren_ends() == []
