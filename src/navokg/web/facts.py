"""Facts and links for the research pages, loaded in bulk inside a query worker.

A page shows many facts; each is a holding, statement or aid commitment with dates (at the
precision the text gives) and evidence (the sentence around the exact words).  They are
loaded with one query each for their properties, dates, evidence, items and documents,
not one query per fact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote, unquote

import pyoxigraph as ox

from navokg.vocab import ID_BASE, NKG_BASE, PREFIXES
from navokg.web.text import Excerpt, excerpt
from navokg.web.workers import WorkerContext

__all__ = [
    "ENTITY_KINDS",
    "FACT_KINDS",
    "DateView",
    "EvidenceView",
    "FactView",
    "Link",
    "amount_text",
    "compact_iri",
    "doc_link",
    "document_info",
    "entity_index",
    "entity_link",
    "fact_iris",
    "href_of",
    "load_facts",
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
PRECISION = {"date": "day", "gYearMonth": "month", "gYear": "year"}


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


def _pick_label(labels: list[Any]) -> tuple[str, str | None]:
    """The Dutch label, else one without a language, else any: (text, language)."""
    order = {"nl": 0, None: 1, "en": 2}
    best = min(labels, key=lambda lit: (order.get(lit.language, 3), lit.value))
    return best.value, best.language


@dataclass
class _Entry:
    iri: str
    kind: str
    label: str
    lang: str | None
    names: list[str] = field(default_factory=list)


def entity_index(ctx: WorkerContext) -> dict[str, _Entry]:
    """Every named entity with its labels and aliases, loaded once per build."""
    cached = ctx.cache.get("entities")
    if cached is not None:
        return dict(cached)
    labels: dict[str, list[Any]] = defaultdict(list)
    kinds: dict[str, str] = {}
    names: dict[str, list[str]] = defaultdict(list)
    rows = query_rows(
        ctx,
        """SELECT ?e ?type ?l ?alt WHERE {
             VALUES ?type { nkg:Person nkg:Organization nkg:Country nkg:Office }
             ?e a ?type . { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l BIND (true AS ?alt) } }""",
    )
    for row in rows:
        iri = row["e"].value
        kinds[iri] = row["type"].value[len(NKG) :].lower()
        if "alt" not in row:
            labels[iri].append(row["l"])
        names[iri].append(row["l"].value)
    entries = {}
    for iri, kind in kinds.items():
        text, lang = _pick_label(labels[iri]) if labels[iri] else (iri.rsplit("/", 1)[-1], None)
        entries[iri] = _Entry(iri, kind, text, lang, sorted(set(names[iri]), key=str.casefold))
    ctx.cache["entities"] = entries
    return dict(entries)


def entity_link(ctx: WorkerContext, iri: str) -> Link:
    entry = entity_index(ctx).get(iri)
    if entry is not None:
        return Link(entry.label, path_of(iri), entry.lang)
    return Link(iri.rsplit("/", 1)[-1] if iri.startswith(ID_BASE) else iri, path_of(iri))


# --- facts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateView:
    """A date at the precision the text gives, with the words it was written as."""

    value: str
    precision: str
    as_written: str | None
    earliest: str | None
    latest: str | None


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
    """A holding, statement or aid commitment ready to show."""

    iri: str
    href: str
    kind: str  # holding | statement | aid
    label: str
    fields: dict[str, Any]
    dates: dict[str, DateView]
    evidence: list[EvidenceView]
    method: str | None
    confidence: str | None
    comment: str | None
    # How many documents report the fact, and what their reports disagree about.
    reports: int = 1
    conflicts: tuple[str, ...] = ()
    # Every value each date property has across reports (dates holds the first).
    date_values: dict[str, list[DateView]] = field(default_factory=dict)

    @property
    def sort_date(self) -> str:
        for name in ("start", "attested", "date", "end"):
            if name in self.dates and self.dates[name].earliest:
                return self.dates[name].earliest or ""
        return "9999"


def _date_view(literal: Any, node: dict[str, Any]) -> DateView:
    datatype = literal.datatype.value.rsplit("#", 1)[-1] if literal.datatype else ""
    return DateView(
        value=literal.value,
        precision=PRECISION.get(datatype, ""),
        as_written=node.get("asWritten"),
        earliest=node.get("earliest"),
        latest=node.get("latest"),
    )


def amount_text(value: str) -> str:
    """1000000000 -> "1 000 000 000" (thin spaces: unambiguous in Dutch and English)."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    whole = f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,}"
    return whole.replace(",", "\u202f")


def document_info(ctx: WorkerContext, iris: set[str], *, with_body: bool = True) -> dict[str, dict[str, Any]]:
    """Title, date, publisher, author, genre (and body) of documents, by IRI."""
    if not iris:
        return {}
    docs: dict[str, dict[str, Any]] = {iri: {} for iri in iris}
    body = "nkg:body, " if with_body else ""
    for row in query_rows(
        ctx,
        f"""SELECT ?d ?p ?o WHERE {{ VALUES ?d {{ {values_block(sorted(iris))} }} ?d ?p ?o .
              FILTER (?p IN ({body}dcterms:title, dcterms:issued, dcterms:publisher,
                             dcterms:creator, nkg:genre, rdfs:label)) }}""",
    ):
        name = row["p"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        docs[row["d"].value][name] = row["o"].value
    return docs


def doc_link(iri: str, doc: dict[str, Any]) -> Link:
    """A document by its title; untitled ones by publisher and date, else by id."""
    if doc.get("title"):
        return Link(doc["title"], path_of(iri), "nl")
    known = [doc[k] for k in ("publisher", "issued") if doc.get(k)]
    doc_id = unquote(iri.rsplit("/", 1)[-1])
    return Link(f"document {doc_id}" + (f" ({', '.join(known)})" if known else ""), path_of(iri))


def load_facts(ctx: WorkerContext, iris: list[str]) -> list[FactView]:
    """Holdings, statements and aid commitments with their dates and evidence, in date order."""
    if not iris:
        return []
    values = values_block(iris)
    props: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in query_rows(ctx, f"SELECT ?f ?p ?o WHERE {{ VALUES ?f {{ {values} }} ?f ?p ?o }}"):
        props[row["f"].value][row["p"].value].append(row["o"])
    date_nodes: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in query_rows(
        ctx,
        f"""SELECT ?v ?p ?o WHERE {{ VALUES ?f {{ {values} }} ?f ?link ?v .
              ?v a nkg:TimeValue ; ?p ?o . }}""",
    ):
        date_nodes[row["v"].value][row["p"].value[len(NKG) :]] = row["o"].value
    evidence: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for row in query_rows(
        ctx,
        f"""SELECT ?f ?doc ?start ?end ?exact WHERE {{ VALUES ?f {{ {values} }} ?f nkg:evidence ?e .
              ?e oa:hasSource ?doc ; oa:start ?start ; oa:end ?end ; oa:exact ?exact }}""",
    ):
        evidence[row["f"].value].append(
            (int(row["start"].value), int(row["end"].value), row["doc"].value, row["exact"].value)
        )
    items: dict[str, list[str]] = defaultdict(list)
    for row in query_rows(
        ctx,
        f"""SELECT ?f ?label ?quantity WHERE {{ VALUES ?f {{ {values} }} ?f nkg:item ?i .
              ?i rdfs:label ?label . OPTIONAL {{ ?i nkg:quantity ?quantity }} }} ORDER BY ?f ?i""",
    ):
        quantity = row.get("quantity")
        label = row["label"].value
        items[row["f"].value].append(f"{quantity.value} {label}" if quantity else label)
    documents = document_info(ctx, {doc for spans in evidence.values() for _, _, doc, _ in spans})
    return sorted(
        (
            _fact_view(ctx, iri, props[iri], date_nodes, evidence[iri], items[iri], documents)
            for iri in iris
            if props.get(iri)
        ),
        key=lambda f: (f.sort_date, f.label, f.iri),
    )


def _one(values: list[Any]) -> str | None:
    return values[0].value if values else None


def _highest(values: list[Any]) -> str | None:
    """The highest confidence: each automatic report of a fact gives its own."""
    return max((v.value for v in values), key=Decimal, default=None)


def _fact_view(
    ctx: WorkerContext,
    iri: str,
    props: dict[str, list[Any]],
    date_nodes: dict[str, dict[str, Any]],
    spans: list[tuple[int, int, str, str]],
    items: list[str],
    documents: dict[str, dict[str, Any]],
) -> FactView:
    types = {t.value for t in props.get(RDF_TYPE, [])}
    kind = next((FACT_KINDS[t] for t in types if t in FACT_KINDS), "resource")
    dates = {}
    date_values: dict[str, list[DateView]] = {}
    for name in ("start", "end", "attested", "date"):
        if props.get(NKG + name):
            node = _one(props.get(NKG + name + "Value", []))
            dates[name] = _date_view(props[NKG + name][0], date_nodes.get(node or "", {}))
            date_values[name] = sorted(
                (_date_view(literal, {}) for literal in props[NKG + name]), key=lambda d: d.value
            )
    fields: dict[str, Any] = {}
    if kind == "holding":
        fields["holder"] = [entity_link(ctx, t.value) for t in props.get(NKG + "holder", [])]
        fields["office"] = [entity_link(ctx, t.value) for t in props.get(NKG + "office", [])]
    elif kind == "statement":
        fields["speaker"] = [entity_link(ctx, t.value) for t in props.get(NKG + "speaker", [])]
        fields["text"] = _one(props.get(NKG + "text", []))
        fields["statement_kind"] = _one(props.get(NKG + "kind", []))
        fields["about"] = [entity_link(ctx, t.value) for t in props.get(NKG + "about", [])]
    elif kind == "aid":
        donors = (entity_link(ctx, t.value) for t in props.get(NKG + "donor", []))
        fields["donors"] = sorted(donors, key=lambda x: x.text)
        fields["recipients"] = [entity_link(ctx, t.value) for t in props.get(NKG + "recipient", [])]
        amount = _one(props.get(NKG + "amount", []))
        fields["amount"] = amount
        fields["amount_text"] = amount_text(amount) if amount else None
        fields["amount_as_written"] = _one(props.get(NKG + "amountAsWritten", []))
        fields["currency"] = _one(props.get(NKG + "currency", []))
        fields["status"] = _one(props.get(NKG + "status", []))
        fields["aid_type"] = _one(props.get(NKG + "aidType", []))
        fields["items"] = items
    views = []
    for start, end, doc, exact in sorted(spans, key=lambda s: (s[2], s[0], s[1])):
        info = documents.get(doc, {})
        body = info.get("body", "")
        shown = excerpt(body, start, end) if body[start:end] == exact else Excerpt("", exact, "")
        views.append(EvidenceView(doc_link(doc, info), f"{path_of(doc)}#ev-{start}-{end}", exact, shown, start, end))
    label = _one(props.get(RDFS + "label", [])) or iri.rsplit("/", 1)[-1]
    return FactView(
        iri=iri,
        href=path_of(iri),
        kind=kind,
        label=label,
        fields=fields,
        dates=dates,
        evidence=views,
        method=", ".join(sorted({m.value for m in props.get(NKG + "method", [])})) or None,
        confidence=_highest(props.get(NKG + "confidence", [])),
        comment=_one(props.get(RDFS + "comment", [])),
        reports=int(_one(props.get(NKG + "reportCount", [])) or 1),
        conflicts=tuple(
            sorted(
                {p.value.rsplit("#", 1)[-1] for p in props.get(NKG + "conflictingProperty", [])}
                | ({"amount"} if props.get(NKG + "conflictsWith") else set())
            )
        ),
        date_values=date_values,
    )


def fact_iris(ctx: WorkerContext, pattern: str) -> list[str]:
    return [row["f"].value for row in query_rows(ctx, f"SELECT DISTINCT ?f WHERE {{ {pattern} }}")]


def term_link(ctx: WorkerContext, term: Any) -> Link:
    if isinstance(term, ox.NamedNode):
        return Link(compact_iri(term.value), href_of(term.value))
    if isinstance(term, ox.Literal):
        return Link(term.value, None, term.language)
    return Link(str(term))


def compact_iri(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
