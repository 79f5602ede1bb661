"""Office holdings of one document: titles by the name (``offices.py``) and what else says
who holds what.

Besides a title next to a name, Dutch texts give an office by

- a list after a plural title: "de Kamerleden Jasper van Dijk (SP), Salima Belhaj (D66) en
  Christine Teunissen (PvdD)" (each holds the singular office);
- a party in parentheses or a "namens" phrase where the text is about parliament:
  "Jasper van Dijk (SP) vroeg …", "Namens de VVD voerde X het woord" (a member of the
  chamber the text is about: the Eerste Kamer where it names that one only, else the
  Tweede Kamer);
- a counterpart: "minister Brekelmans en zijn Franse ambtgenoot Sébastien Lecornu" (the
  same office in the country the adjective names).

- a title without a name: "de premier" is the person this text last named in that office;
  "de nieuwe premier" only one the text has told begins ("Schoof wordt premier").

A bare title ("minister Kaag", "de president") and a fuller one of the same kind for the
same person ("minister voor Buitenlandse Handel en Ontwikkelingssamenwerking Kaag") are
one holding: the fuller office.  What the text says of who followed whom is read last
(``succession.py``), on the holdings found.
"""

from __future__ import annotations

import re
from dataclasses import replace

from navokg.dutch.dates import TimeValue
from navokg.extract.context import Context
from navokg.extract.lexicon import BEGUN, PARTY_KEYS, TERM_MODIFIERS
from navokg.extract.offices import Holdings, Title, after_name, parse_title
from navokg.extract.persons import PersonMention
from navokg.extract.succession import find_successions
from navokg.extract.terms import Sighting
from navokg.extract.titles import portfolio
from navokg.extract.transcript import header_at
from navokg.model import BoundRelation, Entity, EntityKind, Evidence, Method, OfficeHolding

__all__ = ["find_holdings"]

_JOINED = re.compile(
    r"\s*(?:\([^()\n]{1,60}\)|\s(?:van|voor)\s+(?:de\s+|het\s+)?[A-ZÀ-Þ][\w-]*(?:\s+[A-ZÀ-Þ][\w-]*){0,2})?"
    r"\s*(?:,|\ben\b)\s*(?:\w+\s+)?$"
)  # between two listed names: "X (SP) en", "X van de Senaat en"
_PLURAL_HEADS = frozenset(
    {"kamerleden", "tweede-kamerleden", "senatoren", "ministers", "staatssecretarissen", "presidenten", "premiers",
     "voorzitters", "burgemeesters", "europarlementariërs"}
)  # fmt: skip
# A plural title closed by a comma before its list: "de voorzitters van het Belgische parlement, X
# van de Senaat en Y van de Kamer", "de ministers van Defensie en Buitenlandse Zaken, X en Y".
_PLURAL_BEFORE = re.compile(
    r"\b[Dd]e\s+(?:(?P<adj>[A-ZÀ-Þ][^\W\d_]*e)\s+)?(?P<head>(?i:" + "|".join(sorted(_PLURAL_HEADS)) + r"))"
    r"(?P<compl>\s+(?:van|der)\s+[^,;:()]{2,60}?)?\s*,\s*$"
)
_PARTY_PAREN = re.compile(r"^\s*\((?P<party>[^()\n,;]{1,40})\)")
_NAMENS = re.compile(r"\b[Nn]amens\s+(?:de\s+|het\s+)?(?P<party>[\w-]+(?:\s+[\w-]+){0,3})")
_PARLIAMENT = re.compile(r"\b(?:[Kk]amer|[Kk]amerl|[Dd]ebat|[Mm]otie|[Ff]ractie|[Ss]enat|[Ss]enaat)", re.I)
_DEFINITE = re.compile(
    r"\b[Dd]e\s+(?:(?:nieuwe|demissionaire|huidige)\s+)?(?P<head>(?i:premier|minister-president|minister|"
    r"staatssecretaris|president|secretaris-generaal|informateur|leider))\b"
)
_COUNTERPART = re.compile(
    r"\b(?:[Zz]ijn|[Hh]aar|[Hh]un)\s+(?P<adj>[A-ZÀ-Þ][^\W\d_]*e)\s+(?:ambtgenoot|ambtgenote|collega|evenknie|tegenhanger)\s*,?\s*$"
)
# A signature: a title line ending in a comma, then the name, closing the text.
_SIGNATURE = re.compile(
    r"(?:^|\n)[ \t]*(?P<title>(?:De|Het)\s+[^\n,]{3,120}?),[ \t]*\n(?:[ \t]*\n){0,2}[ \t]*(?P<name>[^\n]{3,60}?)\s*\Z"
)
# "haar collega van Buitenlandse Zaken, Stef Blok": a minister of that portfolio, of the same government.
_COLLEAGUE = re.compile(
    r"\b(?:[Zz]ijn|[Hh]aar|[Hh]un)\s+collega\s+(?P<portfolio>(?:van|voor)\s+[A-ZÀ-Þ][\w'’-]*(?:,?\s+(?:en\s+)?[A-ZÀ-Þ][\w'’-]*)*)\s*,?\s*$"
)


def _debate_turn(ctx: Context, person: PersonMention) -> bool:
    """A speaker's header in the transcript of a debate: a text about parliament whose header
    line ("De heer Jasper van Dijk (SP):") stands alone, with no word of parliament in it."""
    about = f"{ctx.document.meta.title or ''}\n{ctx.body}"
    return header_at(ctx, person.start) and _PARLIAMENT.search(about) is not None


def _chamber(ctx: Context) -> str:
    """The chamber a text about parliament is about: the Eerste Kamer only where it names that one alone."""
    body = ctx.body
    senate = re.search(r"Eerste Kamer|\bsenator|\b[Ss]enaat\b", body) is not None
    return "eerste kamerlid" if senate and "Tweede Kamer" not in body else "kamerlid"


class _More:
    """The rules of this module, on the holdings ``offices.Holdings`` has found."""

    def __init__(self, ctx: Context, holdings: Holdings) -> None:
        self.ctx = ctx
        self.holdings = holdings
        self._list_country: dict[int, str | None] = {}  # the country a plural title names, by listed name

    def listed(self, person: PersonMention, previous: PersonMention | None) -> None:
        """A name listed after one that follows a plural title holds the same office."""
        if previous is None or person.start in self.holdings.titles:
            return
        title = self.holdings.titles.get(previous.start)
        words = self.ctx.body[title.start : title.end].split() if title is not None else []
        if not any(word.strip(",").lower() in _PLURAL_HEADS for word in words):
            title = None
        title = title or self.holdings.titles.get(-previous.start - 1)
        if title is None or not _JOINED.fullmatch(self.ctx.body[previous.end : person.start]):
            return
        if self.ctx.text.sentence_at(person.start) != self.ctx.text.sentence_at(previous.start):
            return
        self.holdings.titles[-person.start - 1] = title  # remembered for the next in the list
        self._hold_listed(person, title, self._list_country.get(-previous.start - 1))

    def plural_list(self, person: PersonMention) -> None:
        """The first name after a plural title and a comma: "de voorzitters van het Belgische
        parlement, X van de Senaat en Y van de Kamer" (each holds the singular office, narrowed by
        what follows the name, in the country the title names)."""
        ctx = self.ctx
        if person.start in self.holdings.titles:
            return
        sentence = ctx.text.sentence_at(person.start)
        match = _PLURAL_BEFORE.search(ctx.body, max(sentence.start, person.start - 120), person.start)
        if match is None or ctx.persons.within(match.start(), person.start - 1):
            return
        title = parse_title(ctx.body[match.start() : match.end("head")], match.start())
        if title is None:
            return
        adjectives = [w for w in re.findall(r"[A-ZÀ-Þ][^\W\d_]*e\b", match.group()) if ctx.country_of_adjective(w)]
        country = ctx.country_of_adjective(adjectives[0]) if len(adjectives) == 1 else None
        compl = (match.group("compl") or "").strip()
        if re.search(r"\ben\b", compl):
            return  # "de burgemeesters van Amsterdam en Rotterdam, X en Y": whose is whose, unsaid
        full = parse_title(f"{title.core} {compl}", match.start()) if compl else None
        if full is not None and full.complement and not full.complement.split()[-1][:1].islower():
            title = replace(full, end=title.end)  # "de ministers van Defensie, X en Y": the whole title
        self.holdings.titles[-person.start - 1] = title
        self._list_country[-person.start - 1] = country
        self._hold_listed(person, title, country)

    def _hold_listed(self, person: PersonMention, title: Title, country: str | None) -> None:
        """A listed name holds the title, with its own portfolio or body if it names one:
        "Hoekstra (Buitenlandse Zaken)", "X van de Senaat"."""
        ctx = self.ctx
        sentence = ctx.text.sentence_at(person.start)
        after, after_end = after_name(ctx, person, sentence.end)
        if ctx.persons.within(person.end, after_end):  # "X van de Senaat en Y van de Kamer"
            after = re.split(r"\s+en\s+", after)[0]
            after_end = ctx.body.index(after, person.end) + len(after)
        if after and not portfolio(after) and title.complement is None:
            own = parse_title(f"{title.core} van {after}", title.start)
            if own is None:
                return
            title, after = own, ""
        elif after and title.complement is not None:
            after = ""
        self._list_country[-person.start - 1] = country
        self.holdings.add(person, title, (person.start, after_end), after=after, confidence=0.75, country=country)

    def member(self, person: PersonMention) -> None:
        """ "X (SP)" or "namens de SP" where the text is about parliament: a member of it."""
        ctx = self.ctx
        if person.start in self.holdings.titles or any(h.holder == person.key for h in self.holdings.found):
            return
        sentence = ctx.text.sentence_at(person.start)
        paragraph_start = ctx.text.paragraph_starts[sentence.paragraph]
        if not _PARLIAMENT.search(ctx.body, paragraph_start, sentence.end) and not _debate_turn(ctx, person):
            return
        paren = _PARTY_PAREN.match(ctx.body[person.end : sentence.end])
        party, span = None, (person.start, person.end)
        if paren is not None:
            party = ctx.lookup(paren.group("party").strip(), EntityKind.ORGANIZATION)
            span = (person.start, person.end + paren.end())
        else:
            for match in _NAMENS.finditer(ctx.body, sentence.start, sentence.end):
                words = match.group("party").split()
                for size in range(len(words), 0, -1):
                    party = ctx.lookup(" ".join(words[:size]), EntityKind.ORGANIZATION)
                    if party is not None:
                        break
                if party is not None:
                    break
            span = (sentence.start, sentence.end)
        if party not in PARTY_KEYS:
            return
        head = _chamber(ctx)
        title = Title(person.start, person.end, head, head, None, None, None, None)
        self.holdings.add(person, title, span, confidence=0.6)

    def counterpart(self, person: PersonMention) -> None:
        """ "minister Brekelmans en zijn Franse ambtgenoot Lecornu": the same office in France."""
        ctx = self.ctx
        sentence = ctx.text.sentence_at(person.start)
        match = _COUNTERPART.search(ctx.body, max(sentence.start, person.start - 60), person.start)
        if match is None:
            return
        country = ctx.country_of_adjective(match.group("adj"))
        # The possessor: a holder named before in this sentence or the one before it.
        index = ctx.text.sentence_index(sentence.start)
        previous = ctx.text.sentences[index - 1] if index else sentence
        since = previous.start if previous.paragraph == sentence.paragraph else sentence.start
        own = self._held_by_others(person, since, match.start())
        if country is None or not own:
            return
        office = self._entity(own[-1].office)
        if office is None:
            return
        label = office.label
        if office.post_in and ctx.kind_of(office.post_in) is EntityKind.COUNTRY:
            # The possessor's country: "president van de Verenigde Staten" is "president".
            label = re.sub(rf"\s+van\s+(?:de\s+|het\s+)?{re.escape(ctx.label_of(office.post_in))}$", "", label)
        title = parse_title(label, 0)
        if title is None:
            return
        title = replace(title, start=match.start(), end=person.end)
        self.holdings.add(person, title, (match.start(), person.end), confidence=0.7, country=country)

    def signature(self) -> None:
        """A letter signed "De minister voor Buitenlandse Handel en Ontwikkelingssamenwerking,"
        above the name on the text's last lines: the signatory holds that office."""
        ctx = self.ctx
        block = _SIGNATURE.search(ctx.body)
        if block is None:
            return
        person = next(iter(ctx.persons.within(block.start("name"), block.end("name"))), None)
        title = parse_title(block.group("title"), block.start("title"))
        if person is None or title is None or ctx.body[person.start : person.end] != block.group("name").strip():
            return
        self.holdings.add(person, title, (block.start("title"), person.end), confidence=0.8)
        ctx.signatory = person.key

    def colleague(self, person: PersonMention) -> None:
        """ "Minister X … Haar collega van Buitenlandse Zaken, Y": Y is that portfolio's minister
        of the government X serves in (the possessor: the last minister the paragraph named)."""
        ctx = self.ctx
        sentence = ctx.text.sentence_at(person.start)
        match = _COLLEAGUE.search(ctx.body, max(sentence.start, person.start - 80), person.start)
        if match is None or portfolio(match.group("portfolio").split(None, 1)[1]) is None:
            return
        since = ctx.text.paragraph_starts[sentence.paragraph]
        own = [
            office
            for h in self._held_by_others(person, since, match.start())
            if (office := self._entity(h.office)) is not None
            and office.label.startswith(("minister", "staatssecretaris"))
        ]
        if not own:
            return
        title = parse_title(f"minister {match.group('portfolio')}", 0)
        if title is None:
            return
        title = replace(title, start=match.start(), end=person.end)
        self.holdings.add(person, title, (match.start(), person.end), confidence=0.7, country=own[-1].post_in)

    def _held_by_others(self, person: PersonMention, since: int, before: int) -> list[OfficeHolding]:
        """The holdings found so far of others than ``person``, read between ``since`` and
        ``before``: whose "ambtgenoot" or "collega" a title names."""
        return [h for h in self.holdings.found if h.holder != person.key and since <= h.evidence[0].start < before]

    def _entity(self, key: str) -> Entity | None:
        ctx = self.ctx
        return ctx.entities.get(key) or (ctx.registry.get(key) if key in ctx.registry else None)


def _at_story(ctx: Context, value: TimeValue) -> bool:
    """Whether a bound lies at the story's date (words only where the story has none)."""
    reference = ctx.text.reference
    if not value.resolved:
        return True
    return reference is not None and (value.earliest, value.latest) == (reference.earliest, reference.latest)


def _beginning(ctx: Context, found: list[OfficeHolding], holder: str, office: str) -> str | None:
    """What the text has told of when this holder's term begins: "begun" (a start, or begun
    by a date), "to come" (not before the story's date: "wordt premier"), or None."""
    told = None
    for h in found:
        if h.holder != holder or h.office != office:
            continue
        if h.start is not None or any(b.relation is BoundRelation.START_NOT_AFTER for b in h.bounds):
            return "begun"
        if any(b.relation is BoundRelation.START_NOT_BEFORE and _at_story(ctx, b.when) for b in h.bounds):
            told = "to come"
    return told


def _definite(ctx: Context, rules: Holdings) -> None:
    """ "de premier" without a name: the person this text last named in that office."""
    for match in _DEFINITE.finditer(ctx.body):
        end = match.end()
        if ctx.persons.within(end, end + 40) and re.match(r"\s*,?\s*[A-ZÀ-Þ]", ctx.body[end : end + 3]):
            continue  # "De staatssecretaris, Gijs Tuinman": the name's own title
        if ctx.text.quote_at(match.start()) or re.match(r"\s+(?:van|voor|der)\s", ctx.body[end : end + 6]):
            continue  # "de minister van Defensie" is read with the complement, elsewhere
        title = parse_title(match.group(), match.start())
        resolved = rules.offices.resolve(title) if title is not None else None
        if title is None or resolved is None:
            continue
        if any(
            h.office == resolved[0] and any(e.start <= match.start() and end <= e.end for e in h.evidence)
            for h in rules.found
        ):
            continue  # "Schoof is de nieuwe premier": read with the name it is predicated of
        office = resolved[0]
        holder = ctx.holder_of(office, match.start())
        if holder is None:
            # The last person given a title of this head, in the office that title gave them:
            # "de Japanse premier Kishida … de premier" is Japan's premier, not the Dutch one.
            holder = ctx.holder_by_head(title.head, match.start())
            if holder is not None:
                office = _titled(ctx, rules.found, holder, title.head, match.start()) or office
        if holder is None:
            continue
        sentence = ctx.text.sentence_at(match.start())
        term = rules.marked(title, sentence)
        told = ctx.fact_date(sentence, sentence.start, sentence.end)
        if TERM_MODIFIERS.get((title.mod or "").casefold()) == BEGUN:
            beginning = _beginning(ctx, rules.found, holder, office)
            if beginning is None:
                continue  # "de nieuwe premier" is not the one named before, unless that one was told to begin
            if beginning == "to come" and told == ctx.text.reference:
                term = replace(term, bounds=(), sighting=Sighting.NONE)  # the premier-to-be
        rules.found.append(
            OfficeHolding(
                holder=holder,
                office=office,
                evidence=(ctx.evidence(match.start(), end),),
                attested=None if term.sighting is Sighting.NONE else told,
                bounds=term.bounds,
                method=Method.AUTOMATIC,
                confidence=0.4,
            )
        )


def _titled(ctx: Context, found: list[OfficeHolding], holder: str, head: str, before: int) -> str | None:
    """The office a title of this head last gave a person before an offset."""
    told = [
        (e.start, h.office)
        for h in found
        if h.holder == holder and (_head_of(ctx, h.office) or ("",))[0] == head
        for e in h.evidence
        if e.start < before
    ]
    return max(told)[1] if told else None


def _not_yet_begun(ctx: Context, found: list[OfficeHolding]) -> list[OfficeHolding]:
    """ "Schoof wordt premier … de nieuwe premier Schoof": where the story says the term has not
    begun, "nieuw" means the holder-to-be, not one in office by the story's date."""
    settled = []
    for h in found:
        begun = [b for b in h.bounds if b.relation is BoundRelation.START_NOT_AFTER and _at_story(ctx, b.when)]
        at_story = h.attested is None or h.attested == ctx.text.reference  # no date of its own sentence
        if begun and at_story and _beginning(ctx, [o for o in found if o is not h], h.holder, h.office) == "to come":
            h = replace(h, bounds=tuple(b for b in h.bounds if b not in begun), attested=None)
        settled.append(h)
    return settled


def _head_of(ctx: Context, key: str) -> tuple[str, bool] | None:
    """An office's head ("minister") and whether its label is that head alone."""
    entity = ctx.entities.get(key) or (ctx.registry.get(key) if key in ctx.registry else None)
    if entity is None:
        return None
    title = parse_title(entity.label, 0)
    if title is None:
        return None
    return title.head, title.bare


def _specific(ctx: Context, holdings: list[OfficeHolding]) -> list[OfficeHolding]:
    """A bare title's holding ("minister Kaag") becomes the holder's fuller office of that kind."""
    fuller: dict[tuple[str, str], set[str]] = {}
    for holding in holdings:
        head = _head_of(ctx, holding.office)
        if head is not None and not head[1]:
            fuller.setdefault((holding.holder, head[0]), set()).add(holding.office)
    changed: list[OfficeHolding] = []
    for holding in holdings:
        head = _head_of(ctx, holding.office)
        offices = fuller.get((holding.holder, head[0])) if head is not None and head[1] else None
        if offices is not None and len(offices) == 1:
            holding = replace(holding, office=next(iter(offices)))
        changed.append(holding)
    return changed


def _when(value: TimeValue | None) -> object:
    """A date by the period it means: "13 april" and "2018-04-13" of one story are one sighting."""
    if value is None or not value.resolved:
        return value
    return (value.earliest, value.latest)


def _merge(holdings: list[OfficeHolding]) -> list[OfficeHolding]:
    """One holding per holder, office and what it says of the term, with all its evidence; a
    succession told apart from the title ("Minister X … Hij volgde Y op") joins it."""
    merged: dict[tuple[object, ...], list[OfficeHolding]] = {}
    for holding in holdings:
        key = (
            holding.holder,
            holding.office,
            _when(holding.start),
            _when(holding.end),
            _when(holding.attested),
            holding.bounds,
            holding.duration,
        )
        group = merged.setdefault(key, [])
        for index, old in enumerate(group):
            if _compatible(old.predecessor, holding.predecessor) and _compatible(old.successor, holding.successor):
                group[index] = _joined(old, holding)
                break
        else:
            group.append(holding)
    return [holding for group in merged.values() for holding in group]


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _joined(old: OfficeHolding, holding: OfficeHolding) -> OfficeHolding:
    spans: list[Evidence] = list(old.evidence)
    for ev in holding.evidence:
        if not any(ev.start < o.end and o.start < ev.end for o in spans):
            spans.append(ev)
    return replace(
        old,
        evidence=tuple(sorted(spans, key=lambda e: e.start)),
        confidence=max(old.confidence or 0, holding.confidence or 0),
        predecessor=old.predecessor or holding.predecessor,
        successor=old.successor or holding.successor,
    )


_SUBJECT_PRONOUN = re.compile(r"(?<![\w-])(?:[Hh]ij|[Zz]ij|[Zz]e)(?![\w-])")
_PRONOUN_GENDER = {"hij": "m", "zij": "f", "ze": "f"}


def _subject_pronouns(ctx: Context) -> list[tuple[PersonMention, PersonMention]]:
    """Each "hij", "zij", "ze" outside quotations, as a mention of the person it means (the
    last one named before it of that gender), with that person's own mention."""
    found = []
    for match in _SUBJECT_PRONOUN.finditer(ctx.body):
        if ctx.text.quote_at(match.start()) is not None:
            continue
        named = ctx.antecedent(match.start(), _PRONOUN_GENDER[match.group().lower()])
        if named is not None:
            found.append((PersonMention(match.start(), match.end(), named.key, match.group(), 0.8), named))
    return found


def find_holdings(ctx: Context) -> list[OfficeHolding]:
    """Every office holding the text states or clearly implies."""
    rules = Holdings(ctx)
    more = _More(ctx, rules)
    previous: PersonMention | None = None
    for person in ctx.persons.mentions:
        rules.for_person(person)
        more.plural_list(person)
        more.listed(person, previous)
        more.counterpart(person)
        more.colleague(person)
        previous = person
    for person in ctx.persons.mentions:
        more.member(person)
    pronouns = _subject_pronouns(ctx)
    for pronoun, named in pronouns:
        rules.for_pronoun(pronoun, named)
    more.signature()
    rules.settle_abroad()
    _definite(ctx, rules)
    find_successions(ctx, rules, pronouns)
    return _merge(_specific(ctx, _not_yet_begun(ctx, rules.found)))
