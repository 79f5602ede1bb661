"""Office holdings: titles before or after a person's name, and what the text says of time.

A title is a head word ("minister", "premier", "secretaris-generaal", "Kamerlid") with
what narrows it: a country adjective ("de Russische minister"), an organisation prefix
("NAVO-chef"), a complement ("van Buitenlandse Zaken", "der Strijdkrachten") or a field
("hoogleraar internationale betrekkingen").  It stands before the name ("minister van
Defensie Ruben Brekelmans"), after it as an apposition ("Dick Berlijn, oud-commandant der
Strijdkrachten") or as a portfolio in parentheses ("Kajsa Ollongren (defensie)"), or is
predicated of the name ("Rutte wordt dinsdag secretaris-generaal", "Stoltenberg is sinds
2014 secretaris-generaal", "Dinsdag wordt Rutte secretaris-generaal").  What the words say
of the term ("oud-", "de nieuwe", "wordt", "sinds 2014", "tien jaar") is read by
``terms.py``; the title phrases themselves are parsed by ``titles.py``.  Dutch government
titles default to Nederland, unless this text places the same person's office abroad ("de
Oekraïense vicepremier X … Vicepremier X").  Two titles joined by "en" before one name
("Vicepremier en minister van Financiën X") are both held.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from navokg.extract.context import Context, clamp
from navokg.extract.lexicon import (
    APPOINTMENT_WORDS,
    PARTY_KEYS,
    PRESENT_START_VERBS,
    TITLE_HEADS,
)
from navokg.extract.persons import PersonMention
from navokg.extract.terms import (
    Sighting,
    Term,
    bare_dates,
    duration_in,
    marker_term,
    span_term,
    story_bound,
    time_extents,
)
from navokg.extract.text import Sentence
from navokg.extract.titles import Title, longest_title, parse_title, portfolio, title_at
from navokg.model import Bound, BoundRelation, EntityKind, Method, OfficeHolding
from navokg.vocab import slugify

# The title parsers and the words after a name, for the rules that read offices.
__all__ = ["Holdings", "Title", "after_name", "parse_title", "title_at"]

_WORD = re.compile(r"\S+")

_DUTCH_DEFAULT = frozenset(
    {"premier", "vicepremier", "minister", "staatssecretaris", "kamerlid", "eerste kamerlid",
     "commandant der strijdkrachten", "informateur", "formateur", "koning", "koningin"}
)  # fmt: skip
_GOVERNMENT = frozenset({"premier", "vicepremier", "minister", "staatssecretaris", "commandant der strijdkrachten"})
# What may stand between the verb and "benoemd/gekozen tot": who chose and when ("werd in de
# tweede stemronde door de Bondsdag gekozen tot"), no punctuation.
_APPOINTED_GAP = r"(?:[^\s,.;:]+\s+){0,8}?"
_START_VERB = re.compile(
    r"\b(?P<verb>(?:begint|begon|start|startte)\s+(?:[^\s,.;:]+\s+){0,4}?als|"
    r"(?:stopt|stopte|vertrekt|vertrok)\s+(?:[^\s,.;:]+\s+){0,4}?als|"
    r"(?:treedt|trad)\s+(?:[^\s,.;:]+\s+){0,4}?af\s+als|"
    r"(?:treedt|trad)\s+(?:[^\s,.;:]+\s+){0,4}?aan\s+als|"
    rf"(?:is|werd|wordt)\s+{_APPOINTED_GAP}(?:officieel\s+)?(?:benoemd|gekozen)\s+tot|"
    r"(?:is|werd|wordt)\s+(?:[^\s,.;:]+\s+){0,3}?(?:officieel\s+)?(?:aangesteld|geïnstalleerd|beëdigd|ingehuldigd)\s+als|"
    rf"(?:is|werd|wordt)\s+{_APPOINTED_GAP}verkozen\s+tot|wordt|werd|was|is)\b"
)
# After a title, what narrows it ("in Israël", "voor het CDA") and "en" before another one.
_AND_TITLE = re.compile(
    r"(?:\s+(?:in|voor|van|bij)\s+(?:de\s+|het\s+)?[A-ZÀ-Þ][\w'’-]*(?:\s+[A-ZÀ-Þ][\w'’-]*)*)?\s+en\s+"
)
_STOP_VERBS = frozenset({"stopt", "stopte", "vertrekt", "vertrok", "treedt", "trad"})
_CAREER_AFTER = re.compile(
    r"\b(?:begint|begon|start|startte|treedt|trad|werkte|diende)\s+(?:[^\s,.;:]+\s+){0,4}?"
    r"(?:aan\s+)?als\b",
    re.IGNORECASE,
)
_FINAL_VERB = re.compile(r"^\s*(?:wordt|werd|worden)\b")
_SKIP_WORD = re.compile(
    r"^(?:nu|al|inmiddels|reeds|officieel|dan|straks|ook|formeel|sinds|van|tot|vanaf|per|met|ingang|lang|geleden|"
    r"later|eerder|vroeger|voorheen|daarvoor|hiervoor|daarvóór|in|op|als|"
    r"de|het)$",
    re.I,
)
# Words that describe the holder, not the office, between the verb and a title: "wordt de
# eerste vrouwelijke minister van Defensie", "is de jongste burgemeester".
_DESCRIBING = re.compile(r"^(?:eerste|tweede|derde|vierde|vijfde|laatste|vrouwelijke|mannelijke|huidige)$")
_PAREN = re.compile(r"^\s*\(([^()\n]{1,90})\)")
_AFTER_COMPL = re.compile(r"^\s+(?:van|voor)\s+((?:de\s+|het\s+)?[A-ZÀ-Þ][\w'’-]*(?:\s+(?:en\s+)?[A-ZÀ-Þ][\w'’-]*)*)")
_JOINT = re.compile(r"\s+en\s+$")
_AFTER_PORTFOLIO = re.compile(r"^\s+(?:van|voor)\s+([A-ZÀ-Þ][\w'’-]*(?:,?\s+(?:en\s+)?[A-ZÀ-Þ][\w'’-]*)+)")
# ", minister van …", ", namens de VVD Kamerlid", ", tevens minister van …"
_APPOSITION = re.compile(
    r"^\s*,\s*(?:namens\s+(?:de\s+|het\s+)?\S+\s+|(?:tevens|eveneens|daarnaast|ook)\s+)?([^,.;:()]{3,90})"
)
# A bare "president" or "bondskanselier" is the office of the one country its paragraph names
# that has it: no monarchy has a president, only Germany and Austria a (vice-)chancellor.
_HEAD_COUNTRIES: dict[str, frozenset[str] | None] = {
    "kanselier": frozenset({"duitsland", "oostenrijk"}),
    "vicekanselier": frozenset({"duitsland", "oostenrijk"}),
    "president": None,
}
_NO_PRESIDENT = frozenset(
    {"nederland", "belgie", "luxemburg", "verenigd-koninkrijk", "spanje", "zweden", "noorwegen", "denemarken",
     "japan", "canada", "australie", "nieuw-zeeland", "marokko", "jordanie", "saoedi-arabie", "thailand"}
)  # fmt: skip
# A portfolio the lexicon does not list, as Dutch writes one in parentheses after a minister's
# name: capitalised words of at least four letters joined by "en" or commas ("Natuur en
# Stikstof", "Klimaat en Groene Groei"); an acronym or a single word is a party or a place.
_NEW_PORTFOLIO = re.compile(
    r"[A-ZÀ-Þ][a-zà-ÿ]{3,}(?:\s+[A-ZÀ-Þ][a-zà-ÿ]{3,})*(?:(?:,\s*|\s+en\s+)[A-ZÀ-Þ][a-zà-ÿ]{3,}(?:\s+[A-ZÀ-Þ][a-zà-ÿ]{3,})*)+"
)
# Heads whose bare title is the office of the one body a paragraph names, and how a body is
# named as the first part of a compound ("NAVO-top", "VN-Veiligheidsraad").
_BODY_HEADS = frozenset({"secretaris-generaal"})
_PARTY_HEADS = frozenset({"partijleider", "fractievoorzitter", "partijvoorzitter", "lijsttrekker"})
_BODY_PREFIX = re.compile(r"\b([A-Z]{2,6})-[a-zA-Z]")
# A story about a foreign government: "de Belgische regering(-Michel)", "het Duitse kabinet".
_FOREIGN_GOVERNMENT = re.compile(
    r"\b(?P<adj>[A-ZÀ-Þ][^\W\d_]+e)\s+(?:federale\s+)?(?:regering|kabinet|coalitie|regeringscoalitie)\b"
)
# Words of a Dutch story: "het kabinet" without an adjective or a name is the Dutch one.
_DUTCH = re.compile(r"\bNederland(?:se|s)?\b|\bDen\s+Haag\b|\bTweede\s+Kamer\b|\b[Hh]et\s+kabinet\b(?!-)")
_MINISTER_CONTEXT = re.compile(r"\bminister|\bbewindslieden|\bbewindspersonen|\bkabinet", re.I)


class _Offices:
    """Resolves titles to office keys, creating offices the registry lacks."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.by_head: dict[tuple[str, str], str] = {}
        self.abroad: dict[str, str] = {}  # a person's country, where this text places an office of theirs abroad

    def _org(self, text: str) -> str | None:
        name = re.sub(r"^(?:van|voor|der)\s+(?:de\s+|het\s+)?", "", text.strip())
        return self.ctx.lookup(name, EntityKind.ORGANIZATION, EntityKind.COUNTRY)

    def resolve(
        self, title: Title, after: str = "", person: str = "", country: str | None = None
    ) -> tuple[str, float] | None:
        """The office a title names; ``country`` where the text places it ("… van Oekraïne")."""
        ctx = self.ctx
        country = country or (ctx.country_of_adjective(title.adjective) if title.adjective else None)
        compl = title.complement
        core = title.core
        if compl is None and title.head in ("minister", "staatssecretaris") and after:
            named = _ministry(ctx, after)
            if named:
                word = "voor" if "Handel" in named else "van"
                compl = f"{word} {named}"
                core = f"{core} {compl}"
        org = self._org(compl) if compl and compl.split()[0] in ("van", "der") else None
        if org is not None and ctx.kind_of(org) is EntityKind.COUNTRY:
            country, org = org, None
        if person and country not in (None, "nederland"):
            self.abroad.setdefault(person, country)
        names: list[str] = []
        if title.prefix:
            names.append(f"{title.prefix}-{core}")
        if title.adjective:
            names.append(f"{title.adjective} {core}")
        if country is not None:
            names.append(f"{core} van {ctx.label_of(country)}")
        if country in (None, "nederland"):
            names.append(core)
            if compl and title.head in ("minister", "staatssecretaris"):
                named = portfolio(compl.split(None, 1)[1]) if len(compl.split()) > 1 else None
                if named:
                    names += [f"{title.head} van {named}", f"{title.head} voor {named}"]
        if title.head == "kamerlid" or (title.head == "lid" and not compl):
            names.append("Tweede Kamerlid")
        for name in names:
            key = ctx.lookup(name, EntityKind.OFFICE)
            if key is not None:
                self._remember(title, key, compl or country or title.prefix, person)
                return key, 0.9
        known = self.by_head.get((title.head, person))
        if compl is None and country is None and title.prefix is None and known:
            return known, 0.75
        key = self._create(title, core, compl, country, org)
        self._remember(title, key, compl or country or title.prefix, person)
        return key, (0.7 if compl or country else 0.6)

    def _remember(self, title: Title, key: str, specific: str | None, person: str) -> None:
        """A person's fully named office, for a later bare title ("de veertiende secretaris-generaal")."""
        if specific and person:
            self.by_head[(title.head, person)] = key

    def _create(self, title: Title, core: str, compl: str | None, country: str | None, org: str | None) -> str:
        ctx = self.ctx
        prefix_org = self._org(title.prefix) if title.prefix else None
        label = core
        post_in = org or country
        if prefix_org is not None:
            if title.head == "partijleider":
                label = f"partijleider van {ctx.label_of(prefix_org)}"
            elif title.head not in ("kamerlid",):
                label = f"{core} van {ctx.label_of(prefix_org)}"
            post_in = post_in or prefix_org
        if country is not None and country != "nederland" and ctx.label_of(country) not in label:
            label = f"{label} van {ctx.label_of(country)}"
        if post_in is None and title.head in _DUTCH_DEFAULT:
            post_in = "nederland"
        key = None
        if post_in == "nederland" and title.head in _GOVERNMENT:
            slug = slugify(label)
            key = slug if slug.endswith("nederland") else f"{slug}-nederland"
        return ctx.new_entity(EntityKind.OFFICE, label, key, post_in=post_in)


def _title_before(ctx: Context, mention: PersonMention, sentence_start: int) -> Title | None:
    start = max(sentence_start, mention.start - 120)
    return longest_title(ctx, start, mention.start, suffix=True)


def _clause_end(ctx: Context, offset: int, sentence_end: int) -> int:
    masked = ctx.text.masked(offset, sentence_end)
    match = re.search(r"[.;:?!]\s|[.;:?!]$", masked)
    return offset + match.start() if match else sentence_end


@dataclass(frozen=True)
class _Predicate:
    """A title predicated of a person, the verb that does it, and where the words stand."""

    title: Title
    verb: str
    first: int  # the evidence: from the name (or the words before it) to the title and verb
    last: int
    time_from: int  # where words about the term's time may stand: "is sinds 2014", "Sinds 2014 is"
    time_to: int


_TIME_ADVERB = re.compile(r"^(?:al|inmiddels|reeds|lang|nu|thans|tegenwoordig)$", re.IGNORECASE)
# "Eerder was X lid van …", "X was vroeger …": a past term, over by the story's date.
_FORMERLY = re.compile(
    r"\b(?:[Ee]erder|[Vv]roeger|[Vv]oorheen|[Dd]aarvoor|[Hh]iervoor)\b(?!\s+(?:deze|dit|die|dat|op|in|al|nog|vandaag)\b)"
)
_VERB_BEFORE = re.compile(r"\b(?P<verb>is|was|wordt|werd|begon|begint|startte|start|trad|treedt)\s+$", re.IGNORECASE)
# What joins the name to the title after an inverted verb: "In 2021 werd X benoemd tot …",
# "In 2009 begon X als …", "Toen trad X aan als …".
_LINK_AFTER = {
    "is": re.compile(rf"(?:{_APPOINTED_GAP}(?:officieel\s+)?(?:benoemd|gekozen)\s+tot\s+|aangesteld\s+als\s+)?"),
    "begon": re.compile(r"(?:[^\s,.;:]+\s+){0,3}?als\s+"),
    "trad": re.compile(r"(?:[^\s,.;:]+\s+){0,3}?aan\s+als\s+"),
}
_LINK_OF = {"was": "is", "wordt": "is", "werd": "is", "begint": "begon", "startte": "begon", "start": "begon",
            "treedt": "trad"}  # fmt: skip


def _of_body(title: Title, body: str) -> Title:
    """A bare title completed by the body a paragraph names: "secretaris-generaal van de NAVO"."""
    return replace(title, complement=f"van {body}", core=f"{title.core} van {body}")


def _skip(ctx: Context, words: list[re.Match[str]], index: int, extents: list[tuple[int, int]]) -> int:
    """The first word from ``index`` that is no adverb and no date, span or duration."""
    while index < len(words) and (
        _SKIP_WORD.match(words[index].group()) or any(a <= words[index].start() < b for a, b in extents)
    ):
        index += 1
    return index


def _predicate(ctx: Context, mention: PersonMention, end: int) -> _Predicate | None:
    """A title predicated of the person: "X wordt dinsdag premier", "X begint als ...",
    "Dinsdag wordt X premier"."""
    window_end = _clause_end(ctx, mention.end, end)
    text = ctx.body[mention.end : window_end]
    others = ctx.persons.within(mention.end, window_end)
    sentence = ctx.text.sentence_at(mention.start)
    extents = time_extents(ctx, sentence)
    for match in _START_VERB.finditer(text):
        verb_end = mention.end + match.end()
        if any(o.start < mention.end + match.start() for o in others):
            break
        words = list(_WORD.finditer(ctx.body, verb_end, window_end))
        index = _skip(ctx, words, 0, extents)
        while (
            index < len(words) - 1
            and _DESCRIBING.match(words[index].group())
            and not title_at(ctx, words[index].start(), window_end)
        ):
            index += 1  # "wordt de eerste vrouwelijke minister van Defensie"
        if index < len(words):
            # The title ends before the next name: "X wordt minister van Financiën en Y …".
            until = min((o.start for o in others if o.start >= words[index].start()), default=window_end)
            title = longest_title(ctx, words[index].start(), until, suffix=False)
            if (title is not None and title.head in TITLE_HEADS.values()) or (title and title.head == "lid"):
                assert title is not None
                verb = " ".join(match.group("verb").split())
                return _Predicate(title, verb, mention.start, title.end, mention.end, title.start)
    # Verb-final clause: "Als oud-premier Mark Rutte dinsdag secretaris-generaal van de NAVO wordt".
    words = list(_WORD.finditer(ctx.body, mention.end, window_end))
    index = 0
    while index < len(words) and any(a <= words[index].start() < b for a, b in extents):
        index += 1
    return (
        _title_then_verb(ctx, mention, words, index, window_end, _FINAL_VERB)
        or _relative(ctx, mention, window_end, extents)
        or _inverted(ctx, mention, sentence, window_end, extents)
    )


def _title_then_verb(
    ctx: Context, mention: PersonMention, words: list[re.Match[str]], index: int, window_end: int, verb: re.Pattern[str]
) -> _Predicate | None:
    """A title from ``words[index]`` (up to eight words) right before a clause-final verb."""
    for stop in range(index + 1, min(len(words), index + 8) + 1):
        a, b = words[index].start(), words[stop - 1].end()
        title = parse_title(ctx.body[a:b], a)
        found = verb.match(ctx.body[b:window_end])
        if title is not None and found is not None:
            return _Predicate(title, found.group().strip(), mention.start, b + found.end(), mention.end, title.start)
    return None


# A relative clause on the name, its verb last: "Olaf Scholz, die sinds 2021 kanselier was",
# "Hij volgt Rutte op, die sinds 2010 premier was".
_RELATIVE = re.compile(r"\s*(?:op\s*)?,\s*die\s+")
_RELATIVE_VERB = re.compile(r"^\s*(?:is|was|wordt|werd)\b")


def _relative(
    ctx: Context, mention: PersonMention, window_end: int, extents: list[tuple[int, int]]
) -> _Predicate | None:
    """A title the relative clause after the name gives it, before the clause's verb."""
    relative = _RELATIVE.match(ctx.body, mention.end)
    if relative is None:
        return None
    words = list(_WORD.finditer(ctx.body, relative.end(), window_end))
    return _title_then_verb(ctx, mention, words, _skip(ctx, words, 0, extents), window_end, _RELATIVE_VERB)


def _inverted(
    ctx: Context, mention: PersonMention, sentence: Sentence, window_end: int, extents: list[tuple[int, int]]
) -> _Predicate | None:
    """The verb before the name, the title right after it: "Sinds 2014 is Stoltenberg secretaris-generaal"."""
    verb = _VERB_BEFORE.search(ctx.body, max(sentence.start, mention.start - 8), mention.start)
    if verb is None or ctx.persons.within(sentence.start, verb.start()):
        return None
    if ctx.body[sentence.start : sentence.end].rstrip().endswith("?"):
        return None  # "Is Rutte premier?" asks
    word = verb.group("verb").lower()
    link = _LINK_AFTER[_LINK_OF.get(word, word)].match(ctx.body, mention.end + 1, window_end)
    if link is None or (link.end() > link.start() and not ctx.body[mention.end].isspace()):
        return None
    words = list(_WORD.finditer(ctx.body, link.end() if link.end() > link.start() else mention.end, window_end))
    index = _skip(ctx, words, 0, extents)
    if index != 0 or not words:
        return None  # the title stands right after the name, or after "benoemd tot", "als"
    title = longest_title(ctx, words[0].start(), window_end, suffix=False)
    if title is None or (title.head not in TITLE_HEADS.values() and title.head != "lid"):
        return None
    before = [a for a, _b in extents if sentence.start <= a < verb.start()]
    first = min(before) if before else verb.start()  # "Sinds 2014 is …", else "is …"
    said = " ".join([verb.group("verb"), *ctx.body[link.start() : link.end()].split()[-2:]]) if link.group() else word
    return _Predicate(title, said, first, title.end, sentence.start, verb.start())


def _ministry(ctx: Context, text: str) -> str | None:
    """The ministry a text names: the lexicon's, else one written as Dutch writes a ministry
    ("Natuur en Stikstof") that names no organisation or country the registry knows."""
    known = portfolio(text)
    if known is not None:
        return known
    if _NEW_PORTFOLIO.fullmatch(text) and not ctx.lookup(text, EntityKind.ORGANIZATION, EntityKind.COUNTRY):
        return text
    return None


def after_name(ctx: Context, mention: PersonMention, end: int) -> tuple[str, int]:
    """Portfolio or country words right after the name: "(Defensie)", "van Oekraïne"."""
    after = ctx.body[mention.end : end]
    paren = _PAREN.match(after)
    if paren:
        inside = paren.group(1).strip()
        if _ministry(ctx, inside) is not None:
            return inside, mention.end + paren.end()  # also a ministry the lexicon lacks: "(Natuur en Stikstof)"
        for part in re.split(r"[,;]", inside):
            if portfolio(part.strip()):
                return part.strip(), mention.end + paren.end()
        return "", mention.end
    listed = _AFTER_PORTFOLIO.match(after)  # "Hugo de Jonge van Volksgezondheid, Welzijn en Sport"
    if listed and portfolio(listed.group(1)):
        return listed.group(1), mention.end + listed.end()
    compl = _AFTER_COMPL.match(after)
    if compl:
        return compl.group(1), mention.end + compl.end()
    return "", mention.end


class Holdings:
    """Office holdings found so far in one document, and the rules that add them."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.offices = _Offices(ctx)
        self.found: list[OfficeHolding] = []
        self.titles: dict[int, Title] = {}  # the title before each person mention, by its start
        self._placed_at_home: list[tuple[int, Title, str, str]] = []  # (index in found, title, after, person)

    def settle_abroad(self) -> None:
        """A title that says no country ("Vicepremier Stefanisjyna", "minister van Defensie
        Pistorius") is held where this text places the same person's other office abroad ("de
        Oekraïense vicepremier Olha Stefanisjyna"), not in the Netherlands."""
        for index, title, after, person in self._placed_at_home:
            country = self.offices.abroad.get(person)
            if country is None:
                continue
            resolved = self.offices.resolve(title, after, person, country)
            if resolved is not None:
                self.found[index] = replace(self.found[index], office=resolved[0])

    def add(
        self,
        person: PersonMention,
        title: Title,
        span: tuple[int, int],
        *,
        after: str = "",
        term: Term | None = None,
        confidence: float = 0.85,
        country: str | None = None,
        seen_until: int | None = None,
    ) -> None:
        """Hold ``title`` for ``person``; ``seen_until``: the sentence's dates after it are another
        role's, so the title is seen at a date before it, else the story's."""
        ctx = self.ctx
        resolved = self.offices.resolve(title, after, person.key, country)
        if resolved is None:
            return
        office, office_confidence = resolved
        sentence = ctx.text.sentence_at(span[0])
        term = self.marked(title, sentence) + (term or Term())
        if term.first is not None and term.last is not None and ctx.text.sentence_at(term.first) == sentence:
            span = (min(span[0], term.first), max(span[1], term.last))  # the words the term rests on
        attested = None
        if term.start is None and term.end is None and term.sighting is not Sighting.NONE:
            attested = ctx.fact_date(sentence, sentence.start, seen_until or sentence.end)
            if term.sighting is Sighting.TOLD and attested == ctx.text.reference:
                attested = None  # "toenmalig", "was": held when the sentence says, which it does not
        ctx.remember_holder(office, span[0], person.key, title.head)
        if country is None and not title.adjective and not title.prefix and title.head in _DUTCH_DEFAULT:
            entity = ctx.entities.get(office) or (ctx.registry.get(office) if office in ctx.registry else None)
            if (
                entity is not None
                and entity.post_in == "nederland"
                and "Nederland" not in ctx.body[title.start : title.end]
            ):
                self._placed_at_home.append((len(self.found), title, after, person.key))
        self.found.append(
            OfficeHolding(
                holder=person.key,
                office=office,
                evidence=(ctx.evidence(*span),),
                start=term.start,
                end=term.end,
                attested=attested,
                bounds=term.bounds,
                duration=term.duration,
                method=Method.AUTOMATIC,
                confidence=clamp(confidence * office_confidence * (0.6 + 0.4 * person.confidence)),
            )
        )

    def marked(self, title: Title, sentence: Sentence) -> Term:
        """What the words before the title say of the term ("oud-", "de nieuwe"), with where they stand."""
        if not title.ended and not title.mod:
            return Term()
        words = self.ctx.body[title.start : title.end]
        term = marker_term(self.ctx, title.mod, title.ended, words, sentence)
        if not term.bounds and term.sighting is Sighting.SEEN:
            return term
        return term + Term(first=title.start, last=title.end)

    def for_person(self, person: PersonMention) -> None:
        ctx = self.ctx
        sentence = ctx.text.sentence_at(person.start)
        after, after_end = after_name(ctx, person, sentence.end)
        title = _title_before(ctx, person, sentence.start)
        predicate = _predicate(ctx, person, sentence.end)
        # "Minister X begon in 2005 als ambtenaar", "Staatssecretaris X was van 2015 tot 2019
        # Kamerlid": the dates after the name are of the other role, not of the title's.
        career = _CAREER_AFTER.search(ctx.body, person.end, sentence.end)
        if career is not None and ctx.persons.within(person.end, career.start()):
            career = None  # another person's career
        seen_until = person.end if predicate is not None else (career.start() if career else None)
        if title is not None:
            if not after and title.head in ("minister", "staatssecretaris", "president") and not title.complement:
                after, after_end = after_name(ctx, person, sentence.end)
            country = ctx.lookup(after, EntityKind.COUNTRY) if after and not portfolio(after) else None
            if title.head == "president" and after and not portfolio(after) and country is None:
                title = replace(title, complement=f"van {after}", core=f"{title.core} van {after}")
                after = ""
            placed = country is None and not after
            if placed:  # "Duitsland … Bondskanselier Scholz", "Op de NAVO-top … Secretaris-generaal X"
                title, country = self._placed(title, sentence)
            if country is not None:
                after = ""  # "minister van Defensie Roestem Oemerov van Oekraïne"
            elif after and title.complement is None and title.prefix is None and not portfolio(after):
                org = ctx.lookup(re.sub(r"^(?:de|het)\s+", "", after), EntityKind.ORGANIZATION)
                if org is not None and org not in PARTY_KEYS:  # "Secretaris-generaal Mark Rutte van de NAVO"
                    title = replace(title, complement=f"van {after}", core=f"{title.core} van {after}")
                    after = ""
            if country is None and not placed:
                country = self._government_country(title, sentence)  # "De Belgische regering … Premier Michel"
            self.titles[person.start] = title
            span = (title.start, max(person.end, after_end))
            self.add(person, title, span, after=after, country=country, seen_until=seen_until)
            joined = self._joined_title(title, sentence.start)
            if joined is not None:
                self.add(person, joined, (joined.start, person.end), confidence=0.8)
        elif after and portfolio(after) and _MINISTER_CONTEXT.search(ctx.body[sentence.start : person.start]):
            head = (
                "staatssecretaris"
                if "staatssecretaris" in ctx.body[sentence.start : person.start].lower()
                else "minister"
            )
            implied = Title(person.start, person.end, head, head, None, None, None, None)
            self.add(person, implied, (person.start, after_end), after=after, confidence=0.75, seen_until=seen_until)
        apposition = _APPOSITION.match(ctx.body[person.end : sentence.end])
        if apposition:
            a, b = person.end + apposition.start(1), person.end + apposition.end(1)
            self._apposition(person, sentence, a, b, seen_until)
        if predicate is not None:
            self._predicated(person, predicate)
            second = self._coordinated_title(predicate.title, sentence)
            if second is not None:  # "X was eerder ambassadeur in Israël en Kamerlid voor het CDA"
                self._predicated(person, replace(predicate, title=second, last=max(predicate.last, second.end)))

    def for_pronoun(self, pronoun: PersonMention, named: PersonMention) -> None:
        """A title predicated of "hij" or "zij" ("In de nieuwe regering wordt zij vicepremier"):
        held by the person the pronoun means, with the words from that person's name on."""
        ctx = self.ctx
        sentence = ctx.text.sentence_at(pronoun.start)
        predicate = _predicate(ctx, pronoun, sentence.end)
        if predicate is None:
            return
        before = len(self.found)
        self._predicated(pronoun, predicate)
        second = self._coordinated_title(predicate.title, sentence)
        if second is not None:
            self._predicated(pronoun, replace(predicate, title=second, last=max(predicate.last, second.end)))
        for index in range(before, len(self.found)):
            holding = self.found[index]
            end = holding.evidence[0].end
            confidence = clamp((holding.confidence or 0.0) * 0.9)
            self.found[index] = replace(holding, evidence=(ctx.evidence(named.start, end),), confidence=confidence)

    def _coordinated_title(self, title: Title, sentence: Sentence) -> Title | None:
        """A second title joined by "en" to a predicated one, after what narrows the first
        ("ambassadeur in Israël en Kamerlid voor het CDA")."""
        ctx = self.ctx
        joint = _AND_TITLE.match(ctx.body, title.end)
        if joint is None or joint.end() >= sentence.end:
            return None
        second = title_at(ctx, joint.end(), min(_clause_end(ctx, joint.end(), sentence.end), joint.end() + 90))
        if second is None or ctx.persons.within(joint.end(), second.end):
            return None
        return second

    def _paragraph_country(self, title: Title, sentence: Sentence) -> str | None:
        """The one country the paragraph names (by name or adjective) that has this office, up
        to the title's sentence: a country named later ("Hij bedankte Tsjechië") is not its."""
        if title.head not in _HEAD_COUNTRIES:
            return None
        ctx = self.ctx
        a = ctx.text.paragraph_starts[sentence.paragraph]
        b = sentence.end
        named = {key for x, _y, key, kind in ctx.text.named if a <= x < b and kind is EntityKind.COUNTRY}
        named |= {key for x, _y, key in ctx.adjective_mentions() if a <= x < b}
        allowed = _HEAD_COUNTRIES[title.head]
        fits = {key for key in named if (key in allowed if allowed is not None else key not in _NO_PRESIDENT)}
        return next(iter(fits)) if len(fits) == 1 else None

    def _paragraph_body(self, title: Title, sentence: Sentence) -> str | None:
        """The one organisation the paragraph names (also as "NAVO-top", "VN-Veiligheidsraad")
        whose office of this head the registry knows: a bare "secretaris-generaal" is its; a
        bare "partijleider" or "fractievoorzitter" is the one party's the paragraph names."""
        if title.head not in _BODY_HEADS and title.head not in _PARTY_HEADS:
            return None
        ctx = self.ctx
        a, b = ctx.text.paragraph_span(sentence.paragraph)
        names = {ctx.body[x:y] for x, y, _key, kind in ctx.text.named if a <= x < b and kind is EntityKind.ORGANIZATION}
        names |= {m.group(1) for m in _BODY_PREFIX.finditer(ctx.body, a, b)}
        fits = set()
        for name in names:
            org = ctx.lookup(name, EntityKind.ORGANIZATION)
            if org is None:
                continue
            label = ctx.label_of(org)
            if title.head in _PARTY_HEADS:  # "De PVV stapt uit de coalitie, zegt partijleider Wilders"
                if org in PARTY_KEYS:
                    fits.add(label)
                continue
            for phrase in (f"de {label}", label):
                if ctx.lookup(f"{title.head} van {phrase}", EntityKind.OFFICE) is not None:
                    fits.add(phrase)
                    break
        return next(iter(fits)) if len(fits) == 1 else None

    def _government_country(self, title: Title, sentence: Sentence) -> str | None:
        """A government title that says no country is that of the foreign government the story is about."""
        governs = title.head in _GOVERNMENT or title.head.startswith(("minister ", "staatssecretaris "))
        if governs and not (title.adjective or title.prefix):  # also "minister van Buitenlandse Zaken"
            return self._foreign_government(sentence)  # "De Belgische regering … Premier Michel"
        return None

    def _placed(self, title: Title, sentence: Sentence) -> tuple[Title, str | None]:
        """Where a title the words after it do not place is held, before a name or predicated
        of it: the one country its paragraph names for the office ("Duitsland …
        Bondskanselier Scholz", "X wordt bondskanselier"), the one body ("Op de NAVO-top …
        Secretaris-generaal X"), or the foreign government the story is about ("X wordt
        minister van Financiën" in a story about the new Duitse regering)."""
        country = None
        if not (title.adjective or title.complement or title.prefix):
            country = self._paragraph_country(title, sentence)
            body_of = self._paragraph_body(title, sentence) if country is None else None
            if body_of is not None:
                title = _of_body(title, body_of)
        return title, country or self._government_country(title, sentence)

    def _foreign_government(self, sentence: Sentence) -> str | None:
        """The country whose government a story is about ("De Belgische regering-Michel …"): named
        in the sentence's paragraph, where that does not name Nederland, or in the lead or title
        of a story that never does. A title that says no country is that government's there."""
        ctx = self.ctx
        a, b = ctx.text.paragraph_span(sentence.paragraph)
        if _DUTCH.search(ctx.body, a, b):
            return None
        places = [ctx.body[a:b]]
        if not _DUTCH.search(ctx.body):  # the story's lead and title only where it never names Nederland
            lead_start, lead_end = ctx.text.paragraph_span(0)
            places += [ctx.body[lead_start:lead_end], ctx.document.meta.title or ""]
        found = {
            country
            for text in places
            for match in _FOREIGN_GOVERNMENT.finditer(text)
            if (country := ctx.country_of_adjective(match.group("adj"))) not in (None, "nederland")
        }
        return next(iter(found)) if len(found) == 1 else None

    def _joined_title(self, title: Title, sentence_start: int) -> Title | None:
        """A second title joined to the one before a name by "en": "Vicepremier en minister van
        Financiën Sigrid Kaag", "minister van Buitenlandse Zaken en vicepremier Wopke Hoekstra"
        (not "de minister en de premier X": the second title has no article of its own)."""
        ctx = self.ctx
        joint = _JOINT.search(ctx.body, max(sentence_start, title.start - 6), title.start)
        if joint is None or ctx.body[title.start : title.end].split()[0].lower() in ("de", "het"):
            return None
        first = longest_title(ctx, max(sentence_start, joint.start() - 90), joint.start(), suffix=True)
        if first is None or first.end != joint.start() or first.head == title.head or first.mod:
            return None
        if ctx.body[first.start : first.end].split()[0].lower() == "een":
            return None  # "zoekt een nieuwe secretaris-generaal en premier X": a post, not X's
        if ctx.persons.within(max(sentence_start, first.start - 40), first.start):
            return None  # "X, minister van Financiën en vicepremier Y": two persons
        return first

    def _apposition(self, person: PersonMention, sentence: Sentence, a: int, b: int, seen_until: int | None) -> None:
        """ "X, oud-commandant der Strijdkrachten, …", also with time words before or after the
        title: "X, sinds 2019 minister van Defensie", "X, tien jaar lang premier", "X, premier van
        2010 tot 2024"."""
        ctx = self.ctx
        extents = time_extents(ctx, sentence)
        words = list(_WORD.finditer(ctx.body, a, b))
        index = 0
        while index < len(words) and (
            _TIME_ADVERB.match(words[index].group()) or any(x <= words[index].start() < y for x, y in extents)
        ):
            index += 1
        if index == len(words):
            return
        found = longest_title(ctx, words[index].start(), b, suffix=False)
        if found is None:
            return
        rest = [w for w in _WORD.finditer(ctx.body, found.end, b) if not any(x <= w.start() < y for x, y in extents)]
        if found.end < b - 1 and rest:
            return  # the apposition says more than a title and its time
        told = span_term(ctx, sentence, a, b, past=False) + duration_in(ctx, sentence, a, b, past=False)
        span = (person.start, max(found.end, told.last or 0))
        self.add(person, found, span, term=told, confidence=0.8, seen_until=seen_until)

    def _predicated(self, person: PersonMention, predicate: _Predicate) -> None:
        """A holding from "X is sinds 2014 …", "X was tien jaar …", "X wordt dinsdag …", "X werd …"."""
        ctx = self.ctx
        title, verb = predicate.title, predicate.verb.lower()
        sentence = ctx.text.sentence_at(person.start)
        title, country = self._placed(title, sentence)
        past = verb.split()[0] in ("was", "werd", "begon", "startte", "trad")
        span = (min(predicate.first, person.start), max(predicate.last, person.end))
        window = (predicate.time_from, predicate.time_to)
        right_after = (title.end, _clause_end(ctx, title.end, sentence.end))  # "was premier van 2010 tot 2017"
        told = span_term(ctx, sentence, *window, past=past) + duration_in(ctx, sentence, *window, past=past)
        later = span_term(ctx, sentence, *right_after, past=past) + duration_in(ctx, sentence, *right_after, past=past)
        if later.first is not None and not ctx.body[title.end : later.first].strip():
            told = told + later
        if verb in ("is", "was"):
            since = min(predicate.first, predicate.time_from, person.start)
            formerly = _FORMERLY.search(ctx.body, since, title.start) if past else None
            if formerly is not None and told.end is None:  # "Eerder was X lid van …": over by the story's date
                words = ctx.body[formerly.start() : title.end]
                bound = story_bound(ctx, BoundRelation.END_NOT_AFTER, words)
                told = told + Term(bounds=(bound,), sighting=Sighting.NONE, first=formerly.start(), last=title.end)
            elif past and told.start is None and told.end is None:
                told = told + Term(sighting=Sighting.TOLD)  # "was premier": then, not at the story's date
            confidence = 0.7 if told.start or told.end else 0.65
            self.add(person, title, span, term=told, confidence=confidence, country=country)
            return
        said = verb.split()
        if said[0] in _STOP_VERBS and (said[0] not in ("treedt", "trad") or said[-2:] == ["af", "als"]):
            # "X stopt als Kamerlid": held at the story's date and over no earlier; "X stopte
            # als …", "trad af als …": over by then.
            stopped = said[0] in ("stopte", "vertrok", "trad")
            relation = BoundRelation.END_NOT_AFTER if stopped else BoundRelation.END_NOT_BEFORE
            bound = story_bound(ctx, relation, ctx.body[predicate.first : title.end])
            sighting = Sighting.NONE if stopped else Sighting.SEEN
            told = told + Term(bounds=(bound,), sighting=sighting, first=predicate.first, last=title.end)
            self.add(person, replace(title, ended=None, mod=None), span, term=told, confidence=0.7, country=country)
            return
        told = told + self._beginning(person, predicate, sentence, told)
        self.add(person, replace(title, ended=None, mod=None), span, term=told, confidence=0.75, country=country)

    def _beginning(self, person: PersonMention, predicate: _Predicate, sentence: Sentence, told: Term) -> Term:
        """When a term a verb begins ("wordt", "werd", "begint als", "benoemd tot") starts, or
        on which side of a date."""
        ctx = self.ctx
        verb = predicate.verb
        words = f"{verb} {predicate.title.core}"
        appointed = APPOINTMENT_WORDS.search(verb) is not None
        if told.start is not None:
            return Term(sighting=Sighting.NONE)  # "per 1 juli", "met ingang van": the start itself
        dates = bare_dates(ctx, sentence, predicate.time_from, predicate.last)
        if dates and appointed:  # appointed on a day, in office from that day or later
            return Term(bounds=(Bound(BoundRelation.START_NOT_BEFORE, dates[0]),), sighting=Sighting.NONE)
        if dates:
            return Term(start=dates[0], sighting=Sighting.NONE)
        if PRESENT_START_VERBS.match(verb):
            return Term(bounds=(story_bound(ctx, BoundRelation.START_NOT_BEFORE, words),), sighting=Sighting.NONE)
        if appointed:
            return Term(sighting=Sighting.NONE)  # "is benoemd tot": when the term begins, not said
        return Term(bounds=(story_bound(ctx, BoundRelation.START_NOT_AFTER, words),), sighting=Sighting.NONE)
