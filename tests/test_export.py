"""Exports read back by real libraries: nothing lost, same bytes every time, files atomic."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from navokg import export as export_module
from navokg.build.pipeline import build
from navokg.cli import cli
from navokg.export import JOIN, ExportFormat, export, export_to_file
from navokg.model import Evidence
from navokg.network import (
    Edge,
    EdgeKind,
    Fact,
    FactType,
    Node,
    NodeKind,
    Projection,
    When,
    load_projection,
    read_projection,
)
from navokg.network.cache import read_cache
from navokg.read.query import select_rows
from navokg.store import GraphStore

from .conftest import SEED_ANNOTATIONS, SEED_DOCUMENTS, SEED_ENTITIES

ID = "https://w3id.org/navokg/id/"
RUTTE = ID + "person/mark-rutte"
SG_NAVO = ID + "office/secretaris-generaal-van-de-navo"
GRAPH_FORMATS = [ExportFormat.GRAPHML, ExportFormat.GEXF, ExportFormat.CYJS]
RDFLIB_FORMAT = {
    "turtle": "turtle",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "trig": "trig",
    "nquads": "nquads",
}


def _bytes(graph: GraphStore, fmt: ExportFormat) -> bytes:
    out = io.BytesIO()
    export(graph, fmt, out)
    return out.getvalue()


def _rdflib(term: Any) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    # RDF 1.1: a simple literal is an xsd:string; rdflib spells it without a datatype.
    plain = term.language or term.datatype.value == str(rdflib.XSD.string)
    return rdflib.Literal(
        term.value, lang=term.language, datatype=None if plain else rdflib.URIRef(term.datatype.value)
    )


def _store_graphs(graph: GraphStore) -> dict[str, rdflib.Graph]:
    graphs: dict[str, rdflib.Graph] = {}
    for quad in graph.store:
        name = quad.graph_name.value
        graphs.setdefault(name, rdflib.Graph()).add(
            (_rdflib(quad.subject), _rdflib(quad.predicate), _rdflib(quad.object))
        )
    return graphs


def _assert_isomorphic(expected: rdflib.Graph, found: rdflib.Graph) -> None:
    if not isomorphic(expected, found):
        _, only_expected, only_found = graph_diff(to_isomorphic(expected), to_isomorphic(found))
        missing = sorted(only_expected)[:5]
        extra = sorted(only_found)[:5]
        pytest.fail(
            f"not isomorphic: {len(only_expected)} missing, e.g. {missing}; {len(only_found)} extra, e.g. {extra}"
        )


@pytest.fixture(scope="module")
def facts(seed_graph: GraphStore) -> dict[str, set[tuple[str, str, int, int]]]:
    """Every fact of the store with its evidence spans (document, exact, start, end), by SPARQL."""
    rows = select_rows(
        seed_graph,
        """SELECT ?fact ?doc ?exact ?start ?end WHERE {
             VALUES ?type { nkg:OfficeHolding nkg:Statement nkg:AidCommitment } ?fact a ?type ; nkg:evidence ?e .
             ?e oa:hasSource ?doc ; oa:exact ?exact ; oa:start ?start ; oa:end ?end }""",
    )
    found: dict[str, set[tuple[str, str, int, int]]] = {}
    for r in rows:
        span = (r["doc"].value, r["exact"].value, int(r["start"].value), int(r["end"].value))
        found.setdefault(r["fact"].value, set()).add(span)
    return found


@pytest.fixture(scope="module")
def bodies(seed_graph: GraphStore) -> dict[str, str]:
    return {r["d"].value: r["b"].value for r in select_rows(seed_graph, "SELECT ?d ?b WHERE { ?d nkg:body ?b }")}


# --- RDF ------------------------------------------------------------------------------


# rdflib 7's own parsers still go through its deprecated ConjunctiveGraph API internally,
# even when parsing into a Dataset: those two warnings are rdflib's, not ours.


@pytest.mark.parametrize("fmt", [ExportFormat.TURTLE, ExportFormat.NTRIPLES, ExportFormat.JSONLD])
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_triple_formats_are_the_union_of_all_graphs(seed_graph: GraphStore, fmt: ExportFormat) -> None:
    parsed = rdflib.Graph().parse(data=_bytes(seed_graph, fmt), format=RDFLIB_FORMAT[fmt])
    union = rdflib.Graph()
    for graph in _store_graphs(seed_graph).values():
        union += graph
    _assert_isomorphic(union, parsed)
    assert len(parsed) == len(seed_graph.store)  # no triple is stated in two graphs


@pytest.mark.parametrize("fmt", [ExportFormat.TRIG, ExportFormat.NQUADS])
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_quad_formats_keep_every_named_graph(seed_graph: GraphStore, fmt: ExportFormat) -> None:
    parsed = rdflib.Dataset().parse(data=_bytes(seed_graph, fmt), format=RDFLIB_FORMAT[fmt])
    found = {str(g.identifier): g for g in parsed.graphs() if len(g)}
    expected = _store_graphs(seed_graph)
    assert sorted(found) == sorted(expected)
    assert any("/graph/ontology" in name for name in found)  # blank nodes live here
    for name, graph in expected.items():
        _assert_isomorphic(graph, found[name])


def test_turtle_and_trig_use_the_readable_prefixes(seed_graph: GraphStore) -> None:
    for fmt in (ExportFormat.TURTLE, ExportFormat.TRIG):
        text = _bytes(seed_graph, fmt).decode("utf-8")
        assert "@prefix nkg: <https://w3id.org/navokg/ontology#> ." in text
        assert "@prefix id:" not in text
        assert "\ta nkg:OfficeHolding" in text


# --- graph formats and CSV ------------------------------------------------------------


def _read_graph(data: bytes, fmt: ExportFormat) -> nx.MultiDiGraph:
    if fmt is ExportFormat.GRAPHML:
        return nx.read_graphml(io.BytesIO(data))
    if fmt is ExportFormat.GEXF:
        return nx.read_gexf(io.BytesIO(data))
    return nx.cytoscape_graph(json.loads(data))


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_network_formats_lose_nothing(
    seed_graph: GraphStore, fmt: ExportFormat, facts: dict[str, set[tuple[str, str, int, int]]]
) -> None:
    projection = load_projection(seed_graph)
    graph = _read_graph(_bytes(seed_graph, fmt), fmt)
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == set(projection.nodes)
    assert graph.number_of_edges() == len(projection.edges)
    kinds = {data["kind"] for _, _, data in graph.edges(data=True)}
    assert kinds == {k.value for k in EdgeKind}
    seen: dict[str, set[tuple[str, str, int, int]]] = {}
    for _, _, data in graph.edges(data=True):
        if "fact" in data:
            spans = json.loads(data["evidence"])
            assert data["exact"] == spans[0]["exact"]
            seen[data["fact"]] = {(s["document"], s["exact"], s["start"], s["end"]) for s in spans}
    assert seen == facts  # every fact, with every span of its evidence
    assert (graph.nodes[RUTTE]["label"], graph.nodes[RUTTE]["kind"]) == ("Mark Rutte", "person")


def test_gexf_gives_gephi_time_intervals(seed_graph: GraphStore) -> None:
    data = _bytes(seed_graph, ExportFormat.GEXF)
    assert b'mode="dynamic" timeformat="date"' in data
    graph = nx.read_gexf(io.BytesIO(data))
    [navo] = [d for u, v, d in graph.edges(data=True) if (u, v) == (RUTTE, SG_NAVO) and d["kind"] == "holding"]
    assert navo["start"] == "2024-10-01" and "end" not in navo  # holds from then on
    assert navo["start_date"] == "2024-10-01 | “dinsdag”"  # every report's claim
    [aid] = [d for _, _, d in graph.edges(data=True) if d.get("amount") == 2e9]  # "2024": the whole year
    assert (aid["start"], aid["end"], aid["date"], aid["precision"]) == (
        "2024-01-01",
        "2024-12-31",
        "2024",
        "year",
    )
    document = graph.nodes[ID + "doc/004_44eb88ef367aefe1"]
    assert (document["start"], document["end"]) == ("2025-12-02", "2025-12-02")
    assert "start" not in graph.nodes[RUTTE]  # entities are timeless


def test_csv_has_one_row_per_fact_with_its_evidence(
    seed_graph: GraphStore, facts: dict[str, set[tuple[str, str, int, int]]], bodies: dict[str, str]
) -> None:
    rows = list(csv.DictReader(io.StringIO(_bytes(seed_graph, ExportFormat.CSV).decode("utf-8"))))
    assert len(rows) == len({r["fact"] for r in rows}) == len(facts)
    for row in rows:
        spans = list(zip(*(row[c].split(JOIN) for c in ("document", "exact", "start", "end")), strict=True))
        assert {(d, e, int(s), int(t)) for d, e, s, t in spans} == facts[row["fact"]]
        for document, exact, start, end in spans:
            assert bodies[document][int(start) : int(end)] == exact
            assert document in row["documents"].split(JOIN)
    [aid] = [r for r in rows if r["items"] == "100 Leopard 1-tanks"]
    assert aid["subject_label"] == "Denemarken | Duitsland | Nederland" and aid["role"] == "gives aid to"
    [holding] = [r for r in rows if r["subject"] == RUTTE and r["object"] == SG_NAVO]
    assert (holding["type"], holding["date"], holding["precision"]) == ("OfficeHolding", "2024-10-01", "day")
    assert holding["start_date"] == "2024-10-01 | “dinsdag”" and holding["attested_date"] == "2025-02 | 2025-12-02"
    assert len(holding["documents"].split(JOIN)) == 4  # four documents report it


def test_odd_characters_survive_graphml_and_gexf() -> None:
    label = 'Kamer & "Senaat" <NL>\ttab\nnieuwe regel\r\x0bverticaal'
    span = Evidence("x", 0, len(label), label)
    fact = Fact(ID + "statement/x", FactType.STATEMENT, (ID + "doc/x",), (ID + "person/a",), (), (span,), text=label)
    nodes = {
        ID + "doc/x": Node(ID + "doc/x", NodeKind.DOCUMENT, "doc", issued=When("2024", None, None, None)),
        ID + "person/a": Node(ID + "person/a", NodeKind.PERSON, label),
    }
    edge = Edge(ID + "person/a", ID + "doc/x", EdgeKind.SAID_IN, fact)
    projection = Projection(nodes, {fact.iri: fact}, [edge])
    kept = label.replace("\x0b", "\ufffd")  # XML 1.0 cannot hold it at all
    for writer, reader in (
        (export_module._write_graphml, nx.read_graphml),
        (export_module._write_gexf, nx.read_gexf),
    ):
        out = io.BytesIO()
        writer(projection, out)
        graph = reader(io.BytesIO(out.getvalue()))
        assert graph.nodes[ID + "person/a"]["label"] == kept
        [(_, _, data)] = graph.edges(data=True)
        assert data["text"] == kept and json.loads(data["evidence"])[0]["exact"] == label


# --- the same bytes every time --------------------------------------------------------


@pytest.fixture(scope="module")
def second_store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    """A store built separately from the same inputs as the seed store."""
    path = tmp_path_factory.mktemp("again") / "store"
    build(documents=SEED_DOCUMENTS, annotations=SEED_ANNOTATIONS, entities=SEED_ENTITIES, store=path)
    return GraphStore.open(path)


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_exports_are_byte_identical_run_after_run(seed_graph: GraphStore, fmt: ExportFormat) -> None:
    first = _bytes(seed_graph, fmt)
    assert first and _bytes(seed_graph, fmt) == first


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_two_builds_of_the_same_inputs_export_the_same_bytes(
    seed_graph: GraphStore, second_store: GraphStore, fmt: ExportFormat
) -> None:
    assert second_store.generation != seed_graph.generation
    assert _bytes(second_store, fmt) == _bytes(seed_graph, fmt)


@pytest.mark.parametrize("fmt", [*GRAPH_FORMATS, ExportFormat.CSV])
def test_network_exports_from_the_cached_projection_are_the_same_bytes(
    seed_graph: GraphStore, fmt: ExportFormat
) -> None:
    from_store = io.BytesIO()
    export_module._GRAPH_WRITERS[fmt](read_projection(seed_graph), from_store)
    load_projection(seed_graph)  # saves the cache, if no test has yet
    assert read_cache(seed_graph) is not None
    assert _bytes(seed_graph, fmt) == from_store.getvalue()


def test_oxigraph_dump_order_depends_on_content_not_on_loading_order(seed_graph: GraphStore, tmp_path: Path) -> None:
    """Why the RDF exports need no sort of their own: the on-disk store orders by content."""
    quads = list(seed_graph.store)
    shuffled = quads[:]
    random.Random(7).shuffle(shuffled)
    dumps = []
    for name, order in (("sorted", sorted(quads, key=str)), ("shuffled", shuffled)):
        store = ox.Store(str(tmp_path / name))
        for start in range(0, len(order), 500):
            store.extend(order[start : start + 500])
        store.flush()
        dumps.append(store.dump(format=ox.RdfFormat.N_QUADS))
        del store
    assert dumps[0] == dumps[1] == seed_graph.store.dump(format=ox.RdfFormat.N_QUADS)


# --- files and the command line -------------------------------------------------------


def test_export_to_a_file_is_atomic(seed_graph: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "graph.graphml"
    export_to_file(seed_graph, ExportFormat.GRAPHML, target)
    good = target.read_bytes()
    assert good == _bytes(seed_graph, ExportFormat.GRAPHML)

    def broken(projection: Projection, output: Any) -> None:
        output.write(b"<?xml version='1.0'?><graphml>")
        raise RuntimeError("disk full")

    monkeypatch.setitem(export_module._GRAPH_WRITERS, ExportFormat.GRAPHML, broken)
    with pytest.raises(RuntimeError, match="disk full"):
        export_to_file(seed_graph, ExportFormat.GRAPHML, target)
    assert target.read_bytes() == good  # the old file, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.graphml"]  # no temporary left
    with pytest.raises(RuntimeError):
        export_to_file(seed_graph, ExportFormat.GRAPHML, tmp_path / "new.graphml")
    assert not (tmp_path / "new.graphml").exists()


@pytest.mark.parametrize("fmt", ["trig", "gexf", "csv"])
def test_cli_writes_stdout_or_a_file(seed_store: Path, tmp_path: Path, fmt: str) -> None:
    runner = CliRunner()
    stdout = runner.invoke(cli, ["export", "--format", fmt, "--store", str(seed_store)], catch_exceptions=False)
    out = tmp_path / f"graph.{fmt}"
    to_file = runner.invoke(cli, ["export", "--format", fmt, "--out", str(out), "--store", str(seed_store)],
                            catch_exceptions=False)  # fmt: skip
    assert stdout.exit_code == to_file.exit_code == 0
    assert to_file.stdout == ""
    assert stdout.stdout_bytes == out.read_bytes() == _bytes(GraphStore.open(seed_store), ExportFormat(fmt))


@pytest.mark.parametrize("args,code,message", [
    (["export", "--out", "x.ttl"], 2, "Missing option '--format'"),
    (["export", "--format", "rdfxml"], 2, "'rdfxml' is not one of"),
    (["export", "--format", "turtle", "--out", "."], 2, "is a directory"),
    (["export", "--format", "turtle", "--store", "no-such-store"], 4, "no navokg store here"),
])  # fmt: skip
def test_cli_export_errors(seed_store: Path, args: list[str], code: int, message: str, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    if "--store" not in args:
        args = [*args, "--store", str(seed_store)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == code
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []
