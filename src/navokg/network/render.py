"""Network results as text: a table to read, CSV (RFC 4180) or JSON (docs/exports.md).

Also the shapes the whole-graph exports share with these results: ISO days, evidence
spans as JSON, and the separator of multi-valued CSV cells.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

import orjson

from navokg.network.aid import AidFlow
from navokg.network.projection import DateWindow, Edge, Fact, Node, When
from navokg.network.timeline import Timeline
from navokg.network.walk import Neighbourhood, PathResult, Ranking
from navokg.tables import csv_text, text_table
from navokg.vocab import ID_BASE, compact_iri

__all__ = ["Report", "Result", "ResultFormat", "cut_note", "facts_document", "json_bytes", "render_report", "report"]

JOIN = " | "  # between the values of a multi-valued CSV cell (IRIs cannot contain "|")


def iso_day(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def span_json(fact: Fact) -> list[dict[str, Any]]:
    """A fact's evidence as JSON: [{"document", "exact", "start", "end"}], in code points."""
    return [{"document": e.document_iri, "exact": e.exact, "start": e.start, "end": e.end} for e in fact.evidence]


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
    return None if when is None else dict(zip(_WHEN_FIELDS, _when_fields(when), strict=True))


_WHEN_FIELDS = ("value", "precision", "earliest", "latest", "as_written")


@lru_cache(maxsize=65536)  # a neighbourhood repeats the same few hundred days tens of thousands of times
def _when_fields(when: When) -> tuple[str | None, ...]:
    precision = when.precision.value if when.precision else None
    return (when.value, precision, iso_day(when.earliest), iso_day(when.latest), when.as_written)


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
        "evidence": span_json(fact), "reports": fact.report_count, "partial": fact.partial,
        "text": fact.text, "speech": fact.speech,
        "amount": f"{fact.amount:f}" if fact.amount is not None else None, "currency": fact.currency,
        "status": fact.status, "statuses": list(fact.statuses), "aid_type": fact.aid_type,
        "disputed": list(fact.disputed),
        "items": [{"label": i.label, "quantity": i.quantity} for i in fact.items],
        "method": fact.method, "confidence": f"{fact.confidence:f}" if fact.confidence is not None else None,
        "held": [{"first": iso_day(h.first), "last": iso_day(h.last), "certainty": h.certainty, "basis": h.basis}
                 for h in fact.held],
        "stretches": [{"first": iso_day(s.first), "last": iso_day(s.last), "certainty": s.certainty,
                       "bases": list(s.bases)} for s in fact.stretches],
        "date_counts": dict(fact.date_counts),
    }  # fmt: skip


def _edge_json(edge: Edge) -> dict[str, Any]:
    return {"id": edge.id, "kind": edge.kind.value, "source": edge.source, "target": edge.target,
            "weight": edge.weight, "date": _when_json(edge.when), "earliest": iso_day(edge.earliest),
            "latest": iso_day(edge.latest), "fact_iri": edge.fact_iri,
            "fact": _fact_json(edge.fact) if edge.fact else None}  # fmt: skip


def facts_document(facts: Iterable[Fact]) -> dict[str, Any]:
    """Facts as the network results give them, ``{"facts": [fact]}``: what a drawing read
    without its facts asks for when a reader points at a line."""
    return {"facts": [_fact_json(f) for f in facts]}


def _window_json(window: DateWindow | None) -> dict[str, Any] | None:
    return {"from": iso_day(window.start), "to": iso_day(window.end)} if window else None


def _evidence(edge: Edge | Fact | None, *, every: bool = True) -> str | None:
    fact = edge.fact if isinstance(edge, Edge) else edge
    if fact is None or not fact.evidence:
        return None
    return JOIN.join(s.exact for s in fact.evidence) if every else fact.evidence[0].exact


def _neighbourhood(result: Neighbourhood) -> Report:
    hop, nodes = result.distance, result.nodes
    rows: list[tuple[Cell, ...]] = [
        (max(hop[e.source], hop[e.target]), nodes[e.source], e.kind.value, nodes[e.target], e.when,
         e.fact_iri, _evidence(e))
        for e in result.edges
    ]  # fmt: skip
    document = {
        "centre": _node_json(result.centre), "depth": result.depth, "kinds": sorted(result.kinds),
        "window": _window_json(result.window),
        "limit": result.limit, "total": result.total, "left_out": result.left_out,
        "facts_per_pair": result.facts_per_pair, "facts_left_out": result.facts_left_out, "note": cut_note(result),
        "nodes": [_node_json(n) | {"distance": hop[n.iri]} for n in nodes.values()],
        "edges": [_edge_json(e) for e in result.edges],
    }  # fmt: skip
    return Report(("hop", "source", "relation", "target", "date", "fact", "evidence"), rows, document)


def cut_note(result: Neighbourhood) -> str | None:
    """What a cut neighbourhood leaves out, in words; None when nothing is left out."""
    said = []
    hops = f"{result.depth} hop{'s' if result.depth > 1 else ''}"
    if result.left_out:
        shown = len(result.nodes)
        said.append(f"{result.total} nodes lie within {hops}; shown are the {shown} nearest and most connected, "
                    f"{result.left_out} left out.")  # fmt: skip
    if result.facts_left_out:
        said.append(f"At most {result.facts_per_pair} facts of a kind are shown between two nodes, the earliest; "
                    f"{result.facts_left_out} more are left out.")  # fmt: skip
    return " ".join(said) or None


def _paths(result: PathResult) -> Report:
    rows: list[tuple[Cell, ...]] = []
    for number, path in enumerate(result.paths, 1):
        for step, hop in enumerate(path.hops, 1):
            total = len(hop.edges) + hop.more
            for index, edge in enumerate(hop.edges, 1):
                arrow = f"{edge.kind.value} →" if edge.source == hop.source.iri else f"← {edge.kind.value}"
                rows.append((number, step, hop.source, arrow, hop.target, f"{index} of {total}", edge.when,
                             edge.fact_iri, _evidence(edge)))  # fmt: skip
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
    person = {"person": _node_json(result.entity)} if result.entity.kind == "person" else {}
    document = {
        "entity": _node_json(result.entity), **person, "window": _window_json(result.window),
        "total": result.total, "left_out": result.left_out, "note": result.note,
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
                  "currency": r.currency, "status": r.status, "kind": r.kind,
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
    return compact_iri(text) if text.startswith(ID_BASE) else text


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


def json_bytes(document: dict[str, Any], *, indent: bool = True) -> bytes:
    """A result's JSON document as the commands write it: UTF-8, indented to read.

    ``indent=False`` writes the same document without the whitespace, for programs, with
    orjson: the same bytes as ``json.dumps(separators=(",", ":"))``, ten times faster on
    the megabytes a neighbourhood can be.
    """
    if not indent:
        return orjson.dumps(document) + b"\n"
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def render_report(result: Result, fmt: ResultFormat) -> bytes:
    """A network command's result as a table to read, CSV (RFC 4180) or JSON."""
    answer = report(result)
    if fmt is ResultFormat.JSON:
        return json_bytes(answer.document)
    if fmt is ResultFormat.TABLE:
        rows = [[_cell_text(c, table=True) for c in row] for row in answer.rows]
        note = answer.document.get("note")  # what a limit left out, under the table
        return (text_table(answer.columns, rows) + (f"({note})\n" if note else "")).encode("utf-8")
    # CSV: a column of nodes becomes two, the IRI and the label.
    nodes = {i for row in answer.rows for i, c in enumerate(row) if isinstance(c, Node)}
    header: list[str] = []
    for i, name in enumerate(answer.columns):
        header += [name, f"{name}_label"] if i in nodes else [name]
    lines: list[list[str]] = []
    for row in answer.rows:
        cells: list[str] = []
        for i, cell in enumerate(row):
            cells.append(_cell_text(cell, table=False))
            if i in nodes:
                cells.append(cell.label if isinstance(cell, Node) else "")
        lines.append(cells)
    return csv_text(header, lines).encode("utf-8")
