"""Whole-graph exports: RDF, GraphML, GEXF, Cytoscape JSON and CSV.

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
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox

from navokg import __version__
from navokg.errors import UsageError
from navokg.files import replace_atomically
from navokg.network import Edge, Fact, FactType, Node, Projection, When, load_projection
from navokg.network.render import JOIN, iso_day, span_json
from navokg.store import GraphStore
from navokg.vocab import RDF_FORMATS, RDF_PREFIXES

__all__ = [
    "EDGE_ATTRIBUTES",
    "JOIN",
    "NODE_ATTRIBUTES",
    "ExportFormat",
    "Shard",
    "ShardSet",
    "edge_attributes",
    "export",
    "export_shards",
    "export_to_file",
    "fact_rows",
    "node_attributes",
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


# turtle, ntriples and jsonld hold triples (the union of all named graphs); trig and
# nquads keep the graphs.
_TRIPLE_FORMATS = {ExportFormat.TURTLE, ExportFormat.NTRIPLES, ExportFormat.JSONLD}
_QUAD_FORMATS = {ExportFormat.NQUADS, ExportFormat.TRIG}

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

Value = str | int | float


def _clean(values: dict[str, Value | None]) -> dict[str, Value]:
    return {k: v for k, v in values.items() if v is not None and v != ""}


def node_attributes(node: Node) -> dict[str, Value]:
    """A node's attributes for network tools (see NODE_ATTRIBUTES); unknown values left out."""
    issued = node.issued
    return _clean({
        "label": node.label, "kind": node.kind.value, "title": node.title,
        "issued": issued.value if issued else None, "publisher": node.publisher,
        "earliest": iso_day(issued.earliest) if issued else None,
        "latest": iso_day(issued.latest) if issued else None,
    })  # fmt: skip


def _claims(claims: tuple[When, ...]) -> str | None:
    """Date claims as literals (the words where unresolved), joined: "2024-10-01 | “dinsdag”"."""
    return JOIN.join(w.said for w in claims) or None


def _items(fact: Fact) -> str:
    return "; ".join(f"{i.quantity} {i.label}" if i.quantity is not None else i.label for i in fact.items)


def _evidence_json(fact: Fact) -> str:
    return json.dumps(span_json(fact), ensure_ascii=False, separators=(",", ":"))


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
        "earliest": iso_day(edge.earliest), "latest": iso_day(edge.latest),
    }  # fmt: skip
    if fact is not None:
        values |= {
            "fact": fact.iri, "fact_type": fact.type.value,
            "start_date": _claims(fact.start), "end_date": _claims(fact.end),
            "attested_date": _claims(fact.attested), "documents": JOIN.join(fact.documents),
            "document": fact.evidence[0].document_iri if fact.evidence else None,
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
            "earliest": iso_day(fact.bounds[0]) or "", "latest": iso_day(fact.bounds[1]) or "",
            "start_date": _claims(fact.start) or "", "end_date": _claims(fact.end) or "",
            "attested_date": _claims(fact.attested) or "", "documents": JOIN.join(fact.documents),
            "document": JOIN.join(s.document_iri for s in spans),
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
        ox_store.dump(output, format=RDF_FORMATS[fmt.value], prefixes=prefixes)
    elif fmt in _TRIPLE_FORMATS:
        prefixes = RDF_PREFIXES if fmt is ExportFormat.TURTLE else None
        ox.serialize((q.triple for q in ox_store), output, format=RDF_FORMATS[fmt.value], prefixes=prefixes)
    elif isinstance(output, (str, os.PathLike)):
        with open(output, "wb") as handle:
            _GRAPH_WRITERS[fmt](load_projection(store), handle)
    else:
        _GRAPH_WRITERS[fmt](load_projection(store), output)


def export_to_file(store: GraphStore, fmt: ExportFormat, path: Path | None) -> None:
    """Export to ``path`` atomically: readers see the old file or the complete new one
    (the temporary file is removed when the export fails or is interrupted); None: stdout."""
    if path is None:
        export(store, fmt, sys.stdout.buffer)
        sys.stdout.flush()
        return
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{path}: is a directory; give a file name to export to")
    with contextlib.ExitStack() as stack:
        try:
            handle = stack.enter_context(replace_atomically(path))
        except OSError as exc:
            raise UsageError(f"{path}: cannot write there: {exc.strerror}") from None
        export(store, fmt, handle)


# --- N-Quads in shards, for a server's bulk loader -------------------------------------

SHARDS_MANIFEST = "manifest.json"
_SHARD_NAME = "navokg-{:05d}.nq"


@dataclass(frozen=True)
class Shard:
    """One file of a sharded export: its name, quads, size and SHA-256."""

    file: str
    quads: int
    bytes: int
    sha256: str


@dataclass
class ShardSet:
    """A directory of N-Quads shards and its manifest."""

    directory: Path
    shards: list[Shard] = field(default_factory=list)
    graphs: int = 0

    @property
    def quads(self) -> int:
        return sum(s.quads for s in self.shards)

    def summary(self) -> str:
        return (
            f"Wrote {len(self.shards)} N-Quads shard{'s' if len(self.shards) != 1 else ''} "
            f"({self.quads} quads in {self.graphs} graphs) "
            f"and {SHARDS_MANIFEST} to {self.directory}"
        )


class _Counted:
    """A file that keeps the SHA-256 and size of what is written to it."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.handle.write(data)

    def flush(self) -> None:
        self.handle.flush()


class _ShardWriter:
    """The stream pyoxigraph dumps into, cut at line ends into files of given quad counts.

    N-Quads has one quad per line and no raw line break inside a term, so cutting after
    the n-th newline cuts after the n-th quad.
    """

    def __init__(self, directory: Path, sizes: list[int], compress: bool) -> None:
        self.directory, self.sizes, self.compress = directory, sizes, compress
        self.shards: list[Shard] = []
        self.lines = 0
        self.file: _Counted | None = None
        self.stream: _Counted | gzip.GzipFile | None = None

    def _name(self) -> str:
        return _SHARD_NAME.format(len(self.shards)) + (".gz" if self.compress else "")

    def _open(self) -> _Counted | gzip.GzipFile:
        self.file = _Counted(open(self.directory / self._name(), "xb"))  # noqa: SIM115 - closed in _close
        # No name and no time in the gzip header: the same quads give the same bytes.
        self.stream = gzip.GzipFile(filename="", mode="wb", fileobj=self.file, mtime=0) if self.compress else self.file
        self.lines = 0
        return self.stream

    def _close(self) -> None:
        assert self.file is not None and self.stream is not None
        if isinstance(self.stream, gzip.GzipFile):
            self.stream.close()
        self.file.handle.close()
        self.shards.append(Shard(self._name(), self.lines, self.file.size, self.file.digest.hexdigest()))
        self.file = self.stream = None

    def write(self, data: bytes) -> int:
        chunk, start = bytes(data), 0
        while start < len(chunk):
            stream = self.stream or self._open()
            room = self.sizes[len(self.shards)] - self.lines
            lines = chunk.count(b"\n", start)
            if lines < room:
                stream.write(chunk[start:])
                self.lines += lines
                break
            end = start - 1
            for _ in range(room):
                end = chunk.index(b"\n", end + 1)
            stream.write(chunk[start : end + 1])
            self.lines += room
            self._close()
            start = end + 1
        return len(data)

    def flush(self) -> None:
        if self.stream is not None:
            self.stream.flush()

    def finish(self) -> list[Shard]:
        if self.stream is not None:
            self._close()
        return self.shards


def _shard_sizes(total: int, shards: int) -> list[int]:
    """Quads per shard: as even as can be, the first ones one larger."""
    count = max(1, min(shards, total))
    return [total // count + (1 if i < total % count else 0) for i in range(count)]


def _replace_directory(partial: Path, target: Path) -> None:
    """Put a complete directory in the place of a previous export (or of nothing)."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    partial.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def export_shards(
    store: GraphStore,
    directory: Path | None,
    *,
    shards: int,
    fmt: ExportFormat = ExportFormat.NQUADS,
    compress: bool = True,
) -> ShardSet:
    """Write the graph as N-Quads in ``shards`` files of near-equal size, with a manifest.

    For a SPARQL server's bulk loader (docs/scaling.md).  Every named graph is kept; the
    shards, decompressed and read in order, are the N-Quads export byte for byte, and the
    same store gives the same files.  ``compress`` gzips them (``.nq.gz``), which both
    Virtuoso's and Oxigraph's loaders read.  The directory is replaced as a whole when
    complete: a previous export there goes, and a reader never sees half of one.
    """
    if fmt is not ExportFormat.NQUADS:
        raise UsageError("shards are written as nquads, the format that keeps every named graph", parameter="format")
    if directory is None:
        raise UsageError("give the directory to write the shards to", parameter="out")
    if shards < 1:
        raise UsageError("give one shard or more", parameter="shards")
    directory = Path(directory)
    if directory.exists() and (
        not directory.is_dir() or (any(directory.iterdir()) and not (directory / SHARDS_MANIFEST).exists())
    ):
        raise UsageError(f"{directory}: holds other files; give a new or empty directory for the shards")
    partial = directory.with_name(f".{directory.name}.partial-{os.getpid()}")
    try:
        partial.mkdir(parents=True)
    except OSError as exc:
        raise UsageError(f"{directory}: cannot write there: {exc.strerror}") from None
    try:
        total = len(store.store)
        writer = _ShardWriter(partial, _shard_sizes(total, shards), compress)
        store.store.dump(cast(IO[bytes], writer), format=ox.RdfFormat.N_QUADS)  # write() and flush()
        result = ShardSet(directory, writer.finish(), sum(1 for _ in store.store.named_graphs()))
        manifest = {
            "navokg": __version__, "format": "application/n-quads", "compression": "gzip" if compress else None,
            "quads": result.quads, "graphs": result.graphs, "shards": [asdict(s) for s in result.shards],
        }  # fmt: skip
        (partial / SHARDS_MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
        _replace_directory(partial, directory)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return result
