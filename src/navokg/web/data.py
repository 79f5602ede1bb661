"""What each research page shows, read from the store inside a query worker.

Every public function here is a worker task ``f(ctx, ...)`` returning plain dataclasses
that pickle, so the pages get the same time limit and crash isolation as SPARQL queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from navokg.dutch.names import fold_name
from navokg.dutch.words import normalise
from navokg.errors import NotFoundError, UsageError
from navokg.network import EdgeKind, timeline
from navokg.network.index import ready_index
from navokg.read.cards import LISTED
from navokg.read.facts import DocumentInfo, pick_label, read_labels
from navokg.read.query import bind_parameters, load_saved_queries
from navokg.read.resolve import find_names
from navokg.read.search import search as search_facts
from navokg.store import latest_documents
from navokg.tables import amount_text
from navokg.vocab import ID_BASE, PREFIXES, doc_iri
from navokg.web.facts import (
    ENTITY_KINDS,
    FACT_KINDS,
    NKG,
    OVERVIEW,
    RDF_TYPE,
    RDFS,
    SHOWN,
    SKOS,
    FactView,
    Link,
    count_of,
    doc_link,
    document_links,
    documents_of,
    entity_links,
    fact_iris,
    fact_views,
    href_of,
    load_facts,
    page_count,
    path_of,
    query_rows,
    term_link,
)
from navokg.web.sparql import ResultKind, SparqlRequest, kind_of, run_sparql
from navokg.web.views import Neighbour, NetworkQuery, connections
from navokg.web.workers import WorkerContext

__all__ = [
    "AidOverview",
    "DocumentPage",
    "EntityPage",
    "Home",
    "QueryTable",
    "ResourcePage",
    "SearchResults",
    "SectionPage",
    "aid_list_page",
    "aid_overview",
    "at_least",
    "document_page",
    "entity_page",
    "example_queries",
    "home",
    "query_table",
    "resource_page",
    "search_entities",
    "section_page",
]


def at_least(ctx: WorkerContext, minimum: Decimal | None, task: Callable[..., Any], *args: Any) -> Any:
    """Run a page's task on the store without the automatic facts below ``minimum``."""
    return task(ctx.at_least(minimum), *args)


# --- search ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityHit:
    link: Link
    kind: str
    matched: str | None  # the alias that matched, when it is not the label


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[EntityHit]
    total: int
    # Facts whose words match (statements and evidence), best first.
    facts: list[FactView] = field(default_factory=list)


def search_entities(ctx: WorkerContext, text: str, limit: int = 50) -> SearchResults:
    """Entities whose label or alias contains the words, ignoring case and diacritics."""
    matches, total = find_names(ctx.graph, text, limit=limit)
    labels = read_labels(ctx.graph, [m.iri for m in matches])
    hits = []
    for match in matches:
        label = labels.get(match.iri)
        shown = Link(label.text if label else match.label, path_of(match.iri), label.lang if label else None)
        # Show the alias that matched only where the label alone would not explain the hit.
        needed = fold_name(text) not in fold_name(match.label)
        hits.append(EntityHit(shown, match.kind, match.name if needed else None))
    return SearchResults(text, hits, total, _fact_hits(ctx, text) if fold_name(text) else [])


def _fact_hits(ctx: WorkerContext, text: str, limit: int = 20) -> list[FactView]:
    """Facts by their words, ranked by the full-text index built with the store."""
    index = ctx.graph.search_index
    if not index.exists() or not normalise(text):
        return []
    ranked = [hit.fact for hit in search_facts(index, text, limit=limit)]
    by_iri = {fact.iri: fact for fact in load_facts(ctx, ranked)}
    return [by_iri[iri] for iri in ranked if iri in by_iri]


# --- entity pages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeGroup:
    """The holdings of one office, oldest first: a timeline."""

    office: Link
    holdings: list[FactView]


@dataclass(frozen=True)
class EntityPage:
    iri: str
    kind: str
    label: str
    lang: str | None
    other_labels: list[str]
    aliases: list[str]
    same_as: list[Link]
    post_in: list[Link]
    offices_here: list[Link]
    offices: list[OfficeGroup]
    holders: list[FactView]
    statements: list[FactView]
    aid_given: list[FactView]
    aid_received: list[FactView]
    related: list[Link]
    mentioned_in: list[Link]
    # How many of each list there are: a page shows the most recent ``SHOWN``.
    totals: dict[str, int] = field(default_factory=dict)
    # Aid given by the state or body of an office the person certainly held then (the
    # timeline's inference), with the office it went through.
    aid_via_office: list[tuple[FactView, str]] = field(default_factory=list)
    neighbours: list[Neighbour] = field(default_factory=list)  # depth 1, as the network view draws it
    network_note: str | None = None
    network_total: int = 0

    @property
    def aid_count(self) -> int:
        """Aid given, received and given through an office, each commitment once."""
        return self.totals.get("aid_given", 0) + self.totals.get("aid_received", 0) + len(self.aid_via_office)


_EVERY_COMMITMENT = "?f a nkg:AidCommitment"
# Where the network index holds a section's facts: the edge kind, and the entity's end.
_INDEXED = {"statements": (EdgeKind.SAID_IN, "source"), "aid_given": (EdgeKind.AID, "source"),
            "aid_received": (EdgeKind.AID, "target"), "aid": (EdgeKind.AID, None)}  # fmt: skip


def latest_facts(
    ctx: WorkerContext, section: str, pattern: str, iri: str | None = None, *, limit: int = OVERVIEW, offset: int = 0
) -> list[str]:
    """A section's ``limit`` latest facts after the first ``offset``, in the order ``fact_iris``
    gives them.

    The network index keeps each fact's bounds, so it picks them without reading every
    report's dates, once it is made (the first network question after a build makes it:
    a page does not wait for that here). A filtered view (``--min-confidence``) is asked by
    SPARQL, as the index holds the whole graph.
    """
    index = ready_index(ctx.graph) if ctx.graph.view is None and section in _INDEXED else None
    if index is not None:
        kind, end = _INDEXED[section]
        return index.latest_facts(kind, limit, offset=offset, **({end: iri} if end else {}))
    return fact_iris(ctx, pattern, limit=limit, offset=offset)


def section_count(ctx: WorkerContext, section: str, pattern: str, iri: str | None = None) -> int:
    """How many facts a section has: from the network index as ``latest_facts`` picks them, else
    counted by SPARQL."""
    index = ready_index(ctx.graph) if ctx.graph.view is None and section in _INDEXED else None
    if index is not None:
        kind, end = _INDEXED[section]
        return index.fact_count(kind, **({end: iri} if end else {}))
    return count_of(ctx, pattern)


def mention_count(ctx: WorkerContext, iri: str, pattern: str | None = None) -> int:
    """How many documents name an entity (or a pattern binds to ``?d``), as ``latest_mentions``."""
    index = ready_index(ctx.graph) if pattern is None and ctx.graph.view is None else None
    if index is not None:
        return index.mention_count(iri)
    return count_of(ctx, pattern or f"?d schema:mentions <{iri}>", "d")


def latest_mentions(
    ctx: WorkerContext, iri: str, pattern: str | None = None, *, limit: int = OVERVIEW, offset: int = 0
) -> list[str]:
    """The ``limit`` latest documents after the first ``offset`` that name an entity (or that a
    pattern binds to ``?d``).

    The network index keeps who each document names and when it was issued, so an entity
    named in thousands of documents is not sorted by SPARQL to show a hundred; the same
    order either way. An office's documents include those reporting its holders (a pattern).
    """
    index = ready_index(ctx.graph) if pattern is None and ctx.graph.view is None else None
    if index is not None:
        return index.latest_mentions(iri, limit, offset)
    return latest_documents(ctx.graph.store, limit, pattern or f"?d schema:mentions <{iri}>", offset)


# The lists of an entity page beyond its header: facts of one kind the entity takes part in,
# and the documents naming it. The page shows the latest ``OVERVIEW`` of each; each list has
# pages of its own, ``SHOWN`` at a time (``section_page``), at /KIND/KEY/SECTION.
_PARTY_SECTIONS = {"statements": "Statements by", "aid_given": "Aid committed by", "aid_received": "Aid committed to",
                   "documents": "Documents that mention"}  # fmt: skip
SECTIONS = {"office": {"holders": "Holders of", "documents": "Documents that name or report the holders of"},
            "person": _PARTY_SECTIONS, "organization": _PARTY_SECTIONS, "country": _PARTY_SECTIONS}  # fmt: skip


def _fact_patterns(node: str) -> dict[str, str]:
    """The pattern that binds each fact section's facts to ``?f``."""
    return {
        "holders": f"?f a nkg:OfficeHolding ; nkg:office {node}",
        "statements": f"?f a nkg:Statement ; nkg:speaker {node}",
        "aid_given": f"?f a nkg:AidCommitment ; nkg:donor {node}",
        "aid_received": f"?f a nkg:AidCommitment ; nkg:recipient {node}",
    }


def _naming(kind: str, node: str) -> str | None:
    """An office's documents are those that name it and those that report its holders (a
    pattern binding ``?d``); any other entity's are those that name it (None: the index's)."""
    if kind != "office":
        return None
    return f"{{ ?d schema:mentions {node} }} UNION {{ ?h nkg:office {node} ; prov:wasDerivedFrom ?d }}"


def _entity_label(ctx: WorkerContext, kind: str, key: str) -> tuple[str, str, str | None]:
    """An entity's IRI and the label its page shows, with that label's language; a
    NotFoundError naming what it may have meant where the graph has no such entity."""
    if kind not in ENTITY_KINDS:
        raise NotFoundError(f"no kind of entity '{kind}'; kinds: {', '.join(ENTITY_KINDS)}")
    iri = f"{ID_BASE}{kind}/{key}"
    found = query_rows(ctx, f"SELECT ?l WHERE {{ <{iri}> a nkg:{ENTITY_KINDS[kind]} ; rdfs:label ?l }}")
    if not found:
        close, _ = find_names(ctx.graph, key.replace("-", " "), limit=3)
        hint = f"; did you mean {', '.join(m.label for m in close)}?" if close else ""
        raise NotFoundError(f"no {kind} '{key}' in the graph{hint}")
    picked = pick_label(row["l"] for row in found)
    label, lang = picked if picked else (key, None)
    return iri, label, lang


def entity_page(ctx: WorkerContext, kind: str, key: str) -> EntityPage:
    """A person, organization, country or office with the facts it takes part in."""
    iri, entry_label, entry_lang = _entity_label(ctx, kind, key)
    node = f"<{iri}>"
    names = query_rows(
        ctx, f"SELECT ?p ?l WHERE {{ {node} ?p ?l FILTER (?p IN (rdfs:label, skos:altLabel, owl:sameAs)) }}"
    )

    def values_of(predicate: str) -> set[str]:
        return {r["l"].value for r in names if r["p"].value == predicate}

    other = sorted(values_of(RDFS + "label") - {entry_label})
    aliases = sorted(values_of(SKOS + "altLabel") - {entry_label}, key=str.casefold)
    same_as = [Link(iri, href_of(iri)) for iri in sorted(values_of(PREFIXES["owl"] + "sameAs"))]
    # The timeline gives an office's holders in succession and the aid a person's offices
    # gave: the same answer as `navokg timeline`, and a person's holdings with it.
    lifeline = []
    if kind in ("person", "office"):
        lifeline = timeline(ctx.graph, iri, statements=False, reports=LISTED, limit=SHOWN).entries
    if kind == "person":
        holdings = fact_views(ctx, (e.fact for e in lifeline if e.kind == "holding"))
    else:
        holdings = load_facts(ctx, fact_iris(ctx, f"?f a nkg:OfficeHolding ; nkg:holder {node}"))
    groups: dict[str, list[FactView]] = defaultdict(list)
    for holding in holdings:
        for office in holding.fields.get("office", []):
            groups[office.href or office.text].append(holding)
    offices = [OfficeGroup(hs[0].fields["office"][0], hs) for hs in groups.values()]
    offices.sort(key=lambda g: (g.holdings[0].sort_date, g.office.text))
    post_in = query_rows(ctx, f"SELECT ?o WHERE {{ {node} nkg:postIn ?o }}")
    offices_here = query_rows(ctx, f"SELECT ?o WHERE {{ ?o nkg:postIn {node} }}")
    related_rows = query_rows(
        ctx, f"SELECT DISTINCT ?o WHERE {{ ?h nkg:holder {node} ; nkg:office/nkg:postIn ?o }} ORDER BY ?o"
    )
    named = _naming(kind, node)
    docs = document_links(ctx, set(latest_mentions(ctx, iri, named)))
    patterns = _fact_patterns(node)
    # An office's holders are the timeline's (already read, in succession); the rest by pattern.
    sections = {
        name: load_facts(ctx, latest_facts(ctx, name, pattern, iri))
        for name, pattern in patterns.items()
        if not (kind == "office" and name == "holders")
    }
    totals = {name: section_count(ctx, name, pattern, iri) for name, pattern in patterns.items()}
    totals["mentioned_in"] = mention_count(ctx, iri, named)
    if kind == "office":
        by_iri = {f.iri: f for f in fact_views(ctx, (e.fact for e in lifeline[-OVERVIEW:]))}
        sections["holders"] = [by_iri[e.fact.iri] for e in lifeline[-OVERVIEW:]]
    via = [(e.fact, e.detail) for e in lifeline if e.kind == "aid"][-SHOWN:]
    aid_views = {f.iri: f for f in fact_views(ctx, (fact for fact, _ in via))}
    network = connections(ctx, NetworkQuery(kind, key))
    return EntityPage(
        iri=iri,
        kind=kind,
        label=entry_label,
        lang=entry_lang,
        other_labels=other,
        aliases=aliases,
        same_as=same_as,
        post_in=list(entity_links(ctx, [r["o"].value for r in post_in]).values()),
        offices_here=sorted(
            entity_links(ctx, [r["o"].value for r in offices_here]).values(), key=lambda x: x.text.casefold()
        ),
        offices=offices,
        holders=sections["holders"],
        statements=sections["statements"],
        aid_given=sections["aid_given"],
        aid_received=sections["aid_received"],
        related=list(entity_links(ctx, [r["o"].value for r in related_rows]).values()),
        mentioned_in=sorted(docs.values(), key=lambda x: x.href or ""),
        totals=totals,
        aid_via_office=[(aid_views[fact.iri], detail) for fact, detail in via],
        neighbours=network.neighbours,
        network_note=network.note,
        network_total=network.total,
    )


@dataclass(frozen=True)
class SectionPage:
    """One page of a list: ``SHOWN`` facts (or documents), the latest first; of an entity
    page's lists, or of every aid commitment (no entity)."""

    entity: Link | None
    kind: str  # an entity's kind, or "aid"
    section: str  # as the address writes it: statements, aid-given, aid-received, holders, documents, commitments
    title: str
    facts: list[FactView]
    documents: list[Link]
    total: int
    page: int
    pages: int

    @property
    def first(self) -> int:
        """The rank (1: the latest) of the first row shown."""
        return (self.page - 1) * SHOWN + 1

    @property
    def last(self) -> int:
        return self.first + len(self.facts) + len(self.documents) - 1


def section_page(ctx: WorkerContext, kind: str, key: str, section: str, page: int = 1) -> SectionPage:
    """A page of one of an entity page's lists, in the order the entity page picks its latest.

    The entity page shows the latest ``OVERVIEW`` facts of each kind; these pages give all
    of them, ``SHOWN`` at a time, each read only when its page is asked for.
    """
    iri, label, lang = _entity_label(ctx, kind, key)
    name = section.replace("-", "_")
    if name not in SECTIONS[kind]:
        wanted = ", ".join(n.replace("_", "-") for n in SECTIONS[kind])
        raise NotFoundError(f"a {kind}'s page has no list '{section}'; lists: {wanted}")
    node = f"<{iri}>"
    entity = Link(label, path_of(iri), lang)
    title = SECTIONS[kind][name]
    if name != "documents":
        facts, total = _listed(ctx, name, _fact_patterns(node)[name], iri, page)
        return SectionPage(entity, kind, section, title, facts, [], total, page, page_count(total, page, SHOWN))
    named = _naming(kind, node)
    total = mention_count(ctx, iri, named)
    shown = latest_mentions(ctx, iri, named, limit=SHOWN, offset=max(page - 1, 0) * SHOWN)
    links = document_links(ctx, set(shown))
    documents = [links[d] for d in shown if d in links]
    return SectionPage(entity, kind, section, title, [], documents, total, page, page_count(total, page, SHOWN))


def aid_list_page(ctx: WorkerContext, page: int = 1) -> SectionPage:
    """A page of every aid commitment, the latest first (the aid page shows the latest ``OVERVIEW``)."""
    facts, total = _listed(ctx, "aid", _EVERY_COMMITMENT, None, page)
    pages = page_count(total, page, SHOWN)
    return SectionPage(None, "aid", "commitments", "Aid commitments", facts, [], total, page, pages)


def _listed(ctx: WorkerContext, section: str, pattern: str, iri: str | None, page: int) -> tuple[list[FactView], int]:
    """One page of a list of facts, latest first, and how many the list has."""
    total = section_count(ctx, section, pattern, iri)
    shown = latest_facts(ctx, section, pattern, iri, limit=SHOWN, offset=max(page - 1, 0) * SHOWN)
    by_iri = {f.iri: f for f in load_facts(ctx, shown)}
    return [by_iri[f] for f in shown if f in by_iri], total


# --- documents -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentPage:
    iri: str
    doc_id: str
    meta: DocumentInfo
    body: str
    facts: list[FactView]
    mentions: list[Link]


def document_page(ctx: WorkerContext, doc_id: str) -> DocumentPage:
    """A document's text and metadata with every fact whose evidence is in it."""
    iri = doc_iri(doc_id)
    info = documents_of(ctx, {iri}, with_body=True).get(iri)
    if info is None:
        raise NotFoundError(f"no document '{doc_id}' in the graph")
    facts = load_facts(
        ctx,
        fact_iris(
            ctx,
            f"?f nkg:evidence ?e . ?e oa:hasSource <{iri}> . ?f a ?t . "
            "FILTER (?t IN (nkg:OfficeHolding, nkg:Statement, nkg:AidCommitment))",
        ),
        first=iri,  # this document's evidence among the reports read
    )
    here = path_of(iri) + "#"

    def first_position(fact: FactView) -> int:
        return min((e.start for e in fact.evidence if e.href.startswith(here)), default=0)

    facts.sort(key=lambda f: (first_position(f), f.iri))
    mentioned = query_rows(ctx, f"SELECT ?e WHERE {{ <{iri}> schema:mentions ?e }}")
    mentions = sorted(entity_links(ctx, [r["e"].value for r in mentioned]).values(), key=lambda x: x.text.casefold())
    return DocumentPage(iri, doc_id, replace(info, body=None), info.body or "", facts, mentions)


# --- resources by IRI ------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourcePage:
    """Any other resource: its types and statements; ``redirect`` when it has a page of its own."""

    iri: str
    redirect: str | None = None
    fact: FactView | None = None
    triples: list[tuple[Link, Link]] = field(default_factory=list)


def resource_page(ctx: WorkerContext, iri: str) -> ResourcePage:
    """The page for an IRI: a redirect for entities and documents, else what the graph says of it."""
    iri = iri.strip()
    if not iri:
        raise UsageError("give the resource as /entity?iri=https://w3id.org/navokg/id/...")
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        raise UsageError(f"'{iri}' is not an IRI") from None
    rows = query_rows(ctx, f"SELECT ?p ?o WHERE {{ <{node.value}> ?p ?o }} ORDER BY ?p ?o LIMIT 2000")
    if not rows:
        raise NotFoundError(f"the graph says nothing about <{iri}>")
    types = {r["o"].value for r in rows if r["p"].value == RDF_TYPE}
    pretty = path_of(iri)
    own_page = {NKG + k for k in ENTITY_KINDS.values()} | {NKG + "Document"}
    if not pretty.startswith("/entity") and types & own_page:
        return ResourcePage(iri, redirect=pretty)
    if types & set(FACT_KINDS):
        facts = load_facts(ctx, [iri], reports=None)
        return ResourcePage(iri, fact=facts[0] if facts else None)
    triples = [(term_link(ctx, r["p"]), term_link(ctx, r["o"])) for r in rows if r["p"].value != NKG + "body"]
    return ResourcePage(iri, triples=triples)


# --- aid overview ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AidTotal:
    donor: Link
    recipient: Link
    year: str
    currency: str
    status: str
    kind: str
    total: str
    commitments: int
    conflicting: int
    amount: Decimal = Decimal(0)
    facts: tuple[str, ...] = ()


# The statuses of aid, from a first plan to a delivery: the order the chart stacks them in.
AID_STATUSES = ("planned", "announced", "reserved", "committed", "delivered", "unknown")
CHART_CURRENCY = "EUR"


@dataclass(frozen=True)
class AidBar:
    """Aid from a donor to a recipient in one year and one currency, per status: a stacked bar."""

    donor: Link
    recipient: Link
    year: str
    currency: str
    by_status: dict[str, Decimal]
    facts: tuple[str, ...]

    @property
    def total(self) -> Decimal:
        return sum(self.by_status.values(), Decimal(0))

    def amount(self, status: str) -> str:
        found = self.by_status.get(status)
        return amount_text(f"{found:f}") if found is not None else ""


@dataclass(frozen=True)
class AidOverview:
    totals: list[AidTotal]
    commitments: list[FactView]  # the most recent OVERVIEW; the list pages have them all
    without_amount: int
    total: int = 0  # how many commitments there are
    bars: list[AidBar] = field(default_factory=list)  # in EUR, as the chart draws them
    other_currencies: list[AidBar] = field(default_factory=list)  # never added to EUR


def aid_bars(totals: list[AidTotal]) -> list[AidBar]:
    """The totals per donor, recipient, year and currency, split by status (kinds of aid added)."""
    grouped: dict[tuple[str, str, str, str], list[AidTotal]] = defaultdict(list)
    for row in totals:
        grouped[(row.donor.href or "", row.recipient.href or "", row.year, row.currency)].append(row)
    bars = []
    for rows in grouped.values():
        by_status: dict[str, Decimal] = defaultdict(Decimal)
        for row in rows:
            by_status[row.status] += row.amount
        facts = tuple(sorted({f for row in rows for f in row.facts}))
        first = rows[0]
        bars.append(AidBar(first.donor, first.recipient, first.year, first.currency, dict(by_status), facts))
    bars.sort(key=lambda b: (b.donor.text, b.recipient.text, b.currency, b.year))
    return bars


def aid_overview(ctx: WorkerContext) -> AidOverview:
    """Totals per donor, recipient, year, currency, status and kind, and every commitment.

    The totals are the saved aid-totals query's own answer, so the page and the query
    count the same way: each commitment once, under the furthest status reported.  They
    aggregate every commitment of the store, which cannot change within a build: a worker
    keeps the page it made until a newer build is published (``WorkerContext.kept``).
    """
    overview: AidOverview = ctx.kept("aid-overview", lambda: _aid_overview(ctx))
    return overview


def _aid_overview(ctx: WorkerContext) -> AidOverview:
    saved = load_saved_queries()["aid-totals"]
    rows = query_rows(ctx, bind_parameters(saved.text, saved, {}, None))
    links = entity_links(ctx, [row[n].value for row in rows for n in ("donor", "recipient")])
    totals = [
        AidTotal(
            links[row["donor"].value],
            links[row["recipient"].value],
            row["year"].value,
            row["currency"].value,
            row["status"].value,
            row["type"].value,
            amount_text(row["total"].value),
            int(row["commitments"].value),
            int(row["conflicting"].value),
            Decimal(row["total"].value),
            tuple(row["facts"].value.split()),
        )
        for row in rows
    ]
    commitments = load_facts(ctx, latest_facts(ctx, "aid", _EVERY_COMMITMENT))
    without = count_of(ctx, "?f a nkg:AidCommitment FILTER NOT EXISTS { ?f nkg:amount ?a }")
    bars = aid_bars(totals)
    charted = [b for b in bars if b.currency == CHART_CURRENCY]
    others = [b for b in bars if b.currency != CHART_CURRENCY]
    every = section_count(ctx, "aid", _EVERY_COMMITMENT)
    return AidOverview(totals, commitments, without, every, charted, others)


# --- home and query page ---------------------------------------------------------------------


@dataclass(frozen=True)
class Home:
    counts: dict[str, int]
    documents: list[tuple[Link, DocumentInfo]]


def home(ctx: WorkerContext) -> Home:
    """How much the graph holds, and its documents."""
    counts = dict(ctx.graph.manifest.get("counts", {}).get("classes", {}))
    latest = ctx.graph.manifest.get("latest_documents")
    if not isinstance(latest, list) or len(latest) < min(SHOWN, counts.get("Document", 0)):
        latest = latest_documents(ctx.graph.store, SHOWN)  # a store whose build did not list them
    info = documents_of(ctx, set(latest[:SHOWN]))
    documents = sorted(((doc_link(d, m), m) for d, m in info.items()), key=lambda x: x[0].href or "")
    return Home(counts, documents)


@dataclass(frozen=True)
class QueryTable:
    """A query's answer for the HTML page: a table (cut at ``max_rows``), a boolean or triples."""

    kind: str
    variables: list[str]
    rows: list[list[Link | None]]
    boolean: bool | None
    truncated: bool


def query_table(ctx: WorkerContext, request: SparqlRequest, max_rows: int = 1000, max_chars: int = 400) -> QueryTable:
    """Run a query for the query page; long values and rows past ``max_rows`` are cut."""
    result = run_sparql(ctx, request)
    kind = kind_of(result)

    def cell(term: Any) -> Link | None:
        if term is None:
            return None
        link = term_link(ctx, term)
        if len(link.text) > max_chars:
            return Link(link.text[: max_chars - 1] + "…", link.href, link.lang)
        return link

    if kind is ResultKind.BOOLEAN:
        return QueryTable("boolean", [], [], bool(result), False)
    if kind is ResultKind.SOLUTIONS:
        variables = [v.value for v in result.variables]
        rows_iter = ([cell(sol[v]) for v in variables] for sol in result)
    else:
        variables = ["subject", "predicate", "object"]
        rows_iter = ([cell(t.subject), cell(t.predicate), cell(t.object)] for t in result)
    rows: list[list[Link | None]] = []
    truncated = False
    for row in rows_iter:
        if len(rows) == max_rows:
            truncated = True
            break
        rows.append(row)
    return QueryTable(kind.value, variables, rows, None, truncated)


def example_queries() -> list[tuple[str, str]]:
    """Saved queries that need no parameter, as (title, text) examples for the query page."""
    from navokg.read.query import load_saved_queries

    examples = []
    for saved in load_saved_queries().values():
        if not any(p.required for p in saved.params):
            text = "\n".join(line for line in saved.text.splitlines() if not line.startswith("# param"))
            examples.append((saved.title, text.strip()))
    return examples
