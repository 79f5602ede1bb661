"""Text helpers for the research pages: the sentence around evidence, and highlight segments.

Evidence offsets count code points in the document body (``body[start:end] == exact``), so
everything here works on Python string indices of the body as stored in the graph.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "EXCERPT_WINDOW",
    "Excerpt",
    "Paragraph",
    "Segment",
    "Span",
    "excerpt",
    "paragraphs",
    "segments",
    "sentence_bounds",
]

# A sentence ends at . ! ? or … (possibly with closing quotes or brackets) before a space,
# or at a blank line.  Hard-wrapped lines are not boundaries: the bodies are wrapped text.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'’”»)\]]*(?=\s|$)")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Excerpt:
    """The sentence around a piece of evidence, split so the evidence can be highlighted."""

    before: str
    exact: str
    after: str
    cut_before: bool = False
    cut_after: bool = False


REACH = 400  # characters an excerpt looks back and ahead for the ends of its sentence
# What ``excerpt`` may read of a body around the evidence: its reach and a margin for the
# patterns looking past it (a window this wide gives the excerpt the whole body gives).
EXCERPT_WINDOW = REACH + 64


def sentence_bounds(body: str, start: int, end: int, *, reach: int = REACH) -> tuple[int, int, bool, bool]:
    """Start and end of the sentence(s) holding ``body[start:end]``, and whether they were cut.

    A regular expression rather than the extractor's sentence splitter: pages must not load
    a language model, and a display excerpt that is off by a clause is harmless.
    """
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    left_limit = max(0, start - reach)
    boundaries = [m.end() for m in _SENTENCE_END.finditer(body, left_limit, start)]
    boundaries += [m.end() for m in _PARAGRAPH.finditer(body, left_limit, start)]
    cut_before = not boundaries and left_limit > 0
    sentence_start = max(boundaries, default=left_limit)
    right_limit = min(len(body), end + reach)
    sentence_end, cut_after = right_limit, right_limit < len(body)
    ending = _SENTENCE_END.search(body, max(start, end - 1), right_limit)
    if ending is not None and ending.start() >= start:
        sentence_end, cut_after = max(ending.end(), end), False
    paragraph = _PARAGRAPH.search(body, end, right_limit)
    if paragraph is not None and paragraph.start() < sentence_end:
        sentence_end, cut_after = paragraph.start(), False
    if cut_before:  # do not start in the middle of a word
        space = body.find(" ", sentence_start, start)
        sentence_start = space + 1 if space != -1 else sentence_start
    if cut_after:
        space = body.rfind(" ", end, sentence_end)
        sentence_end = space if space != -1 else sentence_end
    while sentence_start < start and body[sentence_start].isspace():
        sentence_start += 1
    return sentence_start, sentence_end, cut_before, cut_after


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text)


def excerpt(body: str, start: int, end: int) -> Excerpt:
    """The sentence around evidence with line breaks made spaces, ready to show."""
    left, right, cut_before, cut_after = sentence_bounds(body, start, end)
    return Excerpt(
        before=_squash(body[left:start]).lstrip(),
        exact=_squash(body[start:end]),
        after=_squash(body[end:right]).rstrip(),
        cut_before=cut_before,
        cut_after=cut_after,
    )


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of a document: one piece of evidence."""

    key: str  # e.g. "ev-120-188", the anchor the page links to
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """A run of body text covered by the same spans; ``opens``/``closes`` name spans starting/ending here."""

    text: str
    start: int
    covered_by: tuple[str, ...]
    opens: tuple[str, ...]
    closes: tuple[str, ...]


def segments(body: str, spans: Iterable[Span]) -> list[Segment]:
    """Cut a body into runs so that overlapping evidence can be highlighted without nesting."""
    valid = sorted({s for s in spans if 0 <= s.start < s.end <= len(body)}, key=lambda s: (s.start, -s.end, s.key))
    cuts = sorted({0, len(body), *(s.start for s in valid), *(s.end for s in valid)})
    result: list[Segment] = []
    for left, right in itertools.pairwise(cuts):
        covering = tuple(s.key for s in valid if s.start <= left and s.end >= right)
        result.append(
            Segment(
                text=body[left:right],
                start=left,
                covered_by=covering,
                opens=tuple(s.key for s in valid if s.start == left),
                closes=tuple(s.key for s in valid if s.end == right),
            )
        )
    return result


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a body (``body[start:end]``, blank lines apart) and the segments inside it."""

    start: int
    end: int
    segments: list[Segment]


def _paragraph_bounds(body: str) -> list[tuple[int, int]]:
    """Start and end of each paragraph: text between blank lines, without its outer whitespace."""
    bounds = []
    left = 0
    for gap in [*_PARAGRAPH.finditer(body), None]:
        right = gap.start() if gap is not None else len(body)
        text = body[left:right]
        if text.strip():
            start = left + len(text) - len(text.lstrip())
            bounds.append((start, left + len(text.rstrip())))
        left = gap.end() if gap is not None else right
    return bounds


def paragraphs(body: str, parts: list[Segment]) -> list[Paragraph]:
    """The segments of a body regrouped into paragraphs, for reflowed reading.

    Texts come hard-wrapped; a line break inside a paragraph becomes a space (one
    character for one, so every segment keeps its offsets in the body). A segment that
    crosses a blank line is cut in two; spans that open or close in the whitespace
    between paragraphs open in the next paragraph or close in the previous one.
    """
    result = [Paragraph(start, end, []) for start, end in _paragraph_bounds(body)]
    pending: tuple[str, ...] = ()  # spans opened between paragraphs
    index = 0
    for segment in parts:
        left, right = segment.start, segment.start + len(segment.text)
        pieces: list[tuple[int, int, int]] = []  # paragraph, start, end
        while index < len(result) and result[index].end <= left:
            index += 1
        for number in range(index, len(result)):
            paragraph = result[number]
            if paragraph.start >= right:
                break
            start, end = max(left, paragraph.start), min(right, paragraph.end)
            if start < end:
                pieces.append((number, start, end))
        if not pieces:  # whitespace between paragraphs
            pending += segment.opens
            if segment.closes:
                _close_last(result, segment.closes)
            continue
        for order, (number, start, end) in enumerate(pieces):
            opens = pending + segment.opens if order == 0 else ()
            closes = segment.closes if order == len(pieces) - 1 else ()
            text = body[start:end].replace("\r", " ").replace("\n", " ")
            result[number].segments.append(Segment(text, start, segment.covered_by, opens, closes))
            pending = ()
    return result


def _close_last(result: list[Paragraph], closes: tuple[str, ...]) -> None:
    """Close spans on the last segment shown so far (they ended in the space after it)."""
    for paragraph in reversed(result):
        if paragraph.segments:
            last = paragraph.segments[-1]
            paragraph.segments[-1] = Segment(last.text, last.start, last.covered_by, last.opens, last.closes + closes)
            return
