"""What every rule set reads while extracting one document, and shared small helpers.

One ``Context`` per document: the text layer, the persons found, the registry, the
entities the document introduces and the evidence maker.  Nothing here outlives the
document, so extraction is the same in any order and in parallel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from navokg.dutch.dates import DateMention, Tense, TimeValue
from navokg.dutch.titles import seats_of_title
from navokg.extract.lexicon import given_name_genders
from navokg.extract.persons import PersonIndex, PersonMention
from navokg.extract.syntax import Parses
from navokg.extract.text import Sentence, TextAnalysis
from navokg.model import Entity, EntityKind, Evidence
from navokg.sources.documents import Document
from navokg.sources.entities import Registry
from navokg.vocab import slugify

__all__ = ["Context", "clamp"]

_SIR = re.compile(r"\b(?:de\s+heer|dhr\.)\s+$")
_DATE_SKIP_BEFORE = re.compile(r"(?:\bsinds|\bvanaf|\btot(?:\s+en\s+met)?|\bperiode|\bvoor)\s+$", re.I)
_BUDGET_PERIOD = re.compile(r"^(?:dit|volgend|komend|het\s+komende)\s+jaar$", re.I)


def _adjective_table(registry: Registry) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((e.key, e.adjectives) for e in registry.of_kind(EntityKind.COUNTRY) if e.adjectives)


_VOWELS = "aeiouyëïéèöü"


def uninflected(adjective: str) -> str | None:
    """The form without -e that Dutch writes before a bare title ("Israëlisch premier",
    "Oekraïens president"): Israëlische -> Israëlisch, Chinese -> Chinees."""
    if not adjective.endswith("e") or len(adjective) < 5:
        return None
    stem = adjective[:-1]
    last, vowel, before = stem[-1], stem[-2], stem[-3]
    if last not in _VOWELS and vowel in _VOWELS and before not in _VOWELS:
        stem = stem[:-1] + vowel + last  # an open syllable closes: Libanese -> Libanees
    return stem


@lru_cache(maxsize=8)
def _adjectives(table: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    """Country adjective -> country key, built once per gazetteer content."""
    found: dict[str, str] = {}
    for key, adjectives in table:
        for adjective in adjectives:
            found[adjective.casefold()] = key
            bare = uninflected(adjective)
            if bare is not None:
                found.setdefault(bare.casefold(), key)
    return found


_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÀ-Þ][\w-]*(?!\w)")


def clamp(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 3)


@dataclass
class Context:
    document: Document
    registry: Registry
    text: TextAnalysis
    persons: PersonIndex
    entities: dict[str, Entity] = field(default_factory=dict)
    holders: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # office -> (offset, person)
    speakers: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    # Who signed the text (a letter's closing "De minister van …,\n\nNaam"): its "ik".
    signatory: str | None = None

    @property
    def body(self) -> str:
        return self.text.body

    @cached_property
    def parses(self) -> Parses:
        """Parses of the sentences the rules ask about, made once each."""
        return Parses(self.text)

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for a span, trimmed of surrounding white space."""
        body = self.body
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        return Evidence(self.document.id, start, end, body[start:end])

    # ---- entities -----------------------------------------------------------------

    def kind_of(self, key: str) -> EntityKind | None:
        if key in self.entities:
            return self.entities[key].kind
        if key in self.registry:
            return self.registry.get(key).kind
        return None

    def label_of(self, key: str) -> str:
        if key in self.entities:
            return self.entities[key].label
        return self.registry.get(key).label if key in self.registry else key

    def lookup(self, name: str, *kinds: EntityKind) -> str | None:
        """The one entity of the given kinds a name means, or None."""
        found = self.registry.lookup(name, kinds or None)
        if len(found) == 1:
            return found[0].key
        for entity in self.entities.values():
            if entity.kind in kinds and name.casefold() in (n.casefold() for n in entity.names):
                return entity.key
        return None

    def new_entity(self, kind: EntityKind, label: str, key: str | None = None, **extra: str | None) -> str:
        """A key for an entity this document introduces, never clashing with another kind."""
        key = key or slugify(label)
        known = self.kind_of(key)
        if known is kind:
            return key
        if known is not None:
            key = f"{key}-{kind.value}"
            if self.kind_of(key) is kind:
                return key
        post_in = extra.get("post_in")
        seats = seats_of_title(label) if kind is EntityKind.OFFICE else None
        self.entities[key] = Entity(kind, key, label, post_in=post_in, seats=seats)
        return key

    @cached_property
    def _adjective_map(self) -> dict[str, str]:
        """Country adjective -> country key for this document's registry, looked up once."""
        return _adjectives(_adjective_table(self.registry))

    def country_of_adjective(self, word: str) -> str | None:
        """The country an adjective points to ("Russische" -> rusland), through the registry."""
        return self._adjective_map.get(word.casefold())

    def adjective_mentions(self) -> list[tuple[int, int, str]]:
        """Country adjectives in the body ("de Oekraïense bevolking"): (start, end, country)."""
        table = self._adjective_map
        return [
            (m.start(), m.end(), table[m.group().casefold()])
            for m in _CAPITALISED.finditer(self.body)
            if m.group().casefold() in table
        ]

    # ---- persons and speakers -----------------------------------------------------

    def person_before(self, offset: int, limit: int = 600) -> PersonMention | None:
        return self.persons.before(offset, limit)

    @cached_property
    def _genders(self) -> dict[str, str]:
        """Each person's gender where the text or the given name says it: "mevrouw X",
        "de heer X", else the given name's list (``lexicon.given_name_genders``)."""
        names = given_name_genders()
        found: dict[str, str] = {}
        for mention in self.persons.mentions:
            before = self.body[max(0, mention.start - 12) : mention.start].lower()
            cue = "f" if re.search(r"\b(?:mevrouw|mevr\.)\s+$", before) else "m" if _SIR.search(before) else ""
            if cue:
                found[mention.key] = cue
        for mention in self.persons.mentions:
            if mention.key not in found:
                label = self.label_of(mention.key)
                gender = names.get(label.split()[0]) if label else None
                if gender:
                    found[mention.key] = gender
        return found

    def gender_of(self, person: str) -> str | None:
        """ "f", "m" or None (unknown) for a person this text names."""
        return self._genders.get(person)

    def antecedent(self, offset: int, gender: str | None, limit: int = 600) -> PersonMention | None:
        """The last person named before ``offset`` whom a pronoun of that gender can mean: not
        one named only inside a quotation the pronoun stands outside of ("“Pieter heeft de
        partij opgebouwd”, zei ze" is not Pieter)."""
        quote = self.text.quote_at(offset)
        for mention in reversed(self.persons.within(max(0, offset - limit), offset)):
            inside = self.text.quote_at(mention.start)
            if inside is not None and inside != quote:
                continue
            if gender is None or self.gender_of(mention.key) in (None, gender):
                return mention
        return None

    def remember_holder(self, office: str, offset: int, person: str, head: str = "") -> None:
        self.holders.setdefault(office, []).append((offset, person))
        if head:
            self.holders.setdefault("head:" + head, []).append((offset, person))

    def holder_by_head(self, head: str, offset: int) -> str | None:
        """The person this text last gave a title with this head ("de minister")."""
        return self.holder_of("head:" + head, offset)

    def holder_by_heads(self, heads: tuple[str, ...], offset: int, gender: str | None) -> str | None:
        """The person this text last gave a title with one of these heads, of a compatible gender
        ("de bewindsvrouw": the last minister or state secretary who is not a man)."""
        best: tuple[int, str] | None = None
        for head in heads:
            for at, person in self.holders.get("head:" + head, ()):
                later = at <= offset and (best is None or at > best[0])
                if later and (gender is None or self.gender_of(person) in (None, gender)):
                    best = (at, person)
        return best[1] if best else None

    def holder_of(self, office: str, offset: int) -> str | None:
        """The person this text last named as holding ``office`` before ``offset``."""
        best = None
        for at, person in self.holders.get(office, ()):
            if at <= offset:
                best = person
        return best

    # ---- dates ---------------------------------------------------------------------

    def fact_date(self, sentence: Sentence, start: int, end: int, tense: Tense | None = None) -> TimeValue | None:
        """When a fact in [start, end) happened, as the text gives it.

        A date in the fact's own words, else the time frame an earlier sentence of the
        paragraph opened with ("Vorig jaar januari bezocht ... Die zou ..."), else the
        document's reference date.  Budget periods ("volgend jaar") and the bounds of a
        period ("sinds 2018", "tot 2026") say when money is for, not when it was said.
        """
        for mention in self.text.dates(sentence, tense):
            if not start <= mention.start < end:
                continue
            if self._is_event_date(mention):
                return mention.value
        frame = self.frame_date(sentence)
        if frame is not None:
            return frame
        return self.text.reference

    def _is_event_date(self, mention: DateMention) -> bool:
        reference = self.text.reference
        value = mention.value
        if reference and reference.latest and value.earliest and value.earliest > reference.latest:
            return False  # later than the text itself: a plan's period, not when it was said
        before = self.body[max(0, mention.start - 20) : mention.start]
        words = mention.value.as_written
        if _DATE_SKIP_BEFORE.search(before) or (before.endswith(", ") and re.fullmatch(r"\d{4}", words)):
            return False
        return not (_BUDGET_PERIOD.match(words) and self.text.reference is not None)

    def frame_date(self, sentence: Sentence) -> TimeValue | None:
        """The date an earlier sentence of the same paragraph opened with."""
        index = self.text.sentence_index(sentence.start)
        for previous in reversed(self.text.sentences[max(0, index - 4) : index]):
            if previous.paragraph != sentence.paragraph:
                break
            for mention in self.text.dates(previous):
                lead = self.body[previous.start : mention.start]
                if len(lead.split()) <= 2 and mention.value.resolved and self._is_event_date(mention):
                    return mention.value
                if self.text.reference is None and self._is_event_date(mention):
                    return mention.value
        return None
