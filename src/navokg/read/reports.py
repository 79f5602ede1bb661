"""One fact, many reports: the conflicts reports leave open, and why reports merged.

Reports of the same fact (same match key, see ``navokg.build.rdf.match_key``) share one
IRI; each document's named graph adds its evidence and its own values.  The derived
graph (``navokg.build.derived``) marks where they disagree; this module shows every
claim with its document and words.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from navokg.errors import NotFoundError
from navokg.read.facts import Fact, read_documents, read_facts
from navokg.read.query import select_rows
from navokg.store import Queryable
from navokg.vocab import CLAIM_LINKS, DERIVED_GRAPH, expand_iri

__all__ = [
    "ClaimShown",
    "Conflict",
    "DocumentReport",
    "FactReports",
    "as_json",
    "conflicts",
    "conflicts_text",
    "reports",
    "reports_text",
]


@dataclass(frozen=True)
class ClaimShown:
    """What one document says: a value (as written and its bounds) and its evidence."""

    document: str
    value: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """Reports that disagree about one property of a fact, or two facts that compete."""

    fact: str
    label: str
    property: str  # "start", "end", "date", or "amount" for competing aid commitments
    claims: tuple[ClaimShown, ...]
    other: str | None = None  # the competing fact, for amount conflicts


def _date_claims(fact: Fact, role: str) -> tuple[ClaimShown, ...]:
    """Each report's claim for one date role, with the words of that report's evidence.

    A term's conflict ("period") shows every dated claim of the holding: together they
    cannot hold.
    """
    shown = []
    for claim in fact.claims:
        if (claim.role != role and role != "period") or not claim.evidence:
            continue
        when = claim.when
        bounds = f" ({when.earliest.isoformat()} – {when.latest.isoformat()})" if when.earliest and when.latest else ""
        order = (claim.document or "", when.earliest.isoformat() if when.earliest else "", when.as_written or "")
        words = tuple(sorted(e.exact for e in claim.evidence))
        said = f"{claim.role.replace('_', ' ')}: " if role == "period" else ""
        shown.append((order, ClaimShown(claim.document or "", f"{said}{when.as_written or ''}{bounds}", words)))
    return tuple(c for _, c in sorted(shown, key=lambda pair: pair[0]))


def _amount_claims(fact: Fact) -> tuple[ClaimShown, ...]:
    amount = f"{fact.amount:f}" if fact.amount is not None else "?"
    return tuple(
        ClaimShown(document, f"{amount} {fact.currency}", tuple(e.exact for e in fact.reported_in(document)[1]))
        for document in fact.documents
    )


def conflicts(graph: Queryable) -> list[Conflict]:
    """Every open conflict in the graph, each claim with its document and evidence."""
    dates = select_rows(
        graph,
        f"""SELECT ?f ?p ?label WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?f nkg:conflictingProperty ?p }}
             ?f rdfs:label ?label }} ORDER BY ?f ?p""",
    )
    amounts = select_rows(
        graph,
        f"""SELECT ?a ?b ?label WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?a nkg:conflictsWith ?b }} ?a rdfs:label ?label
             FILTER (STR(?a) < STR(?b)) }} ORDER BY ?a ?b""",
    )
    facts = read_facts(graph, [r["f"].value for r in dates] + [r[n].value for r in amounts for n in ("a", "b")])
    found: list[Conflict] = []
    for row in dates:
        fact, role = row["f"].value, row["p"].value.rsplit("#", 1)[-1]
        found.append(Conflict(fact, row["label"].value, role, _date_claims(facts[fact], role)))
    for row in amounts:
        a, b = row["a"].value, row["b"].value
        claims = _amount_claims(facts[a]) + _amount_claims(facts[b])
        found.append(Conflict(a, row["label"].value, "amount", claims, other=b))
    return found


@dataclass(frozen=True)
class DocumentReport:
    """One document's report of a fact: its dates as written, and its evidence."""

    document: str
    title: str | None
    values: dict[str, tuple[str, ...]]
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class FactReports:
    """A fact with every report merged into it and the reason they were merged."""

    fact: str
    label: str
    match_keys: tuple[str, ...]
    methods: tuple[str, ...]
    statuses: tuple[str, ...]
    reports: tuple[DocumentReport, ...]


_SHOWN = tuple(CLAIM_LINKS)


def reports(graph: Queryable, fact: str) -> FactReports:
    """Which documents report a fact (IRI or prefixed name), what each says, and why they merged."""
    fact = expand_iri(fact)
    found = read_facts(graph, [fact]).get(fact)
    if found is None or not found.match_keys:
        raise NotFoundError(f"no fact <{fact}> in the graph; find facts with navokg search or navokg query")
    documents = read_documents(graph, found.documents)
    shown = []
    for document in found.documents:
        claims, evidence = found.reported_in(document)
        values = {}
        for role in _SHOWN:
            written = sorted(c.when.phrase for c in claims if c.role == role)
            if written:
                values[role] = tuple(written)
        info = documents.get(document)
        shown.append(DocumentReport(document, info.title if info else None, values, tuple(e.exact for e in evidence)))
    return FactReports(
        fact,
        found.label or fact,
        found.match_keys,
        found.methods,
        found.statuses,
        tuple(shown),
    )


def _plural(n: int, noun: str) -> str:
    return f"({n} {noun}{'s' if n != 1 else ''})"


def conflicts_text(found: list[Conflict]) -> str:
    """Every conflict with each claim's value, document and words, to read."""
    lines = []
    for conflict in found:
        about = f" and <{conflict.other}>" if conflict.other else ""
        lines.append(f"{conflict.label}: {conflict.property} differs  <{conflict.fact}>{about}")
        for claim in conflict.claims:
            words = " | ".join(" ".join(e.split()) for e in claim.evidence)
            lines.append(f"    {claim.value}  in {claim.document.rsplit('/', 1)[-1]}: {words}")
    lines.append(_plural(len(found), "conflict"))
    return "\n".join(lines) + "\n"


def reports_text(found: FactReports) -> str:
    """A fact's reports, the match key that joined them, and each report's words, to read."""
    lines = [f"{found.label}  <{found.fact}>", f"  merged on: {'; '.join(found.match_keys)}"]
    statuses = f"; status: {', '.join(found.statuses)}" if found.statuses else ""
    lines.append(f"  method: {', '.join(found.methods)}{statuses}")
    for report in found.reports:
        title = f" “{report.title}”" if report.title else ""
        values = "; ".join(f"{k}: {', '.join(v)}" for k, v in report.values.items())
        lines.append(f"  {report.document.rsplit('/', 1)[-1]}{title}{': ' + values if values else ''}")
        lines += [f"      “{' '.join(exact.split())}”" for exact in report.evidence]
    lines.append(_plural(len(found.reports), "report"))
    return "\n".join(lines) + "\n"


def as_json(found: Any) -> str:
    """Conflicts or reports as JSON: the dataclasses as they are."""
    data = [asdict(c) for c in found] if isinstance(found, list) else asdict(found)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
