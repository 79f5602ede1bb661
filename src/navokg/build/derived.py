"""The derived graph: what a build records across documents, once, for every question.

Reports of the same fact (same match key, see ``rdf.match_key``) share one IRI; each
document's named graph adds its evidence and its own values.  After every build the
derived graph records, across documents:

- ``nkg:reportCount``: how many documents report each fact, and for a fact several report,
  per date role the number of distinct dates they give and the first and last
  (``nkg:dates``), so that a page showing a few reports places it as all of them do;
- ``nkg:conflictingProperty``: a date property (start, end, date) for which reports give
  periods that exclude each other, or a start after an end;
- ``nkg:conflictsWith``: aid commitments by the same donors to the same recipient, of
  the same kind and currency and in overlapping months, that give different amounts in
  different documents: most likely one package reported two ways;
- each office holding's term (``build.periods``): its start and end as intervals, the
  segments of days it was held, certain or likely, with the claims each rests on, filed
  by year so that "who held office on this day" looks only in that day's year; and the
  same term as a reader is shown it (``nkg:stretch``: neighbouring segments of one
  certainty as one), so that a page or drawing of a much-reported holding reads a few
  stretches, not a segment between every two reports.

Nothing is resolved away: every claim stays with its evidence, and
``navokg.read.reports`` shows them side by side.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

import pyoxigraph as ox

from navokg.build.periods import Claim as PeriodClaim
from navokg.build.periods import HoldingClaims, Period, periods
from navokg.model import AidStatus
from navokg.store import each_link, select
from navokg.vocab import CLAIM_LINKS, DERIVED_GRAPH, NKG, RDF, XSD, fact_of_value, term

__all__ = ["Derived", "Scope", "derived_quads"]

_MONTH = 31  # days: aid dates at least this precise can be compared for amount conflicts


def _values(variable: str, iris: Iterable[str] | None) -> str:
    """A VALUES block binding a variable to some IRIs; nothing (every binding) for None."""
    if iris is None:
        return ""
    return f"VALUES ?{variable} {{ {' '.join(f'<{i}>' for i in sorted(iris))} }}"


def _report_counts(store: Any, facts: set[str] | None) -> list[ox.Quad]:
    g = term(DERIVED_GRAPH)
    # Over the whole store the types lead; for some facts the facts do (VALUES beside a
    # VALUES of types makes Oxigraph read every fact of the types: 1.1 s instead of 13 ms).
    kinds = "?f a ?type FILTER (?type IN (nkg:OfficeHolding, nkg:Statement, nkg:AidCommitment))"
    if facts is None:
        kinds = "VALUES ?type { nkg:OfficeHolding nkg:Statement nkg:AidCommitment } ?f a ?type"
    rows = select(
        store,
        f"""SELECT ?f (COUNT(DISTINCT ?d) AS ?n) WHERE {{ {_values("f", facts)} {kinds} . ?f prov:wasDerivedFrom ?d }}
            GROUP BY ?f""",
    )
    return [ox.Quad(row["f"], term(NKG.reportCount), _integer(int(row["n"].value)), g) for row in rows]


def _claim_dates(store: Any, facts: set[str] | None) -> list[tuple[ox.NamedNode, str, str, str]]:
    """Every distinct (fact, role, earliest, latest) the reports' dated claims give."""
    # Over the whole store one scan of every claim link; for some facts one pattern per link
    # (a variable predicate joined to the facts reads every link: 1.8 s instead of 1 ms).
    pairs = " ".join(f'("{role}" <{link}>)' for role, link in CLAIM_LINKS.items())
    links = f"VALUES (?role ?link) {{ {pairs} }} ?f ?link ?node ."
    if facts is not None:
        links = f"{{ {each_link(CLAIM_LINKS, 'f')} }}"
    rows = select(
        store,
        f"""SELECT DISTINCT ?f ?role ?lo ?hi WHERE {{ {_values("f", facts)} {links}
              ?node nkg:earliest ?lo ; nkg:latest ?hi }}""",
    )
    return [(row["f"], row["role"].value, row["lo"].value, row["hi"].value) for row in rows]


def _value_conflicts(dates: list[tuple[ox.NamedNode, str, str, str]]) -> list[ox.Quad]:
    """Facts whose reports give periods that exclude each other, or a start after an end.

    Some two periods of a property are disjoint exactly when the latest of their first
    days comes after the earliest of their last days, so one pass answers it.
    """
    g = term(DERIVED_GRAPH)
    properties = {role: ox.NamedNode(str(NKG[role])) for role in ("start", "end", "date")}
    bounds: dict[tuple[ox.NamedNode, ox.NamedNode], tuple[str, str]] = {}
    for fact, role, lo, hi in dates:
        if role not in properties:
            continue
        # ISO dates compare as strings.
        key = (fact, properties[role])
        latest_first, earliest_last = bounds.get(key, (lo, hi))
        bounds[key] = (max(latest_first, lo), min(earliest_last, hi))
    conflicts = {key for key, (first, last) in bounds.items() if first > last}
    start, end = term(NKG.start), term(NKG.end)
    for (fact, prop), (first, _) in bounds.items():
        if prop == start and (fact, end) in bounds and first > bounds[fact, end][1]:
            conflicts.add((fact, end))
    return [ox.Quad(fact, term(NKG.conflictingProperty), prop, g) for fact, prop in conflicts]


def _date_summaries(dates: list[tuple[ox.NamedNode, str, str, str]], reported: set[str]) -> list[ox.Quad]:
    """For each role of a fact several documents report: how many distinct dates the reports
    give, and the first and the last of them.  A page or drawing shows a few reports' words;
    with these it still places the fact as all of them do, without reading a claim of each."""
    g = term(DERIVED_GRAPH)
    found: dict[tuple[ox.NamedNode, str], list[tuple[str, str]]] = defaultdict(list)
    for fact, role, lo, hi in dates:
        if fact.value in reported:
            found[fact, role].append((lo, hi))
    quads = []
    for (fact, role), periods_given in found.items():
        node = ox.NamedNode(f"{fact.value}/dates/{role}")
        first, last = min(periods_given), max(periods_given, key=lambda p: (p[1], p[0]))
        quads += [
            ox.Quad(fact, term(NKG.dates), node, g),
            ox.Quad(node, term(NKG.claimRole), ox.Literal(role), g),
            ox.Quad(node, term(NKG.dateCount), _integer(len(set(periods_given))), g),
            ox.Quad(node, term(NKG.firstEarliest), ox.Literal(first[0], datatype=term(XSD.date)), g),
            ox.Quad(node, term(NKG.firstLatest), ox.Literal(first[1], datatype=term(XSD.date)), g),
            ox.Quad(node, term(NKG.lastEarliest), ox.Literal(last[0], datatype=term(XSD.date)), g),
            ox.Quad(node, term(NKG.lastLatest), ox.Literal(last[1], datatype=term(XSD.date)), g),
        ]
    return quads


@dataclass
class _Aid:
    iri: ox.NamedNode
    amount: str
    documents: set[str] = field(default_factory=set)
    periods: list[tuple[date, date]] = field(default_factory=list)


def _amount_conflicts(store: Any, facts: set[str] | None) -> tuple[set[str] | None, list[ox.Quad]]:
    """Commitments that look like one package reported with two amounts, and for which ones:
    every member of a group (same donors, recipient, currency and kind) that holds a fact asked
    about, or that was in conflict with one (it may have gone)."""
    g = term(DERIVED_GRAPH)
    # Every group of commitments a fact asked about can be in has its recipient: only the
    # commitments to those recipients are read (all of them, without a scope).
    aid, wanted = "?f a nkg:AidCommitment", set()
    if facts is not None:
        rivals = {row["x"].value for row in select(
            store, f"SELECT ?x WHERE {{ {_values('f', facts)} GRAPH <{DERIVED_GRAPH}> {{ ?x nkg:conflictsWith ?f }} }}"
        )}  # fmt: skip
        wanted = facts | rivals
        recipients = select(store, f"SELECT DISTINCT ?r WHERE {{ {_values('f', wanted)} ?f nkg:recipient ?r }}")
        aid = f"{_values('r', {row['r'].value for row in recipients})} ?f nkg:recipient ?r . {aid}"

    # Documents and dates are read apart from the rest: joined, a commitment that twenty
    # documents report with twenty dates would be four hundred rows.
    documents: dict[str, set[str]] = defaultdict(set)
    for row in select(store, f"SELECT ?f ?d WHERE {{ {aid} ; prov:wasDerivedFrom ?d }}"):
        documents[row["f"].value].add(row["d"].value)
    periods: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for row in select(
        store, f"SELECT ?f ?lo ?hi WHERE {{ {aid} ; nkg:dateValue ?v . ?v nkg:earliest ?lo ; nkg:latest ?hi }}"
    ):
        lo, hi = date.fromisoformat(row["lo"].value), date.fromisoformat(row["hi"].value)
        if (hi - lo).days <= _MONTH:
            periods[row["f"].value].append((lo, hi))
    rows = select(
        store,
        f"""SELECT ?f ?amount ?currency ?recipient ?kind (GROUP_CONCAT(DISTINCT STR(?donor); separator=" ") AS ?donors)
           WHERE {{
             {aid} ; nkg:amount ?amount ; nkg:currency ?currency ; nkg:recipient ?recipient ; nkg:donor ?donor .
             OPTIONAL {{ ?f nkg:aidType ?kind }}
           }} GROUP BY ?f ?amount ?currency ?recipient ?kind""",
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
    members: set[str] | None = None
    if facts is not None:
        groups = {key: aids for key, aids in groups.items() if wanted & set(aids)}
        members = wanted | {fact for aids in groups.values() for fact in aids}
    for aids in groups.values():
        for a, b in combinations(sorted(aids.values(), key=lambda x: x.iri.value), 2):
            overlapping = any(a1 <= b2 and b1 <= a2 for a1, a2 in a.periods for b1, b2 in b.periods)
            if a.amount != b.amount and overlapping and not a.documents & b.documents:
                quads.append(ox.Quad(a.iri, term(NKG.conflictsWith), b.iri, g))
                quads.append(ox.Quad(b.iri, term(NKG.conflictsWith), a.iri, g))
    return members, quads


def _holding_claims(store: Any, offices: set[str] | None) -> tuple[list[HoldingClaims], set[str]]:
    """The holdings of some offices (all for None) with their dated claims, durations and
    stated successions; and which offices have one seat."""
    holdings: dict[str, HoldingClaims] = {}
    for row in select(
        store, f"SELECT ?h ?o WHERE {{ {_values('o', offices)} ?h a nkg:OfficeHolding ; nkg:office ?o }}"
    ):
        holdings[row["h"].value] = HoldingClaims(row["h"].value, row["o"].value)
    only = set(holdings) if offices is not None else None
    roles = each_link({role: link for role, link in CLAIM_LINKS.items() if role != "date"})
    for row in select(
        store,
        f"""SELECT ?h ?role ?node ?lo ?hi WHERE {{ {_values("h", only)} {roles}
              ?node nkg:earliest ?lo ; nkg:latest ?hi }}""",
    ):
        holding = holdings.get(row["h"].value)
        if holding is not None:
            lo, hi = date.fromisoformat(row["lo"].value), date.fromisoformat(row["hi"].value)
            holding.claims.append(PeriodClaim(row["role"].value, lo, hi, row["node"].value))
    for row in select(
        store,
        f"SELECT ?h ?node ?min ?max WHERE {{ {_values('h', only)} ?h nkg:durationValue ?node . "
        "?node nkg:minDays ?min OPTIONAL { ?node nkg:maxDays ?max } }",
    ):
        if row["h"].value in holdings:
            most = int(row["max"].value) if row.get("max") is not None else None
            holdings[row["h"].value].durations.append((int(row["min"].value), most, row["node"].value))
    for row in select(
        store,
        f"SELECT ?h ?node ?p WHERE {{ {_values('h', only)} ?h nkg:successionValue ?node . ?node nkg:predecessor ?p }}",
    ):
        if row["h"].value in holdings:
            holdings[row["h"].value].replaces.append((row["p"].value, row["node"].value))
    for holding in holdings.values():
        holding.claims.sort(key=lambda c: (c.role, c.earliest, c.latest, c.node))
        holding.durations.sort()
        holding.replaces.sort()
    one_seat = {row["o"].value for row in select(store, "SELECT ?o WHERE { ?o nkg:seats 1 }")}
    return [holdings[iri] for iri in sorted(holdings)], one_seat


def _claim_words(store: Any, holdings: set[str] | None) -> dict[str, list[str]]:
    """The words each dated claim of a holding rests on: “exact words” (document), in text order.

    Kept with each stretch of a term, so that "who held office on this day" quotes its
    reasons without a join per row to the evidence.
    """
    links = {role: link for role, link in CLAIM_LINKS.items() if role != "date"}
    links |= {"duration": str(NKG.durationValue), "succession": str(NKG.successionValue)}
    found: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for row in select(
        store,
        f"""SELECT ?node ?exact ?doc ?start WHERE {{ {_values("h", holdings)} {each_link(links)}
              ?node nkg:evidence ?e . ?e oa:exact ?exact ; oa:hasSource ?doc ; oa:start ?start }}""",
    ):
        doc = row["doc"].value.rsplit("/", 1)[-1]
        found[row["node"].value].append((doc, int(row["start"].value), row["exact"].value))
    return {node: [f"“{' '.join(exact.split())}” ({doc})" for doc, _, exact in sorted(set(words))]
            for node, words in found.items()}  # fmt: skip


def _nl(text: str) -> ox.Literal:
    return ox.Literal(text, language="nl")


def _period_quads(store: Any, facts: set[str] | None, offices: set[str]) -> tuple[set[str] | None, list[ox.Quad]]:
    """The derived term of holdings (every holding of the offices the facts asked about hold, or
    were held in): bounds, segments and what they rest on; and the subjects they replace."""
    g = term(DERIVED_GRAPH)
    wanted: set[str] | None = None
    if facts is not None:
        wanted = offices | {row["o"].value for row in select(
            store, f"SELECT DISTINCT ?o WHERE {{ {_values('h', facts)} ?h a nkg:OfficeHolding ; nkg:office ?o }}"
        )}  # fmt: skip
    holdings, one_seat = _holding_claims(store, wanted)
    found = periods(holdings, one_seat)
    digests = {iri: _digest(period) for iri, period in found.items()}
    subjects: set[str] | None = None
    if wanted is not None:
        redo = _changed(store, found, digests, facts or set())
        segments = select(
            store,
            f"""SELECT ?s WHERE {{ {_values("h", redo | (facts or set()))}
                  GRAPH <{DERIVED_GRAPH}> {{ ?h nkg:period|nkg:stretch ?s }} }}""",
        )
        subjects = redo | (facts or set()) | {row["s"].value for row in segments}
        found = {iri: period for iri, period in found.items() if iri in redo}
    # The words of every claim a stretch rests on: its own, or another holding's (a successor's start).
    owners = {fact_of_value(claim) for period in found.values() for s in period.segments for claim in s.rests_on}
    said = _claim_words(store, (set(found) | owners) if wanted is not None else None)
    quads: list[ox.Quad] = []
    for iri, period in found.items():
        h = ox.NamedNode(iri)
        quads.append(ox.Quad(h, term(NKG.periodDigest), ox.Literal(digests[iri]), g))
        for prop, limit in ((NKG.startEarliest, period.start_lo), (NKG.startLatest, period.start_hi),
                            (NKG.endEarliest, period.end_lo), (NKG.endLatest, period.end_hi)):  # fmt: skip
            if limit.day is not None and not period.conflict:
                quads.append(ox.Quad(h, term(prop), _date(limit.day), g))
        for index, segment in enumerate(period.segments, start=1):
            node = ox.NamedNode(f"{iri}/period/{index}")
            quads += _span(h, NKG.period, node, NKG.PeriodSegment, segment.first, segment.last, segment.certainty)
            quads += [
                ox.Quad(node, term(NKG.basis), ox.Literal(segment.basis.value), g),
                *(ox.Quad(node, term(NKG.restsOn), ox.NamedNode(claim), g) for claim in segment.rests_on),
                ox.Quad(
                    node, term(NKG.words), _nl(" | ".join(w for c in segment.rests_on for w in said.get(c, ()))), g
                ),
            ]
            if segment.last is None:
                quads.append(ox.Quad(node, term(NKG.openFrom), _date(segment.first), g))
            else:
                quads += [
                    ox.Quad(node, term(NKG.inYear), ox.Literal(str(year), datatype=term(XSD.integer)), g)
                    for year in range(segment.first.year, segment.last.year + 1)
                ]
        for index, stretch in enumerate(period.stretches, start=1):
            node = ox.NamedNode(f"{iri}/stretch/{index}")
            quads += _span(h, NKG.stretch, node, NKG.PeriodStretch, stretch.first, stretch.last, stretch.certainty)
            quads += [ox.Quad(node, term(NKG.stretchBasis), ox.Literal(basis), g) for basis in stretch.bases]
        if period.new_conflict or period.conflicts_with:
            quads.append(ox.Quad(h, term(NKG.conflictingProperty), term(NKG.period), g))
        quads += [ox.Quad(h, term(NKG.periodConflictWith), ox.NamedNode(o), g) for o in sorted(period.conflicts_with)]
    return subjects, quads


def _span(holding: ox.NamedNode, link: Any, node: ox.NamedNode, kind: Any, first: date, last: date | None,
          certainty: str) -> list[ox.Quad]:  # fmt: skip
    """A stretch of days of a holding's term as the derived graph keeps it (a segment or a
    stretch): linked from the holding, its class, first day, last day (none: it goes on)
    and certainty."""
    g = term(DERIVED_GRAPH)
    quads = [
        ox.Quad(holding, term(link), node, g),
        ox.Quad(node, term(RDF.type), term(kind), g),
        ox.Quad(node, term(NKG.periodFrom), _date(first), g),
        ox.Quad(node, term(NKG.certainty), ox.Literal(certainty), g),
    ]
    if last is not None:
        quads.append(ox.Quad(node, term(NKG.periodUntil), _date(last), g))
    return quads


def _digest(period: Period) -> str:
    """What a holding's derived term writes, but the words: equal digests, equal quads."""
    limits = (period.start_lo.day, period.start_hi.day, period.end_lo.day, period.end_hi.day)
    segments = [(s.first, s.last, s.certainty, s.basis.value, s.rests_on) for s in period.segments]
    shape = repr((limits, period.conflict, period.new_conflict, sorted(period.conflicts_with), segments))
    return hashlib.sha256(shape.encode()).hexdigest()[:32]


def _changed(store: Any, found: dict[str, Period], digests: dict[str, str], facts: set[str]) -> set[str]:
    """The holdings an incremental build rewrites: those some changed document reports (their
    words may have changed), those whose term now differs from the one written, and those
    resting on a claim of one of the first (a successor's start)."""
    written = {
        row["h"].value: row["d"].value
        for row in select(
            store,
            f"""SELECT ?h ?d WHERE {{ {_values("h", found)} GRAPH <{DERIVED_GRAPH}> {{ ?h nkg:periodDigest ?d }} }}""",
        )
    }
    redo = {iri for iri in found if iri in facts or written.get(iri) != digests[iri]}
    reported = {iri for iri in found if iri in facts}
    for iri, period in found.items():
        if any(fact_of_value(claim) in reported for s in period.segments for claim in s.rests_on):
            redo.add(iri)
    return redo


def _date(day: date) -> ox.Literal:
    return ox.Literal(day.isoformat(), datatype=term(XSD.date))


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=term(XSD.integer))


def _person_counts(store: Any, persons: set[str] | None) -> list[ox.Quad]:
    """How many documents name each person and how many facts they hold or speak: for listings."""
    g = term(DERIVED_GRAPH)
    quads = []
    for row in select(
        store,
        f"SELECT ?p (COUNT(DISTINCT ?d) AS ?n) WHERE {{ {_values('p', persons)} ?d schema:mentions ?p . "
        "?p a nkg:Person } GROUP BY ?p",
    ):
        quads.append(ox.Quad(row["p"], term(NKG.documentCount), _integer(int(row["n"].value)), g))
    for row in select(
        store,
        f"SELECT ?p (COUNT(DISTINCT ?f) AS ?n) WHERE {{ {_values('p', persons)} "
        "{ ?f nkg:holder ?p } UNION { ?f nkg:speaker ?p } ?p a nkg:Person } GROUP BY ?p",
    ):
        quads.append(ox.Quad(row["p"], term(NKG.factCount), _integer(int(row["n"].value)), g))
    return quads


_STATUS_RANK = {status.value: rank for rank, status in enumerate(AidStatus, 1)}


def _aid_counted(store: Any, facts: set[str] | None) -> list[ox.Quad]:
    """How totals count each commitment: once, in the year of its earliest date, under the
    furthest status any report gives it and its (first) kind; "unknown" where none is given.

    Written once here, so the aid-totals query, aid-flow and the aid page count alike.
    """
    g = term(DERIVED_GRAPH)
    years: dict[str, int] = {}
    statuses: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, list[str]] = defaultdict(list)
    only = _values("f", facts)
    aids = [row["f"] for row in select(store, f"SELECT ?f WHERE {{ {only} ?f a nkg:AidCommitment }}")]
    for row in select(
        store, f"SELECT ?f ?lo WHERE {{ {only} ?f a nkg:AidCommitment ; nkg:dateValue/nkg:earliest ?lo }}"
    ):
        year = int(row["lo"].value[:4])
        years[row["f"].value] = min(year, years.get(row["f"].value, year))
    for row in select(store, f"SELECT ?f ?s WHERE {{ {only} ?f a nkg:AidCommitment ; nkg:status ?s }}"):
        statuses[row["f"].value].append(row["s"].value)
    for row in select(store, f"SELECT ?f ?k WHERE {{ {only} ?f a nkg:AidCommitment ; nkg:aidType ?k }}"):
        kinds[row["f"].value].append(row["k"].value)
    quads = []
    for aid in aids:
        status = max(statuses[aid.value], key=lambda s: (_STATUS_RANK.get(s, 0), s), default="unknown")
        quads.append(ox.Quad(aid, term(NKG.countedStatus), ox.Literal(status), g))
        quads.append(ox.Quad(aid, term(NKG.countedType), ox.Literal(min(kinds[aid.value], default="unknown")), g))
        if aid.value in years:
            quads.append(ox.Quad(aid, term(NKG.countedYear), _integer(years[aid.value]), g))
    return quads


@dataclass(frozen=True)
class Scope:
    """What changed, for an incremental build: the facts some document reports or reported,
    the offices their holdings were of, and the persons they name or named."""

    facts: frozenset[str]
    offices: frozenset[str] = frozenset()
    persons: frozenset[str] = frozenset()

    def __or__(self, other: Scope) -> Scope:
        return Scope(self.facts | other.facts, self.offices | other.offices, self.persons | other.persons)


# Which derived quads each part writes, as (predicate, object or None for any): what an
# incremental build takes out for the subjects a part recomputes.
_OWNED = {
    "reports": ((NKG.reportCount, None), (NKG.dates, None)),
    "values": ((NKG.conflictingProperty, NKG.start), (NKG.conflictingProperty, NKG.end),
               (NKG.conflictingProperty, NKG.date)),
    "amounts": ((NKG.conflictsWith, None),),
    "periods": ((NKG.periodDigest, None), (NKG.startEarliest, None), (NKG.startLatest, None), (NKG.endEarliest, None),
                (NKG.endLatest, None), (NKG.period, None), (NKG.stretch, None), (NKG.conflictingProperty, NKG.period),
                (NKG.periodConflictWith, None)),
    "persons": ((NKG.documentCount, None), (NKG.factCount, None)),
    "aid": ((NKG.countedStatus, None), (NKG.countedType, None), (NKG.countedYear, None)),
}  # fmt: skip


@dataclass
class Derived:
    """The derived quads a build writes, and what they replace (None: the whole graph)."""

    quads: list[ox.Quad]
    replaces: list[tuple[str, Any, Any]] | None  # (subject, predicate, object or None)
    facts: frozenset[str] | None = None  # the facts whose derived quads were made again (None: all)


def derived_quads(store: Any, scope: Scope | None = None) -> Derived:
    """The derived graph of a (being built) store: counts, conflicts, terms.

    Without a scope, all of it; with one, what the changed facts, offices and persons make,
    and which quads of the present graph it replaces, so that the result is the graph a full
    build would write.
    """
    facts = set(scope.facts) if scope is not None else None
    offices = set(scope.offices) if scope is not None else set()
    persons: set[str] | None = None
    if scope is not None:
        named = f"SELECT DISTINCT ?p WHERE {{ {_values('f', facts)} ?f nkg:holder|nkg:speaker ?p }}"
        persons = set(scope.persons) | {row["p"].value for row in select(store, named)}
    amount_subjects, amounts = _amount_conflicts(store, facts)
    period_subjects, terms = _period_quads(store, facts, offices)
    counts = _report_counts(store, facts)
    dates = _claim_dates(store, facts)
    reported = {q.subject.value for q in counts if isinstance(q.subject, ox.NamedNode) and q.object != _integer(1)}
    found = {
        *counts, *_value_conflicts(dates), *_date_summaries(dates, reported), *amounts, *terms,
        *_person_counts(store, persons), *_aid_counted(store, facts),
    }  # fmt: skip
    quads = sorted(found, key=str)
    if scope is None:
        return Derived(quads, None)
    subjects = {
        "reports": facts, "values": facts, "amounts": amount_subjects, "periods": period_subjects,
        "persons": persons, "aid": facts,
    }  # fmt: skip
    replaces: list[tuple[str, Any, Any]] = []
    for part, owned in _OWNED.items():
        for subject in sorted(subjects[part] or ()):
            replaces += [(subject, predicate, obj) for predicate, obj in owned]
    # Every quad of a period segment or stretch of a holding recomputed goes with it.
    segments = {s for s in period_subjects or () if "/period/" in s or "/stretch/" in s}
    replaces += [(s, None, None) for s in sorted(segments)]
    # And every quad of a date summary of a fact recomputed.
    replaces += [(f"{fact}/dates/{role}", None, None) for fact in sorted(facts or ()) for role in CLAIM_LINKS]
    remade = {*(facts or ()), *(amount_subjects or ()), *(s for s in period_subjects or () if s not in segments)}
    return Derived(quads, replaces, frozenset(remade))
