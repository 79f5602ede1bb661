"""Facts and links for the research pages, loaded in bulk inside a query worker.

A page shows many facts; each is a holding, statement or aid commitment with dates (at the
precision the text gives) and evidence (the sentence around the exact words).  They are
read in bulk by ``navokg.read.facts``, the one fact reader, and dressed here with links.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from navokg.errors import UsageError
from navokg.network.index import ready_index
from navokg.network.projection import NodeKind
from navokg.read.cards import LISTED
from navokg.read.facts import (
    DATE_ROLES,
    DocumentInfo,
    Fact,
    FactType,
    Label,
    Stretch,
    When,
    Window,
    read_documents,
    read_facts,
    read_labels,
    read_windows,
)
from navokg.tables import amount_text
from navokg.vocab import ID_BASE, NKG_BASE, PREFIXES, compact_iri, doc_id_of
from navokg.web.text import EXCERPT_WINDOW, Excerpt, excerpt
from navokg.web.workers import WorkerContext

__all__ = [
    "ENTITY_KINDS",
    "FACT_KINDS",
    "OVERVIEW",
    "SHOWN",
    "EvidenceView",
    "FactView",
    "Link",
    "count_of",
    "doc_link",
    "document_links",
    "documents_of",
    "entity_links",
    "fact_iris",
    "fact_views",
    "href_of",
    "load_facts",
    "page_count",
    "path_of",
    "query_rows",
    "term_link",
    "values_block",
]

NKG = NKG_BASE
RDFS, SKOS = PREFIXES["rdfs"], PREFIXES["skos"]
RDF_TYPE = PREFIXES["rdf"] + "type"
ENTITY_KINDS = {"person": "Person", "organization": "Organization", "country": "Country", "office": "Office"}
FACT_KINDS = {NKG + "OfficeHolding": "holding", NKG + "Statement": "statement", NKG + "AidCommitment": "aid"}


# --- links and labels ------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """Something to show with the page it opens (``href`` None: plain text)."""

    text: str
    href: str | None = None
    lang: str | None = None


def path_of(iri: str) -> str:
    """The page of a resource: /person/{key}, /document/{id}, else /entity?iri=..."""
    if iri.startswith(ID_BASE):
        kind, _, key = iri[len(ID_BASE) :].partition("/")
        if kind in ENTITY_KINDS and key and "/" not in key:
            return f"/{kind}/{key}"
        if kind == "doc" and key:
            return f"/document/{key}"
    return "/entity?iri=" + quote(iri, safe="")


def href_of(iri: str) -> str | None:
    """Where a link to an IRI goes: our page for navokg IRIs, the IRI itself if http(s), else nowhere.

    Only http(s) IRIs become links: a query can return any IRI, and ``javascript:`` in an
    href would run in the reader's browser.
    """
    if iri.startswith((ID_BASE, NKG_BASE)):
        return path_of(iri)
    return iri if iri.startswith(("http://", "https://")) else None


def values_block(iris: list[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


def query_rows(ctx: WorkerContext, sparql: str) -> list[dict[str, Any]]:
    result = ctx.graph.query(sparql)
    names = [v.value for v in result.variables]
    return [{n: row[n] for n in names if row[n] is not None} for row in result]


# --- facts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceView:
    document: Link
    href: str  # the document view at this evidence
    exact: str
    excerpt: Excerpt
    start: int
    end: int


@dataclass(frozen=True)
class FactView:
    """A holding, statement or aid commitment ready to show (``fact`` is what the graph says)."""

    fact: Fact
    href: str
    kind: str  # holding | statement | aid
    fields: dict[str, Any]
    evidence: list[EvidenceView]

    @property
    def iri(self) -> str:
        return self.fact.iri

    @property
    def label(self) -> str:
        return self.fact.label or self.fact.iri.rsplit("/", 1)[-1]

    @property
    def method(self) -> str | None:
        return self.fact.method

    @property
    def confidence(self) -> str | None:
        return f"{self.fact.confidence:f}" if self.fact.confidence is not None else None

    @property
    def comment(self) -> str | None:
        return self.fact.comment

    @property
    def reports(self) -> int:
        """How many documents report the fact."""
        return self.fact.report_count

    @property
    def partial(self) -> bool:
        """Whether the evidence shown is that of some reports only (the fact's page has all)."""
        return self.fact.partial

    @property
    def reports_shown(self) -> int:
        """How many documents the evidence shown comes from."""
        return len({e.document_iri for e in self.fact.evidence})

    @property
    def conflicts(self) -> tuple[str, ...]:
        """What the reports disagree about."""
        return self.fact.disputed

    @property
    def stretches(self) -> tuple[Stretch, ...]:
        """A holding's derived term, as the CLI shows it: certain and likely stretches."""
        return self.fact.stretches

    @property
    def date_values(self) -> dict[str, list[When]]:
        """Every resolved value each date property has across reports, earliest first."""
        found = {role: [w for w in self.fact.dates(role) if w.value] for role in DATE_ROLES}
        return {role: whens for role, whens in found.items() if whens}

    @property
    def unlisted(self) -> dict[str, int]:
        """How many distinct dates of each role are not listed (a list shows some reports':
        their first and last, and the words of those it shows; the fact's page has all)."""
        found = {
            role: self.fact.date_count(role) - len({(w.earliest, w.latest) for w in whens})
            for role, whens in self.date_values.items()
        }
        return {role: n for role, n in found.items() if n > 0}

    @property
    def dates(self) -> dict[str, When]:
        """The earliest resolved value of each date property."""
        return {role: whens[0] for role, whens in self.date_values.items()}

    @property
    def sort_date(self) -> str:
        for name in ("start", "attested", "date", "end"):
            when = self.dates.get(name)
            if when is not None and when.earliest:
                return when.earliest.isoformat()
        return "9999"


def documents_of(ctx: WorkerContext, iris: set[str], *, with_body: bool = False) -> dict[str, DocumentInfo]:
    """Title, date, publisher, author, genre (and body) of documents, by IRI."""
    return read_documents(ctx.graph, iris, with_body=with_body)


def document_links(ctx: WorkerContext, iris: set[str]) -> dict[str, Link]:
    """A link to each document in the graph, by the name the build gave it: from the network
    index where it is made (it keeps every document's label and title), else from the store."""
    index = ready_index(ctx.graph) if ctx.graph.view is None else None
    if index is None:
        return {iri: doc_link(iri, info) for iri, info in documents_of(ctx, iris).items()}
    found = {}
    for iri in iris:
        at = index.position.get(iri)
        node = index.node(at) if at is not None else None
        if node is not None and node.kind is NodeKind.DOCUMENT:
            label = node.label if node.label != iri.rsplit("/", 1)[-1] else None  # the index names it by its IRI
            found[iri] = doc_link(iri, DocumentInfo(iri, label=label, title=node.title))
    return found


def doc_link(iri: str, doc: DocumentInfo | None) -> Link:
    """A document by the name the build gave it (``sources.documents.document_title``)."""
    if doc is not None and (doc.label or doc.title):
        return Link(doc.label or doc.title or "", path_of(iri), "nl" if doc.title else None)
    return Link(f"document {doc_id_of(iri)}", path_of(iri))  # a store built before documents had labels


def entity_links(ctx: WorkerContext, iris: Iterable[str]) -> dict[str, Link]:
    """A link to each entity's page, by its label (read in one query)."""
    wanted = list(dict.fromkeys(iris))
    labels = read_labels(ctx.graph, wanted)
    return {iri: _link(iri, labels) for iri in wanted}


def _link(iri: str, labels: dict[str, Label]) -> Link:
    label = labels.get(iri)
    if label is not None:
        return Link(label.text, path_of(iri), label.lang)
    return Link(iri.rsplit("/", 1)[-1] if iri.startswith(ID_BASE) else iri, path_of(iri))


def load_facts(
    ctx: WorkerContext, iris: list[str], *, reports: int | None = LISTED, first: str | None = None
) -> list[FactView]:
    """Holdings, statements and aid commitments with their dates and evidence, in date order.

    A list shows the evidence of ``LISTED`` reports of each fact and links to the fact's
    page for the rest; ``reports=None`` reads every report (a fact's page); ``first``, a
    document's IRI, has its report among those read (the document's page).
    """
    return fact_views(ctx, read_facts(ctx.graph, iris, reports=reports, first=first).values())


def fact_views(ctx: WorkerContext, facts: Iterable[Fact]) -> list[FactView]:
    """Facts already read, ready to show: their parties' labels and their documents, in date order."""
    by_iri = {fact.iri: fact for fact in facts}
    labels = read_labels(ctx.graph, {i for f in by_iri.values() for i in (*f.subjects, *f.objects)})
    evidence = [e for f in by_iri.values() for e in f.evidence]
    documents = document_links(ctx, {e.document_iri for e in evidence})
    windows = read_windows(ctx.graph, ((e.document_iri, e.start, e.end) for e in evidence), EXCERPT_WINDOW)
    views = (_fact_view(fact, labels, documents, windows) for fact in by_iri.values())
    return sorted(views, key=lambda f: (f.sort_date, f.label, f.iri))


_KINDS = {FactType.HOLDING: "holding", FactType.STATEMENT: "statement", FactType.AID: "aid"}


def _fact_view(
    fact: Fact,
    labels: dict[str, Label],
    documents: dict[str, Link],
    windows: dict[tuple[str, int, int], Window],
) -> FactView:
    def links(iris: tuple[str, ...]) -> list[Link]:
        return [_link(i, labels) for i in iris]

    fields: dict[str, Any] = {}
    if fact.type is FactType.HOLDING:
        fields["holder"], fields["office"] = links(fact.subjects), links(fact.objects)
    elif fact.type is FactType.STATEMENT:
        fields["speaker"] = links(fact.subjects)
        fields["text"] = fact.text
        fields["statement_kind"] = fact.speech
        fields["about"] = links(fact.objects)
    else:
        fields["donors"] = sorted(links(fact.subjects), key=lambda x: x.text)
        fields["recipients"] = links(fact.objects)
        amount = f"{fact.amount:f}" if fact.amount is not None else None
        fields["amount"] = amount
        fields["amount_text"] = amount_text(amount) if amount else None
        fields["amount_as_written"] = fact.amount_as_written
        fields["currency"] = fact.currency
        fields["status"] = fact.status
        fields["aid_type"] = fact.aid_type
        fields["items"] = [f"{i.quantity} {i.label}" if i.quantity is not None else i.label for i in fact.items]
    views = []
    for evidence in sorted(fact.evidence, key=lambda e: (e.document_iri, e.start, e.end)):
        doc = evidence.document_iri
        link = documents.get(doc) or doc_link(doc, None)
        start, end, exact = evidence.start, evidence.end, evidence.exact
        window = windows.get((doc, start, end), Window("", start))
        at, to = start - window.offset, end - window.offset
        shown = excerpt(window.text, at, to) if window.text[at:to] == exact else Excerpt("", exact, "")
        views.append(EvidenceView(link, f"{path_of(doc)}#ev-{start}-{end}", exact, shown, start, end))
    return FactView(fact, path_of(fact.iri), _KINDS[fact.type], fields, views)


SHOWN = 100  # rows a list shows at once: a page of a section, the home page's latest documents
OVERVIEW = 25  # facts (documents) an entity page lists of each kind, the most recent; its section pages have the rest


def page_count(total: int, page: int, size: int) -> int:
    """How many pages of ``size`` rows a list of ``total`` takes; a UsageError for a page it has not."""
    pages = max(1, -(-total // size))
    if not 1 <= page <= pages:
        raise UsageError(f"must be a number from 1 to {pages} (got {page})", parameter="page")
    return pages


def fact_iris(ctx: WorkerContext, pattern: str, *, limit: int | None = None, offset: int = 0) -> list[str]:
    """The facts a pattern binds to ``?f``; with a limit, the most recently dated first (that
    many after the first ``offset``: a page of a long list)."""
    if limit is None:
        return [row["f"].value for row in query_rows(ctx, f"SELECT DISTINCT ?f WHERE {{ {pattern} }}")]
    rows = query_rows(
        ctx,
        f"""SELECT ?f (MAX(?day) AS ?last) WHERE {{ {pattern}
              OPTIONAL {{ ?f nkg:dateValue|nkg:startValue|nkg:attestedValue|nkg:endValue ?v . ?v nkg:latest ?day }} }}
            GROUP BY ?f ORDER BY DESC(?last) ?f LIMIT {int(limit)} OFFSET {int(offset)}""",
    )
    return [row["f"].value for row in rows]


def count_of(ctx: WorkerContext, pattern: str, variable: str = "f") -> int:
    """How many distinct ``?variable`` a pattern binds."""
    rows = query_rows(ctx, f"SELECT (COUNT(DISTINCT ?{variable}) AS ?n) WHERE {{ {pattern} }}")
    return int(rows[0]["n"].value) if rows else 0


def term_link(ctx: WorkerContext, term: Any) -> Link:
    if isinstance(term, ox.NamedNode):
        compact = compact_iri(term.value)
        return Link(term.value if compact.startswith("<") else compact, href_of(term.value))
    if isinstance(term, ox.Literal):
        return Link(term.value, None, term.language)
    return Link(str(term))
