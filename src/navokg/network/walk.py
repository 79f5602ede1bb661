"""Walks over the network: neighbourhoods, shortest paths and centrality.

The walks run on the network index (``index.py``: every edge as arrays, read in
milliseconds), on the undirected shadow of the multigraph (parallel edges are one step),
and only the facts behind the edges of the answer are read from the store: a question's
cost grows with its answer, not with the corpus.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

import networkx as nx
import numpy as np

from navokg.errors import NotFoundError, UsageError
from navokg.network.index import KINDS, NODE_KINDS, NONE_HI, NONE_LO, NetworkIndex, edge_bounds, load_index
from navokg.network.load import resolve_iri
from navokg.network.projection import ALL_KINDS, ENTITY_KINDS, FACT_KINDS, DateWindow, Edge, EdgeKind, Node, NodeKind
from navokg.read.facts import read_facts
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
    "most_connected",
    "neighbourhood",
    "pagerank",
    "read_edge_facts",
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
    total: int = 0  # nodes within ``depth`` before the cut to ``limit``
    limit: int | None = None
    facts_per_pair: int | None = None
    facts_left_out: int = 0  # edges left out by ``facts_per_pair``

    @property
    def left_out(self) -> int:
        """How many nodes within ``depth`` the cut to ``limit`` left out."""
        return max(self.total - len(self.nodes), 0)


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


@dataclass
class _Walk:
    """The edges a walk may take: index arrays of one selection of kinds and window."""

    index: NetworkIndex
    source: np.ndarray[Any, Any]
    target: np.ndarray[Any, Any]
    kind: np.ndarray[Any, Any]
    fact: np.ndarray[Any, Any]
    lo: np.ndarray[Any, Any]
    hi: np.ndarray[Any, Any]
    weight: np.ndarray[Any, Any]

    @classmethod
    def of(cls, index: NetworkIndex, kinds: frozenset[EdgeKind], window: DateWindow | None) -> _Walk:
        chosen = index.edges_of(kinds, window)
        arrays = [getattr(index, n)[chosen] for n in ("source", "target", "kind", "fact", "lo", "hi", "weight")]
        if window is not None and EdgeKind.CO_MENTION in kinds:
            extra = index.co_mentions_within(window)
            if extra:
                a, b, w, lo, hi = (np.array(c, dtype=np.int32) for c in zip(*extra, strict=True))
                code = np.full(len(a), KINDS.index(EdgeKind.CO_MENTION), dtype=np.uint8)
                parts: list[np.ndarray[Any, Any]] = [a, b, code, np.full(len(a), -1, dtype=np.int32), lo, hi, w]
                arrays = [np.concatenate([old, new.astype(old.dtype)]) for old, new in zip(arrays, parts, strict=True)]
        return cls(index, *arrays)

    def distances(self, start: int, depth: int | None, *, until: int | None = None) -> np.ndarray[Any, Any]:
        """Steps from ``start`` to every node (-1: not within ``depth``), edges walked either way;
        stops at the step that reaches ``until``."""
        distance = np.full(len(self.index.nodes), -1, dtype=np.int64)
        distance[start] = 0
        frontier = np.zeros(len(self.index.nodes), dtype=bool)
        frontier[start] = True
        step = 0
        while frontier.any() and (depth is None or step < depth) and (until is None or distance[until] < 0):
            step += 1
            touching = frontier[self.source] | frontier[self.target]
            ends = np.concatenate([self.source[touching], self.target[touching]])
            fresh = np.unique(ends[distance[ends] < 0])
            distance[fresh] = step
            frontier[:] = False
            frontier[fresh] = True
        return distance

    def reach(self, start: int, depth: int | None) -> dict[int, int]:
        """Distance of every node within ``depth`` steps of ``start``."""
        distance = self.distances(start, depth)
        return {int(i): int(distance[i]) for i in np.flatnonzero(distance >= 0)}

    def edge(self, i: int) -> Edge:
        """The chosen edge, naming its fact by IRI without reading it."""
        fact = str(self.index.facts[self.fact[i]]) if self.fact[i] >= 0 else None
        earliest, latest = edge_bounds(int(self.lo[i]), int(self.hi[i]))
        return Edge(
            str(self.index.nodes[self.source[i]]),
            str(self.index.nodes[self.target[i]]),
            KINDS[int(self.kind[i])],
            earliest=earliest,
            latest=latest,
            weight=int(self.weight[i]),
            unread=fact,
        )


def read_edge_facts(store: GraphStore, edges: list[Edge], reports: int | None = None) -> list[Edge]:
    """The edges with their facts read from the store in one go (and each dated by its fact).

    A drawing reads its edges without their facts and asks for these only for the lines a
    reader points at, and a page for the rows it shows: reading is what a neighbourhood of
    a hub costs (its hundreds of facts, each reported many times).
    """
    facts = read_facts(store, {e.unread for e in edges if e.unread}, reports=reports)
    return [
        replace(e, fact=fact, when=fact.when, unread=None) if e.unread and (fact := facts.get(e.unread)) else e
        for e in edges
    ]


def _node(index: NetworkIndex, iri: str) -> int:
    try:
        return index.position[iri]
    except KeyError:
        raise NotFoundError(f"<{iri}> is no person, office, organization, country or document") from None


def neighbourhood(
    store: GraphStore,
    name: str,
    *,
    depth: int = 1,
    kinds: frozenset[EdgeKind] = ALL_KINDS - {EdgeKind.CO_MENTION},
    window: DateWindow | None = None,
    limit: int | None = None,
    facts_per_pair: int | None = None,
    reports: int | None = None,
    with_facts: bool = True,
) -> Neighbourhood:
    """The entities, documents and facts within ``depth`` hops of an entity, either direction.

    With ``limit``, a larger neighbourhood is cut to that many nodes: the centre, then
    hop by hop the most connected nodes joined to one already kept (``most_connected``);
    ``Neighbourhood.left_out`` says how many nodes the cut left out. With
    ``facts_per_pair``, at most that many edges of each kind join two nodes, the earliest
    first (as ``shortest_paths`` gives a hop's facts); ``facts_left_out`` counts the rest.
    A drawing needs no more, and a hub's hundred reports of the same pair would cost the
    answer its speed; for the same reason ``reports`` reads each fact's evidence from that
    many of its reports (``read_facts``). Without ``with_facts`` the edges name their facts
    without reading them (``Edge.unread``): for a list of who is joined to whom and how
    often, or a drawing that reads a line's facts when a reader points at it
    (``read_edge_facts``).
    """
    if depth < 1:
        raise UsageError(f"must be 1 or more (got {depth})", parameter="depth")
    for parameter, value in (("limit", limit), ("facts_per_pair", facts_per_pair)):
        if value is not None and value < 1:
            raise UsageError(f"must be 1 or more (got {value})", parameter=parameter)
    wanted = resolve_iri(store, name)
    index = load_index(store)
    walk = _Walk.of(index, kinds, window)
    reached = walk.reach(_node(index, wanted), depth)
    total = len(reached)
    if limit is not None and total > limit:
        reached = most_connected(walk, reached, limit)
    nodes_at = {int(i): index.node(int(i)) for i in reached}
    by_iri = {n.iri: reached[i] for i, n in nodes_at.items()}
    order = sorted(nodes_at, key=lambda i: (reached[i], nodes_at[i].label, nodes_at[i].iri))
    inside = np.zeros(len(index.nodes), dtype=bool)
    inside[list(reached)] = True
    chosen = np.flatnonzero(inside[walk.source] & inside[walk.target])
    found = len(chosen)
    if facts_per_pair is not None:
        chosen = _first_of_each_pair(walk, chosen, facts_per_pair)
    edges = [walk.edge(int(i)) for i in chosen]
    if with_facts:
        edges = read_edge_facts(store, edges, reports)
    edges.sort(key=lambda e: (max(by_iri[e.source], by_iri[e.target]), e.source, e.target, *e.sort_key()))
    centre = nodes_at[index.position[wanted]]
    shown = {nodes_at[i].iri: nodes_at[i] for i in order}
    return Neighbourhood(
        centre, depth, kinds, window, by_iri, shown, edges, total, limit, facts_per_pair, found - len(chosen)
    )


def _first_of_each_pair(walk: _Walk, chosen: np.ndarray[Any, Any], most: int) -> np.ndarray[Any, Any]:
    """At most ``most`` of the chosen edges for each kind and pair of ends, the earliest first."""
    if not len(chosen):
        return chosen
    source, target = walk.source[chosen], walk.target[chosen]
    low, high, kind = np.minimum(source, target), np.maximum(source, target), walk.kind[chosen]
    earliest = np.where(walk.lo[chosen] == NONE_LO, NONE_HI, walk.lo[chosen])  # undated last, as Edge.sort_key
    order = np.lexsort((walk.fact[chosen], walk.hi[chosen], earliest, kind, high, low))
    low, high, kind = low[order], high[order], kind[order]
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = (low[1:] != low[:-1]) | (high[1:] != high[:-1]) | (kind[1:] != kind[:-1])
    group_start = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
    keep = (np.arange(len(order)) - group_start) < most
    return np.sort(chosen[order][keep])


def most_connected(walk: _Walk, reached: dict[int, int], limit: int) -> dict[int, int]:
    """The ``limit`` nodes of a neighbourhood to show: the nearest, then the most connected.

    The centre stays; then, one hop at a time, the nodes joined to a node kept at the hop
    before, those with the most facts inside the neighbourhood first (ties by IRI), until
    ``limit`` nodes are kept. Every kept node thus keeps a shortest connection to the centre.
    """
    count = len(walk.index.nodes)
    distance = np.full(count, -1, dtype=np.int64)
    distance[np.fromiter(reached.keys(), dtype=np.int64)] = np.fromiter(reached.values(), dtype=np.int64)
    inside = distance >= 0
    among = inside[walk.source] & inside[walk.target] & (walk.source != walk.target)
    source, target, weight = walk.source[among], walk.target[among], walk.weight[among].astype(np.float64)
    strength = np.bincount(source, weights=weight, minlength=count)
    strength += np.bincount(target, weights=weight, minlength=count)
    kept = np.zeros(count, dtype=bool)
    kept[distance == 0] = True
    for hop in range(1, max(reached.values(), default=0) + 1):
        room = limit - int(kept.sum())
        if room <= 0:
            break
        before = kept & (distance == hop - 1)
        joined = np.concatenate([target[before[source] & (distance[target] == hop)],
                                 source[before[target] & (distance[source] == hop)]])  # fmt: skip
        ring = np.unique(joined)
        # Most connected first, ties by IRI (lexsort sorts by its last key first).
        order = np.lexsort((walk.index.nodes[ring].astype(str), -strength[ring]))
        kept[ring[order[:room]]] = True
    return {int(node): reached[int(node)] for node in np.flatnonzero(kept)}


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
    index = load_index(store)
    start, end = _node(index, ends[0]), _node(index, ends[1])
    walk = _Walk.of(index, kinds, window)
    loops = walk.source != walk.target
    from_start = walk.distances(start, None, until=end)
    paths: list[list[int]] = []
    if from_start[end] >= 0:
        # An edge lies on a shortest path when it is one step on from the source and the rest
        # of the way to the target is as short as it can be: walk those from the source, in
        # IRI order, and stop at the limit (a hub can lie on more shortest paths than can be listed).
        to_end = walk.distances(end, int(from_start[end]))
        length = int(from_start[end])
        a, b = walk.source[loops], walk.target[loops]
        onward: dict[int, list[int]] = defaultdict(list)
        for near, far in ((a, b), (b, a)):
            keep = (from_start[near] >= 0) & (to_end[far] >= 0) & (from_start[near] + 1 + to_end[far] == length)
            for x, y in zip(near[keep].tolist(), far[keep].tolist(), strict=True):
                onward[x].append(y)
        for x in onward:
            onward[x] = sorted(set(onward[x]), key=lambda i: str(index.nodes[i]))

        def walk_on(path: list[int]) -> None:
            if len(paths) >= limit:
                return
            if path[-1] == end:
                paths.append(path)
                return
            for nxt in onward.get(path[-1], []):
                walk_on([*path, nxt])

        if limit > 0:
            walk_on([start])
    between: dict[frozenset[int], list[int]] = defaultdict(list)
    on_paths = {i for p in paths for i in p}
    on = np.zeros(len(index.nodes), dtype=bool)
    on[list(on_paths)] = True
    for e in np.flatnonzero(loops & on[walk.source] & on[walk.target]):
        between[frozenset((int(walk.source[e]), int(walk.target[e])))].append(int(e))
    on_hops = np.array(sorted({e for p in paths for a, b in itertools.pairwise(p) for e in between[frozenset((a, b))]}),
                       dtype=np.int64)  # fmt: skip
    # A hop shows its first few facts: only those of each kind can be among them, so only
    # those are read from the store, however many facts join two hubs.
    shown = _first_of_each_pair(walk, on_hops, facts_per_hop)
    edges = dict(zip(shown.tolist(), read_edge_facts(store, [walk.edge(int(i)) for i in shown]), strict=True))
    result = []
    for path in paths:
        hops = []
        for a, b in itertools.pairwise(path):
            joining = between[frozenset((a, b))]
            found = sorted((edges[e] for e in joining if e in edges), key=lambda e: e.sort_key())
            hops.append(Hop(index.node(a), index.node(b), tuple(found[:facts_per_hop]),
                            max(len(joining) - facts_per_hop, 0)))  # fmt: skip
        result.append(Path(tuple(index.node(i) for i in path), tuple(hops)))
    return PathResult(index.node(start), index.node(end), kinds, window, result)


def _pairs(walk: _Walk) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The undirected simple graph: each pair of nodes once, weighted by its edges' weights."""
    keep = walk.source != walk.target
    a = np.minimum(walk.source[keep], walk.target[keep]).astype(np.int64)
    b = np.maximum(walk.source[keep], walk.target[keep]).astype(np.int64)
    codes, inverse = np.unique(a * len(walk.index.nodes) + b, return_inverse=True)
    weights = np.bincount(inverse, weights=walk.weight[keep], minlength=len(codes))
    return codes // len(walk.index.nodes), codes % len(walk.index.nodes), weights


def pagerank_of(n: int, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any], w: np.ndarray[Any, Any], *,
                alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 1000) -> np.ndarray[Any, Any]:  # fmt: skip
    """PageRank of an undirected weighted graph of ``n`` nodes by power iteration.

    The computation of networkx's reference implementation (uniform teleport, dangling mass
    spread evenly), on arrays: each undirected pair carries weight both ways.
    """
    if n == 0:
        return np.zeros(0)
    src, dst, weight = np.concatenate([a, b]), np.concatenate([b, a]), np.concatenate([w, w])
    strength = np.bincount(src, weights=weight, minlength=n)
    dangling = strength == 0
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        share = np.where(dangling, 0.0, rank / np.where(dangling, 1.0, strength))
        nxt = np.bincount(dst, weights=alpha * share[src] * weight, minlength=n)
        nxt += (1.0 - alpha) / n + alpha * rank[dangling].sum() / n
        error = np.abs(nxt - rank).sum()
        rank = nxt
        if error < n * tol:
            break
    return rank


def pagerank(graph: nx.Graph, *, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 1000) -> dict[str, float]:
    """PageRank of a networkx graph (undirected, weighted), as ``pagerank_of`` computes it."""
    nodes = list(graph)
    at = {u: i for i, u in enumerate(nodes)}
    triples = [(at[u], at[v], float(d.get("weight", 1))) for u, v, d in graph.edges(data=True)]
    a, b, w = (np.array(c) for c in zip(*triples, strict=True)) if triples else (np.zeros(0, int),) * 2 + (np.zeros(0),)
    rank = pagerank_of(len(nodes), a.astype(np.int64), b.astype(np.int64), w, alpha=alpha, tol=tol, max_iter=max_iter)
    return dict(zip(nodes, rank.tolist(), strict=True))


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
    index = load_index(store)
    walk = _Walk.of(index, kinds, window)
    a, b, w = _pairs(walk)
    n_all = len(index.nodes)
    degree = np.bincount(np.concatenate([a, b]), minlength=n_all)
    of_kind = np.isin(index.node_kind, [NODE_KINDS.index(k) for k in node_kinds])
    keep = np.flatnonzero(of_kind | (degree > 0))
    at = np.full(n_all, -1, dtype=np.int64)
    at[keep] = np.arange(len(keep))
    n = len(keep)
    parameters: dict[str, Any] = {"nodes": n, "edges": len(a)}
    if measure is Centrality.DEGREE:
        scores = degree[keep] / (n - 1) if n > 1 else np.zeros(n)
    elif measure is Centrality.BETWEENNESS:
        graph = nx.Graph()
        graph.add_nodes_from(str(index.nodes[i]) for i in keep)
        graph.add_edges_from((str(index.nodes[x]), str(index.nodes[y])) for x, y in zip(a, b, strict=True))
        k = sample if sample and sample < n else None
        found = nx.betweenness_centrality(graph, k=k, normalized=True, seed=0 if k else None)
        scores = np.array([found[str(index.nodes[i])] for i in keep])
        parameters |= {"normalized": True, "sample": k}
    else:
        scores = pagerank_of(n, at[a], at[b], w)
        parameters |= {"alpha": 0.85, "tol": 1e-10, "weight": "weight"}
    ranked = sorted((j for j in range(n) if of_kind[keep[j]]), key=lambda j: (-round(float(scores[j]), 12),
                                                                              str(index.nodes[keep[j]])))  # fmt: skip
    shown = ranked[:top] if top else ranked
    entries = [Ranked(r, index.node(int(keep[j])), float(scores[j])) for r, j in enumerate(shown, 1)]
    return Ranking(measure, kinds, window, parameters, entries)
