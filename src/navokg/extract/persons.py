"""Persons: names in running Dutch text, linked to one key per person.

A name is a run of capitalised words with Dutch particles between them ("Jasper van
Dijk", "Ursula von der Leyen", "Dilan Yeşilgöz-Zegerius").  A run counts as a person
when the registry knows it, when it starts with a given name, when a title stands before
it ("minister Kaag", "informateur Van Zwol"), when a party or portfolio follows in
parentheses, or when it speaks ("Wilders vindt", "zegt Broeks", "Bijleveld: ‘…").
Surnames and possessives ("Ruttes") resolve to the full name the same text gives, else
to the registry.  Cabinet names ("kabinet-Rutte IV"), places and organisations are not
persons.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from navokg.extract.lexicon import (
    FUNCTION_WORDS,
    NON_NAME_WORDS,
    PARTICLES,
    PLACES,
    PORTFOLIOS,
    RANKS,
    TITLE_HEADS,
    first_names,
)
from navokg.extract.text import TextAnalysis
from navokg.model import Entity, EntityKind
from navokg.sources.entities import Registry
from navokg.vocab import slugify

__all__ = ["PersonIndex", "PersonMention", "find_persons"]

_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_WORD = rf"[{_UPPER}][^\W\d_]*(?:['’][{_UPPER}][^\W\d_]*)?(?:-[{_UPPER}][^\W\d_]*)*"
_PART = "|".join(sorted((re.escape(p) for p in PARTICLES), key=len, reverse=True))
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_SEQUENCE = re.compile(rf"(?<![\w\-'’]){_WORD}(?:{_GAP}(?:(?:{_PART}){_GAP})*{_WORD})*(?![\w-])")
_TOKEN = re.compile(rf"{_WORD}|(?:{_PART})(?![\w])")
# Compounds that name a kind of body, never part of a person's name: "Boerenorganisatie LTO".
_KIND_ENDINGS = ("organisatie", "vereniging", "vakbond", "ministerie", "koepel", "instituut")
_CAP_PARTICLES = frozenset({"Van", "De", "Den", "Der", "Ter", "Ten", "Te", "Von", "Le", "La", "Du", "Da", "El", "Al"})
_ARTICLE_BEFORE = re.compile(r"\b(?:de|het|een|De|Het|Een)\s+$")
_THING_BEFORE = re.compile(rf"(?:^|[\s(])(?:de|het|een|De|Het|Een)\s+(?:[{_UPPER}][^\W\d_]*\s+)?$")
_HEAD_WORDS = "|".join(sorted((re.escape(h) for h in TITLE_HEADS), key=len, reverse=True))
_TITLE_BEFORE = re.compile(
    rf"(?:^|[\s(])(?:[\w-]+-)?(?:oud-|ex-)?(?:{_HEAD_WORDS})(?:\s+(?:van|voor|der)\s+(?:de\s+|het\s+)?"
    rf"[\w-]+(?:\s+(?:en\s+)?[\w-]+){{0,4}})?(?:\s+(?:b\.d\.))?\s+(?:de\s+heer\s+|mevrouw\s+)?$"
    rf"|(?:^|\s)(?:de\s+heer|mevrouw|het\s+lid|dhr\.|mevr\.)\s+$",
    re.IGNORECASE,
)
_SPEECH_AFTER = re.compile(
    r"^\s*(?:,\s*)?(?:zegt|zei|vindt|vond|wil|wilde|waarschuwt|waarschuwde|benadrukt|benadrukte|"
    r"verklaart|verklaarde|noemt|noemde|meldt|meldde|schrijft|schreef|tweette|ziet|vermoedt|"
    r"verwacht|denkt|meent|hoopt|pleit|pleitte|reageert|reageerde|antwoordt|antwoordde|belooft|"
    r"beloofde|dreigt|dreigde|eist|eiste|ontkent|ontkende|kondigde|sprak|spreekt|heeft|had)\b"
    r"|^:\s*[‘“„\"'«]"
)
_SPEECH_BEFORE = re.compile(
    r"\b(?:zegt|zei|aldus|volgens|vindt|vond|waarschuwt|waarschuwde|benadrukt|benadrukte|verklaart|"
    r"verklaarde|meldt|meldde|tweette|schrijft|schreef|antwoordt|antwoordde|reageert|reageerde|"
    r"noemde|noemt|vroeg|vraagt|liet|laat)\s+$"
)
# A name right after a programme, publication or work noun is that work's title, not a
# person: "in het radioprogramma Buitenhof", "de talkshow Op1", "het boek Grip".
_WORK_BEFORE = re.compile(
    r"\b(?:radio|tv-?|televisie|praat|actualiteiten)?(?:programma|show|talkshow|podcast|rubriek|serie|"
    r"documentaire|film|boek|roman|krant|dagblad|weekblad|tijdschrift|uitzending|column)\s+$",
    re.IGNORECASE,
)
# "Roestem Oemerov, de Oekraïense minister van Defensie, …": a title in apposition.
_TITLE_AFTER = re.compile(
    rf"^\s*,\s*(?:de|het)\s+(?:[A-ZÀ-Þ][^\W\d_]*e\s+)?(?:[\w-]+-)?(?:oud-|ex-)?(?:{_HEAD_WORDS})\b", re.IGNORECASE
)
# Common-noun endings of capitalised words that are parts of titles, not names.
_GLUED = ("minister", "staatssecretaris", "voorzitter", "commissaris")
_COMMON_NOUN = re.compile(r"(?:hulp|zaken|samenwerking|handel|beleid|zorg|voorzitter|minister|commissaris)$", re.I)
_CABINET_BEFORE = re.compile(r"\b[Kk]abinet(?:[-\s])$")
_ROMAN_AFTER = re.compile(r"^\s+[IVX]+\b")
_PAREN_AFTER = re.compile(r"^\s*\(([^()\n]{1,90})\)")
_PORTFOLIO_WORDS = frozenset(w.casefold() for p in PORTFOLIOS for w in re.findall(r"[\w-]+", p))


@dataclass(frozen=True)
class PersonMention:
    """A name in the text (possessive -s excluded) and the person it means."""

    start: int
    end: int
    key: str
    surface: str
    confidence: float


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def particle(self) -> bool:
        return self.text in PARTICLES


class PersonIndex:
    """Person mentions of one document, in text order, with look-ups for the other rules."""

    def __init__(self, mentions: list[PersonMention], entities: dict[str, Entity]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.entities = entities

    def within(self, start: int, end: int) -> list[PersonMention]:
        index = bisect_left(self.starts, start)
        found: list[PersonMention] = []
        while index < len(self.mentions) and self.mentions[index].start < end:
            if self.mentions[index].end <= end:
                found.append(self.mentions[index])
            index += 1
        return found

    def before(self, offset: int, limit: int = 600) -> PersonMention | None:
        """The last person named before ``offset`` (not further back than ``limit``)."""
        index = bisect_left(self.starts, offset) - 1
        if index >= 0 and offset - self.mentions[index].end <= limit:
            return self.mentions[index]
        return None

    def at(self, start: int) -> PersonMention | None:
        index = bisect_left(self.starts, start)
        if index < len(self.mentions) and self.mentions[index].start == start:
            return self.mentions[index]
        return None


def _tokens(body: str, start: int, end: int) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(body, start, end)]


class _Finder:
    """Finds the candidate names of one body and decides which are persons."""

    def __init__(self, text: TextAnalysis, registry: Registry) -> None:
        self.text = text
        self.body = text.body
        self.registry = registry
        self.first = first_names()
        self.blocked = self._blocked_spans()
        self.adjectives = {a for e in registry.of_kind(EntityKind.COUNTRY) for a in e.adjectives}

    def _blocked_spans(self) -> set[int]:
        """Offsets of words that belong to organisation and country names."""
        blocked: set[int] = set()
        for start, end, _key, kind in self.text.named:
            if kind in (EntityKind.ORGANIZATION, EntityKind.COUNTRY):
                blocked.update(range(start, end))
        return blocked

    def _sentence_initial(self, offset: int) -> bool:
        sentence = self.text.sentence_at(offset)
        lead = self.body[sentence.start : offset]
        return not lead.strip(" \t\n‘’“”„\"'«(-–—•*:") or lead.rstrip().endswith((":", "•"))

    def _kind(self, token: _Token, first_in_run: bool) -> str:
        word = token.text
        if token.particle:
            return "particle"
        if token.start in self.blocked:
            return "other"
        lower = word.casefold()
        head = lower.split("-")[-1] if "-" in lower else lower
        if lower in TITLE_HEADS or head in TITLE_HEADS or lower in RANKS or lower.startswith(("oud-", "ex-")):
            return "title"
        if lower.endswith(_GLUED) and len(lower) > 10:
            return "title"  # "Klimaatminister Rob Jetten"
        if word in self.first and not _ARTICLE_BEFORE.search(self.body[max(0, token.start - 5) : token.start]):
            return "first"
        if (
            word in FUNCTION_WORDS
            and first_in_run
            and not (word in _CAP_PARTICLES and not self._sentence_initial(token.start))
        ):
            return "stop"
        if word in _CAP_PARTICLES and not first_in_run:
            return "particle"
        if word in PLACES and not (word in NON_NAME_WORDS or word in self.adjectives):
            return "place"
        if (
            word in NON_NAME_WORDS
            or word in self.adjectives
            or lower in _PORTFOLIO_WORDS
            or word.isupper()
            or (word.endswith(("se", "sche")) and word[:-2] + "e" in self.adjectives)
            or lower.endswith(_KIND_ENDINGS)
        ):
            return "other"
        return "name"

    def runs(self) -> list[tuple[list[_Token], str]]:
        """Runs of name tokens, each with the strongest cue for it being a person."""
        found: list[tuple[list[_Token], str]] = []
        for match in _SEQUENCE.finditer(self.body):
            tokens = _tokens(self.body, match.start(), match.end())
            current: list[_Token] = []
            titled = False
            kinds = [self._kind(t, i == 0 or not current) for i, t in enumerate(tokens)]
            for index, (token, kind) in enumerate(zip([*tokens, None], [*kinds, "end"], strict=True)):
                if (
                    kind == "stop"
                    and current
                    and current[-1].text in self.first
                    and index + 1 < len(kinds)
                    and kinds[index + 1] == "name"
                ):
                    kind = "name"  # "Rutger Groot Wassink": a word like "Groot" inside a surname
                if (
                    kind == "place"
                    and current
                    and (
                        current[-1].text in self.first
                        or (
                            current[-1].text in _CAP_PARTICLES
                            and (
                                titled
                                or _TITLE_BEFORE.search(self.body[max(0, current[0].start - 90) : current[0].start])
                            )
                        )
                    )
                ):
                    # "Dick Berlijn", "senator Van Apeldoorn": after a given name or a
                    # particle a place name is a surname
                    kind = "name"
                if (
                    kind == "other"
                    and token is not None
                    and len(current) >= 2
                    and current[-1].text in _CAP_PARTICLES
                    and current[-2].text in self.first
                    and not token.text.isupper()
                ):
                    kind = "name"  # "Tom Van Grieken": after a given name and "Van", a surname
                if kind in ("name", "first") or (kind == "particle" and current):
                    if kind == "first" and current and self._before_given_name(current):
                        # A given name starts the name: what went before it belongs elsewhere
                        # ("Ontwikkelingshulp Reinette Klever" after a title that wraps).
                        current = []
                    assert token is not None
                    current.append(token)
                    continue
                if current:
                    found.append(self._cue(current, titled))
                current = []
                titled = kind == "title"
        return [run for run in found if run[1]]

    def _before_given_name(self, current: list[_Token]) -> bool:
        """Whether the words of a run so far end before a given name that follows them:
        none of them is a given name or a particle, and either the run opens the sentence
        or its words are not names themselves ("Ontwikkelingshulp", "Commissievoorzitter")."""
        if any(t.text in self.first or t.particle or t.text in _CAP_PARTICLES for t in current):
            return False
        if len(current) == 1 and self._sentence_initial(current[0].start):
            return True
        return not all(_name_like(t.text) for t in current) or all(
            t.text.casefold() in _PORTFOLIO_WORDS or _COMMON_NOUN.search(t.text) for t in current
        )

    def _cue(self, run: list[_Token], titled: bool) -> tuple[list[_Token], str]:
        while run and run[-1].particle:
            run = run[:-1]
        while run and run[0].particle and run[0].text not in _CAP_PARTICLES:
            run = run[1:]
        if not run or all(t.particle or t.text in _CAP_PARTICLES for t in run):
            return run, ""
        start, end = run[0].start, run[-1].end
        before = self.body[max(0, start - 90) : start]
        after = self.body[end : end + 40]
        if (
            _CABINET_BEFORE.search(before)
            or _WORK_BEFORE.search(before)
            or (len(run) == 1 and _ROMAN_AFTER.match(after))
        ):
            return run, ""
        if run[0].text in self.first and len(run) > 1:
            return run, "first"
        if titled or _TITLE_BEFORE.search(before) or _TITLE_AFTER.match(after):
            return run, "title"
        paren = _PAREN_AFTER.match(after)
        if paren and len(run) > 1 and self._is_affiliation(paren.group(1)):
            return run, "paren"
        if paren and any(paren.group(1).strip().casefold() == p.casefold() for p in PORTFOLIOS):
            return run, "paren"  # "de ministers Hoekstra (Buitenlandse Zaken) en Ollongren (Defensie)"
        if _THING_BEFORE.search(before):
            return run, ""  # "In het Kamerdebat sprak", "De Algemene Rekenkamer meldt": no person takes an article
        initial = self._sentence_initial(start)
        if _SPEECH_BEFORE.search(before) or _SPEECH_AFTER.match(after):
            # "Onderhandelaar Yeşilgöz benadrukt": a sentence's first word is capitalised anyway.
            return (run[1:] if initial and len(run) > 1 and run[1].text[0].isupper() else run), "speech"
        if len(run) > 1 and not initial and all(_name_like(t.text) for t in run):
            return run, "sequence"
        return run, "weak"

    def _is_affiliation(self, inner: str) -> bool:
        for part in re.split(r"[,;/]", inner):
            words = part.strip()
            if not words:
                continue
            if self.registry.lookup(words, (EntityKind.ORGANIZATION,)):
                return True
            if any(words.casefold() == p.casefold() for p in PORTFOLIOS):
                return True
        return False


_NOUN_ENDINGS = re.compile(r"(?:ing|heid|tie|isme|schap|teit|nota|plan|wet|beleid|verklaring|programma|akkoord|top)$")


def _name_like(word: str) -> bool:
    """Whether a capitalised word may be part of a name rather than a compound noun."""
    return word in PARTICLES or (len(word) <= 14 and not _NOUN_ENDINGS.search(word))


def _label(body: str, run: list[_Token]) -> str:
    return " ".join(t.text for t in run)


def _surnames(label: str) -> list[str]:
    """The forms a full name's bearer is called by alone: "Van Weel", "Yeşilgöz", "De Croo"
    (a particle written with a capital inside the name), "Bruins Slot" (a surname of two words)."""
    words = label.split()
    if len(words) < 2:
        return []
    index = 1
    while index < len(words) - 1 and words[index] not in PARTICLES and words[index + 1] not in PARTICLES:
        index += 1
    for i, word in enumerate(words[1:], 1):
        if word in PARTICLES or word in _CAP_PARTICLES:
            index = i
            break
    particle = words[index] in PARTICLES or words[index] in _CAP_PARTICLES
    tail = words[index:] if particle else words[-1:]
    forms = [" ".join(tail)]
    if tail[0] in PARTICLES:
        forms.append(" ".join([tail[0].capitalize(), *tail[1:]]))
    last = words[-1]
    if "-" in last:
        forms.append(last.split("-")[0])
    if len(tail) > 1:
        forms.append(last)
    return list(dict.fromkeys(forms))


def _later_words(label: str) -> list[str]:
    """The full name without its first word(s), in capitals: "Bruins Slot" of "Hanke Bruins
    Slot", a surname of several words a text may call its bearer by."""
    words = label.split()
    return [
        " ".join(words[i:])
        for i in range(1, len(words) - 1)
        if words[i][:1].isupper() and words[i] not in _CAP_PARTICLES and words[i - 1] not in PARTICLES
    ]


_WEIGHT = {"registry": 0.95, "first": 0.9, "title": 0.85, "paren": 0.85, "speech": 0.7, "sequence": 0.6}


def _with_given_name(body: str, start: int, label: str) -> int:
    """Where a registry person's mention starts: before the given name written in front of
    the surname the registry knows ("Dilan Yeşilgöz" for Dilan Yeşilgöz-Zegerius), so that
    a title before the name ("VVD-leider Dilan Yeşilgöz") stands right before the mention."""
    given = label.split()[0] if len(label.split()) > 1 else ""
    before = body[max(0, start - len(given) - 1) : start]
    if given and before == f"{given} " and not body[start - len(given) - 2 : start - len(given) - 1].isalnum():
        return start - len(given) - 1
    return start


def find_persons(text: TextAnalysis, registry: Registry) -> PersonIndex:
    """Every person mention in the body, each linked to a registry or new entity key."""
    body = text.body
    finder = _Finder(text, registry)
    mentions: dict[int, PersonMention] = {}
    for start, end, key, kind in text.named:
        if kind is EntityKind.PERSON and not _CABINET_BEFORE.search(body[max(0, start - 8) : start]):
            start = _with_given_name(body, start, registry.get(key).label)
            mentions[start] = PersonMention(start, end, key, body[start:end], _WEIGHT["registry"])
    entities: dict[str, Entity] = {}
    full: dict[str, str] = {}  # surface form -> key, from full names in this text
    once: dict[str, str] = {}  # a surname this text marks as a person once ("zegt Broeks")
    runs = finder.runs()
    for run, cue in runs:
        if cue == "weak":
            continue
        start, end = run[0].start, run[-1].end
        if any(start <= s < end or s <= start < m.end for s, m in mentions.items()):
            continue
        label = _label(body, run)
        resolved = _resolve(label, registry, entities, len(run) > 1)
        if resolved is None:
            continue
        key = resolved
        mentions[start] = PersonMention(start, end, key, body[start:end], _WEIGHT[cue])
        if len(run) > 1:
            for form in _surnames(label):
                full.setdefault(form, key)
        else:
            once.setdefault(label, key)
    for mention in list(mentions.values()):
        entity = entities.get(mention.key) or (registry.get(mention.key) if mention.key in registry else None)
        if entity is not None and len(entity.label.split()) > 1:
            for form in _surnames(entity.label):
                full.setdefault(form, mention.key)
    later: dict[str, str] = {}  # "Bruins Slot": the later words of a full name
    for key in {m.key for m in mentions.values()}:
        entity = entities.get(key) or (registry.get(key) if key in registry else None)
        if entity is not None and entity.kind is EntityKind.PERSON:
            for form in _later_words(entity.label):
                later.setdefault(form, key)
    # Surname-only mentions found by cue resolve to the full name this text gives.
    for start, mention in list(mentions.items()):
        single = mention.surface
        if single in later and later[single] != mention.key and mention.key not in registry:
            full.setdefault(single, later[single])
        if (
            single in full
            and full[single] != mention.key
            and (" " not in single or single in later or (single.split()[0] in _CAP_PARTICLES))
        ):
            old = mention.key
            mentions[start] = PersonMention(mention.start, mention.end, full[single], single, mention.confidence)
            if old in entities and not any(m.key == old for m in mentions.values()):
                del entities[old]
    # A surname the text marks as a person once is that person wherever it stands alone.
    for form, key in once.items():
        full.setdefault(form, key)
    _add_surnames(body, finder, full, mentions)
    return PersonIndex(list(mentions.values()), entities)


def _add_surnames(
    body: str,
    finder: _Finder,
    full: dict[str, str],
    mentions: dict[int, PersonMention],
) -> None:
    """Surnames and possessives ("Ruttes") of persons this text names in full."""
    if not full:
        return
    taken = [(m.start, m.end) for m in mentions.values()]
    for start, form in find_forms(body, sorted(full, key=len, reverse=True)):
        end = start + len(form)
        if any(a <= start < b or start <= a < end for a, b in taken):
            continue
        if _CABINET_BEFORE.search(body[max(0, start - 8) : start]) or start in finder.blocked:
            continue
        mentions[start] = PersonMention(start, end, full[form], form, 0.8)
        taken.append((start, end))


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def find_forms(body: str, forms: list[str]) -> list[tuple[int, str]]:
    """Whole-word occurrences of names, each optionally with a possessive ("Ruttes",
    "NAVO's"): (start, form), leftmost first, a longer form before a shorter one.

    The same matches as ``re.finditer`` with ``(?<![\\w\\-'’])(form|…)(?:s|'s|’s)?(?![\\w-])``
    and the forms in this order, found with ``str.find`` instead of a pattern compiled
    for every document.
    """
    positions = sorted({at for form in forms for at in _occurrences(body, form)})
    found: list[tuple[int, str]] = []
    resume = 0
    for start in positions:
        if start < resume or (start and (_word_char(body[start - 1]) or body[start - 1] in "-'’")):
            continue
        for form in forms:
            if not body.startswith(form, start):
                continue
            end = start + len(form)
            for suffix in ("s", "'s", "’s", ""):
                if suffix and not body.startswith(suffix, end):
                    continue
                after = end + len(suffix)
                if after < len(body) and (_word_char(body[after]) or body[after] == "-"):
                    continue
                found.append((start, form))
                resume = after
                break
            else:
                continue
            break
    return found


def _occurrences(body: str, form: str) -> list[int]:
    found: list[int] = []
    at = body.find(form)
    while at >= 0:
        found.append(at)
        at = body.find(form, at + 1)
    return found


def _resolve(label: str, registry: Registry, entities: dict[str, Entity], is_full: bool) -> str | None:
    """The key a name means: a known person, else a new person entity."""
    for name in (label, re.sub(r"(?:'s|’s|s)$", "", label) if not is_full else label):
        named = registry.lookup(name)
        known = [e for e in named if e.kind is EntityKind.PERSON]
        if len(known) == 1:
            return known[0].key
        if len(known) > 1:
            fuller = [e for e in known if len(e.label.split()) > 1]
            return (fuller or known)[0].key
        if named:
            return None  # an organisation, country or office of that name
    key = slugify(label)
    if key in registry and registry.get(key).kind is not EntityKind.PERSON:
        key = f"{key}-person"
    if key in registry:
        return key
    aliases = tuple(_surnames(label)) if is_full else ()
    entities[key] = Entity(EntityKind.PERSON, key, label, aliases=aliases)
    return key
