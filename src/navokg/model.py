"""Facts with their evidence: what extraction and annotation produce and rdf.py writes.

Entities are referred to by key (the slug in their IRI); keys are unique across kinds so
an annotation can say ``speaker: mark-rutte`` without naming the kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from navokg.dutch.dates import TimeValue
from navokg.sources.documents import Document
from navokg.vocab import doc_iri, entity_iri

SEPARATE = "separate"
# How the parts of a quote interrupted by its attribution join into one statement text.
QUOTE_JOIN = " … "

__all__ = [
    "QUOTE_JOIN",
    "SEPARATE",
    "AidCommitment",
    "AidItem",
    "AidStatus",
    "AidType",
    "Bound",
    "BoundRelation",
    "DocumentFacts",
    "Duration",
    "Entity",
    "EntityKind",
    "Evidence",
    "Method",
    "OfficeHolding",
    "ReportedFact",
    "Statement",
    "StatementKind",
    "with_successions",
]


class EntityKind(StrEnum):
    """The kinds of reference entity; the value is the IRI path segment."""

    PERSON = "person"
    ORGANIZATION = "organization"
    COUNTRY = "country"
    OFFICE = "office"


class Method(StrEnum):
    """How a fact came to be: a researcher's annotation or the automatic extractor."""

    CURATED = "curated"
    AUTOMATIC = "automatic"


class StatementKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"


class AidStatus(StrEnum):
    """What the text says happened to the aid, in the order aid usually moves."""

    PLANNED = "planned"
    ANNOUNCED = "announced"
    RESERVED = "reserved"
    COMMITTED = "committed"
    DELIVERED = "delivered"


class AidType(StrEnum):
    MILITARY = "military"
    FINANCIAL = "financial"
    HUMANITARIAN = "humanitarian"


@dataclass(frozen=True)
class Entity:
    """A person, organization, country or office, with its names."""

    kind: EntityKind
    key: str
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    post_in: str | None = None
    same_as: tuple[str, ...] = ()
    # Adjectives that point to a country ("Oekraïense" president), for the extractor.
    adjectives: tuple[str, ...] = ()
    # For offices: 1 where one person holds it at a time (a country's prime minister, a
    # named minister's portfolio, NATO's Secretary General); None for seats many hold.
    seats: int | None = None

    @property
    def iri(self) -> str:
        return entity_iri(self.kind.value, self.key)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *((self.label_en,) if self.label_en else ()), *self.aliases)


@dataclass(frozen=True)
class Evidence:
    """The exact words in a document body that support a fact: ``body[start:end] == exact``."""

    document: str  # the document's id
    start: int
    end: int
    exact: str

    @property
    def document_iri(self) -> str:
        return doc_iri(self.document)


class BoundRelation(StrEnum):
    """How a date bounds a term without being its start or end ("oud-premier", "wordt premier")."""

    START_NOT_BEFORE = "start_not_before"
    START_NOT_AFTER = "start_not_after"
    END_NOT_BEFORE = "end_not_before"
    END_NOT_AFTER = "end_not_after"


@dataclass(frozen=True)
class Bound:
    """One side of a term's start or end, as the words place it against a date.

    "oud-premier Rutte" in a story of 2 December 2025 says the premiership ended no later
    than that day; "Schoof wordt premier" in one of 2 July 2024 that it starts no earlier.
    """

    relation: BoundRelation
    when: TimeValue


@dataclass(frozen=True)
class Duration:
    """How long a term lasted, as the words say it: "tien jaar", "ruim zes jaar lang"."""

    min_days: int
    max_days: int | None  # None: at least min_days ("meer dan tien jaar")
    as_written: str


@dataclass(frozen=True)
class OfficeHolding:
    """A person holding an office, with start and end where the text gives them."""

    holder: str
    office: str
    evidence: tuple[Evidence, ...]
    start: TimeValue | None = None
    end: TimeValue | None = None
    # When the text shows the office held without saying when it began or ended
    # ("demissionair premier Mark Rutte" in a November 2021 story).
    attested: TimeValue | None = None
    bounds: tuple[Bound, ...] = ()
    duration: Duration | None = None
    # Who held the office before or after this holder, as the text says ("volgt Rutte op").
    predecessor: str | None = None
    successor: str | None = None
    method: Method = Method.CURATED
    confidence: float | None = None
    note: str | None = None
    # How this report joins others: None matches by content, SEPARATE keeps it apart,
    # anything else is the IRI of the fact it reports (a curated annotation decides).
    merge: str | None = None


@dataclass(frozen=True)
class Statement:
    """Words someone said or wrote: the exact quote (direct) or the reported content."""

    speakers: tuple[str, ...]
    kind: StatementKind
    text: str
    evidence: tuple[Evidence, ...]
    date: TimeValue | None = None
    about: tuple[str, ...] = ()
    method: Method = Method.CURATED
    confidence: float | None = None
    note: str | None = None
    # How this report joins others: None matches by content, SEPARATE keeps it apart,
    # anything else is the IRI of the fact it reports (a curated annotation decides).
    merge: str | None = None


@dataclass(frozen=True)
class AidItem:
    """Something given as aid, with the number of units where the text counts them."""

    label: str
    quantity: int | None = None


@dataclass(frozen=True)
class AidCommitment:
    """Aid a donor commits to a recipient: amount, currency, date, status and items."""

    donors: tuple[str, ...]
    recipient: str
    evidence: tuple[Evidence, ...]
    amount: Decimal | None = None
    currency: str | None = None
    amount_as_written: str | None = None
    date: TimeValue | None = None
    status: AidStatus | None = None
    aid_type: AidType | None = None
    items: tuple[AidItem, ...] = ()
    method: Method = Method.CURATED
    confidence: float | None = None
    note: str | None = None
    # How this report joins others: None matches by content, SEPARATE keeps it apart,
    # anything else is the IRI of the fact it reports (a curated annotation decides).
    merge: str | None = None


# A fact as one document reports it; the graph joins the reports (``navokg.read.facts.Fact``).
ReportedFact = OfficeHolding | Statement | AidCommitment


@dataclass(frozen=True)
class DocumentFacts:
    """Everything one document contributes to the graph."""

    document: Document
    method: Method
    facts: tuple[ReportedFact, ...] = ()
    # Entities this document introduces (persons and offices not yet in the registry).
    entities: tuple[Entity, ...] = ()
    # Keys of every person, organization and country the body names.
    mentions: tuple[str, ...] = ()
    # Names seen in this text per entity key, for skos:altLabel.
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)


def with_successions(facts: DocumentFacts) -> DocumentFacts:
    """Add the other side of every succession a report states, as a report of its own.

    "Schoof volgt Rutte op als premier" reports two holdings of one office: Schoof's, which
    replaces Rutte's, and Rutte's, which Schoof's replaces; both rest on the same words.
    """
    added: list[OfficeHolding] = []
    for fact in facts.facts:
        if not isinstance(fact, OfficeHolding):
            continue
        # The other holder's report says only who followed whom: no dates of its own.
        bare = replace(fact, start=None, end=None, attested=None, bounds=(), duration=None, merge=None, note=None)
        if fact.predecessor is not None:
            added.append(replace(bare, holder=fact.predecessor, predecessor=None, successor=fact.holder))
        if fact.successor is not None:
            added.append(replace(bare, holder=fact.successor, predecessor=fact.holder, successor=None))
    if not added:
        return facts
    return replace(facts, facts=(*facts.facts, *added))
