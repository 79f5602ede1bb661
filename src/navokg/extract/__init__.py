"""The automatic extractor: facts with evidence from Dutch texts navokg has never seen."""

from __future__ import annotations

from ..documents import Document
from ..entities import NAMED_KINDS, Registry
from ..model import DocumentFacts, Method

__all__ = ["extract"]


def extract(document: Document, registry: Registry) -> DocumentFacts:
    """Find the facts of one document; the registry links names to known entities."""
    mentions: dict[str, set[str]] = {}
    for start, end, key in registry.scan(document.body, NAMED_KINDS):
        mentions.setdefault(key, set()).add(document.body[start:end])
    return DocumentFacts(
        document=document,
        method=Method.AUTOMATIC,
        mentions=tuple(sorted(mentions)),
        aliases={k: tuple(sorted(v)) for k, v in sorted(mentions.items())},
    )
