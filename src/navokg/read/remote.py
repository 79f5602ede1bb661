"""Past one machine: push the graph to a SPARQL server, and query a remote endpoint.

When a corpus outgrows an embedded store, the graph belongs in an existing SPARQL
server (Oxigraph server, QLever, Virtuoso, Fuseki, GraphDB).  ``push`` sends every named
graph of a built store with the SPARQL 1.1 Graph Store HTTP Protocol: one ``PUT`` per
graph, which the server applies atomically, replacing that graph as a whole.
``Endpoint`` answers queries like a local store does, so saved queries and their
parameters work against a remote endpoint unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pyoxigraph as ox

from navokg.errors import QueryError, RemoteError
from navokg.store import GraphStore
from navokg.vocab import GRAPH_BASE, PREFIXES

__all__ = ["Endpoint", "PushReport", "push"]

RESULT_TYPES = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.9, text/turtle;q=0.8"
)
_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w-]*)?:", re.IGNORECASE | re.MULTILINE)


def _fail(what: str, response: httpx.Response | None = None, error: Exception | None = None) -> RemoteError:
    if response is not None:
        body = " ".join(response.text.split())[:200]
        return RemoteError(f"{what}: HTTP {response.status_code} from {response.request.url}: {body}")
    return RemoteError(f"{what}: {error}")


@dataclass
class PushReport:
    """What a push sent and removed."""

    url: str
    graphs: int = 0
    triples: int = 0
    removed: list[str] = field(default_factory=list)
    pruned: bool = False

    def summary(self) -> str:
        removed = f", removed {len(self.removed)} stale document graphs" if self.pruned else ""
        return f"Pushed {self.graphs} graphs ({self.triples} triples) to {self.url}{removed}"


def _remote_document_graphs(endpoint: Endpoint) -> set[str]:
    rows = endpoint.query(
        f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER STRSTARTS(STR(?g), "{GRAPH_BASE}doc/") }}'
    )
    return {row["g"].value for row in rows}


def push(
    store: GraphStore,
    graph_store: str,
    *,
    endpoint: str | None = None,
    prune: bool = False,
    timeout: float = 120.0,
    progress: Callable[[int], None] | None = None,
    client: httpx.Client | None = None,
) -> PushReport:
    """PUT every named graph of ``store`` to a Graph Store Protocol endpoint.

    With ``prune`` (which needs the SPARQL ``endpoint`` of the same server), document
    graphs the remote holds but the store no longer does are deleted, so the remote
    ends up with exactly the store's documents.
    """
    report = PushReport(graph_store, pruned=prune)
    owned = client is None
    http = client or httpx.Client(timeout=timeout)
    try:
        local = sorted(g.value for g in store.store.named_graphs() if isinstance(g, ox.NamedNode))
        for graph in local:
            data = store.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
            assert data is not None
            try:
                response = http.put(
                    graph_store, params={"graph": graph}, content=data,
                    headers={"Content-Type": "application/n-triples"},
                )  # fmt: skip
            except httpx.HTTPError as exc:
                raise _fail(f"pushing {graph}", error=exc) from None
            if response.status_code not in (200, 201, 204):
                raise _fail(f"pushing {graph}", response)
            report.graphs += 1
            report.triples += data.count(b"\n")
            if progress is not None:
                progress(1)
        if prune:
            if endpoint is None:
                raise RemoteError("pruning needs the server's SPARQL query endpoint (--endpoint) to list its graphs")
            stale = sorted(_remote_document_graphs(Endpoint(endpoint, client=http)) - set(local))
            for graph in stale:
                try:
                    response = http.delete(graph_store, params={"graph": graph})
                except httpx.HTTPError as exc:
                    raise _fail(f"removing {graph}", error=exc) from None
                if response.status_code not in (200, 204, 404):
                    raise _fail(f"removing {graph}", response)
                report.removed.append(graph)
    finally:
        if owned:
            http.close()
    return report


class Endpoint:
    """A remote SPARQL 1.1 query endpoint that answers like a local store.

    Results come back as pyoxigraph objects, so navokg renders them exactly as it does
    local ones.  navokg's prefixes are declared for queries that do not declare them.
    Queries assume the union of the named graphs as default graph: configure the server
    so (``oxigraph serve --union-default-graph``; see docs/scaling.md for others).
    """

    def __init__(self, url: str, *, timeout: float = 120.0, client: httpx.Client | None = None) -> None:
        if not re.match(r"https?://", url):
            raise RemoteError(f"'{url}' is not an http(s) SPARQL endpoint address")
        self.url = url
        self.timeout = timeout
        self._client = client

    def _with_prefixes(self, sparql: str) -> str:
        declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
        missing = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared)
        return missing + sparql

    def query(self, sparql: str, **_: Any) -> Any:
        """Send a query; return pyoxigraph QuerySolutions, QueryBoolean or a list of triples."""
        # A URL-encoded form, not a bare application/sparql-query body: every server takes
        # it (Virtuoso 7.2 leaves a bare body unanswered), and with its charset said, as
        # Virtuoso otherwise reads non-Latin-1 characters in the query (“ ”) as "?".
        form = {"query": self._with_prefixes(sparql)}
        headers = {"Accept": RESULT_TYPES, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        try:
            if self._client is not None:
                response = self._client.post(self.url, data=form, headers=headers)
            else:
                with httpx.Client(timeout=self.timeout) as client:
                    response = client.post(self.url, data=form, headers=headers)
        except httpx.HTTPError as exc:
            raise _fail(f"querying {self.url}", error=exc) from None
        if response.status_code == 400:
            raise QueryError(f"the endpoint refused the query: {' '.join(response.text.split())[:300]}")
        if response.status_code != 200:
            raise _fail("querying", response)
        return _parse(response)


def _parse(response: httpx.Response) -> Any:
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    results = ox.QueryResultsFormat.from_media_type(media) if media else None
    if results is not None:
        return ox.parse_query_results(response.content, format=results)
    graph = ox.RdfFormat.from_media_type(media) if media else None
    if graph is None:
        raise RemoteError(f"the endpoint answered in an unknown format '{media}'")
    return list(ox.parse(response.content, format=graph))
