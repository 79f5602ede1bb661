"""When an office was held, as the words beside a title say it: markers, spans and durations.

The story's date is the reference for the words that place a report in time
(docs/annotations.md, "Office terms"):

- "oud-premier", "ex-minister", "de voormalige minister", "de vorige premier": the term was
  over by the story's date (``end_not_after``);
- "de aantredende premier", "de beoogde minister", "X wordt premier": it had not begun
  before it (``start_not_before``);
- "de nieuwe premier", "de kersverse minister": it had begun by it (``start_not_after``), and
  is held then;
- "demissionair", "scheidend", "huidig": held then (a sighting), nothing more;
- "toenmalig": held at the time the sentence tells of, which is the story's date only where
  the sentence gives no other.

Spans give the start or end itself: "sinds 2019", "vanaf", "per 1 juli", "met ingang van"
(start), "van 2010 tot 2017", "2010-2017" (both), "tot 2017" (the end, where it is told as
past).  Durations ("tien jaar", "ruim zes jaar lang") tie the end to the start: a past term
("was tien jaar premier") lasted that long, a term still running ("is al tien jaar
premier") at least that long.  Terms counted in "termijnen" are left out: how long a term
of an office is, the registry does not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from navokg.dutch.dates import TimeValue, parse_date
from navokg.dutch.durations import DurationMention, find_durations
from navokg.extract.context import Context
from navokg.extract.lexicon import BEGUN, ENDED, STARTING, TERM_MODIFIERS, THEN
from navokg.extract.text import Sentence
from navokg.model import Bound, BoundRelation, Duration

__all__ = ["Sighting", "Term", "bare_dates", "duration_in", "marker_term", "span_term", "story_bound", "time_extents"]


class Sighting(StrEnum):
    """Whether a report shows the office held at the date its sentence tells of."""

    SEEN = "seen"  # at the sentence's date, else the story's
    TOLD = "told"  # only at a date the sentence (or its paragraph) gives: "toenmalig", "was"
    NONE = "none"  # not held then: "oud-premier", "wordt premier"


@dataclass(frozen=True)
class Term:
    """What some words say of a term: its start, end, bounds and duration, and where they stand."""

    start: TimeValue | None = None
    end: TimeValue | None = None
    bounds: tuple[Bound, ...] = ()
    duration: Duration | None = None
    sighting: Sighting = Sighting.SEEN
    first: int | None = None  # the words the term rests on, to keep them in the evidence
    last: int | None = None

    def __add__(self, other: Term) -> Term:
        firsts = [x for x in (self.first, other.first) if x is not None]
        lasts = [x for x in (self.last, other.last) if x is not None]
        order = list(Sighting)
        return Term(
            start=self.start or other.start,
            end=self.end or other.end,
            bounds=(*self.bounds, *(b for b in other.bounds if b not in self.bounds)),
            duration=self.duration or other.duration,
            sighting=max(self.sighting, other.sighting, key=order.index),
            first=min(firsts) if firsts else None,
            last=max(lasts) if lasts else None,
        )


def story_bound(ctx: Context, relation: BoundRelation, words: str) -> Bound:
    """A bound at the story's date, in the words that set it; only words where it has no date."""
    reference = ctx.text.reference
    words = " ".join(words.split())
    if reference is None or not reference.resolved:
        return Bound(relation, TimeValue(None, None, words))
    return Bound(relation, reference.written(words))


# A term that begins with the sentence or after it: "wordt dinsdag beëdigd", "treedt volgende week aan".
_PRESENT_START = re.compile(
    r"\b(?:wordt|worden|zal|zullen|gaat|gaan)\s+(?:[^\s.;:,]+\s+){0,5}?(?:beëdigd|geïnstalleerd|aantreden|benoemd)\b|"
    r"\b(?:treedt|treden)\s+(?:[^\s.;:,]+\s+){0,5}?aan(?=\s*(?:[.;:,!?]|$))",
    re.IGNORECASE,
)


def marker_term(ctx: Context, modifier: str | None, ended: str | None, words: str, sentence: Sentence) -> Term:
    """What a word before a title says of the term ("oud-", "de nieuwe", "aantredende")."""
    kind = ENDED if ended else TERM_MODIFIERS.get((modifier or "").casefold())
    if kind == ENDED:
        return Term(bounds=(story_bound(ctx, BoundRelation.END_NOT_AFTER, ended or words),), sighting=Sighting.NONE)
    if kind == STARTING:
        return Term(bounds=(story_bound(ctx, BoundRelation.START_NOT_BEFORE, words),), sighting=Sighting.NONE)
    if kind == BEGUN:
        if _PRESENT_START.search(ctx.body, sentence.start, sentence.end):
            return Term(sighting=Sighting.NONE)  # "de nieuwe premier wordt dinsdag beëdigd": not yet
        return Term(bounds=(story_bound(ctx, BoundRelation.START_NOT_AFTER, words),))
    if kind == THEN:
        return Term(sighting=Sighting.TOLD)
    return Term()


# ---- spans -----------------------------------------------------------------------------------

_LEAD = re.compile(
    r"(?:\b(?P<since>sinds|vanaf|per|met\s+ingang\s+van)|\b(?P<from>van)|\b(?P<until>tot(?:\s+en\s+met)?))\s+$",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(?P<a>\S.*?)(?:\s+tot(?:\s+en\s+met)?\s+|\s*[-–]\s*)(?P<b>\S.*)", re.IGNORECASE)
_TOT = re.compile(r"\s+tot(?:\s+en\s+met)?\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Span:
    """A date phrase with what it says of a term: the start, the end, or neither (a bare date)."""

    start: int
    end: int
    since: TimeValue | None = None
    until: TimeValue | None = None
    on: TimeValue | None = None  # a bare date: when what the sentence tells happens


def _spans(ctx: Context, sentence: Sentence, a: int, b: int) -> list[_Span]:
    """The date phrases in [a, b) with their leading words: "sinds 2019", "van 2010 tot 2017"."""
    body, reference = ctx.body, ctx.text.reference
    mentions = [m for m in ctx.text.dates(sentence) if a <= m.start and m.end <= b]
    found: list[_Span] = []
    used: set[int] = set()
    for index, mention in enumerate(mentions):
        if index in used:
            continue
        lead = _LEAD.search(body[max(sentence.start, a - 24, mention.start - 24) : mention.start])
        first = mention.start - len(lead.group()) if lead else mention.start
        kind = lead.lastgroup if lead else None
        whole = _RANGE.fullmatch(mention.value.as_written)
        parts = [parse_date(whole.group(p), reference=reference) for p in "ab"] if whole else []
        if len(parts) == 2 and parts[0] is not None and parts[1] is not None and kind in (None, "from"):
            found.append(_Span(first, mention.end, since=parts[0], until=parts[1]))
        elif kind == "since":
            found.append(_Span(first, mention.end, since=mention.value))
        elif kind == "from":
            after = mentions[index + 1] if index + 1 < len(mentions) else None
            if after is not None and _TOT.fullmatch(body[mention.end : after.start]):
                used.add(index + 1)
                found.append(_Span(first, after.end, since=mention.value, until=after.value))
        elif kind == "until":
            found.append(_Span(first, mention.end, until=mention.value))
        else:
            found.append(_Span(mention.start, mention.end, on=mention.value))
    return found


def _told_as_past(ctx: Context, value: TimeValue, past: bool) -> bool:
    """An end is a fact where it may lie before the story ("tot 2017 premier"); wholly after
    it, a plan ("tot 2027")."""
    reference = ctx.text.reference
    if reference is not None and reference.latest and value.earliest:
        return value.earliest <= reference.latest
    return past


def span_term(ctx: Context, sentence: Sentence, a: int, b: int, *, past: bool) -> Term:
    """The start and end the date phrases in [a, b) give a term."""
    term = Term()
    for span in _spans(ctx, sentence, a, b):
        until = span.until if span.until is not None and _told_as_past(ctx, span.until, past) else None
        if span.since is None and until is None:
            continue
        term = term + Term(start=span.since, end=until, first=span.start, last=span.end)
    return term


# ---- durations -------------------------------------------------------------------------------

_NOT_A_TERM_BEFORE = re.compile(r"\b(?:over|binnen|voor|in|om|per|elke|iedere|komende|na)\s+$", re.IGNORECASE)
_NOT_A_TERM_AFTER = re.compile(r"^\s*(?:geleden|later|eerder|oud|daarvoor|daarna|terug|cel|celstraf)\b", re.I)
_SO_FAR = re.compile(r"\b(?:al|inmiddels|reeds|nu|sinds|afgelopen)\s+$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _durations(text: str) -> tuple[DurationMention, ...]:
    """Duration phrases of a sentence; each sentence is asked about once per name in it."""
    return tuple(find_durations(text))


def duration_in(ctx: Context, sentence: Sentence, a: int, b: int, *, past: bool) -> Term:
    """The duration in [a, b) of a term: the whole term where it is told as past, else at least."""
    text = ctx.body[sentence.start : sentence.end]
    for found in _durations(text):
        start, end = sentence.start + found.start, sentence.start + found.end
        if not (a <= start and end <= b) or "termijn" in found.text.casefold():
            continue
        before, after = ctx.body[max(sentence.start, start - 12) : start], ctx.body[end : sentence.end]
        if _NOT_A_TERM_BEFORE.search(before) or _NOT_A_TERM_AFTER.match(after):
            continue
        so_far = _SO_FAR.search(before)
        if so_far is not None:
            start -= len(so_far.group())
        words = " ".join(ctx.body[start:end].split())
        if past and so_far is None:
            return Term(duration=Duration(found.min_days, found.max_days, words), first=start, last=end)
        return Term(duration=Duration(found.min_days, None, words), first=start, last=end)
    return Term()


def time_extents(ctx: Context, sentence: Sentence) -> list[tuple[int, int]]:
    """Where the sentence's dates, date spans and durations stand, to read past them."""
    extents = [(s.start, s.end) for s in _spans(ctx, sentence, sentence.start, sentence.end)]
    text = ctx.body[sentence.start : sentence.end]
    extents += [(sentence.start + d.start, sentence.start + d.end) for d in _durations(text)]
    return extents


def bare_dates(ctx: Context, sentence: Sentence, a: int, b: int) -> list[TimeValue]:
    """The dates in [a, b) that are neither a start nor an end: "wordt dinsdag premier"."""
    return [s.on for s in _spans(ctx, sentence, a, b) if s.on is not None]
