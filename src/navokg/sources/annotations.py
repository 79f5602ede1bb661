"""Curated annotation files: a researcher's facts about one document, in YAML.

One file per document, ``graph/annotations/{id}.yaml``; docs/annotations.md describes the
format.  Facts name entities by key, label or alias, dates as Dutch phrases or ISO, and
evidence as the exact words of the text; the loader resolves all three and refuses
anything it cannot pin down, naming the file, line and fact.  ``dump_annotation`` writes
the same format, so the extractor's output can be corrected and saved as a curated file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

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
    Fact,
    Method,
    OfficeHolding,
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
    "annotation_path",
    "dump_annotation",
    "load_annotation",
    "read_annotation_entities",
]

ANNOTATION_SUFFIX = ".yaml"
TOP_KEYS = ("document", "notes", "entities", "mentions", "office_holdings", "statements", "aid_commitments")
HOLDING_KEYS = (
    "holder", "office", "start", "end", "attested", *(r.value for r in BoundRelation), "duration", "predecessor",
    "successor", "evidence", "note", "confidence", "merge",
)  # fmt: skip
STATEMENT_KEYS = ("speaker", "kind", "text", "date", "about", "evidence", "note", "confidence", "merge")
AID_KEYS = (
    "donor", "donors", "recipient", "amount", "currency", "date", "status", "type", "items",
    "evidence", "note", "confidence", "merge",
)  # fmt: skip
EVIDENCE_KEYS = ("exact", "prefix", "suffix", "occurrence", "start")
DATE_KEYS = ("written", "value", "earliest", "latest")
DURATION_KEYS = ("written", "at_least", "at_most")
SPEAKER_KINDS = (EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.COUNTRY)
PARTY_KINDS = (EntityKind.COUNTRY, EntityKind.ORGANIZATION)


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


def _facts(ctx: _Context, data: LineDict) -> list[Fact]:
    facts: list[Fact] = []
    for section, reader in (
        ("office_holdings", _holding),
        ("statements", _statement),
        ("aid_commitments", _aid),
    ):
        items = data.get(section) or []
        if not isinstance(items, list):
            raise AnnotationError(f"{where(ctx.path, data)}: '{section}' must be a list")
        facts.extend(reader(ctx, node, index) for index, node in enumerate(items, 1))
    return facts


def load_annotation(path: Path, document: Document, registry: Registry, *, raw: bytes | None = None) -> DocumentFacts:
    """Read one annotation file (or its bytes, read elsewhere) against its document and the entity registry."""
    data = _load(path, raw)
    named = data.get("document")
    if named is not None and str(named) != document.id:
        raise AnnotationError(
            f"{where(path, data)}: names document '{named}' but belongs to '{document.id}' "
            "(annotation files are named after their document)"
        )
    ctx = _Context(path, document, registry)
    facts = _facts(ctx, data)
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


def _fact_parties(facts: Iterable[Fact], registry: Registry) -> list[str]:
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


# ---- writing ------------------------------------------------------------------------


def _date_out(value: TimeValue | None) -> Any:
    """Write a period so that it reads back as the same period, as plainly as possible."""
    if value is None:
        return None
    if not value.resolved or value.lexical is None:
        return {"written": value.as_written}
    if value.as_written == value.lexical:
        return value.lexical
    if parse_date(value.as_written) == value:
        return value.as_written
    whole = parse_iso(value.lexical)
    if (whole.earliest, whole.latest) == (value.earliest, value.latest):
        return {"written": value.as_written, "value": value.lexical}
    assert value.earliest is not None and value.latest is not None
    return {
        "written": value.as_written,
        "earliest": value.earliest.isoformat(),
        "latest": value.latest.isoformat(),
    }


def _duration_out(value: Duration | None) -> Any:
    """A duration as its words where they read back as the same days, else with its days."""
    if value is None:
        return None
    if parse_duration(value.as_written) == (value.min_days, value.max_days):
        return value.as_written
    most = {"at_most": f"P{value.max_days}D"} if value.max_days is not None else {}
    return {"written": value.as_written, "at_least": f"P{value.min_days}D", **most}


def _occurs(words: list[str], body: str) -> bool:
    return re.search(r"\s+".join(re.escape(w) for w in words), body) is not None


def _quote_parts_out(text: str, body: str) -> list[str]:
    """Split a joined quote back into the parts that occur in the text, longest first."""
    pieces = text.split(QUOTE_JOIN)
    if len(pieces) > 1 and all(_occurs(p.split(), body) for p in pieces):
        return pieces
    words = text.split()
    parts: list[str] = []
    while words:
        cut = len(words)
        while cut > 1 and not _occurs(words[:cut], body):
            cut -= 1
        parts.append(" ".join(words[:cut]))
        words = words[cut:]
    return parts


def _evidence_out(evidence: tuple[Evidence, ...], body: str) -> Any:
    out: list[Any] = []
    for ev in evidence:
        unique = body.count(ev.exact) == 1
        out.append(ev.exact if unique else {"exact": ev.exact, "start": ev.start})
    return out[0] if len(out) == 1 else out


def _fact_out(fact: Fact, registry: Registry, body: str) -> tuple[str, dict[str, Any]]:
    def name(key: str) -> str:
        return registry.get(key).label if key in registry else key

    common: dict[str, Any] = {}
    if isinstance(fact, OfficeHolding):
        section = "office_holdings"
        common = {"holder": name(fact.holder), "office": name(fact.office)}
        common["start"] = _date_out(fact.start)
        common["end"] = _date_out(fact.end)
        common["attested"] = _date_out(fact.attested)
        common |= {bound.relation.value: _date_out(bound.when) for bound in fact.bounds}
        common["duration"] = _duration_out(fact.duration)
        common["predecessor"] = name(fact.predecessor) if fact.predecessor else None
        common["successor"] = name(fact.successor) if fact.successor else None
    elif isinstance(fact, Statement):
        section = "statements"
        speakers = [name(s) for s in fact.speakers]
        common = {"speaker": speakers[0] if len(speakers) == 1 else speakers}
        text: Any = fact.text
        if fact.kind is StatementKind.DIRECT:
            parts = _quote_parts_out(fact.text, body)
            text = parts[0] if len(parts) == 1 else parts
        common |= {"kind": fact.kind.value, "text": text}
        common["date"] = _date_out(fact.date)
        common["about"] = [name(a) for a in fact.about] or None
    else:
        section = "aid_commitments"
        donors = [name(d) for d in fact.donors]
        common = {"donors" if len(donors) > 1 else "donor": donors if len(donors) > 1 else donors[0]}
        common["recipient"] = name(fact.recipient)
        # The words as written keep the hedge and the form; the number is what they mean.
        common["amount"] = fact.amount_as_written or (int(fact.amount) if fact.amount is not None else None)
        common["currency"] = fact.currency
        common["date"] = _date_out(fact.date)
        common["status"] = fact.status.value if fact.status else None
        common["type"] = fact.aid_type.value if fact.aid_type else None
        common["items"] = [
            {"label": i.label, **({"quantity": i.quantity} if i.quantity is not None else {})} for i in fact.items
        ] or None
    common["evidence"] = _evidence_out(fact.evidence, body)
    if fact.confidence is not None:
        common["confidence"] = round(fact.confidence, 3)
    if fact.note:
        common["note"] = fact.note
    if fact.merge:
        common["merge"] = fact.merge
    return section, {k: v for k, v in common.items() if v is not None}


def dump_annotation(facts: DocumentFacts, registry: Registry) -> str:
    """Write a document's facts in the curated-annotation format (YAML)."""
    body = facts.document.body
    out: dict[str, Any] = {"document": facts.document.id}
    if facts.entities:
        out["entities"] = [
            {
                "type": e.kind.value,
                "label": e.label,
                **({"aliases": list(e.aliases)} if e.aliases else {}),
                **({"post_in": e.post_in} if e.post_in else {}),
            }
            for e in facts.entities
        ]
    sections: dict[str, list[dict[str, Any]]] = {}
    for fact in facts.facts:
        section, item = _fact_out(fact, registry, body)
        sections.setdefault(section, []).append(item)
    for section in ("office_holdings", "statements", "aid_commitments"):
        if sections.get(section):
            out[section] = sections[section]
    header = (
        f"# Facts found in {facts.document.id}. Check each against the text, correct or delete\n"
        f"# it, and save as graph/annotations/{facts.document.id}.yaml to make it curated.\n"
    )
    return header + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=100)
