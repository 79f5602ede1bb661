"""SPARQL 1.1 Protocol logic that runs inside a query worker.

The parent process only reads requests; everything that touches the store (evaluation,
content negotiation on the kind of result, serialization under the size cap, the service
description) happens here, so a query that runs away takes only its worker with it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pyoxigraph as ox

from navokg.errors import NavokgError, QueryError, RemoteError, ResultTooLarge, StoreError, UsageError, brief
from navokg.read.sparql_check import CheckedQuery, check_query
from navokg.vocab import PREFIXES, RDF_PREFIXES
from navokg.web.workers import WorkerContext

__all__ = [
    "FORMATS",
    "Format",
    "ResultKind",
    "SparqlAnswer",
    "SparqlRequest",
    "acceptable",
    "choose_format",
    "describe_service",
    "parse_accept",
    "prefers_html",
    "run_sparql",
    "sparql_answer",
]

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"


class ResultKind(StrEnum):
    """What a query answers with: solutions (SELECT), a boolean (ASK) or triples."""

    SOLUTIONS = "solutions"
    BOOLEAN = "boolean"
    GRAPH = "graph"


_RESULTS = frozenset({ResultKind.SOLUTIONS, ResultKind.BOOLEAN})
_GRAPH = frozenset({ResultKind.GRAPH})


@dataclass(frozen=True)
class Format:
    """A serialization the endpoint offers, with the names a client may ask for it by."""

    name: str
    media_type: str
    kinds: frozenset[ResultKind]
    format_iri: str
    aliases: tuple[str, ...] = ()  # further names for the ``format`` parameter
    also_accepts: tuple[str, ...] = ()  # further media types in Accept that select it
    text: bool = False  # give a charset

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.text else self.media_type

    def pyoxigraph_format(self) -> Any:
        """pyoxigraph's own name for this serialization, found by its media type."""
        if ResultKind.GRAPH in self.kinds:
            return ox.RdfFormat.from_media_type(self.media_type)
        return ox.QueryResultsFormat.from_media_type(self.media_type)


# In order of preference: the first a client accepts equally well wins.  The aliases are
# the names clients put in ``format`` (SPARQLWrapper sends json, xml, turtle, n3, rdf,
# rdf+xml, json-ld, csv or tsv, whatever the query, and a media type beside some).
FORMATS: tuple[Format, ...] = (
    Format(
        "json",
        "application/sparql-results+json",
        _RESULTS,
        FORMATS_NS + "SPARQL_Results_JSON",
        aliases=("srj",),
        also_accepts=("application/json",),
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        _RESULTS,
        FORMATS_NS + "SPARQL_Results_XML",
        aliases=("srx",),
        also_accepts=("application/xml", "text/xml"),
    ),
    Format("csv", "text/csv", _RESULTS, FORMATS_NS + "SPARQL_Results_CSV", text=True),
    Format("tsv", "text/tab-separated-values", _RESULTS, FORMATS_NS + "SPARQL_Results_TSV", text=True),
    Format(
        "turtle",
        "text/turtle",
        _GRAPH,
        FORMATS_NS + "Turtle",
        # Turtle is N3 too: an N3 client reads it.
        aliases=("ttl", "n3", "text/n3", "text/rdf+n3", "application/n3", "application/turtle"),
        also_accepts=("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3", "application/n3"),
        text=True,
    ),
    Format(
        "ntriples",
        "application/n-triples",
        _GRAPH,
        FORMATS_NS + "N-Triples",
        aliases=("nt", "n-triples"),
        also_accepts=("text/plain",),
    ),
    Format(
        "jsonld",
        "application/ld+json",
        _GRAPH,
        FORMATS_NS + "JSON-LD",
        aliases=("json-ld", "json", "application/x-json+ld"),
        also_accepts=("application/json", "application/x-json+ld"),
    ),
    Format(
        "rdfxml",
        "application/rdf+xml",
        _GRAPH,
        FORMATS_NS + "RDF_XML",
        aliases=("rdf+xml", "rdf", "xml"),
        also_accepts=("application/xml", "text/xml"),
    ),
)


@dataclass(frozen=True)
class SparqlRequest:
    """One protocol request, as plain data a worker process can receive."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: str | None = None
    formats: tuple[str, ...] = ()  # the ``format`` parameter's values
    base_iri: str | None = None  # relative IRIs in the query resolve against it: the endpoint's URL
    checked: CheckedQuery | None = None  # what check_query found, when the server already ran it


@dataclass(frozen=True)
class SparqlAnswer:
    """A serialized answer and its media type."""

    body: bytes
    content_type: str
    kind: ResultKind = ResultKind.SOLUTIONS
    headers: dict[str, str] = field(default_factory=dict)


# --- content negotiation -------------------------------------------------------------------


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an Accept header with their q-values; no header accepts anything."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges: list[tuple[str, float]] = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(media_types: tuple[str, ...], ranges: list[tuple[str, float]]) -> float:
    """The q-value the most specific matching range gives any of a format's media types."""
    best_specificity, best_q = -1, 0.0
    for media in media_types:
        kind = media.split("/")[0]
        for pattern, q in ranges:
            if pattern == media:
                specificity = 2
            elif pattern == f"{kind}/*":
                specificity = 1
            elif pattern == "*/*":
                specificity = 0
            else:
                continue
            if specificity > best_specificity or (specificity == best_specificity and q > best_q):
                best_specificity, best_q = specificity, q
    return best_q


def _accepted(fmt: Format, ranges: list[tuple[str, float]]) -> float:
    return _quality((fmt.media_type, *fmt.also_accepts), ranges)


def acceptable(accept: str | None) -> bool:
    """Whether an Accept header allows any format this endpoint can answer in."""
    ranges = parse_accept(accept)
    return any(_accepted(fmt, ranges) > 0 for fmt in FORMATS)


def prefers_html(accept: str | None, others: tuple[str, ...], *, on_a_tie: bool) -> bool:
    """Whether a client (a browser) names HTML and ranks it above the other media types offered.

    The one rule for every route: the SPARQL endpoint offers its result formats and keeps
    them on a tie (a client asking for both equally is a program); the pages offer JSON and
    give HTML on a tie (a browser's Accept ranks nothing above it).
    """
    ranges = parse_accept(accept)
    html = max((q for media, q in ranges if media in ("text/html", "application/xhtml+xml")), default=0.0)
    other = _quality(others, ranges)
    return html > 0 and (html >= other if on_a_tie else html > other)


def html_preferred(accept: str | None) -> bool:
    """Whether a client (a browser) asks the endpoint for HTML before any format of ours."""
    media = tuple(m for fmt in FORMATS for m in (fmt.media_type, *fmt.also_accepts))
    return prefers_html(accept, media, on_a_tie=False)


def _by_name(kind: ResultKind, name: str) -> Format | None:
    """The format a ``format`` value names for this kind of result.

    A name, a media type, or a list of media types as SPARQLWrapper sends them.  None when
    the value names only formats of the other kind of result (SPARQLWrapper sends
    ``format=turtle`` with a SELECT when asked for Turtle): Accept decides then.
    """
    other_kind = False
    for part in name.split(","):
        wanted = part.split(";")[0].strip().lower()
        for fmt in FORMATS:
            if wanted and wanted in (fmt.name, fmt.media_type, *fmt.aliases):
                if kind in fmt.kinds:
                    return fmt
                other_kind = True
    if other_kind:
        return None
    offered = ", ".join(f.name for f in FORMATS if kind in f.kinds)
    what = "CONSTRUCT and DESCRIBE results" if kind is ResultKind.GRAPH else "SELECT and ASK results"
    raise UsageError(f"format '{name}' is not offered for {what}; use one of: {offered}")


def _named_in_accept(fmt: Format, ranges: list[tuple[str, float]]) -> float:
    """The q-value Accept gives a format by its own media type (not a wildcard or a generic type)."""
    return max((q for media, q in ranges if media == fmt.media_type), default=0.0)


def choose_format(kind: ResultKind, accept: str | None, format_names: tuple[str, ...] = ()) -> Format:
    """The format to answer in: the best match for Accept, or the ``format`` parameter's.

    ``format`` is for links and browsers, whose Accept names no format of ours; where
    Accept names one by its media type and ``format`` names another, both servable,
    Accept wins.  A client whose Accept names only formats of the other kind of result
    (text/turtle for a SELECT) gets this kind's default rather than an error: clients such
    as SPARQLWrapper send one Accept for every query.  SPARQLWrapper also repeats
    ``format`` with a name and a media type (``tsv`` and ``text/tab-separated-values``):
    fine as long as they name one format.
    """
    named = {fmt for fmt in (_by_name(kind, name) for name in format_names if name.strip()) if fmt is not None}
    if len(named) > 1:
        raise UsageError(f"the format parameter names different formats: {', '.join(format_names)}")
    candidates = [fmt for fmt in FORMATS if kind in fmt.kinds]
    ranges = parse_accept(accept)
    if named:
        wanted = named.pop()
        explicit = max(candidates, key=lambda fmt: _named_in_accept(fmt, ranges))
        if _named_in_accept(wanted, ranges) == 0 and _named_in_accept(explicit, ranges) > 0:
            return explicit
        return wanted
    best, best_q = candidates[0], 0.0
    for fmt in candidates:
        q = _accepted(fmt, ranges)
        if q > best_q:
            best, best_q = fmt, q
    return best


def _iri(value: str, parameter: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError:
        raise QueryError(f"{parameter}: '{value}' is not an absolute IRI") from None


def run_sparql(ctx: WorkerContext, request: SparqlRequest) -> Any:
    """Evaluate a query on the request's dataset: protocol graphs, else FROM, else the union."""
    text = request.query
    checked = request.checked or check_query(text, allow_service=ctx.settings.allow_service)
    options: dict[str, Any] = {}
    if request.default_graphs or request.named_graphs:
        # The protocol's dataset replaces the query's; with named graphs only, the default
        # graph is empty, as the protocol says, not the union.
        options["default_graph"] = [_iri(g, "default-graph-uri") for g in request.default_graphs] or [ox.DefaultGraph()]
        if request.named_graphs:
            options["named_graphs"] = [_iri(g, "named-graph-uri") for g in request.named_graphs]
    else:
        options["use_default_graph_as_union"] = not checked.dataset
    graph = ctx.graph
    try:
        return graph.store.query(text, prefixes=PREFIXES, base_iri=request.base_iri, **options)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {brief(str(exc))}") from None
    except OSError as exc:
        raise _evaluation_error(exc, checked, ctx) from None


def _evaluation_error(exc: OSError, checked: CheckedQuery, ctx: WorkerContext) -> NavokgError:
    if checked.service:
        return RemoteError(f"a SERVICE call failed: {brief(str(exc))}")
    return StoreError(f"{ctx.settings.store}: evaluating the query failed: {brief(str(exc))}")


def kind_of(result: Any) -> ResultKind:
    if isinstance(result, ox.QueryBoolean):
        return ResultKind.BOOLEAN
    if isinstance(result, ox.QuerySolutions):
        return ResultKind.SOLUTIONS
    return ResultKind.GRAPH


class _CappedBuffer(io.BytesIO):
    """A binary sink that refuses to grow past the cap, so memory stays bounded."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.cap:
            raise ResultTooLarge(
                f"the result is larger than this endpoint's cap of {self.cap:,} bytes; "
                "narrow the query (LIMIT, fewer variables) or use navokg export for the whole graph"
            )
        return super().write(data)


def serialize(result: Any, fmt: Format, cap: int, *, prefixes: dict[str, str] | None = None) -> bytes:
    """Write a result in a format, stopping with ResultTooLarge at ``cap`` bytes."""
    sink = _CappedBuffer(cap)
    if isinstance(result, ox.QueryBoolean | ox.QuerySolutions):
        result.serialize(sink, format=fmt.pyoxigraph_format())
    elif fmt.name == "turtle" and prefixes:
        ox.serialize(result, sink, format=fmt.pyoxigraph_format(), prefixes=prefixes)
    else:
        ox.serialize(result, sink, format=fmt.pyoxigraph_format())
    return sink.getvalue()


def sparql_answer(ctx: WorkerContext, request: SparqlRequest) -> SparqlAnswer:
    """Answer one protocol request: run it, negotiate the format, serialize under the cap."""
    result = run_sparql(ctx, request)
    kind = kind_of(result)
    fmt = choose_format(kind, request.accept, request.formats)
    try:
        body = serialize(result, fmt, ctx.settings.max_result_bytes, prefixes=RDF_PREFIXES)
    except OSError as exc:  # evaluation is lazy: errors can surface while writing
        checked = request.checked or check_query(request.query, allow_service=ctx.settings.allow_service)
        raise _evaluation_error(exc, checked, ctx) from None
    return SparqlAnswer(body, fmt.content_type, kind)


# --- service description ---------------------------------------------------------------------


def _graph_sizes(ctx: WorkerContext) -> list[tuple[str, int]]:
    """Named graphs and their triple counts, computed once per build."""
    cached = ctx.cache.get("graph-sizes")
    if cached is None:
        rows = ctx.graph.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
        cached = [(row["g"].value, int(row["n"].value)) for row in rows]
        ctx.cache["graph-sizes"] = cached
    return list(cached)


def describe_service(
    ctx: WorkerContext, endpoint: str, accept: str | None, format_names: tuple[str, ...] = ()
) -> SparqlAnswer:
    """The W3C service description of the endpoint: languages, formats, features, named graphs."""
    rdf_type, node = PREFIXES["rdf"] + "type", ox.NamedNode
    triples: list[Any] = []

    def add(subject: Any, predicate: str, *objects: Any) -> None:
        triples.extend(ox.Triple(subject, node(predicate), obj) for obj in objects)

    def integer(value: int) -> Any:
        return ox.Literal(str(value), datatype=node(PREFIXES["xsd"] + "integer"))

    service, dataset, default = node(endpoint), ox.BlankNode("dataset"), ox.BlankNode("default")
    features = [node(SD + "UnionDefaultGraph")]
    if ctx.settings.allow_service:
        features.append(node(SD + "BasicFederatedQuery"))
    add(service, rdf_type, node(SD + "Service"))
    add(service, SD + "endpoint", service)
    title = ox.Literal("navokg SPARQL endpoint (read-only)", language="en")
    add(service, PREFIXES["dcterms"] + "title", title)
    add(service, SD + "supportedLanguage", node(SD + "SPARQL11Query"))
    add(service, SD + "resultFormat", *(node(fmt.format_iri) for fmt in FORMATS))
    add(service, SD + "feature", *features)
    add(service, SD + "defaultEntailmentRegime", node("http://www.w3.org/ns/entailment/Simple"))
    add(service, SD + "defaultDataset", dataset)
    sizes = _graph_sizes(ctx)
    named = [ox.BlankNode(f"named{index}") for index in range(len(sizes))]
    add(dataset, rdf_type, node(SD + "Dataset"))
    add(dataset, SD + "defaultGraph", default)
    add(dataset, SD + "namedGraph", *named)
    add(default, rdf_type, node(SD + "Graph"))
    comment = "The union of all named graphs, unless a query or the request names its dataset."
    add(default, PREFIXES["rdfs"] + "comment", ox.Literal(comment, language="en"))
    add(default, VOID + "triples", integer(sum(n for _, n in sizes)))
    for index, (name, count) in enumerate(sizes):
        graph = ox.BlankNode(f"graph{index}")
        add(named[index], rdf_type, node(SD + "NamedGraph"))
        add(named[index], SD + "name", node(name))
        add(named[index], SD + "graph", graph)
        add(graph, rdf_type, node(SD + "Graph"))
        add(graph, VOID + "triples", integer(count))
    fmt = choose_format(ResultKind.GRAPH, accept, format_names)
    prefixes = {
        "sd": SD,
        "formats": FORMATS_NS,
        "void": VOID,
        "dcterms": PREFIXES["dcterms"],
        "rdfs": PREFIXES["rdfs"],
        "xsd": PREFIXES["xsd"],
    }
    body = serialize(triples, fmt, ctx.settings.max_result_bytes, prefixes=prefixes)
    return SparqlAnswer(body, fmt.content_type, ResultKind.GRAPH)
