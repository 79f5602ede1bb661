"""The graph as a network: a networkx projection of the store, and walks over it.

Nodes are persons, offices, organizations, countries and documents (keyed by IRI). Edges
are the facts between them, each keeping its fact, dates and evidence:

    holding     person -> office            nkg:OfficeHolding
    post        office -> organization/country (nkg:postIn, from the entity registry)
    statement   speaker -> each entity the statement is about (nkg:about)
    said-in     speaker -> each document reporting the statement
    aid         donor -> recipient          nkg:AidCommitment
    mentions    document -> entity          schema:mentions
    co-mention  entity -> entity named in the same documents, weight = number of documents

Co-mentions are computed here, not stored: they are a pure function of the mentions, have
no evidence of their own, grow with the square of the names per document, and must be
recounted for every date window (a stored weight could not be).

``Projection.multigraph()`` is the networkx MultiDiGraph of the projection; the walks run
on ``Projection.simple()``, its undirected shadow. The modules, in the order data flows:

    projection  nodes, facts, edges, date windows: the Projection and its parts
    cache       the projection kept beside a store generation
    load        the store read into a Projection (through the cache)
    walk        neighbourhoods, shortest paths, centrality
    timeline    a person's offices, statements and aid
    aid         aid totals per donor and recipient
    render_report  results as a table, CSV or JSON
"""

from __future__ import annotations

from navokg.network.aid import AidFlow, AidFlowRow, FlowGrouping, aid_flow
from navokg.network.load import load_projection, read_projection
from navokg.network.projection import (
    ALL_KINDS,
    ENTITY_KINDS,
    FACT_KINDS,
    DateWindow,
    Edge,
    EdgeKind,
    Fact,
    FactType,
    Item,
    Node,
    NodeKind,
    Projection,
    When,
    parse_kinds,
)
from navokg.network.render import Report, ResultFormat, facts_document, render_report, report
from navokg.network.timeline import Timeline, TimelineEntry, timeline
from navokg.network.walk import (
    Centrality,
    Hop,
    Neighbourhood,
    Path,
    PathResult,
    Ranked,
    Ranking,
    centrality,
    neighbourhood,
    pagerank,
    read_edge_facts,
    shortest_paths,
)

__all__ = [
    "ALL_KINDS",
    "ENTITY_KINDS",
    "FACT_KINDS",
    "AidFlow",
    "AidFlowRow",
    "Centrality",
    "DateWindow",
    "Edge",
    "EdgeKind",
    "Fact",
    "FactType",
    "FlowGrouping",
    "Hop",
    "Item",
    "Neighbourhood",
    "Node",
    "NodeKind",
    "Path",
    "PathResult",
    "Projection",
    "Ranked",
    "Ranking",
    "Report",
    "ResultFormat",
    "Timeline",
    "TimelineEntry",
    "When",
    "aid_flow",
    "centrality",
    "facts_document",
    "load_projection",
    "neighbourhood",
    "pagerank",
    "parse_kinds",
    "read_edge_facts",
    "read_projection",
    "render_report",
    "report",
    "shortest_paths",
    "timeline",
]
