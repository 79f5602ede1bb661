"""Write facts in the curated-annotation format, so that they read back as the same facts.

``navokg extract`` prints the extractor's facts this way for a researcher to correct, and
review (``navokg serve --review``) writes its decisions this way; docs/annotations.md
describes the format and ``navokg.sources.annotations`` reads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import yaml

from navokg.dutch.dates import TimeValue, parse_date, parse_iso
from navokg.dutch.durations import parse_duration
from navokg.model import (
    QUOTE_JOIN,
    DocumentFacts,
    Duration,
    Entity,
    Evidence,
    OfficeHolding,
    ReportedFact,
    Statement,
    StatementKind,
)
from navokg.sources.entities import Registry
from navokg.vocab import slugify

__all__ = ["annotation_data", "annotation_text", "dump_annotation", "entity_namer", "entity_out"]

SECTION_ORDER = ("document", "notes", "entities", "mentions", "office_holdings", "statements", "aid_commitments")


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


def entity_namer(registry: Registry, introduced: Iterable[Entity]) -> Callable[[str], str]:
    """How a fact names an entity in the file: its label where that reads back as it, else its key.

    The registry the file is read against holds the entities it introduces, so names are
    checked against the two together: a label two entities share is written as the key.
    """
    known = registry.copy()
    for entity in introduced:
        known.add(entity)

    def name(key: str) -> str:
        if key not in known:
            return key
        label = known.get(key).label
        return label if [e.key for e in known.lookup(label)] == [key] else key

    return name


def _fact_out(fact: ReportedFact, name: Callable[[str], str], body: str) -> tuple[str, dict[str, Any]]:
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


def entity_out(entity: Entity) -> dict[str, Any]:
    """An entity as an annotation file's ``entities:`` declares it (its key where not the label's slug)."""
    return {
        "type": entity.kind.value,
        **({"key": entity.key} if entity.key != slugify(entity.label) else {}),
        "label": entity.label,
        **({"aliases": list(entity.aliases)} if entity.aliases else {}),
        **({"post_in": entity.post_in} if entity.post_in else {}),
        **({"seats": entity.seats} if entity.seats is not None else {}),
    }


def annotation_data(facts: DocumentFacts, registry: Registry) -> dict[str, Any]:
    """A document's facts as the mapping an annotation file holds, in the order it is written."""
    body = facts.document.body
    out: dict[str, Any] = {"document": facts.document.id}
    if facts.entities:
        out["entities"] = [entity_out(e) for e in facts.entities]
    name = entity_namer(registry, facts.entities)
    sections: dict[str, list[dict[str, Any]]] = {}
    for fact in facts.facts:
        section, item = _fact_out(fact, name, body)
        sections.setdefault(section, []).append(item)
    for section in ("office_holdings", "statements", "aid_commitments"):
        if sections.get(section):
            out[section] = sections[section]
    return out


def annotation_text(data: dict[str, Any], *, header: str = "") -> str:
    """An annotation mapping as YAML, its sections in the usual order, under a comment header."""
    ordered = {key: data[key] for key in SECTION_ORDER if key in data}
    ordered |= {key: value for key, value in data.items() if key not in ordered}
    comment = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    return comment + yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)


def dump_annotation(facts: DocumentFacts, registry: Registry) -> str:
    """Write a document's facts in the curated-annotation format (YAML)."""
    doc_id = facts.document.id
    header = (
        f"Facts found in {doc_id}. Check each against the text, correct or delete\n"
        f"it, and save as graph/annotations/{doc_id}.yaml to make it curated."
    )
    return annotation_text(annotation_data(facts, registry), header=header)
