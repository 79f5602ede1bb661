"""Shared fixtures: the seed store built once per session, a runner, small documents."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from navokg.build.pipeline import build
from navokg.read.cards import write_cards
from navokg.store import GraphStore

from .server import Server, running_server

REPO = Path(__file__).resolve().parents[1]
GRAPH = REPO / "graph"
SEED_DOCUMENTS = GRAPH / "documents"
SEED_ANNOTATIONS = GRAPH / "annotations"
SEED_ENTITIES = GRAPH / "entities.yaml"
SEED_IDS = sorted(p.stem for p in SEED_DOCUMENTS.glob("*.txt"))

# A short Dutch news item written for the tests: a minister, a quote, an amount, a date.
SMALL_ARTICLE = """---
title: Kabinet trekt extra geld uit voor luchtverdediging Oekraïne
published: '2024-03-14'
publisher: Testkrant
genre: news
---
Nederland stelt 150 miljoen euro beschikbaar voor de luchtverdediging van Oekraïne. Dat heeft
minister van Defensie Kajsa Ollongren donderdag bekendgemaakt.

"Elke dag telt voor de Oekraïners", zei Ollongren na afloop van de ministerraad.
"""


def free_port() -> int:
    """A loopback port nobody listens on (for a server to start on, or to find refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store built from the five seeds and their curated annotations, with its fact cards
    (as ``navokg build`` makes it: lists read their facts from the cards)."""
    path = tmp_path_factory.mktemp("seed") / "store"
    build(documents=SEED_DOCUMENTS, annotations=SEED_ANNOTATIONS, entities=SEED_ENTITIES, store=path, cards=write_cards)
    return path


@pytest.fixture(scope="session")
def busy_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 150 generated documents (as the benchmark writes them), with its fact
    cards: lists longer than a page holds, and facts reported by many documents."""
    from benchmarks.corpus import write_corpus

    root = tmp_path_factory.mktemp("busy")
    write_corpus(root / "documents", 150)
    (root / "annotations").mkdir()
    store = root / "store"
    build(documents=root / "documents", annotations=root / "annotations", entities=SEED_ENTITIES, store=store,
          cards=write_cards)  # fmt: skip
    return store


@pytest.fixture(scope="session")
def seed_graph(seed_store: Path) -> GraphStore:
    return GraphStore.open(seed_store)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of graph/ (documents, annotations, entities) to break on purpose."""
    target = tmp_path / "graph"
    shutil.copytree(GRAPH, target, ignore=shutil.ignore_patterns("store"))
    return target


@pytest.fixture
def small_article(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "kabinet-luchtverdediging.txt"
    path.write_text(SMALL_ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def seed_server(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`navokg serve` on the seed store at 127.0.0.1, with small limits; stopped after the session."""
    options = [
        "--timeout",
        "2",
        "--max-result-bytes",
        "300000",
        "--workers",
        "2",
        "--cors-origin",
        "http://example.org",
        "--log-level",
        "warning",
    ]
    with running_server(seed_store, *options, log_dir=tmp_path_factory.mktemp("server")) as server:
        yield server
