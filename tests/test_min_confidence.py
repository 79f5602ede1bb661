"""--min-confidence: the graph without the automatic facts below it; curated facts always pass."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from navokg.build.pipeline import build
from navokg.cli import cli
from navokg.read.confidence import at_least, parse_minimum
from navokg.store import GraphStore

from .conftest import GRAPH
from .server import Server, running_server
from .test_pages import BROWSER

AUTOMATIC = "001_2e465c82d589c2ad"  # built by the extractor here: its facts carry a confidence
FACTS = (
    "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a ?t ; nkg:method ?m . "
    "FILTER (?t IN (nkg:OfficeHolding, nkg:Statement, nkg:AidCommitment)) }"
)


@pytest.fixture(scope="module")
def mixed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, one of them without its annotation file: curated and automatic facts side by side."""
    root = tmp_path_factory.mktemp("mixed") / "graph"
    shutil.copytree(GRAPH, root, ignore=shutil.ignore_patterns("store"))
    (root / "annotations" / f"{AUTOMATIC}.yaml").unlink()
    store = root.parent / "store"
    build(documents=root / "documents", annotations=root / "annotations", entities=root / "entities.yaml", store=store)
    return store


def _count(graph: GraphStore, where: str = "") -> int:
    query = FACTS.replace("nkg:method ?m .", f"nkg:method ?m . {where}")
    return int(next(iter(graph.query(query)))["n"].value)


def _confidences(graph: GraphStore) -> list[Decimal]:
    rows = graph.query(
        'SELECT ?f (MAX(?c) AS ?best) WHERE { ?f nkg:method "automatic" ; nkg:confidence ?c '
        'FILTER NOT EXISTS { ?f nkg:method "curated" } } GROUP BY ?f'
    )
    return sorted(Decimal(row["best"].value) for row in rows)


def test_a_minimum_leaves_out_only_automatic_facts_below_it(mixed_store: Path) -> None:
    graph = GraphStore.open(mixed_store)
    confidences = _confidences(graph)
    assert len(confidences) > 3
    minimum = confidences[len(confidences) // 2]
    view = at_least(graph, minimum)
    curated = '?f nkg:method "curated" .'
    assert _count(view, curated) == _count(graph, curated)  # curated facts always pass
    below = sum(1 for c in confidences if c < minimum)
    assert below and _count(view) == _count(graph) - below
    assert all(c >= minimum for c in _confidences(view))
    # Nothing of a dropped fact is left: no dates, evidence links or report counts dangling.
    dangling = view.query(
        "ASK { ?x ?p ?o FILTER (STRSTARTS(STR(?x), STR(id:)) && ?p != rdf:type) FILTER NOT EXISTS { ?x ?q ?y } }"
    )
    assert not bool(dangling)
    assert at_least(graph, None) is graph and at_least(graph, Decimal(0)) is graph


@pytest.mark.parametrize("value", ["1.5", "-0.1", "veel", "nan"])
def test_a_minimum_is_a_number_between_0_and_1(value: str) -> None:
    with pytest.raises(Exception, match="min-confidence"):
        parse_minimum(value)


def test_query_and_export_take_a_minimum(mixed_store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    count = ["query", "--store", str(mixed_store), "--format", "csv", FACTS]
    everything = runner.invoke(cli, count, catch_exceptions=False).output
    some = runner.invoke(cli, [*count[:1], "--min-confidence", "0.99", *count[1:]], catch_exceptions=False).output
    assert int(some.split()[-1]) < int(everything.split()[-1])
    out = tmp_path / "sure.nq"
    result = runner.invoke(
        cli,
        ["export", "--store", str(mixed_store), "--format", "nquads", "--min-confidence", "0.99", "--out", str(out)],
    )
    assert result.exit_code == 0
    whole = tmp_path / "all.nq"
    runner.invoke(cli, ["export", "--store", str(mixed_store), "--format", "nquads", "--out", str(whole)])
    assert 0 < len(out.read_bytes()) < len(whole.read_bytes())
    again = tmp_path / "again.nq"
    runner.invoke(cli, ["export", "--store", str(mixed_store), "--format", "nquads", "--min-confidence", "0.99",
                        "--out", str(again)])  # fmt: skip
    assert again.read_bytes() == out.read_bytes()  # the same store and minimum, the same bytes
    remote = runner.invoke(cli, ["query", "--endpoint", "http://127.0.0.1:9/sparql", "--min-confidence", "0.5", FACTS])
    assert remote.exit_code == 2 and "--min-confidence" in remote.output


@pytest.fixture(scope="module")
def mixed_server(mixed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(mixed_store, "--workers", "2", log_dir=tmp_path_factory.mktemp("log")) as server:
        yield server


def test_pages_take_a_minimum_and_say_so(mixed_server: Server) -> None:
    page = f"/document/{AUTOMATIC}"
    everything = httpx.get(mixed_server.url + page, headers=BROWSER, timeout=60)
    sure = httpx.get(mixed_server.url + page, params={"min_confidence": "0.99"}, headers=BROWSER, timeout=60)
    facts = re.compile(r'<li class="fact fact-')
    assert everything.status_code == sure.status_code == 200
    assert len(facts.findall(sure.text)) < len(facts.findall(everything.text))
    assert '<option value="0.9">' in everything.text and "automatic facts below 0.99 are left out" in sure.text
    bad = httpx.get(mixed_server.url + page, params={"min_confidence": "2"}, timeout=60)
    assert bad.status_code == 400 and "min_confidence" in bad.json()["error"]["message"]


def test_networks_and_timelines_of_a_view_leave_out_what_the_minimum_leaves_out(mixed_store: Path) -> None:
    from navokg.network import EdgeKind, neighbourhood, timeline

    graph = GraphStore.open(mixed_store)
    confidences = _confidences(graph)
    view = at_least(graph, confidences[len(confidences) // 2])
    kept = {row["f"].value for row in view.query("SELECT ?f WHERE { ?f nkg:method ?m }")}
    dropped = {row["f"].value for row in graph.query("SELECT ?f WHERE { ?f nkg:method ?m }")} - kept
    whole_edges: set[str] = set()
    for (person,) in graph.query("SELECT DISTINCT ?p WHERE { ?f nkg:method 'automatic' ; nkg:speaker|nkg:holder ?p }"):
        whole = neighbourhood(graph, person.value, kinds=set(EdgeKind))
        seen = neighbourhood(view, person.value, kinds=set(EdgeKind))
        whole_edges |= {e.fact.iri for e in whole.edges if e.fact}
        assert {e.fact.iri for e in seen.edges if e.fact} <= kept
        assert set(seen.nodes) <= {person.value} | {n for e in seen.edges for n in (e.source, e.target)}
        assert {e.fact.iri for e in timeline(view, person.value).entries if e.fact} <= kept
    assert whole_edges & dropped  # the whole graph's walks do show facts the view leaves out
