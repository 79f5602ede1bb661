"""Walks over the network: neighbourhoods, shortest paths and centrality.

The walks run on ``Projection.simple()``, the undirected shadow of the multigraph, and
report the facts (edges) behind every step.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import networkx as nx

from navokg.errors import UsageError
from navokg.network.load import load_projection, resolve_iri
from navokg.network.projection import ALL_KINDS, ENTITY_KINDS, FACT_KINDS, DateWindow, Edge, EdgeKind, Node, NodeKind
from navokg.store import GraphStore

__all__ = [
    "Centrality",
    "Hop",
    "Neighbourhood",
    "Path",
    "PathResult",
    "Ranked",
    "Ranking",
    "centrality",
    "neighbourhood",
    "pagerank",
    "shortest_paths",
]


class Centrality(StrEnum):
    DEGREE = "degree"
    BETWEENNESS = "betweenness"
    PAGERANK = "pagerank"


@dataclass(frozen=True)
class Neighbourhood:
    """Everything within ``depth`` hops of an entity, and the edges among it."""

    centre: Node
    depth: int
    kinds: frozenset[EdgeKind]
    window: DateWindow | None
    distance: dict[str, int]
    nodes: dict[str, Node]  # by distance, then label
    edges: list[Edge]


@dataclass(frozen=True)
class Hop:
    """One step of a path, with the edges (facts) that join its two ends, best first."""

    source: Node
    target: Node
    edges: tuple[Edge, ...]
    more: int = 0  # edges left out by the per-hop limit


@dataclass(frozen=True)
class Path:
    nodes: tuple[Node, ...]
    hops: tuple[Hop, ...]


@dataclass(frozen=True)
class PathResult:
    source: Node
    target: Node
    kinds: frozenset[EdgeKind]
    window: DateWindow | None
    paths: list[Path]


@dataclass(frozen=True)
class Ranked:
    rank: int
    node: Node
    score: float


@dataclass(frozen=True)
class Ranking:
    measure: Centrality
    kinds: frozenset[EdgeKind]
    window: DateWindow | None
    parameters: dict[str, Any]
    entries: list[Ranked]


def neighbourhood(
    store: GraphStore,
    name: str,
    *,
    depth: int = 1,
    kinds: frozenset[EdgeKind] = ALL_KINDS - {EdgeKind.CO_MENTION},
    window: DateWindow | None = None,
) -> Neighbourhood:
    """The entities, documents and facts within ``depth`` hops of an entity, either direction."""
    if depth < 1:
        raise UsageError(f"must be 1 or more (got {depth})", parameter="depth")
    wanted = resolve_iri(store, name)
    projection = load_projection(store, window=window)
    centre = projection.node(wanted)
    graph = projection.simple(kinds)
    distance = dict(nx.single_source_shortest_path_length(graph, centre.iri, cutoff=depth))
    order = sorted(distance, key=lambda i: (distance[i], projection.nodes[i].label, i))
    nodes = {i: projection.nodes[i] for i in order}
    edges = [e for e in projection.select(kinds) if e.source in distance and e.target in distance]
    edges.sort(key=lambda e: (max(distance[e.source], distance[e.target]), e.source, e.target, *e.sort_key()))
    return Neighbourhood(centre, depth, kinds, window, distance, nodes, edges)


def shortest_paths(
    store: GraphStore,
    source: str,
    target: str,
    *,
    kinds: frozenset[EdgeKind] = FACT_KINDS,
    window: DateWindow | None = None,
    limit: int = 10,
    facts_per_hop: int = 3,
) -> PathResult:
    """The shortest paths (up to ``limit``) between two entities, edges walked either way."""
    ends = resolve_iri(store, source), resolve_iri(store, target)
    projection = load_projection(store, window=window)
    start, end = projection.node(ends[0]), projection.node(ends[1])
    graph = projection.simple(kinds)
    between: dict[frozenset[str], list[Edge]] = defaultdict(list)
    for edge in projection.select(kinds):
        between[frozenset((edge.source, edge.target))].append(edge)
    try:
        found = list(itertools.islice(nx.all_shortest_paths(graph, start.iri, end.iri), max(limit, 0)))
    except nx.NetworkXNoPath:
        found = []
    paths = []
    for iris in sorted(found):
        hops = []
        for a, b in itertools.pairwise(iris):
            edges = sorted(between[frozenset((a, b))], key=lambda e: e.sort_key())
            hops.append(Hop(projection.nodes[a], projection.nodes[b], tuple(edges[:facts_per_hop]),
                            max(len(edges) - facts_per_hop, 0)))  # fmt: skip
        paths.append(Path(tuple(projection.nodes[i] for i in iris), tuple(hops)))
    return PathResult(start, end, kinds, window, paths)


def pagerank(graph: nx.Graph, *, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 1000) -> dict[str, float]:
    """PageRank of an undirected weighted graph by power iteration, in node order.

    networkx's own pagerank needs SciPy; this is the same computation (uniform teleport,
    dangling mass spread evenly) in plain Python, so results match it to ``tol``.
    """
    nodes = list(graph)
    if not nodes:
        return {}
    n = len(nodes)
    strength = {u: float(sum(w for _, _, w in graph.edges(u, data="weight", default=1))) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if not strength[u]) / n
        nxt = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if strength[u]:
                share = alpha * rank[u] / strength[u]
                for v, data in graph[u].items():
                    nxt[v] += share * data.get("weight", 1)
        error = sum(abs(nxt[u] - rank[u]) for u in nodes)
        rank = nxt
        if error < n * tol:
            break
    return rank


def centrality(
    store: GraphStore,
    *,
    measure: Centrality = Centrality.DEGREE,
    kinds: frozenset[EdgeKind] = FACT_KINDS - {EdgeKind.SAID_IN} | {EdgeKind.CO_MENTION},
    node_kinds: frozenset[NodeKind] = ENTITY_KINDS,
    window: DateWindow | None = None,
    top: int | None = 20,
    sample: int | None = None,
) -> Ranking:
    """Rank nodes by degree, betweenness or PageRank on the undirected graph of ``kinds``.

    Scores are normalised as networkx does; ties are broken by IRI, so the order is the
    same on every run. ``sample`` estimates betweenness from that many sources (seed 0).
    """
    projection = load_projection(store, window=window)
    full = projection.simple(kinds)
    keep = {i for i, n in projection.nodes.items() if n.kind in node_kinds}
    keep |= {i for i in full if full.degree(i)}
    graph = full.subgraph(sorted(keep)).copy()
    parameters: dict[str, Any] = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    if measure is Centrality.DEGREE:
        scores = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    elif measure is Centrality.BETWEENNESS:
        k = sample if sample and sample < len(graph) else None
        scores = nx.betweenness_centrality(graph, k=k, normalized=True, seed=0 if k else None)
        parameters |= {"normalized": True, "sample": k}
    else:
        scores = pagerank(graph)
        parameters |= {"alpha": 0.85, "tol": 1e-10, "weight": "weight"}
    ranked = sorted(
        (i for i in graph if projection.nodes[i].kind in node_kinds), key=lambda i: (-round(scores[i], 12), i)
    )
    shown = ranked[:top] if top else ranked
    entries = [Ranked(r, projection.nodes[i], scores[i]) for r, i in enumerate(shown, 1)]
    return Ranking(measure, kinds, window, parameters, entries)
