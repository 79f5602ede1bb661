"""The network projection and the walks over it, on the seed graph: library and command line.

Facts are looked up by what they say (holder and office, speaker and words, amount), not
by IRI: a fact's IRI is a digest of how the build matches reports, not part of this API.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from navokg.cli import cli
from navokg.errors import NotFoundError, UsageError
from navokg.network import (
    ALL_KINDS,
    Centrality,
    DateWindow,
    EdgeKind,
    Fact,
    FactType,
    FlowGrouping,
    NodeKind,
    Projection,
    aid_flow,
    centrality,
    load_projection,
    neighbourhood,
    pagerank,
    read_projection,
    shortest_paths,
    timeline,
)
from navokg.network import cache as projection_cache
from navokg.network import load as projection_load
from navokg.network.cache import CACHE_NAME, read_cache, write_cache
from navokg.network.render import report as render_report
from navokg.read.query import bind_parameters, load_saved_queries, select_rows
from navokg.store import GraphStore

ID = "https://w3id.org/navokg/id/"
RUTTE = ID + "person/mark-rutte"
BREKELMANS = ID + "person/ruben-brekelmans"
DEFENSIE = ID + "office/minister-van-defensie-nederland"
SG_NAVO = ID + "office/secretaris-generaal-van-de-navo"
PREMIER = ID + "office/minister-president-van-nederland"
NEDERLAND = ID + "country/nederland"
OEKRAINE = ID + "country/oekraine"
NAVO = ID + "organization/navo"
VIA_AID = frozenset({EdgeKind.HOLDING, EdgeKind.POST, EdgeKind.AID})
FACTS = "VALUES ?t { nkg:OfficeHolding nkg:Statement nkg:AidCommitment } ?f a ?t"


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _count(graph: GraphStore, where: str) -> int:
    return int(select_rows(graph, f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ {where} }}")[0]["n"].value)


def _aid_count(graph: GraphStore) -> int:
    """Aid commitments from Nederland to Oekraïne, each once however many documents report it."""
    return _count(graph, f"?f nkg:donor <{NEDERLAND}> ; nkg:recipient <{OEKRAINE}>")


def _facts(projection: Projection, kind: FactType, subject: str, target: str | None = None) -> list[Fact]:
    return [
        f
        for f in projection.facts.values()
        if f.type is kind and subject in f.subjects and (target is None or target in f.objects)
    ]


@pytest.fixture(scope="module")
def projection(seed_graph: GraphStore) -> Projection:
    return load_projection(seed_graph)


@pytest.fixture(scope="module")
def bodies(seed_graph: GraphStore) -> dict[str, str]:
    rows = select_rows(seed_graph, "SELECT ?d ?body WHERE { ?d nkg:body ?body }")
    return {r["d"].value: r["body"].value for r in rows}


# --- the projection -------------------------------------------------------------------


def test_every_fact_of_the_store_is_in_the_projection_with_its_evidence(
    seed_graph: GraphStore, projection: Projection
) -> None:
    rows = select_rows(
        seed_graph,
        """SELECT ?fact ?doc ?exact ?start ?end WHERE {
             VALUES ?type { nkg:OfficeHolding nkg:Statement nkg:AidCommitment }
             ?fact a ?type ; nkg:evidence ?e .
             ?e oa:hasSource ?doc ; oa:exact ?exact ; oa:start ?start ; oa:end ?end }""",
    )
    expected = {
        (r["fact"].value, r["doc"].value, r["exact"].value, int(r["start"].value), int(r["end"].value)) for r in rows
    }
    found = {(f.iri, s.document_iri, s.exact, s.start, s.end) for f in projection.facts.values() for s in f.evidence}
    assert found == expected
    assert len(projection.facts) == _count(seed_graph, FACTS)
    assert {e.fact.iri for e in projection.edges if e.fact is not None} == set(projection.facts)


def test_nodes_are_entities_and_documents(projection: Projection) -> None:
    assert {n.kind for n in projection.nodes.values()} == set(NodeKind)
    assert projection.nodes[RUTTE].label == "Mark Rutte"
    assert sum(n.kind is NodeKind.DOCUMENT for n in projection.nodes.values()) == 5
    assert list(projection.nodes) == sorted(projection.nodes)


def test_edges_keep_fact_date_and_evidence(projection: Projection) -> None:
    [fact] = _facts(projection, FactType.HOLDING, RUTTE, SG_NAVO)
    [edge] = [e for e in projection.edges if e.fact == fact]
    assert (edge.source, edge.target, edge.kind) == (RUTTE, SG_NAVO, EdgeKind.HOLDING)
    assert edge.when is not None and (edge.when.value, edge.when.precision) == ("2024-10-01", "day")
    assert (edge.earliest, edge.latest) == (dt.date(2024, 10, 1), None)  # open-ended: no end known
    assert any(s.exact.startswith("Als Rutte op 1 oktober 2024 begint") for s in fact.evidence)
    # Reported by several documents: one start resolved, one ("dinsdag") not.
    assert [w.as_written for w in fact.start] == ["1 oktober 2024", "dinsdag"]
    assert len(fact.documents) > 1


def test_the_multigraph_keeps_every_edge_with_its_fact(seed_graph: GraphStore, projection: Projection) -> None:
    graph = projection.multigraph()
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == len(projection.nodes)
    assert graph.number_of_edges() == len(projection.edges)
    between = [d["edge"] for d in graph.get_edge_data(NEDERLAND, OEKRAINE).values()]
    assert sum(e.kind is EdgeKind.AID for e in between) == _aid_count(seed_graph)
    assert all(e.fact is not None for e in between if e.kind is not EdgeKind.CO_MENTION)
    assert graph.nodes[RUTTE]["node"].label == "Mark Rutte"


def test_a_statement_links_its_speaker_to_what_it_is_about_and_to_its_document(
    projection: Projection,
) -> None:
    [fact] = [f for f in _facts(projection, FactType.STATEMENT, RUTTE) if "ernstige" in (f.text or "")]
    edges = {(e.kind, e.target) for e in projection.edges if e.fact == fact}
    assert edges == {
        (EdgeKind.STATEMENT, OEKRAINE),
        (EdgeKind.STATEMENT, ID + "country/rusland"),
        (EdgeKind.SAID_IN, ID + "doc/000_20c9fd92713bf5d2"),
    }


def test_co_mentions_count_the_documents_naming_both(seed_graph: GraphStore, projection: Projection) -> None:
    both = _count(seed_graph, f"?f schema:mentions <{RUTTE}> , <{NAVO}>")
    [edge] = [e for e in projection.edges if e.kind is EdgeKind.CO_MENTION and {e.source, e.target} == {RUTTE, NAVO}]
    assert edge.weight == both == 5
    assert edge.source < edge.target and edge.fact is None


def test_a_date_window_keeps_edges_whose_bounds_may_overlap_it(seed_graph: GraphStore) -> None:
    inside = load_projection(seed_graph, window=DateWindow.parse("2025", "2025"))
    for edge in inside.edges:
        if edge.kind is EdgeKind.POST:
            continue  # office posts are timeless
        assert edge.earliest is None or edge.earliest <= dt.date(2025, 12, 31)
        assert edge.latest is None or edge.latest >= dt.date(2025, 1, 1)
        assert (edge.earliest, edge.latest) != (None, None)
    facts = {e.fact.iri for e in inside.edges if e.fact}
    [navo] = _facts(inside, FactType.HOLDING, RUTTE, SG_NAVO)
    [premier] = _facts(inside, FactType.HOLDING, RUTTE, PREMIER)
    assert navo.iri in facts  # began 2024-10-01, no end: still held in 2025
    # Seen in office from November 2021 to 1 March 2024; "de nieuwe premier" Schoof follows
    # him by 1 October 2024, which bounds his term (docs: periods).
    assert premier.bounds == (dt.date(2021, 11, 1), dt.date(2024, 10, 1))
    assert premier.iri not in facts
    assert DateWindow.parse(None, None) is None


@pytest.mark.parametrize("start,end,message", [
    ("2024-13", None, "has no month 13"),
    ("2025", "2024", "is after the end of the window"),
    ("gisteren", None, "YYYY, YYYY-MM or YYYY-MM-DD"),
])  # fmt: skip
def test_bad_windows_are_usage_errors(start: str, end: str | None, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        DateWindow.parse(start, end)


# --- paths ----------------------------------------------------------------------------


def test_a_minister_reaches_oekraine_through_an_aid_commitment(seed_graph: GraphStore, bodies: dict[str, str]) -> None:
    result = shortest_paths(seed_graph, "Ruben Brekelmans", "Oekraïne", kinds=VIA_AID)
    [path] = result.paths
    assert [n.iri for n in path.nodes] == [BREKELMANS, DEFENSIE, NEDERLAND, OEKRAINE]
    holding, post, aid = path.hops
    assert holding.edges[0].fact is not None
    exact = {s.exact for s in holding.edges[0].fact.evidence}
    assert "Gisteren maakte demissionair minister van Defensie Brekelmans bekend" in exact
    assert post.edges[0].kind is EdgeKind.POST and post.edges[0].fact is None
    assert len(aid.edges) == 3 and aid.more == _aid_count(seed_graph) - 3  # three shown, the rest counted
    for hop in (holding, aid):
        for edge in hop.edges:
            assert edge.fact is not None and edge.fact.evidence
            for span in edge.fact.evidence:
                assert bodies[span.document_iri][span.start : span.end] == span.exact


def test_the_shortest_path_over_all_facts_is_a_statement(seed_graph: GraphStore) -> None:
    [path] = shortest_paths(seed_graph, "Brekelmans", "Oekraïne").paths
    [hop] = path.hops
    assert hop.edges[0].kind is EdgeKind.STATEMENT
    assert hop.edges[0].fact is not None and "250 miljoen euro" in (hop.edges[0].fact.text or "")


def test_no_path_is_an_empty_answer(seed_graph: GraphStore) -> None:
    assert shortest_paths(seed_graph, "Rutte", "Oekraïne", kinds=frozenset({EdgeKind.POST})).paths == []


def test_path_on_the_command_line_shows_each_hop_with_its_evidence(seed_store: Path) -> None:
    args = ("--via", "holding,post,aid", "--store", seed_store, "--facts-per-hop", "1", "--width", "0")
    code, out, _ = _run("path", "Brekelmans", "Oekraïne", *args)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["path", "hop", "from", "relation", "to", "facts", "date", "fact", "evidence"]
    assert "holding →" in lines[2] and "holding:" in lines[2] and "minister van Defensie" in lines[2]
    assert "post →" in lines[3] and "Nederland" in lines[3]
    assert "aid →" in lines[4] and f"1 of {_aid_count(GraphStore.open(seed_store))}" in lines[4]
    assert lines[-1] == "(3 rows)"


def test_path_json_has_the_documented_shape(seed_store: Path) -> None:
    args = ("--via", "holding,post,aid", "--store", seed_store, "--format", "json")
    code, out, _ = _run("path", "Brekelmans", "Oekraïne", *args)
    data = json.loads(out)
    assert code == 0 and data["length"] == 3 and data["kinds"] == ["aid", "holding", "post"]
    hop = data["paths"][0]["hops"][0]
    assert (hop["from"], hop["to"]) == (BREKELMANS, DEFENSIE)
    fact = hop["edges"][0]["fact"]
    assert set(fact["evidence"][0]) == {"document", "exact", "start", "end"}
    assert fact["type"] == "OfficeHolding" and len(fact["documents"]) == 2
    assert data["paths"][0]["hops"][2]["more"] == _aid_count(GraphStore.open(seed_store)) - 3


# --- neighbourhood --------------------------------------------------------------------


def test_neighbourhood_to_depth_two(seed_graph: GraphStore) -> None:
    near = neighbourhood(seed_graph, "Brekelmans", depth=1, kinds=VIA_AID)
    assert near.distance == {BREKELMANS: 0, DEFENSIE: 1}
    far = neighbourhood(seed_graph, "Brekelmans", depth=2, kinds=VIA_AID)
    assert far.distance[NEDERLAND] == 2
    assert next(iter(far.nodes)) == BREKELMANS
    assert all(e.source in far.distance and e.target in far.distance for e in far.edges)


def test_neighbourhood_in_a_window_keeps_what_may_fall_inside_it(seed_graph: GraphStore) -> None:
    holdings = frozenset({EdgeKind.HOLDING})
    [edge] = neighbourhood(seed_graph, "Brekelmans", kinds=holdings).edges
    # Reported twice: a minister of the cabinet formed after the elections of 22 November
    # 2023, and in office on 1 December 2025; no end is known, so the term goes on.
    assert edge.fact is not None and len(edge.fact.documents) == 2
    assert (edge.earliest, edge.latest) == (dt.date(2023, 11, 22), None)
    december = DateWindow.parse("2025-12", None)
    assert neighbourhood(seed_graph, "Brekelmans", kinds=holdings, window=december).edges
    before = DateWindow.parse(None, "2023-10")
    assert not neighbourhood(seed_graph, "Brekelmans", kinds=holdings, window=before).edges


def test_neighbours_csv_gives_iris_and_labels(seed_store: Path) -> None:
    code, out, _ = _run("neighbours", "Brekelmans", "--via", "holding", "--store", seed_store, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 1
    assert (rows[0]["source"], rows[0]["source_label"]) == (BREKELMANS, "Ruben Brekelmans")
    assert (rows[0]["target"], rows[0]["target_label"]) == (DEFENSIE, "minister van Defensie")
    assert rows[0]["date"] == "2025-12-01" and " | " in rows[0]["evidence"]  # two reports, two spans


def test_a_large_neighbourhood_is_cut_to_the_nearest_and_most_connected(seed_graph: GraphStore) -> None:
    whole = neighbourhood(seed_graph, "Rutte", depth=2)
    cut = neighbourhood(seed_graph, "Rutte", depth=2, limit=12)
    assert len(cut.nodes) == 12 and cut.total == len(whole.nodes) and cut.left_out == len(whole.nodes) - 12
    assert next(iter(cut.nodes)) == RUTTE
    # Hop one fills first; each kept node keeps a shortest connection to the centre.
    near = [i for i, hop in whole.distance.items() if hop == 1]
    assert len(near) >= 11 and all(cut.distance[i] == 1 for i in cut.nodes if i != RUTTE)
    # ... the most connected of them: none left out has more facts inside the neighbourhood.
    facts: dict[str, int] = {}
    for edge in whole.edges:
        if edge.source != edge.target:
            for end in (edge.source, edge.target):
                facts[end] = facts.get(end, 0) + edge.weight
    shown = [facts[i] for i in near if i in cut.nodes]
    assert min(shown) >= max(facts[i] for i in near if i not in cut.nodes)
    graph = nx.Graph((e.source, e.target) for e in cut.edges)
    for iri, hop in cut.distance.items():
        assert nx.shortest_path_length(graph, RUTTE, iri) == hop
    assert all(e.source in cut.nodes and e.target in cut.nodes for e in cut.edges)
    document = json.loads(_run("neighbours", "Rutte", "--depth", "2", "--limit", "12", "--format", "json",
                               "--store", seed_graph.path)[1])  # fmt: skip
    assert (document["total"], document["left_out"], document["limit"]) == (cut.total, cut.left_out, 12)
    assert document["note"].startswith(f"{cut.total} nodes lie within 2 hops; shown are the 12 nearest")
    assert neighbourhood(seed_graph, "Rutte", depth=2, limit=len(whole.nodes)).left_out == 0


def test_facts_per_pair_keeps_the_earliest_of_each_kind_between_two_nodes(seed_graph: GraphStore) -> None:
    whole = neighbourhood(seed_graph, "Rutte")
    capped = neighbourhood(seed_graph, "Rutte", facts_per_pair=2)
    groups: dict[tuple[str, str, str], list[Any]] = {}
    for edge in whole.edges:
        groups.setdefault((edge.kind.value, *sorted((edge.source, edge.target))), []).append(edge)  # type: ignore[arg-type]
    assert max(len(g) for g in groups.values()) > 2  # ten statements of his reported by one document
    kept: dict[tuple[str, str, str], list[Any]] = {}
    for edge in capped.edges:
        kept.setdefault((edge.kind.value, *sorted((edge.source, edge.target))), []).append(edge)  # type: ignore[arg-type]
    assert kept.keys() == groups.keys()
    for key, edges in groups.items():
        earliest = sorted(e.earliest or dt.date.max for e in edges)[:2]
        assert sorted(e.earliest or dt.date.max for e in kept[key]) == earliest
    assert capped.facts_left_out == len(whole.edges) - len(capped.edges) > 0
    assert capped.nodes == whole.nodes
    assert "more are left out" in (render_report(capped).document["note"] or "")


# --- centrality -----------------------------------------------------------------------


def test_centrality_is_deterministic_with_ties_broken_by_iri(seed_graph: GraphStore) -> None:
    first = centrality(seed_graph, measure=Centrality.DEGREE, top=None)
    assert centrality(seed_graph, measure=Centrality.DEGREE, top=None) == first
    scores = [(round(-r.score, 12), r.node.iri) for r in first.entries]
    assert scores == sorted(scores)
    assert len(set(s for s, _ in scores)) < len(scores)  # there are ties to break
    assert all(r.node.kind is not NodeKind.DOCUMENT for r in first.entries)
    assert [r.rank for r in first.entries] == list(range(1, len(first.entries) + 1))


def test_degree_matches_networkx(seed_graph: GraphStore, projection: Projection) -> None:
    everything = frozenset(NodeKind)
    result = centrality(seed_graph, measure=Centrality.DEGREE, kinds=ALL_KINDS, node_kinds=everything, top=None)
    expected = nx.degree_centrality(projection.simple(ALL_KINDS))
    assert {r.node.iri: r.score for r in result.entries} == pytest.approx(expected)


def test_pagerank_matches_networkx_reference_implementation(projection: Projection) -> None:
    graph = projection.simple(ALL_KINDS - {EdgeKind.MENTIONS})  # documents stay, some without edges
    ours = pagerank(graph)
    reference = _pagerank_python(graph, alpha=0.85, tol=1e-12, max_iter=1000, weight="weight")
    assert ours == pytest.approx(reference, abs=1e-9)
    assert sum(ours.values()) == pytest.approx(1.0)


def test_rutte_is_the_most_central_person_by_pagerank(seed_graph: GraphStore) -> None:
    result = centrality(seed_graph, measure=Centrality.PAGERANK, node_kinds=frozenset({NodeKind.PERSON}), top=3)
    assert result.entries[0].node.iri == RUTTE
    assert result.parameters["alpha"] == 0.85


def test_centrality_on_the_command_line(seed_store: Path) -> None:
    args = ("--measure", "betweenness", "--top", "3", "--store", seed_store, "--format", "json")
    code, out, _ = _run("centrality", *args)
    data = json.loads(out)
    assert code == 0 and data["measure"] == "betweenness" and len(data["ranking"]) == 3
    assert data["ranking"][0]["rank"] == 1 and set(data["ranking"][0]) >= {"iri", "label", "kind", "score"}
    code, out, _ = _run("centrality", "--type", "person", "--top", "1", "--store", seed_store)
    assert code == 0 and "Mark Rutte" in out.splitlines()[2]


# --- timeline -------------------------------------------------------------------------


def test_rutte_timeline_is_in_date_order_with_his_offices(seed_graph: GraphStore) -> None:
    entries = timeline(seed_graph, "Rutte").entries
    dated = [e.when.earliest for e in entries if e.when and e.when.earliest]
    assert dated == sorted(dated)
    assert all(not (e.when and e.when.earliest) for e in entries[len(dated) :])  # undated last
    offices = [e.what for e in entries if e.kind == "holding"]
    assert offices == ["minister-president van Nederland", "secretaris-generaal van de NAVO"]
    first = entries[0]
    assert first.when is not None and (first.when.value, first.when.precision) == ("2021-11", "month")
    assert first.detail.startswith("over by “oud-premier”; attested 2021-11, 2022-02, 2022-05")
    assert first.detail.endswith(
        "held: likely 2021-11-01 – 2021-11-29 (sighting), certain 2021-11-30 – 2024-03-01 (sighting), "
        "likely 2024-03-02 – 2024-10-01 (succession)"
    )
    [navo] = [e for e in entries if e.kind == "holding" and SG_NAVO in e.fact.objects]
    assert navo.when is not None and (navo.when.value, navo.when.precision) == ("2024-10-01", "day")
    assert navo.detail == (
        "from 2024-10-01, “dinsdag”; attested 2025-02, 2025-12-02; "
        "held: certain 2024-10-01 – 2025-12-02 (start, sighting), likely from 2025-12-03 on (continuation)"
    )
    said = select_rows(seed_graph, f"SELECT DISTINCT ?s WHERE {{ ?s nkg:speaker <{RUTTE}> }}")
    assert {e.fact.iri for e in entries if e.kind == "statement"} == {r["s"].value for r in said}
    assert {e.kind for e in entries} == {"holding", "statement", "aid"}


def test_aid_in_a_timeline_is_marked_as_an_inference_through_an_office(seed_graph: GraphStore) -> None:
    aid = [e for e in timeline(seed_graph, "Brekelmans").entries if e.kind == "aid"]
    assert {e.detail for e in aid} == {"via office: minister van Defensie"}
    assert Decimal("250000000") in {e.fact.amount for e in aid}
    # Only where he certainly held the office: from the new cabinet (by September 2024) on,
    # not at the security agreement of 1 March 2024, when he may not yet have.
    assert all(e.fact.bounds[1] is None or e.fact.bounds[1] >= dt.date(2024, 9, 30) for e in aid)
    assert all(e.fact.subjects == (NEDERLAND,) for e in aid)


def test_an_office_timeline_gives_its_holders_in_succession(seed_graph: GraphStore) -> None:
    office = timeline(seed_graph, SG_NAVO)
    assert office.entity.iri == SG_NAVO
    assert [(e.kind, e.what) for e in office.entries] == [("holding", "Jens Stoltenberg"), ("holding", "Mark Rutte")]
    document = json.loads(_run("timeline", SG_NAVO, "--format", "json", "--store", seed_graph.path)[1])
    assert document["entity"]["iri"] == SG_NAVO and "person" not in document
    rutte = document["entries"][1]["fact"]["held"]
    spans = office.entries[1].fact.held
    assert [(h["first"], h["last"], h["certainty"], h["basis"]) for h in rutte] == [
        (s.first.isoformat(), s.last.isoformat() if s.last else None, s.certainty, s.basis) for s in spans
    ]
    assert (rutte[0]["first"], rutte[0]["certainty"], rutte[0]["basis"]) == ("2024-10-01", "certain", "start")
    assert (rutte[-1]["last"], rutte[-1]["certainty"]) == (None, "likely")


def test_a_limited_timeline_keeps_every_office_and_the_latest_words_and_says_what_it_left(
    seed_graph: GraphStore,
) -> None:
    whole = timeline(seed_graph, "Rutte")
    others = [e for e in whole.entries if e.kind != "holding"]
    cut = timeline(seed_graph, "Rutte", limit=2)
    assert [e for e in cut.entries if e.kind == "holding"] == [e for e in whole.entries if e.kind == "holding"]
    kept = [e for e in cut.entries if e.kind != "holding"]
    assert len(kept) == 2 and cut.left_out == len(others) - 2 > 0
    assert {e.fact.iri for e in kept} <= {e.fact.iri for e in others}
    # The latest: none left out ends after one kept.
    assert min(e.fact.bounds[1] or dt.date.min for e in kept) >= max(
        e.fact.bounds[1] or dt.date.min for e in others if e.fact.iri not in {k.fact.iri for k in kept}
    )
    assert cut.note and f"{cut.left_out} earlier of {cut.total} entries left out" in cut.note
    assert whole.left_out == 0 and whole.note is None
    table = _run("timeline", "Rutte", "--limit", "2", "--store", seed_graph.path)[1]
    assert f"({cut.note})" in table


def test_timeline_on_the_command_line(seed_store: Path) -> None:
    args = ("--from", "2024-10", "--to", "2024-10", "--store", seed_store, "--format", "csv")
    code, out, _ = _run("timeline", "Mark Rutte", *args)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    # The two 2024 commitments may fall in October (their date is the year), so they count;
    # so does his premiership, likely until "de nieuwe premier" by 1 October 2024.
    assert [(r["kind"], r["date"], r["precision"]) for r in rows] == [
        ("holding", "2021-11", "month"),
        ("aid", "2024", "year"),
        ("aid", "2024", "year"),
        ("holding", "2024-10-01", "day"),
    ]
    assert [rows[0]["what"], rows[3]["what"]] == ["minister-president van Nederland", "secretaris-generaal van de NAVO"]


# --- aid flow -------------------------------------------------------------------------


def test_aid_flow_nederland_oekraine_per_year(seed_graph: GraphStore) -> None:
    rows = aid_flow(seed_graph, donor="Nederland", recipient="Oekraïne").rows
    money = [(r.year, r.currency, r.status, r.total, r.commitments) for r in rows if r.total is not None]
    assert money == [
        (2022, "EUR", "delivered", Decimal("1000000000"), 1),  # committed late 2022, then reported delivered
        (2023, "EUR", "planned", Decimal("2500000000"), 1),
        (2024, "EUR", "announced", Decimal("2000000000"), 1),
        (2024, "EUR", "committed", Decimal("4000000000"), 1),
        (2025, "EUR", "announced", Decimal("250000000"), 1),
    ]
    in_kind = [(r.year, r.status, r.commitments, r.shared) for r in rows if r.total is None]
    assert in_kind == [(2022, "committed", 1, 0), (2023, "committed", 1, 1), (2024, "committed", 1, 0)]
    assert sum(r.commitments for r in rows) == _aid_count(seed_graph)


def test_aid_flow_agrees_with_the_aid_totals_query(seed_graph: GraphStore) -> None:
    saved = load_saved_queries()["aid-totals"]
    query = bind_parameters(saved.text, saved, {}, seed_graph)
    expected = {
        (r["donorLabel"].value, r["recipientLabel"].value, r["year"].value, r["currency"].value,
         r["status"].value, Decimal(r["total"].value), int(r["commitments"].value))
        for r in select_rows(seed_graph, query)
    }  # fmt: skip
    found = {
        (r.donor.label, r.recipient.label, str(r.year or "unknown"), r.currency, r.status or "unknown",
         r.total, r.commitments)
        for r in aid_flow(seed_graph).rows
        if r.total is not None
    }  # fmt: skip
    assert found == expected


def test_aid_flow_never_adds_across_currency_or_status(seed_graph: GraphStore) -> None:
    rows = aid_flow(seed_graph, grouping=FlowGrouping.PAIR).rows
    keys = [(r.donor.iri, r.recipient.iri, r.currency, r.status, r.total is None) for r in rows]
    assert len(keys) == len(set(keys))
    nl = {(r.currency, r.status, r.total) for r in rows if r.donor.iri == NEDERLAND and r.total is not None}
    assert nl == {
        ("EUR", "announced", Decimal("2250000000")),
        ("EUR", "committed", Decimal("4000000000")),
        ("EUR", "delivered", Decimal("1000000000")),
        ("EUR", "planned", Decimal("2500000000")),
    }
    shared = [r for r in rows if r.donor.label in ("Duitsland", "Denemarken")]
    assert [(r.commitments, r.shared, r.total) for r in shared] == [(1, 1, None), (1, 1, None)]


def test_aid_flow_json_keeps_totals_exact(seed_store: Path) -> None:
    args = ("--donor", "Nederland", "--by", "pair", "--store", seed_store, "--format", "json")
    code, out, _ = _run("aid-flow", *args)
    data = json.loads(out)
    assert code == 0 and data["grouping"] == "pair"
    committed = [r for r in data["rows"] if r["status"] == "committed" and r["currency"] == "EUR"]
    assert committed[0]["total"] == "4000000000" and committed[0]["donor"]["label"] == "Nederland"
    assert all(fact.startswith(ID + "aid/") for r in data["rows"] for fact in r["facts"])


# --- names and errors -----------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("path", "Brekelmens", "Oekraïne"),
    ("timeline", "Brekelmens"),
    ("neighbours", "Brekelmens"),
    ("aid-flow", "--donor", "Brekelmens"),
])  # fmt: skip
def test_an_unknown_name_exits_2_with_the_closest_matches(seed_store: Path, args: tuple[str, ...]) -> None:
    code, out, err = _run(*args, "--store", seed_store)
    assert code == 2 and out == ""
    assert err.strip() == "navokg: error: no entity named 'Brekelmens'; closest: Ruben Brekelmans, Jan Broeks"


@pytest.mark.parametrize("args,message", [
    (("neighbours", "Rutte", "--via", "holding,friendship"), "--via: unknown kind 'friendship'"),
    (("centrality", "--type", "planet"), "--type: unknown kind 'planet'"),
    (("timeline", "Rutte", "--from", "2024-02-30"), "is not a calendar date"),
    (("neighbours", "Rutte", "--depth", "0"), "0 is not in the range"),
])  # fmt: skip
def test_bad_options_exit_2_with_one_line(seed_store: Path, args: tuple[str, ...], message: str) -> None:
    code, _, err = _run(*args, "--store", seed_store)
    assert code == 2 and message in err


def test_an_iri_that_is_no_entity_is_not_found(seed_graph: GraphStore) -> None:
    with pytest.raises(NotFoundError, match="is no person, office"):
        timeline(seed_graph, ID + "person/nobody")


# --- the projection cache -------------------------------------------------------------


@pytest.fixture
def store_copy(seed_store: Path, tmp_path: Path) -> Path:
    """A private copy of the seed store, without a cached projection."""
    target = tmp_path / "store"
    shutil.copytree(seed_store, target, symlinks=True)
    for cached in (target / "generations").glob(f"*/{CACHE_NAME}"):
        cached.unlink()
    return target


def _cache_file(graph: GraphStore) -> Path:
    return graph.generation / CACHE_NAME


def assert_same_projection(found: Projection, expected: Projection) -> None:
    """The same nodes, facts and edges, every attribute and the order included."""
    assert list(found.nodes.items()) == list(expected.nodes.items())
    assert list(found.facts.items()) == list(expected.facts.items())
    assert found.edges == expected.edges and found.window == expected.window
    graphs = found.multigraph(), expected.multigraph()
    nodes = [{(n, data["node"]) for n, data in g.nodes(data=True)} for g in graphs]
    edges = [{(u, v, key, data["edge"]) for u, v, key, data in g.edges(keys=True, data=True)} for g in graphs]
    assert nodes[0] == nodes[1] and edges[0] == edges[1]


def test_the_first_load_caches_the_projection_and_later_loads_read_it_unchanged(store_copy: Path) -> None:
    graph = GraphStore.open(store_copy)
    fresh = read_projection(graph)
    assert not _cache_file(graph).exists()
    assert_same_projection(load_projection(graph), fresh)
    assert _cache_file(graph).exists()
    cached = read_cache(graph)
    assert cached is not None
    assert_same_projection(cached, fresh)
    assert_same_projection(load_projection(GraphStore.open(store_copy)), fresh)
    window = DateWindow.parse("2024", "2024")
    assert_same_projection(load_projection(graph, window=window), fresh.within(window))
    assert [p.name for p in graph.generation.iterdir() if p.name.endswith(".tmp")] == []


def test_a_later_command_does_not_read_the_store_again(store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graph = GraphStore.open(store_copy)
    first = neighbourhood(graph, "Brekelmans", depth=2)

    def unwanted(store: GraphStore) -> Projection:
        raise AssertionError("the projection was read from the store, not from the cache")

    monkeypatch.setattr(projection_load, "read_projection", unwanted)
    assert neighbourhood(GraphStore.open(store_copy), "Brekelmans", depth=2) == first


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _flipped(data: bytes) -> bytes:
    return data[:-100] + bytes([data[-100] ^ 0x01]) + data[-99:]


def _moved(data: bytes) -> bytes:
    """As an incremental build leaves it: copied, whole, into a newer generation."""
    magic, header, payload = data.split(b"\n", 2)
    fields = json.loads(header)
    fields["generation"] = "20240101T000000-1-000000"
    return b"\n".join([magic, json.dumps(fields).encode(), payload])


@pytest.mark.parametrize("damage", [
    lambda data: b"",
    _truncated,
    _flipped,
    _moved,
    lambda data: b"navokg-projection 1\n{not json\n" + data,
    lambda data: data.replace(b"navokg-projection 1", b"navokg-projection 9", 1),
], ids=["empty", "truncated", "flipped-bit", "other-generation", "bad-header", "other-format"])  # fmt: skip
def test_a_damaged_or_foreign_cache_is_ignored_and_written_anew(
    store_copy: Path, damage: Callable[[bytes], bytes]
) -> None:
    graph = GraphStore.open(store_copy)
    fresh = read_projection(graph)
    write_cache(graph, fresh)
    path = _cache_file(graph)
    path.write_bytes(damage(path.read_bytes()))
    assert read_cache(graph) is None
    assert_same_projection(load_projection(graph), fresh)
    repaired = read_cache(graph)
    assert repaired is not None
    assert_same_projection(repaired, fresh)


def test_a_cache_written_by_other_code_is_ignored(store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graph = GraphStore.open(store_copy)
    with monkeypatch.context() as patch:
        patch.setattr(projection_cache, "_code", lambda: "another navokg")
        load_projection(graph)
        assert read_cache(graph) is not None
    assert read_cache(graph) is None
    load_projection(graph)
    assert read_cache(graph) is not None


class _Planted:
    """A pickle that would create a file when loaded, were any class allowed."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


def test_a_planted_cache_cannot_run_code(store_copy: Path, tmp_path: Path) -> None:
    graph = GraphStore.open(store_copy)
    marker = tmp_path / "ran"
    write_cache(graph, _Planted(marker))  # type: ignore[arg-type]
    assert read_cache(graph) is None and not marker.exists()
    assert_same_projection(load_projection(graph), read_projection(graph))
    assert not marker.exists()


def test_a_cache_that_cannot_be_written_is_skipped(store_copy: Path) -> None:
    graph = GraphStore.open(store_copy)
    _cache_file(graph).mkdir()  # the cache's name is taken: neither written nor read
    before = sorted(p.name for p in graph.generation.iterdir())
    assert_same_projection(load_projection(graph), read_projection(graph))
    assert sorted(p.name for p in graph.generation.iterdir()) == before  # no temporary file left


@pytest.fixture
def read_only_store(store_copy: Path, tmp_path: Path) -> Iterator[Path]:
    """The store copy on a read-only filesystem (a tmpfs remounted read-only; needs root)."""
    where = tmp_path / "ro"
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(where)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    try:
        shutil.copytree(store_copy, where / "store", symlinks=True)
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        yield where / "store"
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_store_on_a_read_only_filesystem_answers_without_a_cache(read_only_store: Path, seed_store: Path) -> None:
    args = ("neighbours", "Brekelmans", "--depth", "2", "--format", "json", "--store")
    expected = _run(*args, seed_store)
    assert _run(*args, read_only_store) == _run(*args, read_only_store) == expected
    assert expected[0] == 0
    assert not list((read_only_store / "generations").glob("*/*cache*"))
