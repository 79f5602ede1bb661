"""Facts read back from the store: one reader for the command line, pages, citations and networks.

A fact in the store is spread over graphs: the facts graph holds what every report shares
(parties, words, amount), each document's graph what that document says (its evidence,
its date claims as value nodes, its method and confidence), and the derived graph what
the build found across documents (report count, conflicts, held period).  Everything
that shows a fact reads it through here, as one ``Fact`` with its ``Evidence`` (the
model's own type) and its dated ``Claim``s, each claim with the document making it.

Two ways in, one assembly: ``read_facts`` takes the facts asked for (a fixed number of
queries, batched by IRI, whatever the size of the store) and ``read_all_facts`` scans
the store once per property, for exports that need everything.  Both fill the same
tables of subject -> property -> values, so a fact reads the same either way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cached_property
from typing import Any, TypeVar

import pyoxigraph as ox

from navokg.build.periods import Stretch, ordered_bases
from navokg.dutch.dates import Precision, TimeValue, parse_iso
from navokg.model import AidStatus, Evidence
from navokg.store import Queryable, each_link
from navokg.vocab import (
    CLAIM_LINKS,
    DERIVED_GRAPH,
    FACTS_GRAPH,
    NKG,
    OA,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    doc_graph_iri,
    doc_id_of,
)

__all__ = [
    "DATE_ROLES",
    "SQLITE_KEYS",
    "Claim",
    "DocumentInfo",
    "Fact",
    "FactType",
    "HeldSpan",
    "Item",
    "Label",
    "Stretch",
    "Term",
    "When",
    "Window",
    "chunked",
    "fact_types",
    "issued_when",
    "pick_label",
    "read_all_facts",
    "read_documents",
    "read_facts",
    "read_labels",
    "read_windows",
]

T = TypeVar("T")
BATCH = 400  # IRIs per VALUES block: long enough to amortise a query, short enough to parse fast
SQLITE_KEYS = 900  # keys per SQLite query, under its limit of host parameters
DATE_ROLES = ("start", "end", "attested", "date")


class FactType(StrEnum):
    """The three kinds of fact; the value is the class's local name."""

    HOLDING = "OfficeHolding"
    STATEMENT = "Statement"
    AID = "AidCommitment"


_ROLES = {
    FactType.HOLDING: ("holder", "office"),
    FactType.STATEMENT: ("speaker", "about"),
    FactType.AID: ("donor", "recipient"),
}


_YEAR = re.compile(r"\b\d{4}\b")


@dataclass(frozen=True)
class When:
    """A date as the graph gives it: the literal (and so its precision) and its bounds."""

    value: str | None
    precision: Precision | None
    earliest: dt.date | None
    latest: dt.date | None
    as_written: str | None = None

    @property
    def said(self) -> str:
        """The literal, else the text's own words quoted (“dinsdag”): how a claim reads."""
        return self.value or f"“{self.as_written}”"

    @property
    def phrase(self) -> str:
        """The words as written, with the date they were read as where they give no year
        ("begin februari (2022-02)"); the literal where nothing was written."""
        words = self.as_written or ""
        if not words:
            return self.value or ""
        if _YEAR.search(words):
            return words
        return f"{words} ({self.value or 'not placed in time'})"

    @classmethod
    def of_bounds(cls, earliest: dt.date | None, latest: dt.date | None, as_written: str | None) -> When:
        """A claim from its bounds (the literal follows from them); unresolved without both."""
        if earliest is None or latest is None or earliest > latest:
            return cls(None, None, None, None, as_written)
        period = TimeValue(earliest, latest, as_written or "")
        return cls(period.lexical, period.precision, earliest, latest, as_written)


def issued_when(lexical: str | None) -> When | None:
    """A document's ``dcterms:issued``: a literal without a value node, so bounds come from its form."""
    if lexical is None:
        return None
    try:
        period = parse_iso(lexical)
    except ValueError:
        return When(lexical, None, None, None)
    return When(lexical, period.precision, period.earliest, period.latest)


def _claim_key(when: When) -> tuple[Any, ...]:
    return (when.earliest is None, when.earliest or dt.date.max, when.latest or dt.date.max,
            when.value or "", when.as_written or "")  # fmt: skip


@dataclass(frozen=True)
class Claim:
    """One document's date for a fact (start, end, attested or date), with its words."""

    role: str
    when: When
    document: str | None  # the IRI of the document making the claim
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Item:
    label: str
    quantity: int | None


@dataclass(frozen=True)
class HeldSpan:
    """A stretch of a holding's term (``navokg.build.periods``): how sure, why, and the words.

    ``last`` None: the term goes on, no end or successor known.
    """

    first: dt.date
    last: dt.date | None
    certainty: str  # certain | likely
    basis: str  # start, end, sighting, succession, duration, continuation
    words: tuple[Evidence, ...]  # the evidence of the claims it rests on

    def covers(self, day: dt.date) -> bool:
        return self.first <= day and (self.last is None or day <= self.last)


@dataclass(frozen=True)
class Term:
    """Where a holding's start and end may lie, as every report together bounds them (None: unbounded)."""

    start_earliest: dt.date | None
    start_latest: dt.date | None
    end_earliest: dt.date | None
    end_latest: dt.date | None


@dataclass(frozen=True)
class Fact:
    """One fact as every report of it together says, with each report's evidence and dates.

    ``subjects`` are the holder, speakers or donors and ``objects`` the office, what a
    statement is about, or the recipient. A fact reported by several documents has each
    of them in ``documents``, each report's date claims in ``claims`` and their distinct
    values per role in ``start``, ``end``, ``attested`` and ``date`` (earliest first);
    ``disputed`` names the properties reports disagree on.
    """

    iri: str
    type: FactType
    documents: tuple[str, ...]
    subjects: tuple[str, ...]
    objects: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    claims: tuple[Claim, ...] = ()
    label: str | None = None
    methods: tuple[str, ...] = ()  # curated, automatic, or both where reports differ
    confidence: Decimal | None = None
    text: str | None = None
    speech: str | None = None
    amount: Decimal | None = None
    amount_as_written: str | None = None
    currency: str | None = None
    statuses: tuple[str, ...] = ()
    aid_type: str | None = None
    items: tuple[Item, ...] = ()
    disputed: tuple[str, ...] = ()
    match_keys: tuple[str, ...] = ()
    comment: str | None = None
    report_count: int = 1
    # Office holdings: the derived term, its segments and stretches, and the holdings it followed.
    term: Term | None = None
    held: tuple[HeldSpan, ...] = ()  # each segment with the words it rests on; not in a capped read
    stretches: tuple[Stretch, ...] = ()  # the term as a reader is shown it
    replaces: tuple[str, ...] = ()
    durations: tuple[str, ...] = ()  # the words of duration claims ("tien jaar")
    # Read with ``read_facts(reports=N)`` from a fact more documents report: evidence,
    # claims and the words of its term come from N reports only; of every report's dates,
    # the first and the last of each role, and how many distinct ones there are.
    partial: bool = False
    date_counts: tuple[tuple[str, int], ...] = ()

    def date_count(self, role: str) -> int:
        """How many distinct dates the reports give a role (those listed, or all of a capped read's)."""
        counted = dict(self.date_counts).get(role)
        listed = {(w.earliest, w.latest) for w in self.dates(role) if w.earliest}
        return max(counted or 0, len(listed))

    @property
    def method(self) -> str | None:
        return ", ".join(self.methods) or None

    def dates(self, role: str) -> tuple[When, ...]:
        """The distinct values every report gives one date role, earliest first."""
        return tuple(sorted({c.when for c in self.claims if c.role == role}, key=_claim_key))

    @cached_property
    def start(self) -> tuple[When, ...]:
        return self.dates("start")

    @cached_property
    def end(self) -> tuple[When, ...]:
        return self.dates("end")

    @cached_property
    def attested(self) -> tuple[When, ...]:
        return self.dates("attested")

    @cached_property
    def date(self) -> tuple[When, ...]:
        return self.dates("date")

    @property
    def when(self) -> When | None:
        """Where a fact is placed: its earliest date, else start, attestation or end claim.

        A resolved claim of any role comes before an unresolved one ("dinsdag" without a
        reference), which is given only when nothing else is.
        """
        claims = (*self.date, *self.start, *self.attested, *self.end)
        return next((w for w in claims if w.earliest), claims[0] if claims else None)

    @property
    def status(self) -> str | None:
        """The furthest status any report gives (planned < announced < … < delivered)."""
        return max(self.statuses, key=_status_rank, default=None)

    @property
    def bounds(self) -> tuple[dt.date | None, dt.date | None]:
        """The period the fact may cover, over every report's claims.

        A holding runs over its derived term (``stretches``: from its first likely day, open where
        it goes on); a holding read without one from its earliest start (else attestation)
        to its latest end. Unresolved claims ("dinsdag" without a reference) add nothing.
        """
        if self.type is not FactType.HOLDING:
            return _lowest(self.date), _highest(self.date)
        if self.stretches:
            return self.stretches[0].first, self.stretches[-1].last
        lo = _lowest(self.start) or _lowest(self.attested)
        hi = _highest(self.end)
        if hi is None and _lowest(self.start) is None:
            hi = _highest(self.attested)
        return lo, hi

    def reported_in(self, document: str) -> tuple[tuple[Claim, ...], tuple[Evidence, ...]]:
        """What one document says of the fact: its claims and its evidence."""
        doc_id = doc_id_of(document)
        return (
            tuple(c for c in self.claims if c.document == document),
            tuple(e for e in self.evidence if e.document == doc_id),
        )


def _lowest(claims: tuple[When, ...]) -> dt.date | None:
    return min((w.earliest for w in claims if w.earliest), default=None)


def _highest(claims: tuple[When, ...]) -> dt.date | None:
    return max((w.latest for w in claims if w.latest), default=None)


_STATUS_ORDER = {status.value: rank for rank, status in enumerate(AidStatus, 1)}


def _status_rank(status: str) -> tuple[int, str]:
    return (_STATUS_ORDER.get(status, 0), status)


# ---- the tables both ways of reading fill ----------------------------------------------------

_FACT_TYPES = {str(NKG[t.value]): t for t in FactType}
_VALUE_LINKS = {link: role for role, link in CLAIM_LINKS.items()}
# What is read of a fact and of the nodes that belong to it (value nodes, evidence, items).
_FACT_PREDICATES = (
    RDF.type, RDFS.label, RDFS.comment, NKG.holder, NKG.office, NKG.speaker, NKG.about, NKG.donor, NKG.recipient,
    NKG.text, NKG.kind, NKG.amount, NKG.amountAsWritten, NKG.currency, NKG.status, NKG.aidType, NKG.method,
    NKG.confidence, NKG.matchKey, NKG.reportCount, NKG.conflictingProperty, NKG.conflictsWith, NKG.evidence,
    NKG.item, PROV.wasDerivedFrom, *CLAIM_LINKS.values(), NKG.durationValue, NKG.successionValue, NKG.replaces,
    NKG.startEarliest, NKG.startLatest, NKG.endEarliest, NKG.endLatest, NKG.period, NKG.stretch,
    NKG.periodConflictWith,
)  # fmt: skip
# A capped read shows a term by its stretches (a much-reported holding has a segment between
# every two reports, read only by the fact's own page) and takes the dates of the reports it
# does not show from the build's summary of them (``nkg:dates``).
_CAPPED_FACT_PREDICATES = (*(p for p in _FACT_PREDICATES if p != NKG.period), NKG.dates)
_NODE_PREDICATES = (NKG.earliest, NKG.latest, NKG.asWritten, NKG.evidence, OA.hasSource, OA.exact, OA.start, OA.end,
                    NKG.quantity, RDFS.label, NKG.minDays, NKG.maxDays, NKG.predecessor, NKG.periodFrom,
                    NKG.periodUntil, NKG.certainty, NKG.basis, NKG.restsOn, NKG.stretchBasis, NKG.claimRole,
                    NKG.dateCount, NKG.firstEarliest, NKG.firstLatest, NKG.lastEarliest, NKG.lastLatest)  # fmt: skip


@dataclass
class _Tables:
    """subject -> property IRI -> values, for facts and for the nodes they point to."""

    facts: dict[str, dict[str, list[Any]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    nodes: dict[str, dict[str, list[Any]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))

    def node_value(self, node: str, predicate: str) -> str | None:
        values = self.nodes.get(node, {}).get(predicate)
        if not values:
            return None
        return str(values[0].value) if len(values) == 1 else min(v.value for v in values)


def chunked(items: list[T], size: int = BATCH) -> Iterator[list[T]]:
    """Items in runs of at most ``size``: IRIs per VALUES block, keys per SQLite query."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


def _select(graph: Queryable, sparql: str) -> Iterator[tuple[Any, ...]]:
    for solution in graph.query(sparql):
        yield tuple(solution)


def _predicates(predicates: Iterable[Any]) -> str:
    return ", ".join(f"<{p}>" for p in predicates)


# Links from a node to further nodes a fact is shown with: a claim's evidence, and the
# claims a period segment rests on (possibly another holding's, such as a successor's start).
_EVIDENCE = str(NKG.evidence)
_FOLLOWED = {_EVIDENCE, str(NKG.restsOn)}
# The properties of an evidence node, as the tables key them (read per evidence: kept as strings).
_SOURCE, _EXACT, _START, _END = str(OA.hasSource), str(OA.exact), str(OA.start), str(OA.end)


_LINKS = {_EVIDENCE, str(NKG.item), str(NKG.durationValue), str(NKG.successionValue), str(NKG.period),
          str(NKG.stretch), str(NKG.dates), *_VALUE_LINKS}  # fmt: skip
# What every report of a fact shares: the fact itself and what the build derived across them
# (named, not "every graph but the documents'": that reads each report's rows to drop them;
# as (fact, graph) pairs: two VALUES blocks side by side make Oxigraph scan, 25 s not 30 ms).
_SHARED = (f"<{FACTS_GRAPH}>", f"<{DERIVED_GRAPH}>")
_DERIVED, _LABEL, _COMMENT = str(PROV.wasDerivedFrom), str(RDFS.label), str(RDFS.comment)
_DERIVED_FROM = ox.NamedNode(_DERIVED)  # as a row from the store names it


def _fill_by_iri(graph: Queryable, iris: list[str], reports: int | None = None, first: str | None = None) -> _Tables:
    tables = _Tables()
    linked: set[str] = set()
    rows = _fact_rows(graph, iris) if reports is None else _capped_fact_rows(graph, iris, reports, first)
    for fact, predicate, value in rows:
        tables.facts[fact][predicate.value].append(value)
        if predicate.value in _LINKS:
            linked.add(value.value)

    # Value nodes point to evidence nodes of their own: read those in a second round.
    pending, seen = sorted(linked), set(linked)
    while pending:
        found: set[str] = set()
        for chunk in chunked(pending):
            for node, predicate, value in _select(
                graph,
                f"""SELECT ?n ?p ?o WHERE {{ VALUES ?n {{ {_values(chunk)} }} ?n ?p ?o
                      FILTER (?p IN ({_predicates(_NODE_PREDICATES)})) }}""",
            ):
                tables.nodes[node.value][predicate.value].append(value)
                if predicate.value in _FOLLOWED and value.value not in seen:
                    found.add(value.value)
        seen |= found
        pending = sorted(found)
    return tables


def _fact_rows(graph: Queryable, iris: list[str]) -> Iterator[tuple[str, Any, Any]]:
    """(fact, property, value) for the facts asked for, over every report."""
    for chunk in chunked(iris):
        for fact, predicate, value in _select(
            graph,
            f"""SELECT ?f ?p ?o WHERE {{ VALUES ?f {{ {_values(chunk)} }} ?f ?p ?o
                  FILTER (?p IN ({_predicates(_FACT_PREDICATES)})) }}""",
        ):
            yield fact.value, predicate, value


def _capped_fact_rows(
    graph: Queryable, iris: list[str], reports: int, first: str | None
) -> Iterator[tuple[str, Any, Any]]:
    """(fact, property, value) for the facts asked for, from what all reports share (the
    facts' and the derived graph), every document, and the first ``reports`` documents'
    own graphs (by IRI, the document ``first`` before all).  The dates of the other
    reports are summed up by the build (``nkg:dates``); their words and evidence are not read."""
    shared = _predicates(_CAPPED_FACT_PREDICATES)
    for chunk in chunked(iris):
        found: dict[tuple[str, Any, Any], None] = {}
        documents: dict[str, list[str]] = defaultdict(list)
        for fact, document in _select(
            graph, f"SELECT ?f ?d WHERE {{ VALUES ?f {{ {_values(chunk)} }} ?f prov:wasDerivedFrom ?d }}"
        ):
            documents[fact.value].append(document.value)
            found[(fact.value, _DERIVED_FROM, document)] = None
        own = " ".join(f"(<{fact}> {graph_iri})" for fact in chunk for graph_iri in _SHARED)
        for fact, predicate, value in _select(
            graph,
            f"SELECT ?f ?p ?o WHERE {{ VALUES (?f ?g) {{ {own} }} GRAPH ?g {{ ?f ?p ?o }} FILTER (?p IN ({shared})) }}",
        ):
            found[(fact.value, predicate, value)] = None
        pairs = [
            f"(<{fact}> <{doc_graph_iri(doc_id_of(document))}>)"
            for fact, docs in documents.items()
            for document in sorted(docs, key=lambda d: (d != first, d))[:reports]
        ]
        for part in chunked(pairs):
            for fact, predicate, value in _select(
                graph,
                f"""SELECT ?f ?p ?o WHERE {{ VALUES (?f ?g) {{ {" ".join(part)} }} GRAPH ?g {{ ?f ?p ?o }}
                      FILTER (?p IN ({shared})) }}""",
            ):
                found[(fact.value, predicate, value)] = None
        yield from found


def _fill_by_scan(graph: Queryable) -> _Tables:
    """Every fact and node property, one single-pattern scan each.

    In Oxigraph each SPARQL join is an index lookup per row, and a scan over several
    predicates decodes the predicate per row; both cost several times more than these.
    """
    tables = _Tables()
    facts = set(fact_types(graph))
    for predicate in _FACT_PREDICATES:
        key = str(predicate)
        for subject, value in _select(graph, f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}"):
            if subject.value in facts:
                tables.facts[subject.value][key].append(value)
    for predicate in _NODE_PREDICATES:
        key = str(predicate)
        for subject, value in _select(graph, f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}"):
            if subject.value not in facts:
                tables.nodes[subject.value][key].append(value)
    return tables


def fact_types(graph: Queryable) -> dict[str, FactType]:
    """Every fact in the graph and its type."""
    found: dict[str, FactType] = {}
    for fact, kind in _select(
        graph,
        "SELECT ?f ?t WHERE { VALUES ?t { nkg:OfficeHolding nkg:Statement nkg:AidCommitment } ?f a ?t }",
    ):
        found[fact.value] = _FACT_TYPES[kind.value]
    return found


# ---- one assembly ------------------------------------------------------------------------------


def _decimal(text: str | None) -> Decimal | None:
    try:
        return None if text is None else Decimal(text)
    except InvalidOperation:
        return None


def _day(text: str | None) -> dt.date | None:
    try:
        return None if text is None else dt.date.fromisoformat(text)
    except ValueError:
        return None


def _integer(text: str | None) -> int | None:
    try:
        return None if text is None else int(text)
    except ValueError:
        return None


def pick_label(labels: Iterable[Any]) -> tuple[str, str | None] | None:
    """The Dutch label, else one without a language, else the first in order: (text, language)."""
    found = list(labels)
    for wanted in ("nl", None):
        texts = sorted(str(t.value) for t in found if getattr(t, "language", None) == wanted)
        if texts:
            return texts[0], wanted
    best = min(found, key=lambda t: str(t.value), default=None)
    return (str(best.value), getattr(best, "language", None)) if best is not None else None


class _Keys:
    """The ontology's property IRIs as the tables key them, each made once: an attribute of
    rdflib's namespace is a new term at every access, and a fact is assembled from dozens."""

    def __getattr__(self, name: str) -> str:
        key = str(NKG[name])
        setattr(self, name, key)
        return key


_K = _Keys()


def _evidence(tables: _Tables, node: str) -> Evidence | None:
    source = tables.node_value(node, _SOURCE)
    exact = tables.node_value(node, _EXACT)
    start, end = _integer(tables.node_value(node, _START)), _integer(tables.node_value(node, _END))
    if source is None or exact is None or start is None or end is None:
        return None
    return Evidence(doc_id_of(source), start, end, exact)


def _natural(iri: str) -> tuple[str, int]:
    head, _, tail = iri.rpartition("/")
    return (head, int(tail)) if tail.isdigit() else (iri, 0)


def _assemble(iri: str, kind: FactType, props: dict[str, list[Any]], tables: _Tables) -> Fact:
    def values(predicate: str) -> tuple[str, ...]:
        found = props.get(predicate)
        return tuple(sorted({str(v.value) for v in found})) if found else ()

    def one(predicate: str) -> str | None:
        found = values(predicate)
        return found[0] if found else None

    subjects, objects = _ROLES[kind]
    evidence = {e for node in values(_K.evidence) if (e := _evidence(tables, node)) is not None}
    claims = []
    for link, role in _VALUE_LINKS.items():
        for node in values(link):
            earliest, latest = _day(tables.node_value(node, _K.earliest)), _day(tables.node_value(node, _K.latest))
            when = When.of_bounds(earliest, latest, tables.node_value(node, _K.asWritten))
            spans = sorted(
                (e for n in tables.nodes.get(node, {}).get(_EVIDENCE, ()) if (e := _evidence(tables, n.value))),
                key=_evidence_order,
            )
            claims.append(Claim(role, when, _claim_document(spans), tuple(spans)))
    said = {(c.role, c.when.earliest, c.when.latest) for c in claims}
    counts = []
    for node in values(_K.dates):  # a capped read: the first and last date of every report
        named, count = tables.node_value(node, _K.claimRole), _integer(tables.node_value(node, _K.dateCount))
        if named is None or count is None:
            continue
        counts.append((named, count))
        for lo_key, hi_key in ((_K.firstEarliest, _K.firstLatest), (_K.lastEarliest, _K.lastLatest)):
            lo, hi = _day(tables.node_value(node, lo_key)), _day(tables.node_value(node, hi_key))
            if (named, lo, hi) not in said:
                said.add((named, lo, hi))
                claims.append(Claim(named, When.of_bounds(lo, hi, None), None))
    items = []
    for node in sorted(values(_K.item), key=_natural):
        label = pick_label(tables.nodes.get(node, {}).get(_LABEL, ()))
        items.append(Item(label[0] if label else "", _integer(tables.node_value(node, _K.quantity))))
    held = sorted((s for node in values(_K.period) if (s := _held(tables, node))), key=lambda s: s.first)
    shown = sorted((t for node in values(_K.stretch) if (t := _stretch(tables, node))), key=lambda t: t.first)
    term = Term(*(_day(one(p)) for p in (_K.startEarliest, _K.startLatest, _K.endEarliest, _K.endLatest)))
    durations = tuple(sorted(w for n in values(_K.durationValue) if (w := tables.node_value(n, _K.asWritten))))
    disputed = [p.rsplit("#", 1)[-1] for p in values(_K.conflictingProperty)]
    disputed += ["amount"] if values(_K.conflictsWith) else []
    label = pick_label(props.get(_LABEL, ()))
    confidences = [c for c in map(_decimal, values(_K.confidence)) if c is not None]
    return Fact(
        iri=iri,
        type=kind,
        documents=values(_DERIVED),
        subjects=values(getattr(_K, subjects)),
        objects=values(getattr(_K, objects)),
        evidence=tuple(sorted(evidence, key=_evidence_order)),
        claims=tuple(sorted(claims, key=lambda c: (c.role, c.document or "", _claim_key(c.when)))),
        label=label[0] if label else None,
        methods=values(_K.method),
        # Each automatic report of a fact gives its own confidence; the highest stands for it.
        confidence=max(confidences, default=None),
        text=one(_K.text),
        speech=one(_K.kind),
        amount=_decimal(one(_K.amount)),
        amount_as_written=one(_K.amountAsWritten),
        currency=one(_K.currency),
        statuses=values(_K.status),
        aid_type=one(_K.aidType),
        items=tuple(items),
        disputed=tuple(sorted(set(disputed))),
        match_keys=values(_K.matchKey),
        comment=one(_COMMENT),
        report_count=_integer(one(_K.reportCount)) or len(values(_DERIVED)) or 1,
        term=term if kind is FactType.HOLDING else None,
        held=tuple(held),
        stretches=tuple(shown),
        date_counts=tuple(sorted(counts)),
        replaces=values(_K.replaces),
        durations=durations,
    )


def _held(tables: _Tables, node: str) -> HeldSpan | None:
    first = _day(tables.node_value(node, _K.periodFrom))
    certainty, basis = tables.node_value(node, _K.certainty), tables.node_value(node, _K.basis)
    if first is None or certainty is None or basis is None:
        return None
    claims = sorted(v.value for v in tables.nodes.get(node, {}).get(_K.restsOn, ()))
    words = {
        e
        for claim in claims
        for ev in tables.nodes.get(claim, {}).get(_EVIDENCE, ())
        if (e := _evidence(tables, ev.value)) is not None
    }
    last = _day(tables.node_value(node, _K.periodUntil))
    return HeldSpan(first, last, certainty, basis, tuple(sorted(words, key=_evidence_order)))


def _stretch(tables: _Tables, node: str) -> Stretch | None:
    first, certainty = _day(tables.node_value(node, _K.periodFrom)), tables.node_value(node, _K.certainty)
    bases = tables.nodes.get(node, {}).get(_K.stretchBasis, ())
    if first is None or certainty is None or not bases:
        return None
    last = _day(tables.node_value(node, _K.periodUntil))
    return Stretch(certainty, first, last, ordered_bases(str(b.value) for b in bases))


def _evidence_order(evidence: Evidence) -> tuple[str, int, int]:
    return (evidence.document_iri, evidence.start, evidence.end)


def _claim_document(spans: list[Evidence]) -> str | None:
    return spans[0].document_iri if spans else None


def _facts_of(tables: _Tables, kinds: dict[str, FactType]) -> dict[str, Fact]:
    return {iri: _assemble(iri, kinds[iri], tables.facts[iri], tables) for iri in sorted(kinds) if iri in tables.facts}


def read_facts(
    graph: Queryable,
    iris: Iterable[str],
    *,
    reports: int | None = None,
    first: str | None = None,
    from_store: bool = False,
) -> dict[str, Fact]:
    """The facts asked for, by IRI (those that are no fact are left out).

    ``reports`` bounds what is read of a much-reported fact for pages that list many: the
    evidence and dated claims of that many of its reports (the first documents by IRI),
    and of its term the stretches, not the segments.  Its documents, report count, shared
    values, where every report together places it (the first and last date of each role,
    without their words, and how many distinct dates: ``Fact.date_count``) and derived
    term stay whole; ``Fact.partial`` marks what was cut.
    ``first``, a document's IRI, is read before the others (a document's page shows its own).
    Read as lists read them (``reports=cards.LISTED``), the facts come from the cards the
    build made of this read (``navokg.read.cards``) where the store has them, unless
    ``from_store`` (the cards are made from it); read whole, those whose card is the whole
    fact come from it and the rest from the store.
    """
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    if not from_store and first is None:
        from navokg.read.cards import LISTED, read_cards, read_whole_cards  # made from this module's reads

        if reports == LISTED and (carded := read_cards(graph, wanted)) is not None:
            return carded
        if reports is None and (split := read_whole_cards(graph, wanted)) is not None:
            whole, rest = split
            found = whole | read_facts(graph, rest, from_store=True)
            return {iri: found[iri] for iri in sorted(found)}
    tables = _fill_by_iri(graph, wanted, reports, first)
    kinds = {}
    for iri in wanted:
        types = {v.value for v in tables.facts.get(iri, {}).get(str(RDF.type), ())}
        kind = next((_FACT_TYPES[t] for t in sorted(types) if t in _FACT_TYPES), None)
        if kind is not None:
            kinds[iri] = kind
    facts = _facts_of(tables, kinds)
    if reports is None:
        return facts
    return {iri: replace(f, partial=True) if len(f.documents) > reports else f for iri, f in facts.items()}


def read_all_facts(graph: Queryable) -> dict[str, Fact]:
    """Every fact in the graph, read with one scan per property."""
    return _facts_of(_fill_by_scan(graph), fact_types(graph))


# ---- what facts point to: entities and documents -------------------------------------------------


@dataclass(frozen=True)
class Label:
    """An entity's or document's name to show, in its language."""

    text: str
    lang: str | None


def read_labels(graph: Queryable, iris: Iterable[str]) -> dict[str, Label]:
    """The label of each resource asked for (Dutch first); those without one are left out."""
    labels: dict[str, list[Any]] = defaultdict(list)
    for chunk in chunked(sorted(set(iris))):
        for subject, label in _select(
            graph, f"SELECT ?s ?l WHERE {{ VALUES ?s {{ {_values(chunk)} }} ?s rdfs:label ?l }}"
        ):
            labels[subject.value].append(label)
    return {iri: Label(*picked) for iri, found in labels.items() if (picked := pick_label(found))}


@dataclass(frozen=True)
class DocumentInfo:
    """A document's metadata (and body where asked for), as the build recorded it."""

    iri: str
    label: str | None = None
    title: str | None = None
    issued: str | None = None
    publisher: str | None = None
    creator: str | None = None
    url: str | None = None
    genre: str | None = None
    body: str | None = None

    @property
    def doc_id(self) -> str:
        return doc_id_of(self.iri)

    @property
    def when(self) -> When | None:
        return issued_when(self.issued)


_DOCUMENT_FIELDS = {
    str(RDFS.label): "label",
    PREFIXES["dcterms"] + "title": "title",
    PREFIXES["dcterms"] + "issued": "issued",
    PREFIXES["dcterms"] + "publisher": "publisher",
    PREFIXES["dcterms"] + "creator": "creator",
    PREFIXES["schema"] + "url": "url",
    str(NKG.genre): "genre",
}


@dataclass(frozen=True)
class Window:
    """A stretch of a document's body: its text and where it starts."""

    text: str
    offset: int


def read_windows(
    graph: Queryable, spans: Iterable[tuple[str, int, int]], around: int
) -> dict[tuple[str, int, int], Window]:
    """The body around each (document IRI, start, end), ``around`` characters either side.

    A list quoting the sentence of each piece of evidence needs a few hundred characters of
    each document, not every body whole (SPARQL's SUBSTR counts characters, as the offsets do).
    """
    wanted = sorted(set(spans))
    found: dict[tuple[str, int, int], Window] = {}
    for chunk in chunked(wanted):
        rows = " ".join(
            f"(<{doc}> {start} {end} {max(0, start - around) + 1} {end + around - max(0, start - around)})"
            for doc, start, end in chunk
        )
        for document, first, last, text in _select(
            graph,
            f"""SELECT ?d ?s ?e (SUBSTR(?b, ?from, ?n) AS ?w) WHERE {{ VALUES (?d ?s ?e ?from ?n) {{ {rows} }}
                  ?d nkg:body ?b }}""",
        ):
            at = int(first.value)
            found[(document.value, at, int(last.value))] = Window(text.value, max(0, at - around))
    return found


def read_documents(graph: Queryable, iris: Iterable[str], *, with_body: bool = False) -> dict[str, DocumentInfo]:
    """Metadata of the documents asked for (those not in the graph are left out)."""
    fields: dict[str, dict[str, str]] = {}
    wanted = {name: predicate for predicate, name in _DOCUMENT_FIELDS.items()}
    if with_body:
        wanted["body"] = str(NKG.body)
    # One pattern per field, not ``?d ?p ?o``: a document's other triples (every entity it
    # mentions) are not read; where a field has two values the least is shown, as before.
    for chunk in chunked(sorted(set(iris))):
        for document, field_name, value in _select(
            graph,
            f"""SELECT ?d ?role ?node WHERE {{ VALUES ?d {{ {_values(chunk)} }} ?d a nkg:Document .
                  {each_link(wanted, "d")} }}""",
        ):
            found = fields.setdefault(document.value, {})
            name, text = field_name.value, value.value
            if name not in found or text < found[name]:
                found[name] = text
    return {iri: DocumentInfo(iri, **found) for iri, found in fields.items()}
