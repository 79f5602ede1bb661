"""The automatic extractor: facts with evidence from Dutch texts navokg has never seen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from navokg.extract.aid import find_aid
from navokg.extract.calibration import Calibration, load_calibration
from navokg.extract.context import Context
from navokg.extract.holdings import find_holdings
from navokg.extract.organisations import find_organisations
from navokg.extract.persons import find_persons
from navokg.extract.statements import find_statements
from navokg.extract.text import analyse
from navokg.model import DocumentFacts, Method, ReportedFact
from navokg.paths import default_entities
from navokg.sources.annotation_writer import dump_annotation
from navokg.sources.documents import Document, read_document
from navokg.sources.entities import Registry, load_registry

__all__ = ["extract", "extract_file"]


def extract(document: Document, registry: Registry, *, calibration: Calibration | None = None) -> DocumentFacts:
    """Find the facts of one document; the registry links names to known entities.

    Each fact's confidence is the rules' raw score mapped through ``calibration``, by
    default the map fitted on the truth sets (``navokg.extract.calibration``), so that
    facts with confidence 0.9 are right about nine times in ten.
    """
    text = analyse(document.body, document.reference_date, registry)
    organisations = find_organisations(text, registry)
    persons = find_persons(text, registry)
    ctx = Context(document, registry, text, persons, entities={**organisations, **persons.entities})
    facts: list[ReportedFact] = []
    facts += find_holdings(ctx)
    facts += find_statements(ctx)
    facts += find_aid(ctx)
    mentions: dict[str, set[str]] = {}
    for start, end, key, _kind in text.named:
        mentions.setdefault(key, set()).add(document.body[start:end])
    for mention in persons.mentions:
        mentions.setdefault(mention.key, set()).add(" ".join(mention.surface.split()))
    used = set(mentions)
    for fact in facts:
        used |= {
            getattr(fact, "holder", ""),
            getattr(fact, "office", ""),
            getattr(fact, "predecessor", None) or "",
            getattr(fact, "successor", None) or "",
            *getattr(fact, "speakers", ()),
            *getattr(fact, "donors", ()),
            getattr(fact, "recipient", ""),
        }
    calibrated = calibration if calibration is not None else load_calibration()
    facts = [
        replace(f, confidence=round(calibrated(f.confidence), 3)) if f.confidence is not None else f for f in facts
    ]
    entities = tuple(e for k, e in sorted(ctx.entities.items()) if k in used)
    return DocumentFacts(
        document=document,
        method=Method.AUTOMATIC,
        facts=tuple(facts),
        entities=entities,
        mentions=tuple(sorted(mentions)),
        aliases={k: tuple(sorted(v)) for k, v in sorted(mentions.items())},
    )


def extract_file(path: Path, *, entities: Path | None = None) -> str:
    """One document's automatic facts in the curated-annotation format, ready to correct.

    Names link to the registry in ``entities``, by default the project's
    ``graph/entities.yaml`` where there is one.
    """
    registry = load_registry(entities if entities is not None else default_entities())
    facts = extract(read_document(path), registry)
    return dump_annotation(facts, registry)
