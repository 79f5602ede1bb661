"""A person's timeline: offices held, statements made, and aid given through an office."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from navokg.network.load import load_projection, resolve_iri
from navokg.network.projection import DateWindow, EdgeKind, Fact, FactType, Node, Projection, When
from navokg.read.facts import stretches
from navokg.store import GraphStore

__all__ = [
    "Timeline",
    "TimelineEntry",
    "holding_detail",
    "timeline",
]


@dataclass(frozen=True)
class TimelineEntry:
    """A fact in a person's life: an office held, a statement, aid given through an office."""

    when: When | None
    kind: str
    what: str
    detail: str
    fact: Fact


@dataclass(frozen=True)
class Timeline:
    person: Node
    window: DateWindow | None
    entries: list[TimelineEntry]


def _held_then(holding: Fact, when: tuple[dt.date | None, dt.date | None]) -> bool:
    """Whether a holding was certainly held at some day of a period (its term, where derived)."""
    if when == (None, None):
        return False
    spans: list[tuple[dt.date | None, dt.date | None]] = [
        (s.first, s.last) for s in holding.held if s.certainty == "certain"
    ]
    if not holding.held:
        spans = [holding.bounds] if holding.bounds != (None, None) else []
    return any(DateWindow(*span).overlaps(*when) for span in spans)


def timeline(store: GraphStore, name: str, *, window: DateWindow | None = None) -> Timeline:
    """A person's offices, statements and the aid given by a state or body they served, by date.

    Aid counts as a person's when its donor is the post of an office they certainly held
    at the aid's date and the aid's document names them: an inference, marked as such.
    """
    wanted = resolve_iri(store, name)
    projection = load_projection(store)
    person = projection.node(wanted)
    facts = projection.facts.values()
    posts = {e.source: e.target for e in projection.select([EdgeKind.POST])}
    named_in = {e.source for e in projection.select([EdgeKind.MENTIONS]) if e.target == person.iri}
    held = [f for f in facts if f.type is FactType.HOLDING and person.iri in f.subjects]
    entries = []
    for fact in held:
        office = projection.nodes[fact.objects[0]].label if fact.objects else "?"
        entries.append(TimelineEntry(fact.when, "holding", office, holding_detail(fact), fact))
    for fact in facts:
        if fact.type is FactType.STATEMENT and person.iri in fact.subjects:
            about = ", ".join(projection.nodes[o].label for o in fact.objects if o in projection.nodes)
            detail = f"{fact.speech or 'statement'}" + (f", about {about}" if about else "")
            entries.append(TimelineEntry(fact.when, "statement", fact.text or "", detail, fact))
        elif fact.type is FactType.AID and named_in.intersection(fact.documents):
            via = next((h for h in held if posts.get(h.objects[0] if h.objects else "") in fact.subjects
                        and _held_then(h, fact.bounds)), None)  # fmt: skip
            if via is not None:
                office = projection.nodes[via.objects[0]].label
                entries.append(TimelineEntry(fact.when, "aid", _aid_summary(fact, projection),
                                             f"via office: {office}", fact))  # fmt: skip
    if window is not None:
        entries = [e for e in entries if window.overlaps(*e.fact.bounds)]
    entries.sort(key=_timeline_key)
    return Timeline(person, window, entries)


# How each kind of claim reads in a timeline: "from 2024-10-01", "over by “oud-premier”".
_CLAIM_WORDS = (
    ("start", "from"), ("start_not_before", "not before"), ("start_not_after", "begun by"), ("end", "until"),
    ("end_not_before", "still on"), ("end_not_after", "over by"), ("attested", "attested"),
)  # fmt: skip


def holding_detail(fact: Fact) -> str:
    """What the reports claim of a holding's term, and the term the build derives from them.

    "from 2024-10-01; attested 2025-02; held: certain 2024-10-01 – 2025-12-02, likely after
    (continuation)": the claims as the texts date them, then the days inside the term on
    every reading (certain) and on some (likely), with what those rest on.
    """
    claims = [(word, fact.dates(role)) for role, word in _CLAIM_WORDS]
    parts = [f"{word} {', '.join(w.said for w in dates)}" for word, dates in claims if dates]
    if fact.durations:
        parts.append(f"lasting {', '.join(f'“{d}”' for d in fact.durations)}")
    if fact.held:
        parts.append("held: " + ", ".join(s.text() for s in stretches(fact.held)))
    return "; ".join(parts)


def _timeline_key(entry: TimelineEntry) -> tuple[Any, ...]:
    when = entry.when
    lo = when.earliest if when and when.earliest else dt.date.max
    hi = when.latest if when and when.latest else dt.date.max
    return (lo, hi, ("holding", "statement", "aid").index(entry.kind), entry.fact.iri)


def _aid_summary(fact: Fact, projection: Projection) -> str:
    recipient = ", ".join(projection.nodes[o].label for o in fact.objects if o in projection.nodes)
    what = f"{fact.amount:f} {fact.currency or ''}".strip() if fact.amount is not None else ""
    items = "; ".join(f"{i.quantity} {i.label}" if i.quantity else i.label for i in fact.items)
    return f"to {recipient}" + (f": {' '.join(p for p in (what, items) if p)}" if what or items else "")
