"""One document's work in a build: read it, make its facts and quads, validate them.

This is the unit a build spreads over processes (``pipeline``) or a Dask cluster
(``cluster``): a ``Worker`` holds what every document needs (the entity registry, the
compiled SHACL shapes) and turns one document into a ``DocumentResult``, which depends
on nothing but the document, its annotation file and that shared state.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

from navokg.build.rdf import document_quads, entity_quads, fact_iri_of
from navokg.build.records import DocumentRecord
from navokg.build.search_index import SearchRow, rows_for
from navokg.build.validate import Engine, Validator, Violation
from navokg.errors import EvidenceError
from navokg.model import (
    AidCommitment,
    DocumentFacts,
    Evidence,
    Method,
    OfficeHolding,
    ReportedFact,
    Statement,
    with_successions,
)
from navokg.paths import default_ontology_dir
from navokg.sources.annotations import load_annotation, read_annotation_entities
from navokg.sources.documents import Document, DocumentBytes, read_document
from navokg.sources.entities import Registry, load_registry
from navokg.sources.evidence import check_evidence
from navokg.vocab import compact_iri

__all__ = [
    "FACT_KINDS",
    "DocumentResult",
    "Job",
    "Settings",
    "Shipped",
    "Worker",
    "check_annotation",
    "content_key",
    "document_facts",
    "sha256_file",
]

log = logging.getLogger("navokg.build")

FACT_KINDS = {OfficeHolding: "office_holdings", Statement: "statements", AidCommitment: "aid_commitments"}

Job = tuple[Path, Path | None]  # a document file and its annotation file, if it has one


@dataclass
class DocumentResult:
    """One document's contribution, as a worker hands it back."""

    record: DocumentRecord
    document_nquads: bytes  # the document's own named graph
    seconds: dict[str, float]
    search_rows: tuple[SearchRow, ...] = ()


@dataclass(frozen=True)
class Settings:
    """Everything a worker process needs to rebuild the shared state by itself."""

    entities: Path | None
    annotation_files: tuple[Path, ...]
    ontology_dir: Path
    engine: Engine


@dataclass(frozen=True)
class Shipped:
    """A document's files as bytes, for a worker that cannot read the build's paths."""

    contents: DocumentBytes
    annotation: bytes | None


def _sha256(data: bytes | None) -> str:
    return hashlib.sha256(data).hexdigest() if data is not None else "-"


def sha256_file(path: Path | None) -> str:
    return _sha256(path.read_bytes() if path is not None else None)


def content_key(document: Document, annotation_sha256: str) -> str:
    """What decides whether a document's graph can be reused: its bytes and its annotation's."""
    return hashlib.sha256(f"{document.sha256}|{annotation_sha256}".encode()).hexdigest()


def document_facts(
    document: Document, registry: Registry, annotation: Path | None, *, annotation_raw: bytes | None = None
) -> DocumentFacts:
    """The facts of one document: from its annotation file, else from the extractor.

    A curated fact whose evidence is not the text stops the build: a person wrote it and
    can fix it.  An automatic one is dropped with a warning (logger ``navokg.build``,
    naming the document and the offsets) and the build goes on: one bad guess of the
    extractor must not cost a researcher the other documents.
    """
    if annotation is not None:
        facts = load_annotation(annotation, document, registry, raw=annotation_raw)
        for fact in facts.facts:
            problem = _evidence_problem(fact.evidence, document)
            if problem is not None:
                raise EvidenceError(f"{document.path}: {problem}")
        return with_successions(facts)
    from navokg.extract import extract  # the extractor loads its rules only when needed

    facts = extract(document, registry)
    kept: list[ReportedFact] = []
    for fact in facts.facts:
        problem = _evidence_problem(fact.evidence, document)
        if problem is None:
            kept.append(fact)
        else:
            log.warning("%s: dropped an automatic %s: %s", document.path, _kind_name(fact), problem)
    if len(kept) == len(facts.facts):
        return with_successions(facts)
    return with_successions(replace(facts, facts=tuple(kept)))


def _kind_name(fact: ReportedFact) -> str:
    return FACT_KINDS[type(fact)][:-1].replace("_", " ")


def _automatic_at_fault(
    facts: DocumentFacts, document: Document, found: list[Violation]
) -> dict[ReportedFact, Violation]:
    """The automatic facts the violations are about (the fact, or a node of its own such as
    a date value), each with its first violation."""
    at_fault: dict[ReportedFact, Violation] = {}
    for fact in facts.facts:
        if fact.method is not Method.AUTOMATIC:
            continue
        own = compact_iri(fact_iri_of(fact, document.id))
        first = next((v for v in found if v.focus == own or v.focus.startswith(own + "/")), None)
        if first is not None:
            at_fault[fact] = first
    return at_fault


def _evidence_problem(evidence: tuple[Evidence, ...], document: Document) -> str | None:
    """Why a fact's evidence is not exactly its document's text, or None."""
    if not evidence:
        return "it has no evidence"
    for item in evidence:
        if item.document != document.id:
            return f"a fact cites evidence from another document, {item.document}"
        try:
            check_evidence(item, document.body)
        except EvidenceError as exc:
            return str(exc)
    return None


def _referenced(facts: DocumentFacts) -> set[str]:
    keys = set(facts.mentions)
    for fact in facts.facts:
        if isinstance(fact, OfficeHolding):
            keys |= {fact.holder, fact.office}
        elif isinstance(fact, Statement):
            keys |= {*fact.speakers, *fact.about}
        else:
            keys |= {*fact.donors, fact.recipient}
    return keys


class Worker:
    """Turns documents into validated N-Quads; one per process."""

    def __init__(self, registry: Registry, validator: Validator) -> None:
        self.registry = registry
        self.validator = validator

    @classmethod
    def from_settings(cls, settings: Settings) -> Worker:
        """The shared state read from the build's files, as each local process does."""
        registry = load_registry(settings.entities)
        for entity in read_annotation_entities(settings.annotation_files):
            registry.add(entity)
        return cls(registry, Validator(settings.ontology_dir / "shapes.ttl", engine=settings.engine))

    def __call__(self, job: Job, shipped: Shipped | None = None) -> DocumentResult:
        """One document's result; with ``shipped`` its files' bytes come with the job, not from disk."""
        path, annotation = job
        seconds = dict.fromkeys(("read", "extract", "validate"), 0.0)
        started = time.perf_counter()
        document = read_document(path, shipped.contents if shipped else None)
        annotation_raw = shipped.annotation if shipped else None
        seconds["read"] = time.perf_counter() - started
        started = time.perf_counter()
        facts = document_facts(document, self.registry, annotation, annotation_raw=annotation_raw)
        # The document's own new entities live in a copy: nothing carries over to the next.
        local = self.registry.copy()
        for entity in facts.entities:
            local.add(entity)
        graphs = document_quads(facts, local)
        keys = _referenced(facts)
        seconds["extract"] = time.perf_counter() - started
        started = time.perf_counter()
        found = self.validator.violations([*graphs.document, *graphs.facts, *entity_quads(local, keys)])
        wrong = _automatic_at_fault(facts, document, found)
        if wrong:
            # An automatic fact the shapes refuse is dropped like one with bad evidence, and
            # the rest checked again: one bad guess must not cost the other documents.
            for fact, violation in wrong.items():
                log.warning("%s: dropped an automatic %s: SHACL: %s", document.path, _kind_name(fact), violation)
            facts = replace(facts, facts=tuple(f for f in facts.facts if f not in wrong))
            graphs, keys = document_quads(facts, local), _referenced(facts)
        if found:
            self.validator.check(
                [*graphs.document, *graphs.facts, *entity_quads(local, keys)], where=str(document.path)
            )
        seconds["validate"] = time.perf_counter() - started
        counts = Counter(FACT_KINDS[type(f)] for f in facts.facts)
        annotation_sha256 = _sha256(annotation_raw) if shipped else sha256_file(annotation)
        record = DocumentRecord(
            doc_id=document.id,
            path=str(path),
            content_key=content_key(document, annotation_sha256),
            method=facts.method.value,
            facts=dict(sorted(counts.items())),
            entities=facts.entities,
            keys=tuple(sorted(keys)),
            aliases=dict(facts.aliases),
            fact_triples=ox.serialize(graphs.facts, format=ox.RdfFormat.N_TRIPLES) or b"",
        )
        return DocumentResult(
            record=record,
            document_nquads=ox.serialize(graphs.document, format=ox.RdfFormat.N_QUADS) or b"",
            seconds=seconds,
            search_rows=tuple(rows_for(facts, local)),
        )


def check_annotation(
    document: Path,
    annotation: Path,
    *,
    annotations: Iterable[Path],
    entities: Path | None,
    ontology_dir: Path | None = None,
) -> None:
    """Process one annotated document exactly as a build would, raising what a build would raise.

    ``annotations`` are every annotation file of the build (this one among them), whose
    entities every file may name; the document's facts are read, turned into quads and
    validated against the SHACL shapes, and nothing is written.
    """
    settings = Settings(entities, tuple(annotations), ontology_dir or default_ontology_dir(), Engine.TURBO)
    Worker.from_settings(settings)((document, annotation))
