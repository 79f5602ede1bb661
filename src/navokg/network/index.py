"""The network as arrays beside a store generation: read in milliseconds, walked without the store.

Walks (neighbourhoods, paths, centrality) need every edge but none of the facts' details:
so the projection's nodes and edges are kept once per generation as numpy arrays (no
pickle: a file planted in the store can make a wrong network, never run code), and the
facts behind the edges of an answer are read from the store only for that answer
(``navokg.read.facts``). A published generation never changes, so its index never goes
stale; it is made by the first command that needs it (``navokg build`` makes it at once)
and written atomically; a store that cannot be written is walked from an index in memory.

Dates are day ordinals (``date.toordinal()``); ``NONE_LO``/``NONE_HI`` stand for an open
side, and ``dated`` is False for an edge with no date at all (a window leaves it out).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from navokg.files import replace_atomically
from navokg.network.projection import EdgeKind, Node, NodeKind, Projection
from navokg.read.facts import issued_when
from navokg.store import GraphStore, code_fingerprint

__all__ = ["INDEX_NAME", "NetworkIndex", "edge_bounds", "load_index", "ready_index"]

INDEX_NAME = "network-index.npz"
_FORMAT = 1
NONE_LO = np.iinfo(np.int32).min
NONE_HI = np.iinfo(np.int32).max
KINDS = list(EdgeKind)
NODE_KINDS = list(NodeKind)


def _ordinal(day: dt.date | None, none: int) -> int:
    return day.toordinal() if day is not None else none


def edge_bounds(lo: int, hi: int) -> tuple[dt.date | None, dt.date | None]:
    """An edge's date bounds as days, None where open (the inverse of how they are kept)."""
    return (dt.date.fromordinal(lo) if lo != NONE_LO else None, dt.date.fromordinal(hi) if hi != NONE_HI else None)


def _strings(values: Iterable[str | None]) -> np.ndarray[Any, Any]:
    """Strings as one UTF-8 array; None as the empty string marked in a mask of its own."""
    return np.array(["" if v is None else v for v in values], dtype=np.str_)


@dataclass
class NetworkIndex:
    """Nodes and edges of the projection, as arrays; ``fact`` indexes ``facts`` (-1: none)."""

    nodes: np.ndarray[Any, Any]  # IRIs
    node_kind: np.ndarray[Any, Any]
    labels: np.ndarray[Any, Any]
    titles: np.ndarray[Any, Any]
    issued: np.ndarray[Any, Any]
    publishers: np.ndarray[Any, Any]
    source: np.ndarray[Any, Any]
    target: np.ndarray[Any, Any]
    kind: np.ndarray[Any, Any]
    fact: np.ndarray[Any, Any]
    lo: np.ndarray[Any, Any]
    hi: np.ndarray[Any, Any]
    dated: np.ndarray[Any, Any]
    weight: np.ndarray[Any, Any]
    facts: np.ndarray[Any, Any]

    @cached_property
    def position(self) -> dict[str, int]:
        return {str(iri): i for i, iri in enumerate(self.nodes)}

    def node(self, index: int) -> Node:
        """A node of the network, as the projection has it."""
        kind = NODE_KINDS[int(self.node_kind[index])]
        issued = str(self.issued[index]) or None
        return Node(
            str(self.nodes[index]),
            kind,
            str(self.labels[index]),
            str(self.titles[index]) or None,
            issued_when(issued) if issued else None,
            str(self.publishers[index]) or None,
        )

    def edges_of(self, kinds: Iterable[EdgeKind], window: Any = None) -> np.ndarray[Any, Any]:
        """Indices of the edges of these kinds that may fall inside the window (all without one).

        As ``Projection.within``: posts are timeless; undated edges fall outside a window;
        co-mentions are left out of a window, to be recounted from the mentions inside it
        (``co_mentions_within``).
        """
        wanted = np.isin(self.kind, [KINDS.index(k) for k in kinds])
        if window is None:
            return np.flatnonzero(wanted)
        lo, hi = _ordinal(window.start, NONE_LO), _ordinal(window.end, NONE_HI)
        post = self.kind == KINDS.index(EdgeKind.POST)
        co_mention = self.kind == KINDS.index(EdgeKind.CO_MENTION)
        inside = self.dated & (self.lo <= hi) & (self.hi >= lo)
        return np.flatnonzero(wanted & (post | (inside & ~co_mention)))

    def latest_facts(
        self, kind: EdgeKind, limit: int, *, source: str | None = None, target: str | None = None, offset: int = 0
    ) -> list[str]:
        """The facts on edges of one kind from ``source`` (to ``target``), latest first, ``limit``
        of them after the first ``offset`` (a page of a long list).

        Latest by the last day the fact's reports may place it at (its bounds), undated
        last, ties by IRI: the order of a SPARQL ``ORDER BY DESC(MAX(?latest)) ?f``.
        """
        chosen = self._with_facts(kind, source, target)
        days = np.where(self.dated[chosen], self.hi[chosen], -1).tolist()  # -1: undated
        last = {f: d if d >= 0 else None for f, d in zip(self.facts[self.fact[chosen]].tolist(), days, strict=True)}
        ranked = sorted(last, key=lambda f: (last[f] is None, -(last[f] or 0), f))
        return ranked[offset : offset + limit]

    def fact_count(self, kind: EdgeKind, *, source: str | None = None, target: str | None = None) -> int:
        """How many facts stand on edges of one kind from ``source`` (to ``target``): a SPARQL
        ``COUNT(DISTINCT ?f)`` over the pattern the edges project."""
        return len(np.unique(self.fact[self._with_facts(kind, source, target)]))

    def _with_facts(self, kind: EdgeKind, source: str | None, target: str | None) -> np.ndarray[Any, Any]:
        keep = self.kind == KINDS.index(kind)
        for end, iri in ((self.source, source), (self.target, target)):
            if iri is not None:
                keep &= end == self.position.get(iri, -1)
        return np.flatnonzero(keep & (self.fact >= 0))

    def mention_count(self, entity: str) -> int:
        """How many documents name an entity."""
        return len(self._naming(entity))

    def _naming(self, entity: str) -> np.ndarray[Any, Any]:
        me = self.position.get(entity)
        if me is None:
            return np.array([], dtype=np.int32)
        naming = (self.kind == KINDS.index(EdgeKind.MENTIONS)) & (self.target == me)
        return np.unique(self.source[naming])

    def latest_mentions(self, entity: str, limit: int, offset: int = 0) -> list[str]:
        """The documents that name an entity, the latest ``limit`` of them after the first ``offset``.

        Latest by the issued date as written (undated last), ties by IRI: the order of a
        SPARQL ``ORDER BY DESC(STR(?issued)) ?d``, without reading each document's date.
        """
        documents = self._naming(entity)
        if not len(documents):
            return []
        _, rank = np.unique(self.issued[documents].astype(str), return_inverse=True)  # "" (undated) lowest
        order = np.lexsort((self.nodes[documents].astype(str), -rank))  # the last key sorts first
        return [str(self.nodes[d]) for d in documents[order[offset : offset + limit]]]

    def co_mentions_within(self, window: Any) -> list[tuple[int, int, int, int, int]]:
        """(a, b, weight, lo, hi) for entities named together in documents issued inside a window."""
        mentions = self.edges_of([EdgeKind.MENTIONS], window)
        by_document: dict[int, list[int]] = defaultdict(list)
        dates: dict[int, tuple[int, int]] = {}
        for e in mentions:
            by_document[int(self.source[e])].append(int(self.target[e]))
            dates[int(self.source[e])] = (int(self.lo[e]), int(self.hi[e]))
        pairs: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        for document, entities in by_document.items():
            unique = sorted(set(entities), key=lambda i: str(self.nodes[i]))
            for i, a in enumerate(unique):
                for b in unique[i + 1 :]:
                    pairs[a, b].append(dates[document])
        return [
            (a, b, len(found), min(lo for lo, _ in found), max(hi for _, hi in found))
            for (a, b), found in sorted(pairs.items())
        ]


def index_from(projection: Projection) -> NetworkIndex:
    """The arrays of a projection (the whole one: windows are applied when walking)."""
    nodes = sorted(projection.nodes)
    position = {iri: i for i, iri in enumerate(nodes)}
    facts = sorted(projection.facts)
    fact_position = {iri: i for i, iri in enumerate(facts)}
    edges = projection.edges
    node_objects = [projection.nodes[i] for i in nodes]
    return NetworkIndex(
        nodes=_strings(nodes),
        node_kind=np.array([NODE_KINDS.index(n.kind) for n in node_objects], dtype=np.uint8),
        labels=_strings(n.label for n in node_objects),
        titles=_strings(n.title for n in node_objects),
        issued=_strings(n.issued.value if n.issued else None for n in node_objects),
        publishers=_strings(n.publisher for n in node_objects),
        source=np.array([position[e.source] for e in edges], dtype=np.int32),
        target=np.array([position[e.target] for e in edges], dtype=np.int32),
        kind=np.array([KINDS.index(e.kind) for e in edges], dtype=np.uint8),
        fact=np.array([fact_position[e.fact.iri] if e.fact else -1 for e in edges], dtype=np.int32),
        lo=np.array([_ordinal(e.earliest, NONE_LO) for e in edges], dtype=np.int32),
        hi=np.array([_ordinal(e.latest, NONE_HI) for e in edges], dtype=np.int32),
        dated=np.array([not (e.earliest is None and e.latest is None) for e in edges], dtype=bool),
        weight=np.array([e.weight for e in edges], dtype=np.int32),
        facts=_strings(facts),
    )


_FIELDS = ("nodes", "node_kind", "labels", "titles", "issued", "publishers", "source", "target", "kind", "fact",
           "lo", "hi", "dated", "weight", "facts")  # fmt: skip


def _key(store: GraphStore) -> str:
    """What an index must have been made from: this code, this generation, this manifest."""
    manifest = json.dumps(store.manifest, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{_FORMAT}|{code_fingerprint()}|{store.generation.name}|{manifest}".encode()).hexdigest()


def _read(path: Path, key: str) -> NetworkIndex | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["key"]) != key:
                return None
            return NetworkIndex(**{name: data[name] for name in _FIELDS})
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError):
        return None  # absent, torn or of another making: read the store instead


def _write(path: Path, index: NetworkIndex, key: str) -> None:
    buffer = io.BytesIO()
    np.savez(buffer, key=np.array(key), **{name: getattr(index, name) for name in _FIELDS})
    # A read-only store is walked from the index in memory.
    with contextlib.suppress(OSError), replace_atomically(path) as handle:
        handle.write(buffer.getvalue())


# The index last loaded, by its key: a server's worker reads it once per build, not once
# per page (a page that draws a network and a timeline asks for it twice).
_LOADED: dict[str, NetworkIndex] = {}


def ready_index(store: GraphStore) -> NetworkIndex | None:
    """The index if it is already made (kept in memory or beside the generation), else None:
    for answers that can do without it rather than wait for it to be made."""
    key = _key(store)
    index = _LOADED.get(key) or _read(store.generation / INDEX_NAME, key)
    return _keep(key, index) if index is not None else None


def load_index(store: GraphStore) -> NetworkIndex:
    """The network index of the store's generation: read from beside it, else made (and kept)."""
    from navokg.network.load import load_projection  # the one way the store becomes a network

    index = ready_index(store)
    if index is None:
        key = _key(store)
        index = index_from(load_projection(store))
        _write(store.generation / INDEX_NAME, index, key)
        _keep(key, index)
    return index


def _keep(key: str, index: NetworkIndex) -> NetworkIndex:
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = index
    return index
