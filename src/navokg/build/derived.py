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
- each office holding's term (``build.periods``): its start and end as intervals, and the
  segments of days it was held, certain or likely, with the claims each rests on, filed
  by year so that "who held office on this day" looks only in that day's year.

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

from navokg.build.periods import Claim as PeriodClaim
from navokg.build.periods import HoldingClaims, periods
from navokg.model import AidStatus
from navokg.vocab import CLAIM_LINKS, DERIVED_GRAPH, NKG, PREFIXES, RDF, VALUE_LINKS, XSD, term

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


def _holding_claims(store: Any) -> tuple[list[HoldingClaims], set[str]]:
    """Every holding with its dated claims, durations and stated successions; the one-seat offices."""
    holdings: dict[str, HoldingClaims] = {}
    for row in _select(store, "SELECT ?h ?o WHERE { ?h a nkg:OfficeHolding ; nkg:office ?o }"):
        holdings[row["h"].value] = HoldingClaims(row["h"].value, row["o"].value)
    roles = " ".join(f'("{role}" <{link}>)' for role, link in CLAIM_LINKS.items() if role != "date")
    for row in _select(
        store,
        f"""SELECT ?h ?role ?node ?lo ?hi WHERE {{ VALUES (?role ?link) {{ {roles} }}
              ?h ?link ?node . ?node nkg:earliest ?lo ; nkg:latest ?hi }}""",
    ):
        holding = holdings.get(row["h"].value)
        if holding is not None:
            lo, hi = date.fromisoformat(row["lo"].value), date.fromisoformat(row["hi"].value)
            holding.claims.append(PeriodClaim(row["role"].value, lo, hi, row["node"].value))
    for row in _select(
        store,
        "SELECT ?h ?node ?min ?max WHERE { ?h nkg:durationValue ?node . ?node nkg:minDays ?min "
        "OPTIONAL { ?node nkg:maxDays ?max } }",
    ):
        if row["h"].value in holdings:
            most = int(row["max"].value) if row.get("max") is not None else None
            holdings[row["h"].value].durations.append((int(row["min"].value), most, row["node"].value))
    for row in _select(store, "SELECT ?h ?node ?p WHERE { ?h nkg:successionValue ?node . ?node nkg:predecessor ?p }"):
        if row["h"].value in holdings:
            holdings[row["h"].value].replaces.append((row["p"].value, row["node"].value))
    for holding in holdings.values():
        holding.claims.sort(key=lambda c: (c.role, c.earliest, c.latest, c.node))
        holding.durations.sort()
        holding.replaces.sort()
    one_seat = {row["o"].value for row in _select(store, "SELECT ?o WHERE { ?o nkg:seats 1 }")}
    return [holdings[iri] for iri in sorted(holdings)], one_seat


def _claim_words(store: Any) -> dict[str, list[str]]:
    """The words each dated claim of a holding rests on: “exact words” (document), in text order.

    Kept with each stretch of a term, so that "who held office on this day" quotes its
    reasons without a join per row to the evidence.
    """
    links = " ".join(f"<{link}>" for role, link in CLAIM_LINKS.items() if role != "date")
    found: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for row in _select(
        store,
        f"""SELECT ?node ?exact ?doc ?start WHERE {{
              VALUES ?link {{ {links} <{NKG.durationValue}> <{NKG.successionValue}> }}
              ?h ?link ?node . ?node nkg:evidence ?e . ?e oa:exact ?exact ; oa:hasSource ?doc ; oa:start ?start }}""",
    ):
        doc = row["doc"].value.rsplit("/", 1)[-1]
        found[row["node"].value].append((doc, int(row["start"].value), row["exact"].value))
    return {node: [f"“{' '.join(exact.split())}” ({doc})" for doc, _, exact in sorted(set(words))]
            for node, words in found.items()}  # fmt: skip


def _nl(text: str) -> ox.Literal:
    return ox.Literal(text, language="nl")


def _select(store: Any, sparql: str) -> list[dict[str, Any]]:
    solutions = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
    names = [v.value for v in solutions.variables]
    return [{n: s[n] for n in names} for s in solutions]


def _period_quads(store: Any) -> list[ox.Quad]:
    """The derived term of every holding: its bounds, its segments and what they rest on."""
    g = term(DERIVED_GRAPH)
    holdings, one_seat = _holding_claims(store)
    said = _claim_words(store)
    quads: list[ox.Quad] = []
    for iri, period in periods(holdings, one_seat).items():
        h = ox.NamedNode(iri)
        for prop, limit in ((NKG.startEarliest, period.start_lo), (NKG.startLatest, period.start_hi),
                            (NKG.endEarliest, period.end_lo), (NKG.endLatest, period.end_hi)):  # fmt: skip
            if limit.day is not None and not period.conflict:
                quads.append(ox.Quad(h, term(prop), _date(limit.day), g))
        for index, segment in enumerate(period.segments, start=1):
            node = ox.NamedNode(f"{iri}/period/{index}")
            quads += [
                ox.Quad(h, term(NKG.period), node, g),
                ox.Quad(node, term(RDF.type), term(NKG.PeriodSegment), g),
                ox.Quad(node, term(NKG.periodFrom), _date(segment.first), g),
                ox.Quad(node, term(NKG.certainty), ox.Literal(segment.certainty), g),
                ox.Quad(node, term(NKG.basis), ox.Literal(segment.basis.value), g),
                *(ox.Quad(node, term(NKG.restsOn), ox.NamedNode(claim), g) for claim in segment.rests_on),
                ox.Quad(
                    node, term(NKG.words), _nl(" | ".join(w for c in segment.rests_on for w in said.get(c, ()))), g
                ),
            ]
            if segment.last is None:
                quads.append(ox.Quad(node, term(NKG.openFrom), _date(segment.first), g))
            else:
                quads.append(ox.Quad(node, term(NKG.periodUntil), _date(segment.last), g))
                quads += [
                    ox.Quad(node, term(NKG.inYear), ox.Literal(str(year), datatype=term(XSD.integer)), g)
                    for year in range(segment.first.year, segment.last.year + 1)
                ]
        if period.new_conflict or period.conflicts_with:
            quads.append(ox.Quad(h, term(NKG.conflictingProperty), term(NKG.period), g))
        quads += [ox.Quad(h, term(NKG.periodConflictWith), ox.NamedNode(o), g) for o in sorted(period.conflicts_with)]
    return quads


def _date(day: date) -> ox.Literal:
    return ox.Literal(day.isoformat(), datatype=term(XSD.date))


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=term(XSD.integer))


def _person_counts(store: Any) -> list[ox.Quad]:
    """How many documents name each person and how many facts they hold or speak: for listings."""
    g = term(DERIVED_GRAPH)
    quads = []
    for row in _select(
        store, "SELECT ?p (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d schema:mentions ?p . ?p a nkg:Person } GROUP BY ?p"
    ):
        quads.append(ox.Quad(row["p"], term(NKG.documentCount), _integer(int(row["n"].value)), g))
    for row in _select(
        store,
        "SELECT ?p (COUNT(DISTINCT ?f) AS ?n) WHERE { { ?f nkg:holder ?p } UNION { ?f nkg:speaker ?p } "
        "?p a nkg:Person } GROUP BY ?p",
    ):
        quads.append(ox.Quad(row["p"], term(NKG.factCount), _integer(int(row["n"].value)), g))
    return quads


_STATUS_RANK = {status.value: rank for rank, status in enumerate(AidStatus, 1)}


def _aid_counted(store: Any) -> list[ox.Quad]:
    """How totals count each commitment: once, in the year of its earliest date, under the
    furthest status any report gives it and its (first) kind; "unknown" where none is given.

    Written once here, so the aid-totals query, aid-flow and the aid page count alike.
    """
    g = term(DERIVED_GRAPH)
    years: dict[str, int] = {}
    statuses: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, list[str]] = defaultdict(list)
    aids = [row["f"] for row in _select(store, "SELECT ?f WHERE { ?f a nkg:AidCommitment }")]
    for row in _select(store, "SELECT ?f ?lo WHERE { ?f a nkg:AidCommitment ; nkg:dateValue/nkg:earliest ?lo }"):
        year = int(row["lo"].value[:4])
        years[row["f"].value] = min(year, years.get(row["f"].value, year))
    for row in _select(store, "SELECT ?f ?s WHERE { ?f a nkg:AidCommitment ; nkg:status ?s }"):
        statuses[row["f"].value].append(row["s"].value)
    for row in _select(store, "SELECT ?f ?k WHERE { ?f a nkg:AidCommitment ; nkg:aidType ?k }"):
        kinds[row["f"].value].append(row["k"].value)
    quads = []
    for aid in aids:
        status = max(statuses[aid.value], key=lambda s: (_STATUS_RANK.get(s, 0), s), default="unknown")
        quads.append(ox.Quad(aid, term(NKG.countedStatus), ox.Literal(status), g))
        quads.append(ox.Quad(aid, term(NKG.countedType), ox.Literal(min(kinds[aid.value], default="unknown")), g))
        if aid.value in years:
            quads.append(ox.Quad(aid, term(NKG.countedYear), _integer(years[aid.value]), g))
    return quads


def derived_quads(store: Any) -> list[ox.Quad]:
    """The derived graph of a (being built) pyoxigraph store: counts, conflicts, intervals."""
    found = {
        *_report_counts(store), *_value_conflicts(store), *_amount_conflicts(store), *_period_quads(store),
        *_person_counts(store), *_aid_counted(store),
    }  # fmt: skip
    return sorted(found, key=str)
