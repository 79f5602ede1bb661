"""The graph above a confidence: without the automatic facts the extractor is less sure of.

``navokg query --min-confidence``, ``navokg export --min-confidence`` and the pages'
``min_confidence`` read the store through ``at_least``: a copy in memory that leaves out
every automatic fact whose confidence (its best report's) is below the minimum, with
what belongs to it alone (its dates, items, periods, report counts, conflicts and the
evidence nothing else rests on).  Curated facts always pass, also where another document
reports the same fact automatically.  Copying costs time and memory in proportion to
the store: fine for a research corpus, not for millions of facts.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from navokg.errors import UsageError
from navokg.store import GraphStore
from navokg.vocab import ID_BASE, NKG, term

__all__ = ["at_least", "open_at_least", "parse_minimum", "uncertain_facts"]

_FACT_PATHS = ("holding", "statement", "aid")


def parse_minimum(value: str | float | Decimal | None) -> Decimal | None:
    """A minimum confidence between 0 and 1, or None for none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        minimum = Decimal(str(value).strip())
    except InvalidOperation:
        raise UsageError(f"'{value}' is not a number between 0 and 1", parameter="min-confidence") from None
    if not minimum.is_finite() or not Decimal(0) <= minimum <= Decimal(1):
        raise UsageError(f"{value} is not between 0 and 1", parameter="min-confidence")
    return minimum


def uncertain_facts(graph: GraphStore, minimum: Decimal) -> set[str]:
    """Automatic facts no curated report vouches for whose best confidence is below ``minimum``."""
    rows = graph.query(
        """SELECT ?f (MAX(?c) AS ?best) WHERE {
             ?f nkg:method "automatic" .
             FILTER NOT EXISTS { ?f nkg:method "curated" }
             OPTIONAL { ?f nkg:confidence ?c }
           } GROUP BY ?f"""
    )
    return {row["f"].value for row in rows if row["best"] is None or Decimal(row["best"].value) < minimum}


def _owner(iri: str) -> str | None:
    """The fact a node belongs to (the fact itself, its dates, items, periods), if any."""
    if not iri.startswith(ID_BASE):
        return None
    parts = iri[len(ID_BASE) :].split("/", 2)
    return ID_BASE + parts[0] + "/" + parts[1] if len(parts) > 1 and parts[0] in _FACT_PATHS else None


def at_least(graph: GraphStore, minimum: Decimal | None) -> GraphStore:
    """The graph without the automatic facts below ``minimum`` (the graph itself for None or none)."""
    if minimum is None:
        return graph
    dropped = uncertain_facts(graph, minimum)
    if not dropped:
        return graph
    evidence = term(NKG.evidence)
    kept_evidence: set[object] = set()
    dropped_evidence: set[object] = set()
    for quad in graph.store.quads_for_pattern(None, evidence, None, None):
        owner = _owner(quad.subject.value) if isinstance(quad.subject, ox.NamedNode) else None
        (dropped_evidence if owner in dropped else kept_evidence).add(quad.object)
    gone = dropped_evidence - kept_evidence

    def kept(quad: ox.Quad) -> bool:
        subject = quad.subject
        if subject in gone or (isinstance(subject, ox.NamedNode) and _owner(subject.value) in dropped):
            return False
        return not (isinstance(quad.object, ox.NamedNode) and _owner(quad.object.value) in dropped)

    memory = ox.Store()
    memory.bulk_extend(q for q in graph.store.quads_for_pattern(None, None, None, None) if kept(q))
    return GraphStore(graph.path, graph.generation, memory, graph.manifest, view=f"min-confidence {minimum}")


def open_at_least(store: Path | str | None, min_confidence: str | float | Decimal | None = None) -> GraphStore:
    """Open a store read-only, without the automatic facts below a minimum confidence if one is given."""
    return at_least(GraphStore.open(store), parse_minimum(min_confidence))
