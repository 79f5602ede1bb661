"""Review mode's work inside query workers: the queue, the names to choose from, the decisions.

The queue is every automatic fact of the store in each document that reports it, minus
those decided since (the documents' annotation files say so at once, before any
rebuild), the most useful decisions first: the least confident, then the most reported,
then those whose entities take part in the most facts.  Decisions are written by
``navokg.build.review``; these tasks only find what they need in the store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from navokg.build.review import (
    ROLE_KINDS,
    Action,
    Decision,
    DocumentReview,
    ReviewSources,
    annotated_documents,
    decide,
    review_registry,
    reviewed_documents,
    sources_signature,
)
from navokg.dutch.names import fold_name
from navokg.errors import NotFoundError, UsageError
from navokg.model import Entity, EntityKind
from navokg.read.resolve import NameMatch, all_names, name_rank
from navokg.vocab import GRAPH_BASE, ID_BASE, doc_id_of, doc_iri, slugify
from navokg.web.facts import EvidenceView, FactView, Link, doc_link, documents_of, load_facts, query_rows
from navokg.web.text import Segment, Span, segments
from navokg.web.workers import WorkerContext

__all__ = [
    "NEW_KINDS",
    "DecisionRequest",
    "DocumentProgress",
    "NameHit",
    "QueueItem",
    "ReviewItem",
    "ReviewQueue",
    "names",
    "record_decision",
    "review_queue",
]

# What a new entity created for a role is.
NEW_KINDS = {
    "holder": EntityKind.PERSON,
    "speaker": EntityKind.PERSON,
    "office": EntityKind.OFFICE,
    "donor": EntityKind.ORGANIZATION,
    "recipient": EntityKind.ORGANIZATION,
}
_SECTIONS = {"holding": "office_holdings", "statement": "statements", "aid": "aid_commitments"}
_DOC_GRAPH = GRAPH_BASE + "doc/"


@dataclass(frozen=True)
class QueueItem:
    """One automatic fact in one document that reports it, with what orders it in the queue."""

    doc_id: str
    fact: str
    confidence: Decimal | None
    reports: int
    degree: int  # the most facts any of its entities takes part in

    @property
    def order(self) -> tuple[Decimal, int, int, str, str]:
        return (self.confidence if self.confidence is not None else Decimal(0), -self.reports, -self.degree,
                self.doc_id, self.fact)  # fmt: skip


@dataclass(frozen=True)
class DocumentProgress:
    """How far review of one document is: decisions made of the facts to decide."""

    doc_id: str
    link: Link
    decided: int
    total: int
    started: bool  # the document has an annotation file written by review


@dataclass(frozen=True)
class ReviewItem:
    """The fact under review, as the store shows it, inside its document."""

    item: QueueItem
    position: int
    fact: FactView
    document: Link
    evidence: list[EvidenceView]  # in this document only
    segments: list[Segment]  # the document's text, this fact's evidence marked
    section: str
    roles: dict[str, str]  # the values a correction starts from


@dataclass(frozen=True)
class ReviewQueue:
    """The queue as one page shows it: where it stands and the fact to decide now."""

    remaining: int
    current: ReviewItem | None
    documents: list[DocumentProgress]
    decided: int
    total: int
    doc_filter: str | None = None
    max_confidence: Decimal | None = None


@dataclass(frozen=True)
class NameHit:
    """An entity a role may name, for autocompletion."""

    label: str
    key: str
    kind: str
    matched: str | None = None  # the alias that matched, when not the label


# ---- what the store says ----------------------------------------------------------------


def _automatic(ctx: WorkerContext) -> list[QueueItem]:
    """Every automatic fact with evidence in a document, per document, read once per build."""
    cached = ctx.cache.get("review-automatic")
    if cached is not None:
        return list(cached)
    degrees: dict[str, set[str]] = defaultdict(set)
    members: dict[str, set[str]] = defaultdict(set)
    for row in query_rows(
        ctx, "SELECT ?f ?x WHERE { ?f nkg:holder|nkg:office|nkg:speaker|nkg:donor|nkg:recipient ?x }"
    ):
        degrees[row["x"].value].add(row["f"].value)
        members[row["f"].value].add(row["x"].value)
    rows = query_rows(
        ctx,
        """SELECT ?g ?f (MAX(?c) AS ?confidence) (MAX(?n) AS ?reports) WHERE {
             GRAPH ?g { ?f nkg:evidence ?e }
             ?f nkg:method "automatic" .
             OPTIONAL { ?f nkg:confidence ?c }
             OPTIONAL { ?f nkg:reportCount ?n }
           } GROUP BY ?g ?f""",
    )
    items = []
    for row in rows:
        graph, fact = row["g"].value, row["f"].value
        if not graph.startswith(_DOC_GRAPH):
            continue
        confidence = Decimal(row["confidence"].value) if "confidence" in row else None
        reports = int(row["reports"].value) if "reports" in row else 1
        degree = max((len(degrees[x]) for x in members.get(fact, ())), default=0)
        items.append(QueueItem(doc_id_of(graph), fact, confidence, reports, degree))
    ctx.cache["review-automatic"] = tuple(items)
    return items


def _reviewed(ctx: WorkerContext, sources: ReviewSources) -> tuple[set[str], dict[str, DocumentReview]]:
    """The documents with annotation files, and where those review has started stand.

    Read again only when a file changed: a decision shows in the queue at once.
    """
    signature = sources_signature(sources)
    cached = ctx.cache.get("review-files")
    if cached is None or cached[0] != signature:
        cached = (signature, annotated_documents(sources), reviewed_documents(sources))
        ctx.cache["review-files"] = cached
    return set(cached[1]), dict(cached[2])


# ---- the queue ----------------------------------------------------------------------------


def _progress(
    ctx: WorkerContext, automatic: list[QueueItem], reviewed: dict[str, DocumentReview]
) -> list[DocumentProgress]:
    facts: dict[str, set[str]] = defaultdict(set)
    for item in automatic:
        facts[item.doc_id].add(item.fact)
    ids = sorted(set(facts) | set(reviewed))
    info = documents_of(ctx, {doc_iri(d) for d in ids})
    progress = []
    for doc_id in ids:
        link = doc_link(doc_iri(doc_id), info.get(doc_iri(doc_id)))
        review = reviewed.get(doc_id)
        if review is not None:
            progress.append(DocumentProgress(doc_id, link, review.decided, review.total, True))
        else:
            progress.append(DocumentProgress(doc_id, link, 0, len(facts[doc_id]), False))
    return progress


def review_queue(
    ctx: WorkerContext,
    *,
    doc: str | None = None,
    position: int = 0,
    fact: str | None = None,
    max_confidence: Decimal | None = None,
) -> ReviewQueue:
    """The queue (of one document, or of facts up to a confidence) and the fact at ``position``.

    ``fact`` shows that fact instead, if it is still pending in ``doc``.
    """
    sources = ReviewSources.of_store(ctx.graph)
    annotated, reviewed = _reviewed(ctx, sources)
    # A document with an annotation file reports what the file says: only its pending facts
    # are the extractor's (the store may say "automatic" of a fact other documents report).
    automatic = [item for item in _automatic(ctx) if item.doc_id not in annotated or item.doc_id in reviewed]
    pending = [
        item
        for item in automatic
        if (item.doc_id not in reviewed or item.fact in reviewed[item.doc_id].pending)
        and (doc is None or item.doc_id == doc)
        and (max_confidence is None or item.confidence is None or item.confidence <= max_confidence)
    ]
    pending.sort(key=lambda item: item.order)
    documents = _progress(ctx, automatic, reviewed)
    decided, total = sum(d.decided for d in documents), sum(d.total for d in documents)
    if doc is not None and doc not in {d.doc_id for d in documents}:
        raise NotFoundError(f"no document '{doc}' with facts to review")
    chosen = next((i for i, item in enumerate(pending) if item.fact == fact and item.doc_id == doc), None)
    index = chosen if chosen is not None else min(max(position, 0), max(len(pending) - 1, 0))
    current = _item(ctx, pending[index], index) if pending else None
    return ReviewQueue(len(pending), current, documents, decided, total, doc, max_confidence)


def _roles(view: FactView) -> dict[str, str]:
    def names(key: str) -> str:
        return "; ".join(link.text for link in view.fields.get(key, []))

    fields = view.fields
    if view.kind == "holding":
        return {"holder": names("holder"), "office": names("office")}
    date = view.dates.get("date")
    if view.kind == "statement":
        return {"speaker": names("speaker"), "date": (date.value or "") if date else ""}
    return {
        "donor": names("donors"),
        "recipient": names("recipients"),
        "amount": fields.get("amount_as_written") or fields.get("amount") or "",
        "currency": fields.get("currency") or "",
        "date": (date.value or "") if date else "",
        "items": "\n".join(fields.get("items") or []),
    }


def _item(ctx: WorkerContext, item: QueueItem, position: int) -> ReviewItem:
    views = load_facts(ctx, [item.fact], reports=None)
    if not views:
        raise NotFoundError(f"the store has no fact {item.fact}")
    view = views[0]
    iri = doc_iri(item.doc_id)
    info = documents_of(ctx, {iri}, with_body=True).get(iri)
    here = f"/document/{item.doc_id}#"
    evidence = [ev for ev in view.evidence if ev.href.startswith(here)]
    body = (info.body if info else None) or ""
    spans = [Span(f"ev-{ev.start}-{ev.end}", ev.start, ev.end) for ev in evidence]
    return ReviewItem(
        item, position, view, doc_link(iri, info), evidence, segments(body, spans), _SECTIONS[view.kind], _roles(view)
    )


# ---- names and decisions --------------------------------------------------------------------


def _registry_entities(ctx: WorkerContext, sources: ReviewSources) -> list[Entity]:
    signature = sources_signature(sources)
    cached = ctx.cache.get("review-registry")
    if cached is not None and cached[0] == signature:
        return list(cached[1])
    entities = list(review_registry(sources))
    ctx.cache["review-registry"] = (signature, tuple(entities))
    return entities


def _store_entities(ctx: WorkerContext) -> list[Entity]:
    """The entities the store knows (the extractor's new ones among them), as registry entities."""
    cached = ctx.cache.get("review-store-entities")
    if cached is not None:
        return list(cached)
    grouped: dict[str, list[NameMatch]] = defaultdict(list)
    for match in all_names(ctx.graph):
        if match.iri.startswith(f"{ID_BASE}{match.kind}/"):
            grouped[match.iri].append(match)
    found = []
    for iri, matches in sorted(grouped.items()):
        label = matches[0].label
        aliases = tuple(sorted({m.name for m in matches} - {label}, key=str.casefold))
        found.append(Entity(EntityKind(matches[0].kind), iri.rsplit("/", 1)[1], label, aliases=aliases))
    ctx.cache["review-store-entities"] = tuple(found)
    return found


def names(ctx: WorkerContext, text: str, role: str, limit: int = 15) -> list[NameHit]:
    """Entities of the kinds a role takes whose names match the words, best first.

    From the registry a build reads annotations against and from the store (which also
    knows the persons and offices the extractor found); one entity once, by key.
    """
    wanted = fold_name(text)
    kinds = {k.value for k in ROLE_KINDS.get(role, ())}
    if not wanted or not kinds:
        return []
    sources = ReviewSources.of_store(ctx.graph)
    seen: dict[str, tuple[int, str, NameHit]] = {}
    for entity in [*_registry_entities(ctx, sources), *_store_entities(ctx)]:
        if entity.kind.value not in kinds or entity.key in seen:
            continue
        matching = [(r, name) for name in (entity.key, *entity.names) if (r := name_rank(wanted, name)) is not None]
        if matching:
            best = min(matching)
            matched = None if wanted in fold_name(entity.label) else best[1]
            seen[entity.key] = (
                best[0],
                entity.label.casefold(),
                NameHit(entity.label, entity.key, entity.kind.value, matched),
            )
    ranked = sorted(seen.values(), key=lambda hit: (hit[0], hit[1]))
    return [hit for _, _, hit in ranked[:limit]]


@dataclass(frozen=True)
class DecisionRequest:
    """A decision as the server parsed it from a request: plain values, checked for shape."""

    doc_id: str
    fact: str
    action: str
    by: str
    roles: dict[str, Any] = field(default_factory=dict)
    create: tuple[str, ...] = ()  # roles whose name is a new entity


def _entities_for(ctx: WorkerContext, request: DecisionRequest) -> tuple[Entity, ...]:
    """What the names of a correction may need declared: store entities they match, or new ones."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for role, value in request.roles.items():
        if role in ROLE_KINDS:
            for name in value if isinstance(value, list) else [value]:
                wanted[role].add(" ".join(str(name).split()))
    found: list[Entity] = []
    store = _store_entities(ctx)
    for role, labels in wanted.items():
        kinds = ROLE_KINDS[role]
        for label in labels:
            if role in request.create:
                found.append(Entity(NEW_KINDS[role], slugify(label), label))
                continue
            folded = fold_name(label)
            found += [e for e in store if e.kind in kinds and folded in {fold_name(n) for n in (e.key, *e.names)}]
    return tuple(found)


def record_decision(ctx: WorkerContext, request: DecisionRequest) -> DocumentReview:
    """Write a decision on a fact of a document the store holds; where the document then stands."""
    if not bool(ctx.graph.query(f"ASK {{ <{doc_iri(request.doc_id)}> a nkg:Document }}")):
        raise NotFoundError(f"no document '{request.doc_id}' in the graph")
    try:
        action = Action(request.action)
    except ValueError:
        raise UsageError(f"'{request.action}' is no decision; decide accept, correct or reject") from None
    decision = Decision(
        request.doc_id, request.fact, action, request.by, dict(request.roles), _entities_for(ctx, request)
    )
    return decide(ReviewSources.of_store(ctx.graph), decision)
