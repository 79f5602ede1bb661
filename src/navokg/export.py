"""Whole-graph exports (RDF, GraphML, GEXF, Cytoscape JSON, CSV) and network results as text.

Every export is byte-identical for the same store content, on every run and machine:

- RDF formats are pyoxigraph's own serializers over the store's own order. Oxigraph reads
  its indexes in key order and builds keys from the terms alone (SipHash-2-4 with fixed
  keys for IRIs and long strings, short values inline, big-endian), so the order is a
  function of the quads, not of when or how they were loaded. Blank nodes occur only in
  the ontology graph, which the build labels canonically (RDFC-1.0). Prefixes are written
  in pyoxigraph's fixed order. Sorting in Python instead would cost more than the dump.
- Graph formats and CSV are written here from the projection's sorted lists, with a fixed
  attribute schema, so no dict or set order leaks in. GraphML and GEXF are streamed as
  text: networkx's writers build a whole element tree first and are several times slower;
  networkx's readers read these files back (the tests do).

Files are written atomically: to a temporary file beside the target, renamed over it
only when complete.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from . import __version__
from .errors import UsageError
from .network import (
    AidFlow,
    DateWindow,
    Edge,
    Fact,
    FactType,
    Neighbourhood,
    Node,
    PathResult,
    Projection,
    Ranking,
    Timeline,
    When,
    load_projection,
)
from .store import GraphStore
from .vocab import ID_BASE, RDF_PREFIXES

__all__ = [
    "EDGE_ATTRIBUTES",
    "NODE_ATTRIBUTES",
    "ExportFormat",
    "Report",
    "ResultFormat",
    "edge_attributes",
    "export",
    "export_to_file",
    "fact_rows",
    "node_attributes",
    "render",
    "report",
]


class ExportFormat(StrEnum):
    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    JSONLD = "jsonld"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CYJS = "cyjs"
    CSV = "csv"


# turtle, ntriples and jsonld hold triples: the union of all named graphs.
_TRIPLE_FORMATS = {
    ExportFormat.TURTLE: ox.RdfFormat.TURTLE,
    ExportFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    ExportFormat.JSONLD: ox.RdfFormat.JSON_LD,
}
_QUAD_FORMATS = {ExportFormat.NQUADS: ox.RdfFormat.N_QUADS, ExportFormat.TRIG: ox.RdfFormat.TRIG}

# Attribute schemas (name, GraphML type): fixed, so keys and columns never depend on data.
NODE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("label", "string"), ("kind", "string"), ("title", "string"), ("issued", "string"),
    ("publisher", "string"), ("earliest", "string"), ("latest", "string"),
)  # fmt: skip
EDGE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("kind", "string"), ("weight", "int"), ("fact", "string"), ("fact_type", "string"),
    ("date", "string"), ("precision", "string"), ("earliest", "string"), ("latest", "string"),
    ("start_date", "string"), ("end_date", "string"), ("attested_date", "string"),
    ("documents", "string"), ("document", "string"), ("exact", "string"), ("evidence", "string"),
    ("text", "string"), ("speech", "string"), ("amount", "double"), ("currency", "string"),
    ("status", "string"), ("statuses", "string"), ("aid_type", "string"), ("items", "string"),
    ("method", "string"), ("confidence", "double"), ("disputed", "string"),
)  # fmt: skip
CSV_COLUMNS = (
    "fact", "type", "subject", "subject_label", "role", "object", "object_label", "date", "precision",
    "earliest", "latest", "start_date", "end_date", "attested_date", "documents", "document", "exact",
    "start", "end", "text", "speech", "amount", "currency", "status", "statuses", "aid_type", "items",
    "method", "confidence", "disputed",
)  # fmt: skip
_ROLE = {FactType.HOLDING: "holds", FactType.STATEMENT: "says about", FactType.AID: "gives aid to"}
JOIN = " | "  # between the values of a multi-valued CSV cell (IRIs cannot contain "|")

Value = str | int | float


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def _clean(values: dict[str, Value | None]) -> dict[str, Value]:
    return {k: v for k, v in values.items() if v is not None and v != ""}


def node_attributes(node: Node) -> dict[str, Value]:
    """A node's attributes for network tools (see NODE_ATTRIBUTES); unknown values left out."""
    issued = node.issued
    return _clean({
        "label": node.label, "kind": node.kind.value, "title": node.title,
        "issued": issued.value if issued else None, "publisher": node.publisher,
        "earliest": _iso(issued.earliest) if issued else None,
        "latest": _iso(issued.latest) if issued else None,
    })  # fmt: skip


def _claims(claims: tuple[When, ...]) -> str | None:
    """Date claims as literals (the words where unresolved), joined: "2024-10-01 | “dinsdag”"."""
    return JOIN.join(w.value or f"“{w.as_written}”" for w in claims) or None


def _items(fact: Fact) -> str:
    return "; ".join(f"{i.quantity} {i.label}" if i.quantity is not None else i.label for i in fact.items)


def _spans(fact: Fact) -> list[dict[str, Any]]:
    return [{"document": e.document, "exact": e.exact, "start": e.start, "end": e.end} for e in fact.evidence]


def _evidence_json(fact: Fact) -> str:
    return json.dumps(_spans(fact), ensure_ascii=False, separators=(",", ":"))


def edge_attributes(edge: Edge) -> dict[str, Value]:
    """An edge's attributes for network tools (see EDGE_ATTRIBUTES); unknown values left out.

    ``evidence`` is a JSON list of every span (document, exact, start, end); ``exact`` and
    ``document`` repeat the first span for tools that show one value; ``documents`` are
    all documents reporting the fact, date claims and statuses every report's.
    """
    fact, when = edge.fact, edge.when
    values: dict[str, Value | None] = {
        "kind": edge.kind.value, "weight": edge.weight,
        "date": when.value if when else None,
        "precision": when.precision.value if when and when.precision else None,
        "earliest": _iso(edge.earliest), "latest": _iso(edge.latest),
    }  # fmt: skip
    if fact is not None:
        values |= {
            "fact": fact.iri, "fact_type": fact.type.value,
            "start_date": _claims(fact.start), "end_date": _claims(fact.end),
            "attested_date": _claims(fact.attested), "documents": JOIN.join(fact.documents),
            "document": fact.evidence[0].document if fact.evidence else None,
            "exact": fact.evidence[0].exact if fact.evidence else None,
            "evidence": _evidence_json(fact), "text": fact.text, "speech": fact.speech,
            "amount": float(fact.amount) if fact.amount is not None else None,
            "currency": fact.currency, "status": fact.status, "aid_type": fact.aid_type,
            "items": _items(fact), "method": fact.method, "statuses": JOIN.join(fact.statuses),
            "confidence": float(fact.confidence) if fact.confidence is not None else None,
            "disputed": JOIN.join(fact.disputed),
        }  # fmt: skip
    return _clean(values)


# --- XML for GraphML and GEXF ----------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: Value) -> str:
    """Escaped element text; characters XML 1.0 cannot hold become U+FFFD."""
    text = _NOT_XML.sub("\ufffd", str(value))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _xml_attr(value: Value) -> str:
    """A quoted attribute value; line breaks and tabs as references so parsers keep them."""
    text = _xml_text(value).replace('"', "&quot;")
    return '"' + text.replace("\n", "&#10;").replace("\t", "&#9;") + '"'


class _Chunks:
    """Collects text and writes it as UTF-8 in large chunks."""

    def __init__(self, output: IO[bytes]) -> None:
        self.output = output
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size > 1 << 20:
            self.flush()

    def flush(self) -> None:
        self.output.write("".join(self.parts).encode("utf-8"))
        self.parts, self.size = [], 0


_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _graphml_data(scope: str, attributes: dict[str, Value]) -> str:
    return "".join(f'<data key="{scope}_{k}">{_xml_text(v)}</data>' for k, v in attributes.items())


def _write_graphml(projection: Projection, output: IO[bytes]) -> None:
    out = _Chunks(output)
    out.add(_GRAPHML_HEAD)
    for scope, schema in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        for name, kind in schema:
            out.add(f'  <key id="{scope}_{name}" for="{scope}" attr.name="{name}" attr.type="{kind}" />\n')
    out.add('  <graph edgedefault="directed">\n')
    for iri, node in projection.nodes.items():
        data = _graphml_data("node", node_attributes(node))
        out.add(f"    <node id={_xml_attr(iri)}>{data}</node>\n")
    for edge in projection.edges:
        data = _graphml_data("edge", edge_attributes(edge))
        ends = f"source={_xml_attr(edge.source)} target={_xml_attr(edge.target)}"
        out.add(f"    <edge id={_xml_attr(edge.id)} {ends}>{data}</edge>\n")
    out.add("  </graph>\n</graphml>\n")
    out.flush()


_GEXF_TYPES = {"string": "string", "int": "integer", "double": "double"}
_GEXF_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
    f"  <meta>\n    <creator>navokg {__version__}</creator>\n  </meta>\n"
    '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n'
)


def _gexf_values(attributes: dict[str, Value], ids: dict[str, str]) -> str:
    values = "".join(f'<attvalue for="{ids[k]}" value={_xml_attr(v)} />' for k, v in attributes.items())
    return f"<attvalues>{values}</attvalues>" if values else ""


def _gexf_time(attributes: dict[str, Value]) -> str:
    """Gephi's time interval: the earliest and latest day the node or edge may hold for."""
    start, end = attributes.pop("earliest", None), attributes.pop("latest", None)
    return (f" start={_xml_attr(start)}" if start else "") + (f" end={_xml_attr(end)}" if end else "")


def _write_gexf(projection: Projection, output: IO[bytes]) -> None:
    out = _Chunks(output)
    out.add(_GEXF_HEAD)
    ids: dict[str, dict[str, str]] = {}
    number = 0
    for scope, schema in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        out.add(f'    <attributes class="{scope}" mode="static">\n')
        ids[scope] = {}
        for name, kind in schema:
            if name in ("label", "weight", "earliest", "latest"):
                continue  # GEXF's own label, weight, start and end
            ids[scope][name] = str(number)
            out.add(f'      <attribute id="{number}" title="{name}" type="{_GEXF_TYPES[kind]}" />\n')
            number += 1
        out.add("    </attributes>\n")
    out.add("    <nodes>\n")
    for iri, node in projection.nodes.items():
        attributes = node_attributes(node)
        label = attributes.pop("label")
        time = _gexf_time(attributes)
        values = _gexf_values(attributes, ids["node"])
        out.add(f"      <node id={_xml_attr(iri)} label={_xml_attr(label)}{time}>{values}</node>\n")
    out.add("    </nodes>\n    <edges>\n")
    for edge in projection.edges:
        attributes = edge_attributes(edge)
        weight = attributes.pop("weight")
        time = _gexf_time(attributes)
        values = _gexf_values(attributes, ids["edge"])
        head = f"id={_xml_attr(edge.id)} source={_xml_attr(edge.source)} target={_xml_attr(edge.target)}"
        out.add(f'      <edge {head} label="{edge.kind.value}" weight="{weight}"{time}>{values}</edge>\n')
    out.add("    </edges>\n  </graph>\n</gexf>\n")
    out.flush()


def _write_cyjs(projection: Projection, output: IO[bytes]) -> None:
    """Cytoscape.js elements JSON in the shape of networkx.cytoscape_data, one element a line.

    Written element by element rather than through networkx: json.dumps of the whole
    document with indentation runs in pure Python and is several times slower.
    """
    out = _Chunks(output)

    def element(data: dict[str, Any]) -> str:
        return json.dumps({"data": data}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    out.add('{"data": [], "directed": true, "multigraph": true, "elements": {"nodes": [\n')
    out.add(",\n".join(
        element({**node_attributes(node), "id": iri, "value": iri, "name": node.label})
        for iri, node in projection.nodes.items()
    ))  # fmt: skip
    out.add('\n], "edges": [\n')
    for number, edge in enumerate(projection.edges):
        ends = {"source": edge.source, "target": edge.target, "key": edge.id, "id": edge.id}
        out.add(("" if number == 0 else ",\n") + element({**edge_attributes(edge), **ends}))
    out.add("\n]}}\n")
    out.flush()


def fact_rows(projection: Projection) -> Iterator[dict[str, str]]:
    """One row per fact (CSV_COLUMNS): parties, dates, evidence and details.

    Multi-valued cells (several donors, speakers, reports, date claims, evidence spans)
    join their values with " | " in the same order, so the n-th exact goes with the n-th
    document, start and end.
    """
    nodes = projection.nodes

    def label(iri: str) -> str:
        return nodes[iri].label if iri in nodes else ""

    for fact in projection.facts.values():
        main = fact.when
        spans = fact.evidence
        date = _claims(fact.date) or (main.value if main else None)
        yield {
            "fact": fact.iri, "type": fact.type.value,
            "subject": JOIN.join(fact.subjects), "subject_label": JOIN.join(map(label, fact.subjects)),
            "role": _ROLE[fact.type],
            "object": JOIN.join(fact.objects), "object_label": JOIN.join(map(label, fact.objects)),
            "date": date or "", "precision": main.precision.value if main and main.precision else "",
            "earliest": _iso(fact.bounds[0]) or "", "latest": _iso(fact.bounds[1]) or "",
            "start_date": _claims(fact.start) or "", "end_date": _claims(fact.end) or "",
            "attested_date": _claims(fact.attested) or "", "documents": JOIN.join(fact.documents),
            "document": JOIN.join(s.document for s in spans),
            "exact": JOIN.join(s.exact for s in spans), "start": JOIN.join(str(s.start) for s in spans),
            "end": JOIN.join(str(s.end) for s in spans), "text": fact.text or "", "speech": fact.speech or "",
            "amount": f"{fact.amount:f}" if fact.amount is not None else "", "currency": fact.currency or "",
            "status": fact.status or "", "statuses": JOIN.join(fact.statuses),
            "aid_type": fact.aid_type or "", "items": _items(fact), "method": fact.method or "",
            "confidence": f"{fact.confidence:f}" if fact.confidence is not None else "",
            "disputed": JOIN.join(fact.disputed),
        }  # fmt: skip


def _write_csv(projection: Projection, output: IO[bytes]) -> None:
    text = io.TextIOWrapper(output, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.DictWriter(text, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(fact_rows(projection))
        text.flush()
    finally:
        text.detach()  # leave the caller's stream open


_GRAPH_WRITERS: dict[ExportFormat, Callable[[Projection, IO[bytes]], None]] = {
    ExportFormat.GRAPHML: _write_graphml,
    ExportFormat.GEXF: _write_gexf,
    ExportFormat.CYJS: _write_cyjs,
    ExportFormat.CSV: _write_csv,
}


def export(store: GraphStore, fmt: ExportFormat, output: IO[bytes] | str | os.PathLike[str]) -> None:
    """Write the whole graph in ``fmt`` to a binary stream or a path (written in place).

    turtle, ntriples and jsonld hold the union of all named graphs as triples (the build
    puts no triple in two graphs, so none is written twice); trig and nquads keep the
    graphs. The graph formats and csv hold the network projection.
    """
    ox_store = store.store
    if fmt in _QUAD_FORMATS:
        prefixes = RDF_PREFIXES if fmt is ExportFormat.TRIG else None
        ox_store.dump(output, format=_QUAD_FORMATS[fmt], prefixes=prefixes)
    elif fmt in _TRIPLE_FORMATS:
        prefixes = RDF_PREFIXES if fmt is ExportFormat.TURTLE else None
        ox.serialize((q.triple for q in ox_store), output, format=_TRIPLE_FORMATS[fmt], prefixes=prefixes)
    elif isinstance(output, (str, os.PathLike)):
        with open(output, "wb") as handle:
            _GRAPH_WRITERS[fmt](load_projection(store), handle)
    else:
        _GRAPH_WRITERS[fmt](load_projection(store), output)


def export_to_file(store: GraphStore, fmt: ExportFormat, path: Path) -> None:
    """Export to ``path`` atomically: readers see the old file or the complete new one.

    The temporary file is removed when the export fails or is interrupted. (No fsync: the
    rename is what makes it atomic; an export can always be run again.)
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UsageError(f"--out {path}: is a directory; give a file name")
    temporary = directory / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        # O_EXCL with mode 0o666 gives the file the permissions the umask allows, as open() would.
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise UsageError(f"--out {path}: cannot write there: {exc.strerror}") from None
    try:
        export(store, fmt, str(temporary))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


# --- network results as a table, CSV or JSON --------------------------------------------


class ResultFormat(StrEnum):
    """Formats of the network commands: a table to read, CSV, or JSON (docs/exports.md)."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


Cell = str | int | float | Decimal | Node | When | None


@dataclass(frozen=True)
class Report:
    """A command's answer: rows for table and CSV (a Node is a label in the table and an IRI
    plus a ``_label`` column in CSV), and the JSON document."""

    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    document: dict[str, Any]


def _when_json(when: When | None) -> dict[str, Any] | None:
    if when is None:
        return None
    precision = when.precision.value if when.precision else None
    return {"value": when.value, "precision": precision, "earliest": _iso(when.earliest),
            "latest": _iso(when.latest), "as_written": when.as_written}  # fmt: skip


def _node_json(node: Node) -> dict[str, Any]:
    found: dict[str, Any] = {"iri": node.iri, "label": node.label, "kind": node.kind.value}
    if node.kind == "document":
        found |= {"title": node.title, "issued": _when_json(node.issued)}
    return found


_DATE_ROLES = ("date", "start", "end", "attested")


def _fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "iri": fact.iri, "type": fact.type.value, "documents": list(fact.documents),
        "subjects": list(fact.subjects), "objects": list(fact.objects),
        **{role: [_when_json(w) for w in getattr(fact, role)] for role in _DATE_ROLES},
        "evidence": _spans(fact),
        "text": fact.text, "speech": fact.speech,
        "amount": f"{fact.amount:f}" if fact.amount is not None else None, "currency": fact.currency,
        "status": fact.status, "statuses": list(fact.statuses), "aid_type": fact.aid_type,
        "disputed": list(fact.disputed),
        "items": [{"label": i.label, "quantity": i.quantity} for i in fact.items],
        "method": fact.method, "confidence": f"{fact.confidence:f}" if fact.confidence is not None else None,
    }  # fmt: skip


def _edge_json(edge: Edge) -> dict[str, Any]:
    return {"id": edge.id, "kind": edge.kind.value, "source": edge.source, "target": edge.target,
            "weight": edge.weight, "date": _when_json(edge.when), "earliest": _iso(edge.earliest),
            "latest": _iso(edge.latest), "fact": _fact_json(edge.fact) if edge.fact else None}  # fmt: skip


def _window_json(window: DateWindow | None) -> dict[str, Any] | None:
    return {"from": _iso(window.start), "to": _iso(window.end)} if window else None


def _evidence(edge: Edge | Fact | None, *, every: bool = True) -> str | None:
    fact = edge.fact if isinstance(edge, Edge) else edge
    if fact is None or not fact.evidence:
        return None
    return JOIN.join(s.exact for s in fact.evidence) if every else fact.evidence[0].exact


def _neighbourhood(result: Neighbourhood) -> Report:
    hop, nodes = result.distance, result.nodes
    rows: list[tuple[Cell, ...]] = [
        (max(hop[e.source], hop[e.target]), nodes[e.source], e.kind.value, nodes[e.target], e.when,
         e.fact.iri if e.fact else None, _evidence(e))
        for e in result.edges
    ]  # fmt: skip
    document = {
        "centre": _node_json(result.centre), "depth": result.depth, "kinds": sorted(result.kinds),
        "window": _window_json(result.window),
        "nodes": [_node_json(n) | {"distance": hop[n.iri]} for n in nodes.values()],
        "edges": [_edge_json(e) for e in result.edges],
    }  # fmt: skip
    return Report(("hop", "source", "relation", "target", "date", "fact", "evidence"), rows, document)


def _paths(result: PathResult) -> Report:
    rows: list[tuple[Cell, ...]] = []
    for number, path in enumerate(result.paths, 1):
        for step, hop in enumerate(path.hops, 1):
            total = len(hop.edges) + hop.more
            for index, edge in enumerate(hop.edges, 1):
                arrow = f"{edge.kind.value} →" if edge.source == hop.source.iri else f"← {edge.kind.value}"
                rows.append((number, step, hop.source, arrow, hop.target, f"{index} of {total}", edge.when,
                             edge.fact.iri if edge.fact else None, _evidence(edge)))  # fmt: skip
    document = {
        "source": _node_json(result.source), "target": _node_json(result.target),
        "kinds": sorted(result.kinds), "window": _window_json(result.window),
        "length": len(result.paths[0].hops) if result.paths else None,
        "paths": [{"nodes": [_node_json(n) for n in path.nodes],
                   "hops": [{"from": h.source.iri, "to": h.target.iri, "more": h.more,
                             "edges": [_edge_json(e) for e in h.edges]} for h in path.hops]}
                  for path in result.paths],
    }  # fmt: skip
    columns = ("path", "hop", "from", "relation", "to", "facts", "date", "fact", "evidence")
    return Report(columns, rows, document)


def _ranking(result: Ranking) -> Report:
    rows: list[tuple[Cell, ...]] = [(r.rank, r.node, r.node.kind.value, r.score) for r in result.entries]
    document = {
        "measure": result.measure.value, "kinds": sorted(result.kinds), "window": _window_json(result.window),
        "parameters": result.parameters,
        "ranking": [{"rank": r.rank, "score": round(r.score, 12)} | _node_json(r.node)
                    for r in result.entries],
    }  # fmt: skip
    return Report(("rank", "entity", "kind", "score"), rows, document)


def _timeline(result: Timeline) -> Report:
    rows: list[tuple[Cell, ...]] = [
        (e.when, e.when.precision.value if e.when and e.when.precision else None, e.kind, e.what, e.detail,
         e.fact.iri, _evidence(e.fact))
        for e in result.entries
    ]  # fmt: skip
    document = {
        "person": _node_json(result.person), "window": _window_json(result.window),
        "entries": [{"date": _when_json(e.when), "kind": e.kind, "what": e.what, "detail": e.detail,
                     "fact": _fact_json(e.fact)} for e in result.entries],
    }  # fmt: skip
    return Report(("date", "precision", "kind", "what", "detail", "fact", "evidence"), rows, document)


def _aid_flow(result: AidFlow) -> Report:
    rows: list[tuple[Cell, ...]] = [
        (r.donor, r.recipient, r.year, r.currency, r.status, r.total, r.commitments, r.shared, r.disputed)
        for r in result.rows
    ]
    document = {
        "grouping": result.grouping.value, "window": _window_json(result.window),
        "rows": [{"donor": _node_json(r.donor), "recipient": _node_json(r.recipient), "year": r.year,
                  "currency": r.currency, "status": r.status,
                  "total": f"{r.total:f}" if r.total is not None else None,
                  "commitments": r.commitments, "shared": r.shared, "disputed": r.disputed,
                  "facts": list(r.facts)}
                 for r in result.rows],
    }  # fmt: skip
    columns = (
        "donor",
        "recipient",
        "year",
        "currency",
        "status",
        "total",
        "commitments",
        "shared",
        "disputed",
    )
    return Report(columns, rows, document)


Result = Neighbourhood | PathResult | Ranking | Timeline | AidFlow


def report(result: Result) -> Report:
    """The rows and JSON document of a network command's result."""
    if isinstance(result, Neighbourhood):
        return _neighbourhood(result)
    if isinstance(result, PathResult):
        return _paths(result)
    if isinstance(result, Ranking):
        return _ranking(result)
    if isinstance(result, Timeline):
        return _timeline(result)
    return _aid_flow(result)


def _compact(text: str) -> str:
    return "id:" + text[len(ID_BASE) :] if text.startswith(ID_BASE) else text


def _cell_text(cell: Cell, *, table: bool) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Node):
        return cell.label if table else cell.iri
    if isinstance(cell, When):
        return cell.value or (f"“{cell.as_written}” (unresolved)" if cell.as_written else "?")
    if isinstance(cell, float):
        return f"{cell:.6f}"
    if isinstance(cell, Decimal):
        return f"{cell:f}"
    text = str(cell)
    return _compact(text) if table else text


def _table(columns: tuple[str, ...], rows: list[list[str]], *, width: int = 60) -> str:
    def cut(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cut(c) for c in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]  # fmt: skip
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def render(result: Result, fmt: ResultFormat) -> bytes:
    """A network command's result as a table to read, CSV (RFC 4180) or JSON."""
    answer = report(result)
    if fmt is ResultFormat.JSON:
        return json.dumps(answer.document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    if fmt is ResultFormat.TABLE:
        rows = [[_cell_text(c, table=True) for c in row] for row in answer.rows]
        return _table(answer.columns, rows).encode("utf-8")
    # CSV: a column of nodes becomes two, the IRI and the label.
    nodes = {i for row in answer.rows for i, c in enumerate(row) if isinstance(c, Node)}
    header: list[str] = []
    for i, name in enumerate(answer.columns):
        header += [name, f"{name}_label"] if i in nodes else [name]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in answer.rows:
        cells: list[str] = []
        for i, cell in enumerate(row):
            cells.append(_cell_text(cell, table=False))
            if i in nodes:
                cells.append(cell.label if isinstance(cell, Node) else "")
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")
