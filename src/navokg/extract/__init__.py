"""The automatic extractor: facts with evidence from Dutch texts navokg has never seen."""

from __future__ import annotations

from ..documents import Document
from ..entities import Registry
from ..model import DocumentFacts, Fact, Method
from .aid import find_aid
from .context import Context
from .offices import find_holdings
from .persons import find_persons
from .statements import find_statements
from .text import analyse

__all__ = ["extract"]


def extract(document: Document, registry: Registry) -> DocumentFacts:
    """Find the facts of one document; the registry links names to known entities."""
    text = analyse(document.body, document.reference_date, registry)
    persons = find_persons(text, registry)
    ctx = Context(document, registry, text, persons, entities=dict(persons.entities))
    facts: list[Fact] = []
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
            *getattr(fact, "speakers", ()),
            *getattr(fact, "donors", ()),
            getattr(fact, "recipient", ""),
        }
    entities = tuple(e for k, e in sorted(ctx.entities.items()) if k in used)
    return DocumentFacts(
        document=document,
        method=Method.AUTOMATIC,
        facts=tuple(facts),
        entities=entities,
        mentions=tuple(sorted(mentions)),
        aliases={k: tuple(sorted(v)) for k, v in sorted(mentions.items())},
    )
