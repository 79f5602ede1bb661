"""Finding and checking evidence spans: the guarantee that every fact's words exist.

``locate`` turns the words an annotator copied into exact offsets.  It tolerates one
thing only: a line break in the text where the annotator typed a space (or the reverse),
because YAML and editors reflow lines.  The span recorded is always the text's own
characters, so ``body[start:end] == exact`` holds for every evidence in the graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from navokg.errors import EvidenceError
from navokg.model import Evidence

__all__ = ["Hint", "check_evidence", "locate"]


@dataclass(frozen=True)
class Hint:
    """How to choose between several occurrences of the same words."""

    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None  # 1-based
    start: int | None = None


def _pattern(words: str) -> re.Pattern[str]:
    parts = [re.escape(p) for p in words.split()]
    return re.compile(r"\s+".join(parts))


def _occurrences(body: str, words: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    index = body.find(words)
    while index != -1:
        spans.append((index, index + len(words)))
        index = body.find(words, index + 1)
    if spans or not words.strip():
        return spans
    return [(m.start(), m.end()) for m in _pattern(words).finditer(body)]


def _squash(text: str) -> str:
    return " ".join(text.split())


def locate(doc_id: str, body: str, words: str, hint: Hint | None = None) -> Evidence:
    """Find the one span of ``body`` that ``words`` (and the hint) point to."""
    hint = hint or Hint()
    if not words or not words.strip():
        raise EvidenceError("evidence is empty")
    if hint.start is not None:
        end = hint.start + len(words)
        if not 0 <= hint.start <= len(body) or end > len(body):
            raise EvidenceError(
                f"evidence offset {hint.start} is out of range for {doc_id} (body has {len(body)} characters)"
            )
    spans = _occurrences(body, words)
    if not spans:
        raise EvidenceError(f"evidence '{_short(words)}' does not occur in {doc_id}")
    if hint.prefix is not None:
        prefix = _squash(hint.prefix)
        spans = [s for s in spans if _squash(body[max(0, s[0] - 4 * len(prefix) - 20) : s[0]]).endswith(prefix)]
    if hint.suffix is not None:
        suffix = _squash(hint.suffix)
        spans = [s for s in spans if _squash(body[s[1] : s[1] + 4 * len(suffix) + 20]).startswith(suffix)]
    if hint.start is not None:
        spans = [s for s in spans if s[0] == hint.start]
        if not spans:
            raise EvidenceError(f"evidence '{_short(words)}' does not start at offset {hint.start} in {doc_id}")
    if hint.occurrence is not None:
        if not 1 <= hint.occurrence <= len(spans):
            raise EvidenceError(
                f"evidence '{_short(words)}' occurs {len(spans)} time(s) in {doc_id}, "
                f"so there is no occurrence {hint.occurrence}"
            )
        spans = [spans[hint.occurrence - 1]]
    if not spans:
        raise EvidenceError(f"evidence '{_short(words)}' does not occur in {doc_id} with the given prefix/suffix")
    if len(spans) > 1:
        starts = ", ".join(str(s[0]) for s in spans[:5])
        raise EvidenceError(
            f"evidence '{_short(words)}' occurs {len(spans)} times in {doc_id} (at {starts}); "
            "add prefix, suffix, occurrence or start to say which"
        )
    start, end = spans[0]
    return Evidence(doc_id, start, end, body[start:end])


def check_evidence(evidence: Evidence, body: str) -> None:
    """Refuse evidence whose offsets do not hold exactly its words."""
    if not 0 <= evidence.start < evidence.end <= len(body):
        raise EvidenceError(
            f"evidence [{evidence.start}:{evidence.end}] is out of range for {evidence.document} "
            f"(body has {len(body)} characters)"
        )
    if body[evidence.start : evidence.end] != evidence.exact:
        raise EvidenceError(
            f"evidence '{_short(evidence.exact)}' is not the text at "
            f"[{evidence.start}:{evidence.end}] of {evidence.document}"
        )


def _short(text: str, limit: int = 60) -> str:
    squashed = _squash(text)
    return squashed if len(squashed) <= limit else squashed[: limit - 1] + "…"
