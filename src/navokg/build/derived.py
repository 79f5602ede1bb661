"""The derived graph: what a build records across documents, once, for every question.

Reports of the same fact (same match key, see ``rdf.match_key``) share one IRI; each
document's named graph adds its evidence and its own values.  After every build the
derived graph records, across documents:

- ``nkg:reportCount``: how many documents report each fact;
- ``nkg:conflictingProperty``: a date property (start, end, date) for which reports give
  periods that exclude each other, or a start after an end;
- ``nkg:conflictsWith``: aid commitments by the same donors to the same recipient, of
  the same kind and currency and in overlapping months, that give different amounts in
  different documents: most likely one package reported two ways;
- ``nkg:heldFrom`` / ``nkg:heldUntil``: when each office holding was held, as its reports
  together say, so that "who held office on this day" is one range scan.

Nothing is resolved away: every claim stays with its evidence, and
``navokg.read.reports`` shows them side by side.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

import pyoxigraph as ox

from navokg.vocab import DERIVED_GRAPH, NKG, PREFIXES, VALUE_LINKS, XSD, term

__all__ = ["derived_quads"]

_MONTH = 31  # days: aid dates at least this precise can be compared for amount conflicts


def _report_counts(store: Any) -> list[ox.Quad]:
    g = term(DERIVED_GRAPH)
    rows = store.query(
        """SELECT ?f (COUNT(DISTINCT ?d) AS ?n) WHERE {
             VALUES ?type { nkg:OfficeHolding nkg:Statement nkg:AidCommitment }
             ?f a ?type ; prov:wasDerivedFrom ?d } GROUP BY ?f""",
        use_default_graph_as_union=True,
        prefixes=PREFIXES,
    )
    return [
        ox.Quad(row["f"], term(NKG.reportCount), ox.Literal(row["n"].value, datatype=term(XSD.integer)), g)
        for row in rows
    ]


def _value_conflicts(store: Any) -> list[ox.Quad]:
    """Facts whose reports give periods that exclude each other, or a start after an end.

    Some two periods of a property are disjoint exactly when the latest of their first
    days comes after the earliest of their last days, so one scan answers it.
    """
    g = term(DERIVED_GRAPH)
    pairs = " ".join(f"(<{p}> <{v}>)" for p, v in VALUE_LINKS.items())
    bounds: dict[tuple[ox.NamedNode, ox.NamedNode], tuple[str, str]] = {}
    rows = store.query(
        f"""SELECT ?f ?p ?lo ?hi WHERE {{
              VALUES (?p ?pv) {{ {pairs} }}
              ?f ?pv ?v . ?v nkg:earliest ?lo ; nkg:latest ?hi }}""",
        use_default_graph_as_union=True,
        prefixes=PREFIXES,
    )
    for row in rows:
        # ISO dates compare as strings.
        key, lo, hi = (row["f"], row["p"]), row["lo"].value, row["hi"].value
        latest_first, earliest_last = bounds.get(key, (lo, hi))
        bounds[key] = (max(latest_first, lo), min(earliest_last, hi))
    conflicts = {key for key, (first, last) in bounds.items() if first > last}
    start, end = term(NKG.start), term(NKG.end)
    for (fact, prop), (first, _) in bounds.items():
        if prop == start and (fact, end) in bounds and first > bounds[fact, end][1]:
            conflicts.add((fact, end))
    return [ox.Quad(fact, term(NKG.conflictingProperty), prop, g) for fact, prop in conflicts]


@dataclass
class _Aid:
    iri: ox.NamedNode
    amount: str
    documents: set[str] = field(default_factory=set)
    periods: list[tuple[date, date]] = field(default_factory=list)


def _amount_conflicts(store: Any) -> list[ox.Quad]:
    g = term(DERIVED_GRAPH)

    def select(query: str) -> Any:
        return store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)

    # Documents and dates are read apart from the rest: joined, a commitment that twenty
    # documents report with twenty dates would be four hundred rows.
    documents: dict[str, set[str]] = defaultdict(set)
    for row in select("SELECT ?f ?d WHERE { ?f a nkg:AidCommitment ; prov:wasDerivedFrom ?d }"):
        documents[row["f"].value].add(row["d"].value)
    periods: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for row in select(
        "SELECT ?f ?lo ?hi WHERE { ?f a nkg:AidCommitment ; nkg:dateValue ?v . ?v nkg:earliest ?lo ; nkg:latest ?hi }"
    ):
        lo, hi = date.fromisoformat(row["lo"].value), date.fromisoformat(row["hi"].value)
        if (hi - lo).days <= _MONTH:
            periods[row["f"].value].append((lo, hi))
    rows = select(
        """SELECT ?f ?amount ?currency ?recipient ?kind (GROUP_CONCAT(DISTINCT STR(?donor); separator=" ") AS ?donors)
           WHERE {
             ?f a nkg:AidCommitment ; nkg:amount ?amount ; nkg:currency ?currency ; nkg:recipient ?recipient ;
                nkg:donor ?donor .
             OPTIONAL { ?f nkg:aidType ?kind }
           } GROUP BY ?f ?amount ?currency ?recipient ?kind"""
    )
    groups: dict[tuple[str, ...], dict[str, _Aid]] = defaultdict(dict)
    for row in rows:
        fact = row["f"].value
        if fact not in periods:
            continue
        key = (
            row["donors"].value,
            row["recipient"].value,
            row["currency"].value,
            row["kind"].value if row["kind"] else "",
        )
        groups[key][fact] = _Aid(row["f"], row["amount"].value, documents[fact], periods[fact])
    quads: list[ox.Quad] = []
    for aids in groups.values():
        for a, b in combinations(sorted(aids.values(), key=lambda x: x.iri.value), 2):
            overlapping = any(a1 <= b2 and b1 <= a2 for a1, a2 in a.periods for b1, b2 in b.periods)
            if a.amount != b.amount and overlapping and not a.documents & b.documents:
                quads.append(ox.Quad(a.iri, term(NKG.conflictsWith), b.iri, g))
                quads.append(ox.Quad(b.iri, term(NKG.conflictsWith), a.iri, g))
    return quads


@dataclass
class _Claims:
    starts: list[tuple[date, ox.NamedNode]] = field(default_factory=list)
    sightings: list[tuple[date, date, ox.NamedNode]] = field(default_factory=list)
    ends: list[date] = field(default_factory=list)


def _held_intervals(store: Any) -> list[ox.Quad]:
    """When each office holding was held, as the reports together say, for range questions.

    From the earliest start any report gives; for a holding no report gives a start for,
    from the first day a document shows it held (a sighting: "premier Rutte" in a 2021
    story) to the last. Until the earliest end any report gives, if one does. The claim
    that opens the interval is named, so its words can be shown.
    """
    g = term(DERIVED_GRAPH)
    claims: dict[ox.NamedNode, _Claims] = defaultdict(_Claims)
    rows = store.query(
        """SELECT ?h ?role ?node ?lo ?hi WHERE {
             VALUES (?role ?link) { ("start" nkg:startValue) ("attested" nkg:attestedValue) ("end" nkg:endValue) }
             ?h ?link ?node . ?node nkg:earliest ?lo ; nkg:latest ?hi }""",
        use_default_graph_as_union=True,
        prefixes=PREFIXES,
    )
    for row in rows:
        lo, hi = date.fromisoformat(row["lo"].value), date.fromisoformat(row["hi"].value)
        entry = claims[row["h"]]
        if row["role"].value == "start":
            entry.starts.append((lo, row["node"]))
        elif row["role"].value == "attested":
            entry.sightings.append((lo, hi, row["node"]))
        else:
            entry.ends.append(hi)
    quads: list[ox.Quad] = []
    for holding, entry in claims.items():
        if entry.starts:
            first, opening = min(entry.starts, key=lambda c: (c[0], c[1].value))
            basis, until = "start", min(entry.ends) if entry.ends else None
        elif entry.sightings:
            first, _, opening = min(entry.sightings, key=lambda c: (c[0], c[2].value))
            basis = "attested"
            until = min(entry.ends) if entry.ends else max(c[1] for c in entry.sightings)
        else:
            continue
        quads.append(ox.Quad(holding, term(NKG.heldFrom), _date(first), g))
        quads.append(ox.Quad(holding, term(NKG.heldBasis), ox.Literal(basis), g))
        quads.append(ox.Quad(holding, term(NKG.heldFromClaim), opening, g))
        if until is not None:
            quads.append(ox.Quad(holding, term(NKG.heldUntil), _date(until), g))
    return quads


def _date(day: date) -> ox.Literal:
    return ox.Literal(day.isoformat(), datatype=term(XSD.date))


def derived_quads(store: Any) -> list[ox.Quad]:
    """The derived graph of a (being built) pyoxigraph store: counts, conflicts, intervals."""
    found = {*_report_counts(store), *_value_conflicts(store), *_amount_conflicts(store), *_held_intervals(store)}
    return sorted(found, key=str)
