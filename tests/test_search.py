"""Full-text search: Dutch word forms and diacritics, ranked, every hit a fact IRI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from navokg.build.pipeline import build
from navokg.cli import cli
from navokg.dutch.words import normalise
from navokg.read.query import select_rows
from navokg.store import GraphStore

DATA = Path(__file__).parent / "data" / "search"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("search") / "store"
    build(documents=DATA / "documents", annotations=DATA / "annotations", store=path)
    return path


def _search(store: Path, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["search", "--store", str(store), "--format", "json", *args],
                                catch_exceptions=False)  # fmt: skip
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


@pytest.mark.parametrize(
    "word,form",
    [("steun", "steunen"), ("steunt", "steunen"), ("gesteund", "steunen"), ("investeer", "investeren")],
)
def test_a_word_finds_its_other_forms(store: Path, word: str, form: str) -> None:
    hits = _search(store, word)
    assert hits and form in str(hits[0]["text"])


def test_diacritics_and_case_do_not_matter(store: Path) -> None:
    assert _search(store, "OEKRAINE") == _search(store, "oekraïne") != []


def test_every_word_must_match(store: Path) -> None:
    hits = _search(store, "agressie", "lonen")
    assert [h["who"] for h in hits] == ["Wopke Hoekstra"]
    assert _search(store, "agressie", "munitie") == []


def test_hits_are_facts_with_their_evidence(store: Path) -> None:
    (hit,) = _search(store, "voorraden")
    rows = select_rows(GraphStore.open(store), f"SELECT ?text WHERE {{ <{hit['fact']}> nkg:text ?text }}")
    assert rows[0]["text"].value == "de voorraden slinken"
    body = (DATA / "documents" / "debat-luchtverdediging.txt").read_text("utf-8").split("---\n", 2)[2]
    assert body[int(str(hit["start"])) : int(str(hit["end"]))] == hit["exact"]


def test_search_text_cannot_inject_fts_syntax(store: Path) -> None:
    assert _search(store, 'steun" OR "munitie') == _search(store, "steun", "OR", "munitie") == []


def test_normalisation_is_shared_by_text_and_query() -> None:
    assert normalise("Oekraïne steunen") == normalise("oekraine steun")


@pytest.mark.parametrize("kind", [None, "statement", "aid"])
@pytest.mark.parametrize("text", ["Oekraïne", "steun", "Nederland", "de"])
def test_a_short_list_of_hits_is_the_start_of_the_long_one(seed_store: Path, text: str, kind: str | None) -> None:
    from navokg.read.search import search

    index = GraphStore.open(seed_store).search_index
    every = search(index, text, kind=kind, limit=100_000)
    assert len(every) > 3
    for limit in (1, 2, 3, 5, 8):
        assert search(index, text, kind=kind, limit=limit) == every[:limit], limit
