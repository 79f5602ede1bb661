"""Curated annotation files: a researcher's facts about one document, in YAML.

One file per document, ``graph/annotations/{id}.yaml``; docs/annotations.md describes the
format.  Facts name entities by key, label or alias, dates as Dutch phrases or ISO, and
evidence as the exact words of the text; the loader resolves all three and refuses
anything it cannot pin down, naming the file, line and fact.
``navokg.sources.annotation_writer`` writes the same format, so the extractor's output
can be corrected and saved as a curated file.  A fact may carry a ``review:`` (written by
``navokg serve --review``): pending facts are still the extractor's, rejected ones make
no fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from navokg.dutch.amounts import parse_amount, parse_number
from navokg.dutch.dates import TimeValue, parse_date, parse_iso
from navokg.dutch.durations import iso_duration_days, parse_duration
from navokg.errors import AnnotationError, EntityError, EvidenceError
from navokg.model import (
    QUOTE_JOIN,
    SEPARATE,
    AidCommitment,
    AidItem,
    AidStatus,
    AidType,
    Bound,
    BoundRelation,
    DocumentFacts,
    Duration,
    Entity,
    EntityKind,
    Evidence,
    Method,
    OfficeHolding,
    ReportedFact,
    Statement,
    StatementKind,
)
from navokg.sources.documents import Document
from navokg.sources.entities import NAMED_KINDS, Registry, entity_from_mapping
from navokg.sources.evidence import Hint, locate
from navokg.sources.yamlio import LineDict, load_yaml_file, unknown_keys, where
from navokg.vocab import ID_BASE, expand_iri

__all__ = [
    "ANNOTATION_SUFFIX",
    "FACT_SECTIONS",
    "SECTION_KEYS",
    "AnnotationEntry",
    "Review",
    "ReviewState",
    "annotation_entries",
    "annotation_path",
    "load_annotation",
    "read_annotation_entities",
]

ANNOTATION_SUFFIX = ".yaml"
TOP_KEYS = ("document", "notes", "entities", "mentions", "office_holdings", "statements", "aid_commitments")
HOLDING_KEYS = (
    "holder", "office", "start", "end", "attested", *(r.value for r in BoundRelation), "duration", "predecessor",
    "successor", "evidence", "note", "confidence", "merge", "review",
)  # fmt: skip
STATEMENT_KEYS = ("speaker", "kind", "text", "date", "about", "evidence", "note", "confidence", "merge", "review")
AID_KEYS = (
    "donor", "donors", "recipient", "amount", "currency", "date", "status", "type", "items",
    "evidence", "note", "confidence", "merge", "review",
)  # fmt: skip
SECTION_KEYS = {"office_holdings": HOLDING_KEYS, "statements": STATEMENT_KEYS, "aid_commitments": AID_KEYS}
REVIEW_KEYS = ("state", "by", "at", "was")
MAX_REVIEWER = 100  # characters: a name or handle
EVIDENCE_KEYS = ("exact", "prefix", "suffix", "occurrence", "start")
DATE_KEYS = ("written", "value", "earliest", "latest")
DURATION_KEYS = ("written", "at_least", "at_most")
SPEAKER_KINDS = (EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.COUNTRY)
PARTY_KINDS = (EntityKind.COUNTRY, EntityKind.ORGANIZATION)


class ReviewState(StrEnum):
    """Where an automatic fact stands in review (``navokg serve --review``)."""

    PENDING = "pending"  # still the extractor's: automatic, with its confidence
    ACCEPTED = "accepted"  # confirmed as it was: curated
    CORRECTED = "corrected"  # confirmed with other roles, on the same evidence: curated
    REJECTED = "rejected"  # wrong: kept in the file so that it stays rejected, makes no fact


@dataclass(frozen=True)
class Review:
    """A fact's ``review:``: its state, who decided and when, and what a correction replaced."""

    state: ReviewState
    by: str | None = None
    at: str | None = None  # ISO 8601 with its UTC offset, as written
    was: dict[str, Any] | None = None


@dataclass(frozen=True)
class AnnotationEntry:
    """One fact of an annotation file: its place, its review, and the fact as the file states it."""

    section: str
    index: int  # position in its section, from 0
    review: Review | None
    fact: ReportedFact  # a pending fact is automatic, with its confidence

    @property
    def rejected(self) -> bool:
        """A rejected fact is kept in the file, checked like any other, and makes no fact."""
        return self.review is not None and self.review.state is ReviewState.REJECTED


def annotation_path(directory: Path, doc_id: str) -> Path:
    return Path(directory) / f"{doc_id}{ANNOTATION_SUFFIX}"


def _load(path: Path, raw: bytes | None = None) -> LineDict:
    data = load_yaml_file(path, AnnotationError, raw)
    if not isinstance(data, dict):
        raise AnnotationError(f"{path}: an annotation file must be a mapping with keys {', '.join(TOP_KEYS)}")
    problem = unknown_keys(data, TOP_KEYS)
    if problem:
        raise AnnotationError(f"{where(path, data)}: {problem}")
    return data  # type: ignore[return-value]


def read_annotation_entities(paths: Iterable[Path]) -> list[Entity]:
    """The entities all annotation files introduce, so any file may name any of them."""
    found: list[Entity] = []
    for path in paths:
        items = _load(path).get("entities") or []
        if not isinstance(items, list):
            raise AnnotationError(f"{path}: 'entities' must be a list")
        for item in items:
            try:
                found.append(entity_from_mapping(item, None, path))
            except EntityError as exc:
                raise AnnotationError(str(exc)) from None
    return found


@dataclass
class _Context:
    """What every part of one annotation file is read against."""

    path: Path
    document: Document
    registry: Registry

    def fail(self, node: Any, label: str, message: str) -> AnnotationError:
        return AnnotationError(f"{where(self.path, node)}: {label}: {message}")

    def entity(self, node: Any, label: str, name: Any, kinds: Iterable[EntityKind]) -> str:
        if not isinstance(name, str) or not name.strip():
            raise self.fail(node, label, f"expected a name or key, got {name!r}")
        try:
            return self.registry.resolve(name.strip(), kinds).key
        except EntityError as exc:
            raise self.fail(node, label, f"{exc} (declare new ones under 'entities')") from None


def _fact_label(section: str, index: int, node: Any, field: str) -> str:
    name = node.get(field) if isinstance(node, dict) else None
    if isinstance(name, list):
        name = "; ".join(str(n) for n in name)
    return f"{section}[{index}]" + (f" ({name})" if name else "")


def _evidence(ctx: _Context, node: Any, label: str) -> tuple[Evidence, ...]:
    raw = node.get("evidence")
    if raw is None:
        raise ctx.fail(node, label, "every fact needs 'evidence': the exact words of the text")
    items = raw if isinstance(raw, list) else [raw]
    found: list[Evidence] = []
    for item in items:
        words: Any
        if isinstance(item, str):
            words, hint = item, Hint()
        elif isinstance(item, dict):
            unknown = sorted(set(item) - set(EVIDENCE_KEYS))
            if unknown:
                raise ctx.fail(item, label, f"unknown evidence key(s) {', '.join(unknown)}")
            words = item.get("exact")
            if not isinstance(words, str):
                raise ctx.fail(item, label, "evidence needs 'exact': the words of the text")
            for key in ("occurrence", "start"):
                if item.get(key) is not None and not isinstance(item.get(key), int):
                    raise ctx.fail(item, label, f"evidence '{key}' must be a whole number")
            hint = Hint(item.get("prefix"), item.get("suffix"), item.get("occurrence"), item.get("start"))
        else:
            raise ctx.fail(node, label, "evidence must be text, a mapping with 'exact', or a list of them")
        try:
            found.append(locate(ctx.document.id, ctx.document.body, words, hint))
        except EvidenceError as exc:
            raise EvidenceError(f"{where(ctx.path, node)}: {label}: {exc}") from None
    return tuple(found)


def _date(ctx: _Context, node: Any, label: str, field: str) -> TimeValue | None:
    value = node.get(field)
    if value is None:
        return None
    reference = ctx.document.reference_date
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        try:
            parsed = parse_date(value, reference=reference)
        except ValueError as exc:
            raise ctx.fail(node, label, f"'{field}': {exc}") from None
        if parsed is None:
            raise ctx.fail(
                node,
                label,
                f"'{field}' '{value}' is no date navokg can read; write e.g. 2024-10-01, "
                "'1 oktober 2024', 'eind 2022' or {written: ..., value: YYYY-MM-DD}",
            )
        if not parsed.resolved:
            raise ctx.fail(
                node,
                label,
                f"'{field}' '{value}' is relative and {ctx.document.id} gives no date to resolve "
                f"it against; write {{written: {value}, value: YYYY-MM-DD}} or {{written: {value}}}",
            )
        return parsed
    if isinstance(value, dict):
        unknown = sorted(set(value) - set(DATE_KEYS))
        if unknown:
            raise ctx.fail(value, label, f"unknown date key(s) {', '.join(unknown)}")
        written = str(value.get("written") or value.get("value") or "").strip()
        if not written:
            raise ctx.fail(value, label, f"'{field}' needs 'written' (the words) or 'value'")
        try:
            if value.get("value") is not None:
                bounds = parse_iso(str(value["value"]))
                return TimeValue(bounds.earliest, bounds.latest, written)
            if value.get("earliest") is not None or value.get("latest") is not None:
                lo = parse_iso(str(value.get("earliest"))).earliest
                hi = parse_iso(str(value.get("latest"))).latest
                return TimeValue(lo, hi, written)
        except ValueError as exc:
            raise ctx.fail(value, label, f"'{field}': {exc}") from None
        parsed = parse_date(written, reference=reference)
        return parsed if parsed is not None else TimeValue(None, None, written)
    raise ctx.fail(node, label, f"'{field}' must be a date phrase, YYYY[-MM[-DD]] or a mapping")


def _confidence(ctx: _Context, node: Any, label: str) -> None:
    value = node.get("confidence")
    if value is not None and not (isinstance(value, (int, float)) and 0 <= value <= 1):
        raise ctx.fail(node, label, "'confidence' must be a number between 0 and 1")


def _check_keys(ctx: _Context, node: Any, label: str, allowed: tuple[str, ...]) -> None:
    if not isinstance(node, dict):
        raise ctx.fail(node, label, "each fact must be a mapping")
    problem = unknown_keys(node, allowed)
    if problem:
        raise ctx.fail(node, label, problem)
    _confidence(ctx, node, label)


def _timestamp(value: Any) -> bool:
    """Whether a value is an ISO 8601 date and time with its UTC offset ("2025-03-01T14:05:00Z")."""
    if not isinstance(value, str) or "T" not in value:
        return False
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return False
    return moment.tzinfo is not None


def _review(ctx: _Context, node: Any, label: str, section: str) -> Review | None:
    """The fact's ``review:`` (``pending``, or state, by, at and for corrections was), checked."""
    raw = node.get("review")
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = {"state": raw}
    if not isinstance(raw, dict):
        raise ctx.fail(node, label, "'review' must be 'pending' or a mapping with state, by and at")
    problem = unknown_keys(raw, REVIEW_KEYS)
    if problem:
        raise ctx.fail(raw, label, f"'review': {problem}")
    try:
        state = ReviewState(str(raw.get("state")))
    except ValueError:
        states = ", ".join(s.value for s in ReviewState)
        raise ctx.fail(raw, label, f"'review' state must be one of {states}, got {raw.get('state')!r}") from None
    by, at, was = raw.get("by"), raw.get("at"), raw.get("was")
    if state is ReviewState.PENDING:
        if by is not None or at is not None or was is not None:
            raise ctx.fail(raw, label, "a pending fact has not been decided: no 'by', 'at' or 'was'")
        if node.get("confidence") is None:
            raise ctx.fail(node, label, "a pending fact is still the extractor's: it keeps its 'confidence'")
        return Review(state)
    if not isinstance(by, str) or not by.strip() or len(by) > MAX_REVIEWER or "\n" in by:
        raise ctx.fail(raw, label, f"'review' needs 'by': who decided, a name of at most {MAX_REVIEWER} characters")
    if not _timestamp(at):
        raise ctx.fail(raw, label, "'review' needs 'at': when, in ISO 8601 with the offset, e.g. 2025-03-01T14:05:00Z")
    if was is not None:
        if state is not ReviewState.CORRECTED:
            raise ctx.fail(raw, label, "'was' records what a correction replaced; only corrected facts have it")
        roles = tuple(k for k in SECTION_KEYS[section] if k not in ("confidence", "review", "merge", "note"))
        problem = unknown_keys(was, roles) if isinstance(was, dict) else "it must map roles to their old values"
        if problem:
            raise ctx.fail(raw, label, f"'review' 'was': {problem}")
    if state is not ReviewState.REJECTED and node.get("confidence") is not None:
        raise ctx.fail(node, label, f"an {state.value} fact is curated: it has no 'confidence'")
    return Review(state, by.strip(), str(at).strip(), dict(was) if was else None)


def _merge(ctx: _Context, node: Any, label: str) -> str | None:
    """``merge: separate`` keeps a report apart; ``merge: <fact IRI>`` joins it to that fact."""
    value = node.get("merge")
    if value is None:
        return None
    text = str(value).strip()
    if text == SEPARATE:
        return SEPARATE
    text = expand_iri(text)
    if not re.fullmatch(re.escape(ID_BASE) + r"(holding|statement|aid)/[0-9a-f]{16}", text):
        raise ctx.fail(
            node,
            label,
            f"'merge' must be 'separate' or a fact IRI such as id:aid/0123456789abcdef, got '{value}'",
        )
    return text


def _note(node: Any) -> str | None:
    note = node.get("note")
    return " ".join(str(note).split()) if note else None


def _holding(ctx: _Context, node: Any, index: int) -> OfficeHolding:
    label = _fact_label("office_holdings", index, node, "holder")
    _check_keys(ctx, node, label, HOLDING_KEYS)
    start = _date(ctx, node, label, "start")
    end = _date(ctx, node, label, "end")
    if start and end and start.earliest and end.latest and end.latest < start.earliest:
        raise ctx.fail(node, label, f"ends ({end.as_written}) before it starts ({start.as_written})")
    bounds = tuple(
        Bound(relation, when)
        for relation in BoundRelation
        if (when := _date(ctx, node, label, relation.value)) is not None
    )
    holder = ctx.entity(node, label, node.get("holder"), [EntityKind.PERSON])
    predecessor, successor = (
        ctx.entity(node, label, node[role], [EntityKind.PERSON]) if node.get(role) is not None else None
        for role in ("predecessor", "successor")
    )
    if holder in (predecessor, successor):
        raise ctx.fail(node, label, "a holder cannot be their own predecessor or successor")
    return OfficeHolding(
        holder=holder,
        office=ctx.entity(node, label, node.get("office"), [EntityKind.OFFICE]),
        evidence=_evidence(ctx, node, label),
        start=start,
        end=end,
        attested=_date(ctx, node, label, "attested"),
        bounds=bounds,
        duration=_duration(ctx, node, label),
        predecessor=predecessor,
        successor=successor,
        note=_note(node),
        merge=_merge(ctx, node, label),
    )


def _duration(ctx: _Context, node: Any, label: str) -> Duration | None:
    """How long the term lasted: Dutch words ("tien jaar") or at_least/at_most as ISO durations."""
    value = node.get("duration")
    if value is None:
        return None
    if isinstance(value, str):
        days = parse_duration(value)
        if days is None:
            raise ctx.fail(
                node,
                label,
                f"'duration' '{value}' is no duration navokg can read; write e.g. 'tien jaar', "
                "'ruim zes jaar', or {written: ..., at_least: P6Y, at_most: P7Y}",
            )
        return Duration(days[0], days[1], value)
    if isinstance(value, dict):
        problem = unknown_keys(value, DURATION_KEYS)
        if problem or not value.get("written") or value.get("at_least") is None:
            raise ctx.fail(value, label, problem or "'duration' needs 'written' and 'at_least' (and 'at_most')")
        try:
            least = iso_duration_days(str(value["at_least"]))
            most = iso_duration_days(str(value["at_most"])) if value.get("at_most") is not None else None
        except ValueError as exc:
            raise ctx.fail(value, label, f"'duration': {exc}") from None
        if most is not None and most < least:
            raise ctx.fail(value, label, "'duration': at_most is shorter than at_least")
        return Duration(least, most, str(value["written"]))
    raise ctx.fail(node, label, "'duration' must be words ('tien jaar') or a mapping")


def _quote_parts(ctx: _Context, node: Any, label: str, text: Any) -> str:
    parts = text if isinstance(text, list) else [text]
    if not parts or not all(isinstance(p, str) and p.strip() for p in parts):
        raise ctx.fail(node, label, "'text' must be the quoted words (or a list of quote parts)")
    for part in parts:
        try:
            locate(ctx.document.id, ctx.document.body, part, Hint(occurrence=1))
        except EvidenceError:
            raise ctx.fail(
                node,
                label,
                f"direct quote '{part[:50]}' does not occur in {ctx.document.id}; a direct "
                "statement's text must be the exact quoted words",
            ) from None
    # The ellipsis marks where the attribution was cut out ("…", zei hij, "…").
    return QUOTE_JOIN.join(" ".join(p.split()) for p in parts)


def _statement(ctx: _Context, node: Any, index: int) -> Statement:
    label = _fact_label("statements", index, node, "speaker")
    _check_keys(ctx, node, label, STATEMENT_KEYS)
    try:
        kind = StatementKind(node.get("kind", "direct"))
    except ValueError:
        raise ctx.fail(node, label, "'kind' must be direct or indirect") from None
    text = node.get("text")
    if kind is StatementKind.DIRECT:
        text = _quote_parts(ctx, node, label, text)
    elif not isinstance(text, str) or not text.strip():
        raise ctx.fail(node, label, "'text' must say what was reported")
    about = node.get("about") or []
    if isinstance(about, str):
        about = [about]
    speakers = node.get("speaker")
    speakers = speakers if isinstance(speakers, list) else [speakers]
    return Statement(
        speakers=tuple(ctx.entity(node, label, s, SPEAKER_KINDS) for s in speakers),
        kind=kind,
        text=" ".join(text.split()),
        evidence=_evidence(ctx, node, label),
        date=_date(ctx, node, label, "date"),
        about=tuple(ctx.entity(node, label, a, list(EntityKind)) for a in about),
        note=_note(node),
        merge=_merge(ctx, node, label),
    )


def _items(ctx: _Context, node: Any, label: str) -> tuple[AidItem, ...]:
    raw = node.get("items") or []
    if not isinstance(raw, list):
        raise ctx.fail(node, label, "'items' must be a list")
    items: list[AidItem] = []
    for item in raw:
        if isinstance(item, str):
            items.append(AidItem(item.strip()))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("label"), str):
            raise ctx.fail(item, label, "each item needs a 'label' (and optionally 'quantity')")
        unknown = sorted(set(item) - {"label", "quantity"})
        if unknown:
            raise ctx.fail(item, label, f"unknown item key(s) {', '.join(unknown)}")
        quantity = item.get("quantity")
        if quantity is not None:
            try:
                number = parse_number(str(quantity)) if not isinstance(quantity, int) else Decimal(quantity)
            except ValueError:
                raise ctx.fail(item, label, f"quantity '{quantity}' is not a number") from None
            if number != number.to_integral() or number < 0:
                raise ctx.fail(item, label, f"quantity '{quantity}' must be a whole number")
            quantity = int(number)
        items.append(AidItem(item["label"].strip(), quantity))
    return tuple(items)


def _aid(ctx: _Context, node: Any, index: int) -> AidCommitment:
    label = _fact_label("aid_commitments", index, node, "recipient")
    _check_keys(ctx, node, label, AID_KEYS)
    donors = node.get("donors", node.get("donor"))
    if donors is None:
        raise ctx.fail(node, label, "needs 'donor' or 'donors'")
    donors = donors if isinstance(donors, list) else [donors]
    currency = node.get("currency")
    if currency is not None and (not isinstance(currency, str) or len(currency) != 3 or not currency.isupper()):
        raise ctx.fail(node, label, f"currency '{currency}' must be an ISO 4217 code such as EUR")
    amount = written = None
    if node.get("amount") is not None:
        try:
            money = parse_amount(str(node["amount"]), currency=currency)
        except ValueError as exc:
            raise ctx.fail(node, label, str(exc)) from None
        if currency and money.currency and money.currency != currency:
            raise ctx.fail(node, label, f"amount is in {money.currency} but currency says {currency}")
        if money.currency is None:
            raise ctx.fail(node, label, "amount has no currency; add 'currency: EUR' (or the right code)")
        amount, currency = money.amount, money.currency
        written = money.as_written if not str(node["amount"]).strip().isdigit() else None
    for key, enum in (("status", AidStatus), ("type", AidType)):
        if node.get(key) is not None and node.get(key) not in {e.value for e in enum}:
            raise ctx.fail(node, label, f"'{key}' must be one of {', '.join(e.value for e in enum)}")
    return AidCommitment(
        donors=tuple(ctx.entity(node, label, d, PARTY_KINDS) for d in donors),
        recipient=ctx.entity(node, label, node.get("recipient"), PARTY_KINDS),
        evidence=_evidence(ctx, node, label),
        amount=amount,
        currency=currency,
        amount_as_written=written,
        date=_date(ctx, node, label, "date"),
        status=AidStatus(node["status"]) if node.get("status") else None,
        aid_type=AidType(node["type"]) if node.get("type") else None,
        items=_items(ctx, node, label),
        note=_note(node),
        merge=_merge(ctx, node, label),
    )


FACT_SECTIONS = ("office_holdings", "statements", "aid_commitments")
_READERS: dict[str, Callable[[_Context, Any, int], ReportedFact]] = {
    "office_holdings": _holding,
    "statements": _statement,
    "aid_commitments": _aid,
}
_LABEL_FIELDS = {"office_holdings": "holder", "statements": "speaker", "aid_commitments": "recipient"}


def _entry(ctx: _Context, section: str, node: Any, index: int) -> AnnotationEntry:
    """One fact with its review: a pending fact stays automatic, with the extractor's confidence."""
    label = _fact_label(section, index, node, _LABEL_FIELDS[section])
    _check_keys(ctx, node, label, SECTION_KEYS[section])
    review = _review(ctx, node, label, section)
    fact = _READERS[section](ctx, node, index)
    if review is not None and review.state is ReviewState.PENDING:
        fact = replace(fact, method=Method.AUTOMATIC, confidence=float(node["confidence"]))
    return AnnotationEntry(section, index - 1, review, fact)


def _entries(ctx: _Context, data: LineDict) -> list[AnnotationEntry]:
    entries: list[AnnotationEntry] = []
    for section in FACT_SECTIONS:
        items = data.get(section) or []
        if not isinstance(items, list):
            raise AnnotationError(f"{where(ctx.path, data)}: '{section}' must be a list")
        entries.extend(_entry(ctx, section, node, index) for index, node in enumerate(items, 1))
    return entries


def _read(
    path: Path, document: Document, registry: Registry, raw: bytes | None = None
) -> tuple[LineDict, _Context, list[AnnotationEntry]]:
    data = _load(path, raw)
    named = data.get("document")
    if named is not None and str(named) != document.id:
        raise AnnotationError(
            f"{where(path, data)}: names document '{named}' but belongs to '{document.id}' "
            "(annotation files are named after their document)"
        )
    ctx = _Context(path, document, registry)
    return data, ctx, _entries(ctx, data)


def annotation_entries(path: Path, document: Document, registry: Registry) -> list[AnnotationEntry]:
    """Every fact of an annotation file in file order, with its review, checked as a build checks it."""
    return _read(path, document, registry)[2]


def load_annotation(path: Path, document: Document, registry: Registry, *, raw: bytes | None = None) -> DocumentFacts:
    """Read one annotation file (or its bytes, read elsewhere) against its document and the entity registry."""
    data, ctx, entries = _read(path, document, registry, raw)
    facts = [entry.fact for entry in entries if not entry.rejected]
    introduced = [entity_from_mapping(e, None, path) for e in data.get("entities") or []]
    aliases: dict[str, list[str]] = {}
    mentioned: list[str] = []
    for start, end, key in registry.scan(document.body, NAMED_KINDS):
        mentioned.append(key)
        aliases.setdefault(key, []).append(document.body[start:end])
    extra = data.get("mentions") or []
    if not isinstance(extra, list):
        raise AnnotationError(f"{where(path, data)}: 'mentions' must be a list of names or keys")
    mentioned += [ctx.entity(data, "mentions", name, NAMED_KINDS) for name in extra]
    mentioned += _fact_parties(facts, registry)
    return DocumentFacts(
        document=document,
        method=Method.CURATED,
        facts=tuple(facts),
        entities=tuple(introduced),
        mentions=tuple(sorted(set(mentioned))),
        aliases={k: tuple(sorted(set(v))) for k, v in sorted(aliases.items())},
    )


def _fact_parties(facts: Iterable[ReportedFact], registry: Registry) -> list[str]:
    """Persons, organizations and countries the facts themselves name."""
    keys: list[str] = []
    for fact in facts:
        if isinstance(fact, OfficeHolding):
            keys.append(fact.holder)
        elif isinstance(fact, Statement):
            keys += fact.speakers
        else:
            keys += [*fact.donors, fact.recipient]
    return [k for k in keys if registry.get(k).kind in NAMED_KINDS]
