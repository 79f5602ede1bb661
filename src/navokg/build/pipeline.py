"""Build the store: documents -> facts (curated or automatic) -> validated quads -> store.

Each document is read, turned into facts, written as its named graph and validated
against the SHACL shapes on its own, so the work spreads over processes (``jobs``) and
the results, taken in document order, are the same as a serial build's.

Builds are incremental: a document whose bytes (and annotation file) did not change
keeps its named graph from the previous generation, which the new generation starts
as a hard-linked copy of.  Anything that could change every document's facts (navokg's
own code, the ontology, the entity registry, the entities annotation files declare)
changes the build's fingerprint and makes it a full build.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from navokg.build.derived import Scope, derived_quads
from navokg.build.rdf import document_quads, entity_quads
from navokg.build.records import DocumentRecord, Records, triples_in
from navokg.build.search_index import SearchRow, index_names, index_rows, open_index, remove_documents, rows_for
from navokg.build.validate import Engine, Validator
from navokg.errors import AnnotationError, EntityError, EvidenceError, InputError, StoreIncompatible
from navokg.model import AidCommitment, DocumentFacts, Entity, Evidence, Method, OfficeHolding, ReportedFact, Statement
from navokg.paths import DEFAULT_DOCUMENTS, beside_documents, default_entities, project_path
from navokg.sources.annotations import ANNOTATION_SUFFIX, load_annotation, read_annotation_entities
from navokg.sources.documents import Document, document_id, find_documents, read_document
from navokg.sources.entities import Registry, gazetteer_path, load_registry
from navokg.sources.evidence import check_evidence
from navokg.store import (
    DOCUMENTS_DB,
    SEARCH_DB,
    code_fingerprint,
    current_generation,
    default_store_path,
    read_manifest,
    select,
    write_generation,
)
from navokg.vocab import (
    DERIVED_GRAPH,
    ENTITIES_GRAPH,
    FACTS_GRAPH,
    NKG,
    ONTOLOGY_GRAPH,
    PREFIXES,
    RDF,
    doc_graph_iri,
    term,
)

__all__ = [
    "BESIDE",
    "Beside",
    "BuildReport",
    "available_cores",
    "build",
    "check_annotation",
    "default_ontology_dir",
    "document_facts",
    "with_successions",
]

LOAD_BATCH = 200_000  # quads per bulk load: large enough to amortise, small enough to stream
MIN_PARALLEL = 20
log = logging.getLogger("navokg.build")
FACT_KINDS = {OfficeHolding: "office_holdings", Statement: "statements", AidCommitment: "aid_commitments"}


def default_ontology_dir() -> Path:
    """ontology/ beside src/ in a checkout, else ./ontology."""
    return project_path("ontology")


@dataclass
class BuildReport:
    """What a build did, for the CLI to summarise and benchmarks to time."""

    store: Path
    documents: int = 0
    curated: int = 0
    automatic: int = 0
    reused: int = 0
    incremental: bool = False
    # Reports per kind (one per fact per document), and the distinct facts they make.
    facts: Counter[str] = field(default_factory=Counter)
    distinct: Counter[str] = field(default_factory=Counter)
    quads: int = 0
    entities: int = 0
    # Links among the documents that lead outside their directory, left out: (link, target).
    skipped: list[tuple[Path, Path]] = field(default_factory=list)
    # Seconds per stage; with jobs > 1 read/extract/validate are summed over processes.
    seconds: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(("read", "extract", "validate", "load", "derived"), 0.0)
    )
    wall_seconds: float = 0.0

    def summary(self) -> str:
        """One line: documents, facts and the reports they come from, entities, quads, time."""
        facts = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(self.distinct.items()) if n)
        reused = f", {self.reused} unchanged" if self.incremental else ""
        skipped = f", {len(self.skipped)} links outside skipped" if self.skipped else ""
        return (
            f"Built {self.store}: {self.documents} documents ({self.curated} curated, "
            f"{self.automatic} automatic{reused}{skipped}); {facts or 'no facts'} from "
            f"{sum(self.facts.values())} reports; {self.entities} entities; {self.quads} quads in "
            f"{self.wall_seconds:.1f} s"
        )

    def skipped_lines(self, documents: Path) -> list[str]:
        """One line per document link left out, said even when the build says nothing else."""
        return [f"skipped {link}: a link to {target}, outside {documents} (follow links to read it)"
                for link, target in self.skipped]  # fmt: skip


@dataclass
class DocumentResult:
    """One document's contribution, as a worker process hands it back."""

    record: DocumentRecord
    document_nquads: bytes  # the document's own named graph
    seconds: dict[str, float]
    search_rows: tuple[SearchRow, ...] = ()


# ---- what a build depends on ------------------------------------------------------------


def _sha256_file(path: Path | None) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path is not None else "-"


def _fingerprint(ontology_dir: Path, entities: Path | None, declared: list[Entity], engine: Engine) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    for path in (ontology_dir / "navokg.ttl", ontology_dir / "shapes.ttl", gazetteer_path(), entities):
        digest.update(_sha256_file(path).encode())
    digest.update(repr(sorted(declared, key=lambda e: (e.key, repr(e)))).encode())
    digest.update(engine.value.encode())
    return digest.hexdigest()


def _content_key(document: Document, annotation: Path | None) -> str:
    return hashlib.sha256(f"{document.sha256}|{_sha256_file(annotation)}".encode()).hexdigest()


# ---- one document -------------------------------------------------------------------


def document_facts(document: Document, registry: Registry, annotation: Path | None) -> DocumentFacts:
    """The facts of one document: from its annotation file, else from the extractor.

    A curated fact whose evidence is not the text stops the build: a person wrote it and
    can fix it.  An automatic one is dropped with a warning (logger ``navokg.build``,
    naming the document and the offsets) and the build goes on: one bad guess of the
    extractor must not cost a researcher the other documents.
    """
    if annotation is not None:
        facts = load_annotation(annotation, document, registry)
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
            log.warning(
                "%s: dropped an automatic %s: %s", document.path, FACT_KINDS[type(fact)][:-1].replace("_", " "), problem
            )
    if len(kept) == len(facts.facts):
        return with_successions(facts)
    return with_successions(replace(facts, facts=tuple(kept)))


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


def with_successions(facts: DocumentFacts) -> DocumentFacts:
    """Add the other side of every succession a report states, as a report of its own.

    "Schoof volgt Rutte op als premier" reports two holdings of one office: Schoof's, which
    replaces Rutte's, and Rutte's, which Schoof's replaces; both rest on the same words.
    """
    added: list[OfficeHolding] = []
    for fact in facts.facts:
        if not isinstance(fact, OfficeHolding):
            continue
        # The other holder's report says only who followed whom: no dates of its own.
        bare = replace(fact, start=None, end=None, attested=None, bounds=(), duration=None, merge=None, note=None)
        if fact.predecessor is not None:
            added.append(replace(bare, holder=fact.predecessor, predecessor=None, successor=fact.holder))
        if fact.successor is not None:
            added.append(replace(bare, holder=fact.successor, predecessor=fact.holder, successor=None))
    if not added:
        return facts
    return replace(facts, facts=(*facts.facts, *added))


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


@dataclass(frozen=True)
class _Settings:
    """Everything a worker process needs to rebuild the shared state by itself."""

    entities: Path | None
    annotation_files: tuple[Path, ...]
    ontology_dir: Path
    engine: Engine


class _Worker:
    """Turns documents into validated N-Quads; one per process."""

    def __init__(self, settings: _Settings) -> None:
        self.registry = load_registry(settings.entities)
        for entity in read_annotation_entities(settings.annotation_files):
            self.registry.add(entity)
        self.validator = Validator(settings.ontology_dir / "shapes.ttl", engine=settings.engine)

    def __call__(self, job: tuple[Path, Path | None]) -> DocumentResult:
        path, annotation = job
        seconds = dict.fromkeys(("read", "extract", "validate"), 0.0)
        started = time.perf_counter()
        document = read_document(path)
        seconds["read"] = time.perf_counter() - started
        started = time.perf_counter()
        facts = document_facts(document, self.registry, annotation)
        # The document's own new entities live in a copy: nothing carries over to the next.
        local = self.registry.copy()
        for entity in facts.entities:
            local.add(entity)
        graphs = document_quads(facts, local)
        keys = _referenced(facts)
        seconds["extract"] = time.perf_counter() - started
        started = time.perf_counter()
        self.validator.check([*graphs.document, *graphs.facts, *entity_quads(local, keys)], where=str(document.path))
        seconds["validate"] = time.perf_counter() - started
        counts = Counter(FACT_KINDS[type(f)] for f in facts.facts)
        record = DocumentRecord(
            doc_id=document.id,
            path=str(path),
            content_key=_content_key(document, annotation),
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
    settings = _Settings(entities, tuple(annotations), ontology_dir or default_ontology_dir(), Engine.TURBO)
    _Worker(settings)((document, annotation))


_PROCESS_WORKER: _Worker | None = None


def _init_process(settings: _Settings) -> None:
    global _PROCESS_WORKER
    _PROCESS_WORKER = _Worker(settings)


def _run_in_process(job: tuple[Path, Path | None]) -> DocumentResult:
    assert _PROCESS_WORKER is not None
    return _PROCESS_WORKER(job)


def _results(jobs: list[tuple[Path, Path | None]], settings: _Settings, processes: int) -> Iterator[DocumentResult]:
    """Each job's result, in job order, from this process or a pool of them."""
    # Starting processes (and loading the extractor in each) only pays off for many documents.
    if processes <= 1 or len(jobs) < MIN_PARALLEL:
        worker = _Worker(settings)
        for job in jobs:
            yield worker(job)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_init_process, initargs=(settings,)) as pool:
        yield from pool.imap(_run_in_process, jobs, chunksize=max(1, min(16, len(jobs) // (processes * 8))))


# ---- the build ------------------------------------------------------------------------


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
            raise InputError(f"{path}: cannot read the ontology: {exc}") from None
    # Blank nodes (SHACL lists, nested shapes) get fresh ids per parse; canonical labels
    # (RDFC-1.0) make the ontology graph, and so every export, the same on every build.
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(dataset, key=str)


@dataclass
class _Previous:
    """What the published generation can lend an incremental build."""

    generation: Path
    content_keys: dict[str, str]


def _previous(store: Path, fingerprint: str) -> _Previous | None:
    try:
        generation = current_generation(store) if store.is_dir() else None
    except StoreIncompatible as exc:
        # A store of another format is only replaced when asked: it may be precious.
        raise StoreIncompatible(f"{exc}; navokg build --full replaces it") from None
    if generation is None or not (generation / DOCUMENTS_DB).exists():
        return None
    if read_manifest(generation).get("fingerprint") != fingerprint:
        return None
    with contextlib.closing(sqlite3.connect(generation / DOCUMENTS_DB)) as db:
        keys = dict(db.execute("SELECT id, content_key FROM documents").fetchall())
    return _Previous(generation, keys)


class Beside(Enum):
    """Where a build looks by default: ``annotations/`` beside the documents, the project's registry."""

    BESIDE = "beside"


BESIDE = Beside.BESIDE


def build(
    *,
    documents: Path = DEFAULT_DOCUMENTS,
    store: Path | None = None,
    annotations: Path | Beside | None = BESIDE,
    entities: Path | Beside | None = BESIDE,
    ontology_dir: Path | None = None,
    jobs: int = 0,
    engine: Engine = Engine.TURBO,
    incremental: bool = True,
    progress: Callable[[int], None] | None = None,
    follow_links: bool = False,
) -> BuildReport:
    """Build (or bring up to date) a store from every document under ``documents``.

    Curated annotations are looked for beside the documents folder (``annotations/``) and
    the entity registry is the project's ``graph/entities.yaml`` unless given, or None
    for none (``navokg.paths``); the store
    is ``default_store_path()`` unless given; ``jobs`` 0 means one process per core.
    Symbolic links that lead outside ``documents`` are left out (``report.skipped``)
    unless ``follow_links``.
    """
    wall = time.perf_counter()
    store = store if store is not None else default_store_path()
    if annotations is BESIDE:
        annotations = beside_documents(documents, "annotations")
    if entities is BESIDE:
        entities = default_entities()
    jobs = jobs or available_cores()
    ontology_dir = ontology_dir or default_ontology_dir()
    report = BuildReport(store=store)
    discovery = find_documents(documents, follow_links=follow_links)
    paths = discovery.paths
    report.skipped = discovery.skipped
    annotation_files = _annotation_files(annotations, paths)
    declared = read_annotation_entities(annotation_files.values())
    registry = load_registry(entities)
    for entity in declared:
        registry.add(entity)
    settings = _Settings(entities, tuple(annotation_files.values()), ontology_dir, Engine(engine))
    fingerprint = _fingerprint(ontology_dir, entities, declared, Engine(engine))
    previous = _previous(store, fingerprint) if incremental else None

    jobs_list = [(p, annotation_files.get(document_id(p))) for p in paths]
    with write_generation(
        store,
        {"fingerprint": fingerprint},
        base=(lambda: previous.generation) if previous else None,
        optimize=previous is None,
        replace_incompatible=not incremental,
    ) as generation:
        records = Records(generation.path)
        words = open_index(generation.path / SEARCH_DB)
        try:
            todo, gone = _plan(generation.store, records, words, jobs_list, previous, report)
            if previous is None:
                generation.store.bulk_extend(_ontology_quads(ontology_dir))
            _load_results(generation.store, records, words, _results(todo, settings, jobs), report, progress)
            validator = Validator(ontology_dir / "shapes.ttl", engine=engine)
            index_names(words, _write_entities(generation.store, records, registry, validator, report))
            scope = None
            if previous is not None:
                scope = gone | _touched(generation.store, [document_id(path) for path, _ in todo])
            _write_derived(generation.store, report, scope)
            _count_distinct(generation.store, report)
            _count_all(records, report)
            words.commit()
        finally:
            records.close()
            words.close()
        counts = {
            "documents": report.documents, "curated": report.curated, "automatic": report.automatic,
            "facts": dict(sorted(report.distinct.items())), "reports": dict(sorted(report.facts.items())),
            "entities": report.entities, "classes": _class_counts(generation.store),
        }  # fmt: skip
        # Where the facts came from, for review (navokg serve --review) to write decisions back.
        sources = {
            "documents": str(documents.resolve()),
            "annotations": str(annotations.resolve()) if annotations is not None else None,
            "entities": str(entities.resolve()) if entities is not None else None,
        }
        generation.manifest.update(counts=counts, sources=sources)
        report.quads = len(generation.store)
    report.wall_seconds = time.perf_counter() - wall
    return report


def _plan(
    store: ox.Store,
    records: Records,
    words: sqlite3.Connection,
    jobs: list[tuple[Path, Path | None]],
    previous: _Previous | None,
    report: BuildReport,
) -> tuple[list[tuple[Path, Path | None]], Scope]:
    """The documents to (re)process; take out of the copied generation what changed or went,
    and say what that touched (for the derived graph)."""
    if previous is None:
        return jobs, Scope(frozenset())
    report.incremental = True
    wanted = {document_id(p): (p, a) for p, a in jobs}
    todo: list[tuple[Path, Path | None]] = []
    stale = sorted(set(previous.content_keys) - set(wanted))
    for doc_id, (path, annotation) in wanted.items():
        old = previous.content_keys.get(doc_id)
        if old is not None and old == _content_key(read_document(path), annotation):
            report.reused += 1
            continue
        if old is not None:
            stale.append(doc_id)
        todo.append((path, annotation))
    facts = term(FACTS_GRAPH)
    gone = _touched(store, stale)
    for doc_id in stale:
        store.remove_graph(term(doc_graph_iri(doc_id)))
        for triple in triples_in(records.remove(doc_id)):
            store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, facts))
    remove_documents(words, stale)
    return todo, gone


def _touched(store: ox.Store, doc_ids: list[str]) -> Scope:
    """The facts some documents report, the offices of those that are holdings and the persons
    the documents name or the facts hold: what the derived graph has to look at again."""
    if not doc_ids:
        return Scope(frozenset())
    graphs = " ".join(f"<{doc_graph_iri(doc_id)}>" for doc_id in sorted(doc_ids))
    rows = select(
        store,
        f"""SELECT DISTINCT ?f ?o ?p WHERE {{ VALUES ?g {{ {graphs} }}
              {{ GRAPH ?g {{ ?f prov:wasDerivedFrom ?d }}
                 OPTIONAL {{ GRAPH <{FACTS_GRAPH}> {{ ?f nkg:office ?o }} }}
                 OPTIONAL {{ GRAPH <{FACTS_GRAPH}> {{ ?f nkg:holder|nkg:speaker ?p }} }} }}
              UNION {{ GRAPH ?g {{ ?d schema:mentions ?p }} }} }}""",
    )
    facts: set[str] = set()
    offices: set[str] = set()
    persons: set[str] = set()
    for row in rows:
        for found, name in ((facts, "f"), (offices, "o"), (persons, "p")):
            if row[name] is not None:
                found.add(row[name].value)
    return Scope(frozenset(facts), frozenset(offices), frozenset(persons))


def _load_results(
    store: ox.Store,
    records: Records,
    words: sqlite3.Connection,
    results: Iterable[DocumentResult],
    report: BuildReport,
    progress: Callable[[int], None] | None,
) -> None:
    documents: list[bytes] = []
    facts: list[bytes] = []
    size = 0
    for result in results:
        for stage, seconds in result.seconds.items():
            report.seconds[stage] += seconds
        facts += records.add(result.record)
        index_rows(words, result.search_rows)
        documents.append(result.document_nquads)
        size += result.document_nquads.count(b"\n")
        if size + len(facts) >= LOAD_BATCH:
            _load(store, documents, facts, report)
            documents, facts, size = [], [], 0
        if progress is not None:
            progress(1)
    _load(store, documents, facts, report)
    if progress is not None and report.reused:
        progress(report.reused)


def _load(store: ox.Store, documents: list[bytes], facts: list[bytes], report: BuildReport) -> None:
    started = time.perf_counter()
    if documents:
        store.bulk_load(b"".join(documents), format=ox.RdfFormat.N_QUADS)
    if facts:
        store.bulk_load(b"\n".join(facts) + b"\n", format=ox.RdfFormat.N_TRIPLES, to_graph=term(FACTS_GRAPH))
    report.seconds["load"] += time.perf_counter() - started


def _write_entities(
    store: ox.Store, records: Records, registry: Registry, validator: Validator, report: BuildReport
) -> list[ox.Quad]:
    """The reference-entities graph, from every document's record: new or reused alike."""
    keys: set[str] = set()
    aliases: dict[str, set[str]] = {}
    for entities, referenced, names in records.contributions():
        for entity in entities:
            try:
                registry.add(entity)
            except EntityError as exc:
                # Two documents' extractors named different kinds of entity alike ("Bruins
                # Slot" a person here, an organisation there); curated entities were added
                # first and win.  The build goes on; the later one has no entry of its own.
                log.warning("entity '%s' (%s) left out of the entities graph: %s", entity.key, entity.kind.value, exc)
        keys.update(referenced)
        for key, seen in names.items():
            aliases.setdefault(key, set()).update(seen)
    quads = entity_quads(registry, keys, aliases)
    validator.check(quads, where="the reference entities")
    store.clear_graph(term(ENTITIES_GRAPH))
    started = time.perf_counter()
    store.extend(quads)
    report.seconds["load"] += time.perf_counter() - started
    report.entities = len({q.subject for q in quads})
    return quads


def _write_derived(store: ox.Store, report: BuildReport, scope: Scope | None) -> None:
    """Report counts, conflicts and terms across documents: over the whole store, or, for an
    incremental build, for what the changed documents touch (the same graph, less work)."""
    started = time.perf_counter()
    derived = derived_quads(store, scope)
    graph = term(DERIVED_GRAPH)
    if derived.replaces is None:
        store.clear_graph(graph)
    else:
        for subject, predicate, obj in derived.replaces:
            pattern = (
                ox.NamedNode(subject),
                term(predicate) if predicate is not None else None,
                term(obj) if obj is not None else None,
            )
            for quad in list(store.quads_for_pattern(*pattern, graph)):
                store.remove(quad)
    store.extend(derived.quads)
    report.seconds["derived"] += time.perf_counter() - started


def _count_distinct(store: ox.Store, report: BuildReport) -> None:
    kinds = {NKG.OfficeHolding: "office_holdings", NKG.Statement: "statements", NKG.AidCommitment: "aid_commitments"}
    for kind, name in kinds.items():
        report.distinct[name] = sum(
            1 for _ in store.quads_for_pattern(None, term(RDF.type), term(kind), term(FACTS_GRAPH))
        )


def _count_all(records: Records, report: BuildReport) -> None:
    for method, facts in records.counts():
        report.documents += 1
        if method == Method.CURATED.value:
            report.curated += 1
        else:
            report.automatic += 1
        report.facts.update(facts)


def _class_counts(store: ox.Store) -> dict[str, int]:
    """How many of each class the graph holds, counted once for every page that shows it."""
    rows: Any = store.query(
        """SELECT ?type (COUNT(DISTINCT ?x) AS ?n) WHERE {
             VALUES ?type { nkg:Person nkg:Organization nkg:Country nkg:Office nkg:Document
                            nkg:OfficeHolding nkg:Statement nkg:AidCommitment }
             ?x a ?type } GROUP BY ?type""",
        use_default_graph_as_union=True,
        prefixes=PREFIXES,
    )
    return {row["type"].value.rsplit("#", 1)[1]: int(row["n"].value) for row in rows}


def available_cores() -> int:
    """The cores this process may use (respects CPU affinity, e.g. in containers)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
