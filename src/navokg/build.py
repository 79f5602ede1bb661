"""Build the store: documents -> facts (curated or automatic) -> quads -> validated store.

Documents stream one at a time; each one's facts become its named graph, which is
validated against the SHACL shapes with the entities it names before it is loaded into
a new store generation.  Only a build that completes publishes its generation.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .annotations import ANNOTATION_SUFFIX, load_annotation, read_annotation_entities
from .documents import Document, discover_documents, document_id, read_document
from .entities import Registry, load_registry
from .errors import AnnotationError, EvidenceError
from .evidence import check_evidence
from .model import AidCommitment, DocumentFacts, Method, OfficeHolding, Statement
from .rdf import document_quads, entity_quads
from .store import write_generation
from .validate import Validator
from .vocab import ONTOLOGY_GRAPH, term

__all__ = ["BuildReport", "build", "default_ontology_dir", "document_facts"]

LOAD_BATCH = 200_000  # quads per bulk load: large enough to amortise, small enough to stream


def default_ontology_dir() -> Path:
    """ontology/ beside src/ in a checkout, else ./ontology."""
    beside = Path(__file__).resolve().parents[2] / "ontology"
    return beside if beside.is_dir() else Path("ontology")


@dataclass
class BuildReport:
    """What a build did, for the CLI to summarise and benchmarks to time."""

    store: Path
    documents: int = 0
    curated: int = 0
    automatic: int = 0
    facts: Counter[str] = field(default_factory=Counter)
    quads: int = 0
    entities: int = 0
    seconds: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(("read", "extract", "validate", "load"), 0.0)
    )


class _Timer:
    def __init__(self, report: BuildReport, stage: str) -> None:
        self.report, self.stage = report, stage

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *_: object) -> None:
        self.report.seconds[self.stage] += time.perf_counter() - self.start


def _annotation_files(annotations: Path | None, documents: list[Path]) -> dict[str, Path]:
    if annotations is None or not annotations.exists():
        return {}
    if not annotations.is_dir():
        raise AnnotationError(f"{annotations}: is a file; --annotations takes a directory")
    ids = {document_id(p) for p in documents}
    files: dict[str, Path] = {}
    for path in sorted(annotations.glob("*" + ANNOTATION_SUFFIX)):
        if path.stem not in ids:
            raise AnnotationError(
                f"{path}: annotates document '{path.stem}', which is not among the documents "
                "(annotation files are named after their document's id)"
            )
        files[path.stem] = path
    return files


def document_facts(document: Document, registry: Registry, annotation: Path | None) -> DocumentFacts:
    """The facts of one document: from its annotation file, else from the extractor."""
    if annotation is not None:
        facts = load_annotation(annotation, document, registry)
    else:
        from .extract import extract  # the extractor loads its rules only when needed

        facts = extract(document, registry)
    for fact in facts.facts:
        for evidence in fact.evidence:
            if evidence.document != document.id:
                raise EvidenceError(
                    f"{document.path}: a fact cites evidence from another document, {evidence.document}"
                )
            try:
                check_evidence(evidence, document.body)
            except EvidenceError as exc:
                raise EvidenceError(f"{document.path}: {exc}") from None
    return facts


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


def _ontology_quads(ontology_dir: Path) -> list[ox.Quad]:
    graph = term(ONTOLOGY_GRAPH)
    quads: list[ox.Quad] = []
    for name in ("navokg.ttl", "shapes.ttl"):
        path = ontology_dir / name
        try:
            quads += [
                ox.Quad(t.subject, t.predicate, t.object, graph)
                for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
            ]
        except (OSError, SyntaxError) as exc:
            raise AnnotationError(f"{path}: cannot read the ontology: {exc}") from None
    # Blank nodes (SHACL lists, nested shapes) get fresh ids per parse; canonical labels
    # (RDFC-1.0) make the ontology graph, and so every export, the same on every build.
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(dataset, key=str)


def build(
    *,
    documents: Path,
    store: Path,
    annotations: Path | None = None,
    entities: Path | None = None,
    ontology_dir: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> BuildReport:
    """Build a new store generation from every document under ``documents``."""
    ontology_dir = ontology_dir or default_ontology_dir()
    report = BuildReport(store=store)
    paths = discover_documents(documents)
    annotation_files = _annotation_files(annotations, paths)
    registry = load_registry(entities)
    for entity in read_annotation_entities(annotation_files.values()):
        registry.add(entity)
    validator = Validator(ontology_dir / "shapes.ttl")
    ontology = _ontology_quads(ontology_dir)

    referenced: set[str] = set()
    seen_aliases: dict[str, set[str]] = {}
    documents_hashes: dict[str, str] = {}
    with write_generation(store, {}) as generation:
        buffer: list[ox.Quad] = list(ontology)
        for facts in _facts_stream(paths, registry, annotation_files, report):
            for entity in facts.entities:
                registry.add(entity)
            keys = _referenced(facts)
            referenced |= keys
            for key, names in facts.aliases.items():
                seen_aliases.setdefault(key, set()).update(names)
            quads = document_quads(facts, registry)
            with _Timer(report, "validate"):
                validator.check([*quads, *entity_quads(registry, keys)], where=str(facts.document.path))
            _count(report, facts)
            documents_hashes[facts.document.id] = facts.document.sha256
            buffer += quads
            if len(buffer) >= LOAD_BATCH:
                _load(generation.store, buffer, report)
                buffer = []
            if progress is not None:
                progress(1)
        entity_graph = entity_quads(registry, referenced, seen_aliases)
        with _Timer(report, "validate"):
            validator.check(entity_graph, where="entities")
        buffer += entity_graph
        _load(generation.store, buffer, report)
        report.entities = len(referenced)
        generation.manifest.update(
            documents=documents_hashes,
            counts={
                "documents": report.documents,
                "curated": report.curated,
                "automatic": report.automatic,
                "facts": dict(sorted(report.facts.items())),
                "quads": report.quads,
                "entities": report.entities,
            },
        )
    return report


def _facts_stream(
    paths: Iterable[Path], registry: Registry, annotation_files: dict[str, Path], report: BuildReport
) -> Iterator[DocumentFacts]:
    for path in paths:
        with _Timer(report, "read"):
            document = read_document(path)
        with _Timer(report, "extract"):
            facts = document_facts(document, registry, annotation_files.get(document.id))
        yield facts


def _count(report: BuildReport, facts: DocumentFacts) -> None:
    report.documents += 1
    if facts.method is Method.CURATED:
        report.curated += 1
    else:
        report.automatic += 1
    for fact in facts.facts:
        kind = {OfficeHolding: "office_holdings", Statement: "statements", AidCommitment: "aid_commitments"}[
            type(fact)
        ]
        report.facts[kind] += 1


def _load(store: ox.Store, quads: list[ox.Quad], report: BuildReport) -> None:
    with _Timer(report, "load"):
        store.bulk_extend(quads)
    report.quads += len(quads)
