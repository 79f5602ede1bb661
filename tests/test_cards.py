"""Fact cards: what a list shows of each fact, made by the build, the same as the store's read."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from navokg.build.pipeline import build
from navokg.read.cards import LISTED, read_cards, read_whole_cards, write_cards
from navokg.read.facts import FactType, fact_types, read_facts
from navokg.store import CARDS_DB, GraphStore

from .conftest import SEED_ANNOTATIONS, SEED_DOCUMENTS, SEED_ENTITIES


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cards") / "store"
    build(
        documents=SEED_DOCUMENTS, annotations=SEED_ANNOTATIONS, entities=SEED_ENTITIES, store=store, cards=write_cards
    )
    return store


def _copy(built: Path, tmp_path: Path) -> GraphStore:
    shutil.copytree(built, tmp_path / "store", symlinks=True)
    return GraphStore.open(tmp_path / "store")


def test_every_fact_has_a_card_that_reads_as_the_store_does(built: Path) -> None:
    graph = GraphStore.open(built)
    facts = sorted(fact_types(graph))
    cards = read_cards(graph, facts)
    assert cards is not None and sorted(cards) == facts
    assert cards == read_facts(graph, facts, reports=LISTED, from_store=True)
    # A list's read is answered from them, the same facts; an IRI that is no fact has no card.
    assert read_facts(graph, [*facts, "https://example.org/nothing"], reports=LISTED) == cards


def test_cards_of_other_code_are_not_read(built: Path, tmp_path: Path) -> None:
    graph = _copy(built, tmp_path)
    with sqlite3.connect(graph.generation / CARDS_DB) as db:
        db.execute("UPDATE meta SET value = 'another' WHERE key = 'code'")
    facts = sorted(fact_types(graph))
    assert read_cards(graph, facts) is None
    assert read_facts(graph, facts, reports=LISTED) == read_facts(graph, facts, reports=LISTED, from_store=True)


def test_a_torn_cards_file_leaves_the_store_to_answer(built: Path, tmp_path: Path) -> None:
    graph = _copy(built, tmp_path)
    (graph.generation / CARDS_DB).write_bytes(b"not a database")
    facts = sorted(fact_types(graph))
    assert read_cards(graph, facts) is None
    assert read_facts(graph, facts, reports=LISTED) == read_facts(graph, facts, reports=LISTED, from_store=True)


def test_a_whole_read_takes_the_cards_that_hold_every_report_and_reads_the_rest(busy_store: Path) -> None:
    graph = GraphStore.open(busy_store)
    facts = sorted(fact_types(graph))
    split = read_whole_cards(graph, facts)
    assert split is not None
    whole, rest = split
    assert len(whole) > len(rest) > 0 and set(whole) | set(rest) == set(facts)
    # Only a fact reported more often than a card holds is read from the store; a holding's
    # card keeps its term whole beside it.
    read = read_facts(graph, rest, reports=LISTED)
    assert all(f.partial for f in read.values())
    assert FactType.HOLDING in {f.type for f in read_facts(graph, list(whole), reports=LISTED).values()}
    assert read_facts(graph, facts) == read_facts(graph, facts, from_store=True)


def test_a_documents_page_reads_the_store(built: Path) -> None:
    # Cards hold LISTED reports, read without a document first: a read with one never takes them.
    graph = GraphStore.open(built)
    facts = sorted(fact_types(graph))
    assert read_facts(graph, facts) == read_facts(graph, facts, from_store=True)
    document = next(iter(read_facts(graph, facts[:1]).values())).documents[0]
    with_first = read_facts(graph, facts, reports=LISTED, first=document)
    assert with_first == read_facts(graph, facts, reports=LISTED, first=document, from_store=True)


def test_a_build_without_a_card_writer_keeps_no_cards_not_stale_ones(built: Path, tmp_path: Path) -> None:
    # An incremental build carries the cards over; one that does not make them drops them.
    store = tmp_path / "store"
    shutil.copytree(built, store, symlinks=True)
    changed = tmp_path / "documents"
    shutil.copytree(SEED_DOCUMENTS, changed)
    first = sorted(changed.glob("*.txt"))[0]
    first.write_text(first.read_text("utf-8") + "\nMinister Anna Smit zei dat de steun doorgaat.\n", "utf-8")
    report = build(documents=changed, annotations=SEED_ANNOTATIONS, entities=SEED_ENTITIES, store=store)
    assert report.incremental
    graph = GraphStore.open(store)
    assert not (graph.generation / CARDS_DB).exists()
    facts = sorted(fact_types(graph))
    assert read_facts(graph, facts, reports=LISTED) == read_facts(graph, facts, reports=LISTED, from_store=True)
