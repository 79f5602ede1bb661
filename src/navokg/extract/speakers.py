"""Who speaks: a person, a pronoun or title standing for one, or a body speaking as a whole.

A statement needs an identifiable speaker (docs/annotations.md): a named person, or an
organisation or country speaking collectively.  Besides the names the registry and the
person finder give, Dutch names collective speakers in a few regular ways, each read here
as the body it stands for:

- the government and its papers: "het kabinet", "de regering", "de Voorjaarsnota"
  (``lexicon.GOVERNMENT_WORDS``) are Nederland;
- a country adjective before an organ of state: "de Amerikaanse regering", "het Russische
  ministerie van Defensie", "Amerikaanse presidenten" are that country;
- an organisation or party before a hyphen and its members or voice: "de NAVO-landen",
  "de Volt-fractie", "een EU-woordvoerder" are the organisation or party, as are "de
  fractie van de PVV" and "een woordvoerder van de NAVO".

A subject pronoun that opens a sentence ("Hij vermoedt …") stands for the subject of the
sentence before it in the same paragraph (the first person that sentence names outside
quotations and prepositional phrases), because Dutch news continues with the person the
paragraph is about; when that sentence opens with a title and no name ("De Amerikaanse
president vindt …") the pronoun is the title's holder, or nobody this text names.
Elsewhere a pronoun is the last person named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from navokg.extract.context import Context
from navokg.extract.lexicon import GOVERNMENT_WORDS, PARTY_KEYS, PORTFOLIOS
from navokg.extract.offices import parse_title
from navokg.extract.persons import PersonMention
from navokg.extract.text import Sentence
from navokg.model import EntityKind

__all__ = ["Speaker", "Speakers"]

WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_PRONOUN = re.compile(r"^(?:hij|zij|ze|Hij|Zij|Ze)$")
# After "volgens" a pronoun is an object form: "Volgens haar probeert Rusland …".
_OBJECT_PRONOUN = re.compile(r"^(?:hem|haar|Hem|Haar)$")
_MEMBER_OF_GOVERNMENT = re.compile(r"\bbewinds(?:man|vrouw|persoon)\b", re.IGNORECASE)
_IN_PHRASE = re.compile(
    r"\b(?:[Ii]n|[Oo]p|[Bb]ij|[Tt]ijdens|[Aa]an|[Uu]it|[Nn]aar|[Mm]et|[Oo]ver|[Tt]egen)\s+(?:de\s+|het\s+)?$"
)
_PAPER = re.compile(r"nota|programma|akkoord|brief", re.IGNORECASE)
_PRONOUN_GENDER = {"hij": "m", "hem": "m", "zij": "f", "haar": "f"}
_DEMONSTRATIVE = re.compile(r"^(?:Die|Deze)$")
_STOP_SPEAKER = re.compile(r"\b(?:die|dat|wie|welke|waar|omdat|nadat|zodat|terwijl|maar)\b")
_JOINED = re.compile(r"\s*(?:\([^()]*\))?\s*(?:,|en)\s*(?:(?:de|het)\s+)?(?:[\w-]+\s+)?")
_DESCRIBED = re.compile(r"\b[Dd]e\s+(?:[\w-]+\s+){0,2}?[\w-]+")
_QUOTE_MARKS = " ‘’“”„\"'"
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:volgens|van|met|aan|over|bij|voor|tot|naar|door|tegen|zonder|namens|dan|als|op|in|om)\s+"
    r"(?:(?:de|het)\s+)?(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "…, zei de partijleider tegen premier X": the one spoken to does not speak.
_ADDRESSEE = re.compile(r"\b(?:tegen|aan|met|tot)\s+(?:(?:de|het)\s+)?(?:[a-z][\w-]*\s+)?$")
# "staatssecretaris van Justitie en Veiligheid X": the ministry named in a title does not speak.
_TITLE_OF = re.compile(
    r"\b(?:minister|staatssecretaris|secretaris-generaal|commissaris|ambassadeur|directeur|voorzitter)\s+"
    r"(?:van|voor|bij)\s+(?:de\s+|het\s+)?$",
    re.IGNORECASE,
)
_PORTFOLIO = "|".join(re.escape(p) for p in sorted(PORTFOLIOS, key=len, reverse=True))
_STATE_ORGANS = (
    r"regering|kabinet|overheid|autoriteiten|presidenten|premiers|ministerie|leger|legerleiding|"
    r"strijdkrachten|parlement|ambassade|diplomatie|delegatie|inlichtingendiensten?"
)
_COUNTRY_ORGAN = re.compile(
    rf"(?=[DdHhA-ZÀ-Þ])(?<![\w-])(?:(?:[Dd]e|[Hh]et)\s+)?(?P<adj>[A-ZÀ-Þ][^\W\d_]*e)\s+(?:{_STATE_ORGANS})\b"
    rf"(?:\s+van\s+(?:{_PORTFOLIO}))?"
)
_MINISTRY = re.compile(rf"(?<![\w-])(?:[Hh]et\s+)?[Mm]inisterie\s+van\s+(?P<portfolio>{_PORTFOLIO})\b")
_MEMBERS = re.compile(
    r"(?<![\w-])(?:(?:[Dd]e|[Ee]en)\s+)?(?P<name>[A-ZÀ-Þ][\w]*)-(?:fractie|landen|lidstaten|bondgenoten|"
    r"woordvoerder|woordvoerster)\b"
)
_VOICE_OF = re.compile(
    r"(?<![\w-])(?:[Dd]e|[Ee]en)\s+(?:fractie|woordvoerder|woordvoerster|delegatie)\s+van\s+(?:de\s+|het\s+)?"
    r"(?P<name>[A-ZÀ-Þ][\w-]*(?:\s+[A-ZÀ-Þ][\w-]*){0,3})"
)


# Words each pattern cannot match without, tested before it runs.
_ORGAN_WORDS = (
    "regering", "kabinet", "overheid", "autoriteiten", "presidenten", "premiers", "ministerie", "leger",
    "strijdkrachten", "parlement", "ambassade", "diplomatie", "delegatie", "inlichtingendienst",
)  # fmt: skip
_MEMBER_WORDS = ("-fractie", "-landen", "-lidstaten", "-bondgenoten", "-woordvoerder", "-woordvoerster")
_VOICE_WORDS = ("fractie", "woordvoerder", "woordvoerster", "delegatie")


def _finditer(pattern: re.Pattern[str], text: str, words: tuple[str, ...]) -> list[re.Match[str]]:
    return list(pattern.finditer(text)) if any(word in text for word in words) else []


@dataclass(frozen=True)
class Speaker:
    keys: tuple[str, ...]
    start: int
    end: int
    confidence: float


class Speakers:
    """Finds the speaker in a span of one document's text."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.body = ctx.body
        self.parties = self._parties()

    # ---- bodies that speak as a whole ----------------------------------------------

    def _parties(self) -> list[tuple[int, int, str]]:
        """Organisations and countries the text names, and collective bodies standing for them."""
        ctx, body = self.ctx, self.body
        spans = [
            (a, b, key)
            for a, b, key, kind in ctx.text.named
            if kind in (EntityKind.ORGANIZATION, EntityKind.COUNTRY)
            and body[b : b + 1] != "-"
            and not _TITLE_OF.search(body, max(0, a - 40), a)
        ]
        collective = self._collective()
        foreign = [(a, b) for a, b, key in collective if key != "nederland"]
        spans += [
            (m.start(), m.end(), "nederland")
            for m in GOVERNMENT_WORDS.finditer(body)
            if not any(a <= m.start() < b for a, b in foreign)  # "het Duitse kabinet"
        ]
        return sorted(set(spans + collective))

    def _collective(self) -> list[tuple[int, int, str]]:
        """Collective bodies by the patterns above; each runs only where its words occur."""
        ctx, body = self.ctx, self.body
        found: list[tuple[int, int, str]] = []
        for match in _finditer(_COUNTRY_ORGAN, body, _ORGAN_WORDS):
            country = ctx.country_of_adjective(match.group("adj"))
            if country is not None:
                found.append((match.start(), match.end(), country))
        for match in _finditer(_MINISTRY, body, ("inisterie",)):
            ministry = ctx.lookup(f"ministerie van {match.group('portfolio')}", EntityKind.ORGANIZATION)
            found.append((match.start(), match.end(), ministry or "nederland"))
        for pattern, words in ((_MEMBERS, _MEMBER_WORDS), (_VOICE_OF, _VOICE_WORDS)):
            for match in _finditer(pattern, body, words):
                key = ctx.lookup(match.group("name"), EntityKind.ORGANIZATION, EntityKind.COUNTRY)
                if key is not None:
                    found.append((match.start(), match.end(), key))
        return found

    # ---- the speaker of a span -------------------------------------------------------

    def within(
        self,
        start: int,
        end: int,
        *,
        first_only: bool = False,
        plural: bool = False,
        objects: bool = False,
        addressed: bool = False,
    ) -> Speaker | None:
        """Who speaks in a short span: person, pronoun, title holder, organisation, country.

        ``objects``: the span follows a preposition ("volgens"), so "hem" and "haar" are
        pronouns standing for a person too.  ``addressed``: the span may name the one spoken
        to ("…”, zei de partijleider tegen premier X"), who does not speak.
        """
        ctx = self.ctx
        text = self.body[start:end]
        stop = _STOP_SPEAKER.search(text)
        if stop:
            end = start + stop.start()
            text = text[: stop.start()]
        quote = ctx.text.quote_at(start)
        persons = [
            p
            for p in ctx.persons.within(start, end)
            if ctx.text.quote_at(p.start) == quote
            and not (addressed and _ADDRESSEE.search(self.body, max(start, p.start - 30), p.start))
        ]
        words = list(WORDS.finditer(text))
        pronoun = next((w for w in words if _PRONOUN.match(w.group())), None)
        if objects and words and _OBJECT_PRONOUN.match(words[0].group()):
            pronoun = words[0]
        if (
            pronoun is None
            and words
            and _DEMONSTRATIVE.match(words[0].group())
            and self.sentence_initial(start + words[0].start())
        ):
            pronoun = words[0]
        if persons and (pronoun is None or persons[0].start < start + pronoun.start()):
            return self._named(persons, end, first_only)
        if pronoun is not None:
            return self._pronoun(start + pronoun.start(), pronoun.group(), plural)
        first_person = next((w for w in words if w.group() in ("ik", "Ik")), None)
        if first_person is not None and quote is None and ctx.signatory is not None:
            # "… heb ik deze bijdrage aangekondigd" in a signed letter: its signatory.
            a = start + first_person.start()
            return Speaker((ctx.signatory,), a, a + 2, 0.8)
        described = self._described(start, end)
        if described is not None:
            return described
        for a, b, key in self.parties:
            if start <= a and b <= end and ctx.text.quote_at(a) == quote:
                if ctx.kind_of(key) is EntityKind.COUNTRY and key != "nederland" and a - start > 30:
                    continue
                if _IN_PHRASE.search(self.body, max(start, a - 14), a) and not _PAPER.search(self.body, a, b):
                    continue  # "In de Tweede Kamer vroeg Kamerlid X …": a place, not the speaker
                return Speaker((key,), a, b, 0.65)
        return None

    def _named(self, persons: list[PersonMention], end: int, first_only: bool) -> Speaker:
        """The first person named, with those joined to it ("Schreinemacher en Ollongren")."""
        chosen: list[tuple[int, int, str]] = [(persons[0].start, persons[0].end, persons[0].key)]
        if not first_only:
            candidates = sorted(
                [(p.start, p.end, p.key) for p in persons[1:]]
                + [(a, b, k) for a, b, k in self.parties if persons[0].end <= a and b <= end]
            )
            for later in candidates:
                between = self.body[chosen[-1][1] : later[0]]
                if _JOINED.fullmatch(between):
                    chosen.append(later)
                elif later[0] > chosen[-1][1]:
                    break
        keys = tuple(dict.fromkeys(k for _a, _b, k in chosen))
        return Speaker(keys, chosen[0][0], chosen[-1][1], 0.9 * persons[0].confidence + 0.1)

    def _pronoun(self, offset: int, word: str, plural: bool) -> Speaker | None:
        ctx = self.ctx
        end = offset + len(word)
        if plural and word.lower() in ("ze", "zij"):
            for at, group in reversed(ctx.speakers):
                if len(group) > 1 and offset - at < 1500:
                    return Speaker(group, offset, end, 0.6)
        gender = _PRONOUN_GENDER.get(word.lower())
        if _PRONOUN.match(word) and word[0].isupper() and self.sentence_initial(offset):
            previous_sentence = self._previous_sentence(offset)
            if previous_sentence is not None:
                subject = self.subject_of(previous_sentence)
                if subject is not None and (gender is None or ctx.gender_of(subject.key) in (None, gender)):
                    return Speaker((subject.key,), offset, end, 0.7)
                if self._titled_subject(previous_sentence):
                    # "De Amerikaanse president vindt … Hij wil …": the title's holder, if known.
                    described = self._described(previous_sentence.start, previous_sentence.end)
                    return Speaker(described.keys, offset, end, 0.55) if described else None
        previous = ctx.antecedent(offset, gender)
        if previous is not None:
            return Speaker((previous.key,), offset, end, 0.7)
        return None

    def _previous_sentence(self, offset: int) -> Sentence | None:
        """The sentence before the one at ``offset``, if in the same paragraph."""
        text = self.ctx.text
        index = text.sentence_index(offset)
        if index == 0:
            return None
        previous = text.sentences[index - 1]
        return previous if previous.paragraph == text.sentences[index].paragraph else None

    def _titled_subject(self, sentence: Sentence) -> bool:
        """Whether a sentence opens with a title without a name ("De Amerikaanse president …")."""
        words = self.body[sentence.start : min(sentence.end, sentence.start + 80)].split()[:5]
        if not words or words[0] not in ("De", "Het"):
            return False
        return any(parse_title(" ".join(words[:size]), 0) is not None for size in range(len(words), 1, -1))

    def subject_of(self, sentence: Sentence) -> PersonMention | None:
        """The first person a sentence names outside quotations and prepositional phrases."""
        return self.first_subject(sentence.start, sentence.end)

    def first_subject(self, start: int, end: int) -> PersonMention | None:
        """The first person named in [start, end) outside quotations and prepositional phrases."""
        ctx = self.ctx
        previous_end = start
        for person in ctx.persons.within(start, end):
            lead = self.body[max(previous_end, person.start - 40) : person.start]
            previous_end = person.end
            if ctx.text.quote_at(person.start) is not None or _PREPOSITION_BEFORE.search(lead):
                continue
            return person
        return None

    def sentence_initial(self, offset: int) -> bool:
        sentence = self.ctx.text.sentence_at(offset)
        return not self.body[sentence.start : offset].strip(_QUOTE_MARKS)

    def _party(self, prefix: str | None) -> str | None:
        """The party a title's prefix names ("BBB" in "de BBB-leider"), as written."""
        if prefix and self.ctx.lookup(prefix, EntityKind.ORGANIZATION) in PARTY_KEYS:
            return prefix
        return None

    def _of_party(self, party: str, offset: int) -> str | None:
        """The person last named with this party before ``offset``: "Caroline van der Plas
        (BBB)", "X van de BBB", "namens de BBB", "BBB-leider X": "de BBB-leider" is theirs,
        not the last party leader of any party."""
        name = re.escape(party)
        after = re.compile(rf"\s*(?:\(\s*{name}\s*\)|,?\s+(?:van|namens)\s+(?:de|het)\s+{name}\b)")
        before = re.compile(rf"\b{name}-[\w-]+\s+$")
        found = None
        for person in self.ctx.persons.within(0, offset):
            if after.match(self.body, person.end) or before.search(self.body, max(0, person.start - 40), person.start):
                found = person.key
        return found

    def _described(self, start: int, end: int) -> Speaker | None:
        """A title without a name ("de minister") as its holder in this text."""
        match = _DESCRIBED.search(self.body[start:end])
        if not match:
            return None
        at = start + match.start()
        words = match.group().split()
        for size in range(len(words), 1, -1):
            phrase = " ".join(words[:size])
            title = parse_title(phrase, at)
            if title is None:
                continue
            party = self._party(title.prefix)
            holder = self._of_party(party, start) if party else self.ctx.holder_by_head(title.head, start)
            member = _MEMBER_OF_GOVERNMENT.search(phrase)
            if member is not None:  # "de bewindsvrouw": a minister or state secretary
                gender = "f" if member.group().endswith("vrouw") else "m" if member.group().endswith("man") else None
                holder = self.ctx.holder_by_heads(("minister", "staatssecretaris"), start, gender)
            if holder is not None:
                return Speaker((holder,), at, at + len(phrase), 0.55)
        return None
