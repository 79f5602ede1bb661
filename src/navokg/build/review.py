"""Review: a researcher's decisions on the extractor's facts, kept as curated annotations.

A document with an annotation file is built from that file alone, so the first decision
on a document writes the extractor's facts for all of it, each ``review: pending`` (still
automatic, with its confidence); every decision then marks its fact accepted, corrected
or rejected (docs/annotations.md, "Review").  A decision names its fact by the IRI the
store gives it; all the document's pending reports of that fact are decided together.

The file is rewritten in one step (``navokg.files.replace_atomically``) and only after
the new text has been processed exactly as ``navokg build`` processes it (facts, quads,
SHACL): a decision that would break the build is refused and the file stays as it was.
Where the file goes is derived from the document id alone, inside the annotations folder
the store was built from; nothing a request says becomes a path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from navokg.build.rdf import fact_iri_of
from navokg.build.worker import check_annotation
from navokg.errors import AnnotationError, InputError, NotFoundError, ReviewConflict, UsageError
from navokg.files import replace_atomically
from navokg.model import AidCommitment, Entity, EntityKind, OfficeHolding, ReportedFact, Statement
from navokg.sources.annotation_writer import annotation_data, annotation_text, entity_out
from navokg.sources.annotations import (
    ANNOTATION_SUFFIX,
    FACT_SECTIONS,
    MAX_REVIEWER,
    AnnotationEntry,
    ReviewState,
    annotation_entries,
    annotation_path,
    read_annotation_entities,
)
from navokg.sources.documents import Document, discover_documents, document_id, read_document
from navokg.sources.entities import Registry, load_registry
from navokg.sources.yamlio import load_yaml_file
from navokg.store import GraphStore

__all__ = [
    "ROLES",
    "Action",
    "Decision",
    "DocumentReview",
    "ReviewSources",
    "annotated_documents",
    "decide",
    "document_review",
    "review_registry",
    "reviewed_documents",
    "sources_signature",
]

# The roles a correction may change, per section, as the annotation format names them.
ROLES = ("holder", "office", "speaker", "donor", "recipient", "amount", "currency", "date", "items")
SECTION_ROLES = {
    "office_holdings": ("holder", "office"),
    "statements": ("speaker", "date"),
    "aid_commitments": ("donor", "recipient", "amount", "currency", "date", "items"),
}
# The kind of entity each role names, and the kind a new one gets.
ROLE_KINDS: dict[str, tuple[EntityKind, ...]] = {
    "holder": (EntityKind.PERSON,),
    "office": (EntityKind.OFFICE,),
    "speaker": (EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.COUNTRY),
    "donor": (EntityKind.COUNTRY, EntityKind.ORGANIZATION),
    "recipient": (EntityKind.COUNTRY, EntityKind.ORGANIZATION),
}
MAX_VALUE = 300  # characters of one role value: a name, an amount, a date
MAX_ITEMS = 50
_SECTION_OF = {OfficeHolding: "office_holdings", Statement: "statements", AidCommitment: "aid_commitments"}
HEADER = (
    "Curated annotation of {doc_id}, written by navokg review (navokg serve --review).\n"
    "Facts marked 'review: pending' are still the extractor's: automatic, with its confidence.\n"
    "See docs/annotations.md, 'Review'."
)


class Action(StrEnum):
    """What a researcher decides about an automatic fact."""

    ACCEPT = "accept"
    CORRECT = "correct"
    REJECT = "reject"


@dataclass(frozen=True)
class ReviewSources:
    """The documents, annotations and registry a store was built from: where decisions go."""

    documents: Path
    annotations: Path
    entities: Path | None = None

    @classmethod
    def of_store(cls, graph: GraphStore) -> ReviewSources:
        """The sources the store's current build recorded in its manifest."""
        sources = graph.manifest.get("sources") or {}
        if not sources.get("documents"):
            raise UsageError(f"{graph.path}: the store does not say what it was built from; rebuild it to review")
        if not sources.get("annotations"):
            raise UsageError(f"{graph.path}: the store was built without an annotations folder; nothing to write to")
        entities = sources.get("entities")
        return cls(Path(sources["documents"]), Path(sources["annotations"]), Path(entities) if entities else None)


@dataclass(frozen=True)
class Decision:
    """One decision: the document, the fact (its IRI in the store), what to do, and by whom.

    ``roles`` are a correction's new values, by role name (``ROLES``): names, keys or
    labels of entities, an amount as written, a date, a list of items.  ``entities`` may
    introduce what those names need: entities the store knows that the registry does not,
    or new ones the researcher created; only those a role uses and the registry cannot
    resolve are declared in the file.
    """

    doc_id: str
    fact: str
    action: Action
    by: str
    roles: dict[str, Any] = field(default_factory=dict)
    entities: tuple[Entity, ...] = ()
    at: str | None = None  # ISO 8601 with offset; default now, in UTC


@dataclass(frozen=True)
class DocumentReview:
    """Where review of one document stands, counted in facts (IRIs) as the store shows them."""

    doc_id: str
    pending: frozenset[str]
    states: dict[str, str]  # fact IRI -> review state

    @property
    def total(self) -> int:
        return len(self.states)

    @property
    def decided(self) -> int:
        return sum(1 for state in self.states.values() if state != ReviewState.PENDING.value)


# ---- reading ----------------------------------------------------------------------------


def _documents(sources: ReviewSources) -> dict[str, Path]:
    return {document_id(p): p for p in discover_documents(sources.documents)}


def _annotation_files(sources: ReviewSources) -> list[Path]:
    if not sources.annotations.is_dir():
        return []
    return sorted(sources.annotations.glob("*" + ANNOTATION_SUFFIX))


def _registry(sources: ReviewSources, files: Iterable[Path]) -> Registry:
    """The registry a build reads every document against: the project's plus every file's entities."""
    registry = load_registry(sources.entities)
    for entity in read_annotation_entities(files):
        registry.add(entity)
    return registry


def review_registry(sources: ReviewSources) -> Registry:
    """The registry review names entities from: the project's, and every annotation file's."""
    return _registry(sources, _annotation_files(sources))


def sources_signature(sources: ReviewSources) -> tuple[tuple[str, int, int], ...]:
    """What the annotation files and the registry look like on disk now, to cache what is read from them."""
    paths = [*_annotation_files(sources), *([sources.entities] if sources.entities else [])]
    found = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def annotated_documents(sources: ReviewSources) -> set[str]:
    """The documents with an annotation file: their reports are curated unless it says pending."""
    return {p.name[: -len(ANNOTATION_SUFFIX)] for p in _annotation_files(sources)}


def _review_of(doc_id: str, entries: Iterable[AnnotationEntry]) -> DocumentReview:
    states: dict[str, str] = {}
    for entry in entries:
        iri = fact_iri_of(entry.fact, doc_id)
        state = entry.review.state.value if entry.review else "curated"
        # Reports of one fact are decided together; one still pending keeps it pending.
        if states.get(iri) != ReviewState.PENDING.value:
            states[iri] = state
    reviewed = {iri: state for iri, state in states.items() if state != "curated"}
    pending = frozenset(iri for iri, state in reviewed.items() if state == ReviewState.PENDING.value)
    return DocumentReview(doc_id, pending, reviewed)


def document_review(sources: ReviewSources, doc_id: str) -> DocumentReview | None:
    """Where review of a document stands, or None when it has no annotation file yet."""
    path = annotation_path(sources.annotations, doc_id)
    documents = _documents(sources)
    if not path.exists() or doc_id not in documents:
        return None
    files = _annotation_files(sources)
    return _review_of(doc_id, annotation_entries(path, read_document(documents[doc_id]), _registry(sources, files)))


def reviewed_documents(sources: ReviewSources) -> dict[str, DocumentReview]:
    """Every document whose annotation file review has written, with where it stands.

    Files without a ``review:`` are a researcher's own curation and not reviewed here.
    """
    files = _annotation_files(sources)
    started = [p for p in files if re.search(r"^\s+review:", p.read_text("utf-8", errors="replace"), re.M)]
    if not started:
        return {}
    documents = _documents(sources)
    registry = _registry(sources, files)
    found: dict[str, DocumentReview] = {}
    for path in started:
        doc_id = path.name[: -len(ANNOTATION_SUFFIX)]
        if doc_id in documents:
            entries = annotation_entries(path, read_document(documents[doc_id]), registry)
            found[doc_id] = _review_of(doc_id, entries)
    return found


# ---- deciding ---------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """YAML as read (mappings that remember their line) as plain dicts and lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _start(document: Document, registry: Registry) -> tuple[dict[str, Any], list[tuple[str, int, ReportedFact]]]:
    """The extractor's facts for a document not yet reviewed, every one pending."""
    from navokg.extract import extract  # the extractor loads its rules only when needed

    facts = extract(document, registry)
    data = annotation_data(facts, registry)
    places: list[tuple[str, int, ReportedFact]] = []
    counters = dict.fromkeys(FACT_SECTIONS, 0)
    for fact in facts.facts:
        section = _SECTION_OF[type(fact)]
        data[section][counters[section]]["review"] = ReviewState.PENDING.value
        places.append((section, counters[section], fact))
        counters[section] += 1
    return data, places


def _check_value(role: str, value: Any) -> Any:
    """A correction's value: text, a whole number, or a list of them (or of items)."""

    def text(item: Any) -> str:
        if isinstance(item, bool) or not isinstance(item, (str, int)):
            raise UsageError(f"'{role}' must be text, got {type(item).__name__}", parameter=role)
        words = " ".join(str(item).split())
        if not words or len(words) > MAX_VALUE:
            raise UsageError(f"'{role}' must be 1 to {MAX_VALUE} characters", parameter=role)
        return words

    if role == "items":
        if not isinstance(value, list) or len(value) > MAX_ITEMS:
            raise UsageError(f"'items' must be a list of at most {MAX_ITEMS} items", parameter=role)
        out: list[Any] = []
        for item in value:
            if isinstance(item, dict):
                unknown = set(item) - {"label", "quantity"}
                if unknown or "label" not in item:
                    raise UsageError("each item is {label, quantity}", parameter=role)
                quantity = item.get("quantity")
                if quantity is not None and (isinstance(quantity, bool) or not isinstance(quantity, int)):
                    raise UsageError("an item's quantity is a whole number", parameter=role)
                out.append({"label": text(item["label"]), **({"quantity": quantity} if quantity is not None else {})})
            else:
                out.append({"label": text(item)})
        return out
    if isinstance(value, list):
        if role not in ("speaker", "donor") or not value or len(value) > MAX_ITEMS:
            raise UsageError(f"'{role}' takes one value", parameter=role)
        return [text(v) for v in value]
    if role == "amount" and isinstance(value, int) and not isinstance(value, bool):
        return value
    return text(value)


def _correct(node: dict[str, Any], section: str, roles: dict[str, Any]) -> dict[str, Any]:
    """Put the corrected roles into a fact's mapping; what they replaced, by role."""
    allowed = SECTION_ROLES[section]
    was: dict[str, Any] = {}
    for role, raw in roles.items():
        if role not in allowed:
            raise UsageError(f"a fact in {section} has no role '{role}'; it has {', '.join(allowed)}", parameter=role)
        value = _check_value(role, raw)
        if role == "donor":
            old = node.pop("donors", None) or node.pop("donor", None)
            many = isinstance(value, list) and len(value) > 1
            node["donors" if many else "donor"] = value if many else (value[0] if isinstance(value, list) else value)
            value = node.get("donors", node.get("donor"))
        else:
            old = node.get(role)
            node[role] = value[0] if isinstance(value, list) and len(value) == 1 else value
            value = node[role]
        if old != value:
            was[role] = old
    if not was:
        raise UsageError("the correction changes nothing; accept the fact instead")
    return was


def _names_used(roles: dict[str, Any]) -> set[str]:
    names: set[str] = set()
    for role, value in roles.items():
        if role in ROLE_KINDS:
            names |= {" ".join(str(v).split()).casefold() for v in (value if isinstance(value, list) else [value])}
    return names


def _declare(data: dict[str, Any], decision: Decision, registry: Registry) -> None:
    """Declare in the file the entities a correction names that the registry does not know."""
    used = _names_used(decision.roles)
    declared = data.setdefault("entities", [])
    for entity in decision.entities:
        names = {n.casefold() for n in (entity.key, *entity.names)}
        if not names & used or registry.lookup(entity.label, [entity.kind]) or entity.key in registry:
            continue
        declared.append(entity_out(entity))
        registry.add(entity)
    if not declared:
        data.pop("entities")


def _apply(node: dict[str, Any], section: str, decision: Decision, at: str) -> None:
    review: dict[str, Any] = {"by": decision.by, "at": at}
    if decision.action is Action.REJECT:
        node["review"] = {"state": ReviewState.REJECTED.value, **review}
        return
    if decision.action is Action.CORRECT:
        was = _correct(node, section, decision.roles)
        review = {"state": ReviewState.CORRECTED.value, **review, "was": was}
    else:
        review = {"state": ReviewState.ACCEPTED.value, **review}
    node.pop("confidence", None)
    node["review"] = review


def _check_decision(decision: Decision) -> str:
    by = " ".join(decision.by.split())
    if not by or len(by) > MAX_REVIEWER:
        raise UsageError(f"say who decides: a name of 1 to {MAX_REVIEWER} characters", parameter="by")
    if decision.action is not Action.CORRECT and decision.roles:
        raise UsageError("only a correction gives roles", parameter="roles")
    if decision.action is Action.CORRECT and not decision.roles:
        raise UsageError("a correction gives at least one role", parameter="roles")
    return by


def decide(sources: ReviewSources, decision: Decision) -> DocumentReview:
    """Write one decision into the document's annotation file; where the document then stands.

    NotFoundError for a document the sources do not hold; ReviewConflict when the fact is
    not pending in the document (decided already, or the store is older than the file or
    the extractor); InputError when the decision would not build (an unknown name, an
    amount that does not parse), and then nothing is written.
    """
    by = _check_decision(decision)
    documents = _documents(sources)
    if decision.doc_id not in documents:
        raise NotFoundError(f"no document '{decision.doc_id}' among the documents the store was built from")
    target = annotation_path(sources.annotations, decision.doc_id)
    if target.parent.resolve() != sources.annotations.resolve():
        raise NotFoundError(f"no document '{decision.doc_id}'")
    document = read_document(documents[decision.doc_id])
    others = [p for p in _annotation_files(sources) if p != target]
    registry = _registry(sources, others)
    if target.exists():
        data = _plain(load_yaml_file(target, AnnotationError))
        for entity in read_annotation_entities([target]):
            registry.add(entity)
        places = [(e.section, e.index, e.fact) for e in annotation_entries(target, document, registry) if _pending(e)]
    else:
        data, places = _start(document, registry)
    chosen = [(section, index) for section, index, fact in places if fact_iri_of(fact, document.id) == decision.fact]
    if not chosen:
        raise ReviewConflict(
            f"{decision.fact} is not pending in {document.id}: it was decided already, or the store is older "
            "than the document's annotation file or the extractor; rebuild the store (navokg build)"
        )
    at = decision.at or datetime.now(UTC).isoformat(timespec="seconds")
    for section, index in chosen:
        _apply(data[section][index], section, replace(decision, by=by), at)
    _declare(data, decision, registry)
    text = annotation_text(data, header=HEADER.format(doc_id=document.id))
    _write_checked(target, text, documents[decision.doc_id], others, sources.entities)
    review = document_review(sources, decision.doc_id)
    assert review is not None
    return review


def _pending(entry: AnnotationEntry) -> bool:
    return entry.review is not None and entry.review.state is ReviewState.PENDING


def _write_checked(target: Path, text: str, document: Path, others: list[Path], entities: Path | None) -> None:
    """Replace the file with ``text`` only once a build would accept it; errors name the file, not its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with replace_atomically(target) as handle:
        handle.write(text.encode("utf-8"))
        handle.flush()
        written = Path(handle.name)
        try:
            check_annotation(document, written, annotations=[*others, written], entities=entities)
        except InputError as error:
            # The check read the temporary file; the researcher knows the file by its own name.
            raise type(error)(error.message.replace(str(written), target.name)) from None
