"""Who held an office just before or after whom, where a sentence says so.

Dutch says it with a noun or a verb:

- "Ruttes voorganger Jens Stoltenberg", "zijn opvolger Dick Schoof" (the possessor is the
  other holder; "zijn"/"haar" the last person named that the pronoun can mean);
- "de opvolger van Rutte, Dick Schoof", "Schoof, de opvolger van Rutte", "Schoof is de
  opvolger van Rutte", "Schoof werd beëdigd als opvolger van Rutte";
- "Schoof volgt Rutte op", "Op 2 juli volgde Schoof Rutte op", "dat Schoof Rutte opvolgt",
  "Schoof heeft Rutte opgevolgd", "Rutte wordt opgevolgd door Schoof";
- "Schoof neemt het stokje over van Rutte als premier", "Schoof treedt als premier in de
  voetsporen van Rutte": figures of speech that need the office said ("als premier"), as
  they are as often about a policy or an example as about an office.

Both persons must be named or meant by a pronoun ("Hij volgde Timmermans op": the last
person named that the pronoun can mean, the words from that name on), and the office known: said in the
sentence ("als premier"), else the one office one person holds at a time (``seats: 1``)
that both are found holding in the text, else the one such office either holds in this
sentence or the two before it.  Anything else is left out: a succession in an office many
hold at once ("volgt X op als Kamerlid") says nothing about terms, a wish or a condition
("wil Stoltenberg opvolgen") and a negation are no facts, and two candidate offices are a
guess.  The succession is recorded on the holding of the person the words are about
(``predecessor`` on the later holder's, ``successor`` on the earlier's), with evidence that
includes the words that say it; the build adds the other side.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from navokg.extract.context import Context, clamp
from navokg.extract.lexicon import LINKING_WORDS, MODAL_VERBS, SUCCESSION_NOUNS
from navokg.extract.offices import Holdings, parse_title, title_at
from navokg.extract.persons import PersonMention
from navokg.extract.terms import span_term, time_extents
from navokg.extract.text import Sentence
from navokg.model import Method, OfficeHolding

__all__ = ["find_successions"]

_TRIGGER = re.compile(
    r"\b(?:volg(?:t|de|den)\b|opvolg(?:t|de|den|en)\b|opgevolgd\b|opvolger|opvolgster|voorganger|voorgangster|"
    r"stokje\b|voetspo(?:or|ren)\b)",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"^(?:'s|’s|s|')\s+$")
_PRONOUN = re.compile(r"\b(?P<pronoun>zijn|haar|diens)\s+(?:(?:nieuwe|directe)\s+)?$", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\b(?:de|diens)\s+(?:(?:nieuwe|directe)\s+)?$", re.IGNORECASE)
_OF = re.compile(r"\s+(?:over\s+)?van\s")  # "opvolger van", "het stokje over van", "voetsporen van"
_SUBJECT_GLUE = re.compile(
    r"^\s*(?:,\s*(?:de\s+|diens\s+)?|\s+(?:is|wordt|werd|was)\s+(?:de\s+)?|"
    r"\s+(?:is|wordt|werd|was)\s+(?:[^\s,.;:]+\s+){0,3}?(?:benoemd|beëdigd|gekozen|aangesteld|geïnstalleerd|aangetreden)"
    r"\s+als\s+(?:de\s+)?)(?:nieuwe\s+|directe\s+)?$"
)
_PARTICLE_OP = re.compile(r"\bop\b(?=\s*(?:[,.;:!?]|als\b|en\b|$))", re.IGNORECASE)
_BY = re.compile(r"\bdoor\s+$", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:niet|geen|nooit)\b", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[,;:.!?()]")
_AS_TITLE = re.compile(r"\bals\s+(?=\S)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:die|dat|maar|en|want|terwijl|omdat|nadat|toen)\b")
_WORDS = re.compile(r"[^\s,]+")
_NATIONALITY = re.compile(r"(?:de|het)\s+[A-ZÀ-Þ][\w-]*")  # "de Noor", "de Belg"
_TIME_PREPOSITIONS = frozenset({"in", "sinds", "vanaf", "rond", "medio", "begin", "eind"})  # "in juli"
_WINDOW = 2  # sentences before this one in which an office of either person counts as nearby


@dataclass(frozen=True)
class _Said:
    """A succession the words state: ``about`` held the office just before or after ``other``."""

    about: PersonMention
    other: str  # person key
    role: str  # predecessor (the other held it before) or successor (after)
    first: int  # the words that say it
    last: int
    explicit_office: bool  # a figure of speech: only with the office said


class _Successions:
    def __init__(self, ctx: Context, rules: Holdings, pronouns: Sequence[tuple[PersonMention, PersonMention]]) -> None:
        self.ctx = ctx
        self.rules = rules
        self.pronouns = [pronoun for pronoun, _ in pronouns]  # "hij", "zij" as mentions of whom they mean
        self.named = {pronoun.start: named for pronoun, named in pronouns}

    def _people(self, start: int, end: int) -> list[PersonMention]:
        """The persons named or meant by a subject pronoun in [start, end), in text order."""
        meant = [p for p in self.pronouns if start <= p.start and p.end <= end]
        return sorted([*self.ctx.persons.within(start, end), *meant], key=lambda p: p.start)

    # ---- what the words say ----------------------------------------------------------------

    def said(self, sentence: Sentence, trigger: re.Match[str]) -> _Said | None:
        word = trigger.group().casefold()
        if word in SUCCESSION_NOUNS:
            return self._noun(sentence, trigger, SUCCESSION_NOUNS[word])
        if word == "stokje" or word.startswith("voetspo"):
            return self._figure(sentence, trigger)
        return self._verb(sentence, trigger)

    def _clause(self, sentence: Sentence, offset: int) -> tuple[int, int]:
        """The clause around ``offset``: between breaks (";", ":", ", die", ", maar" …)."""
        body = self.ctx.body
        start, end = sentence.start, sentence.end
        for match in _CLAUSE_BREAK.finditer(body, sentence.start, sentence.end):
            if match.end() <= offset:
                start = match.end()
            elif match.start() >= offset:
                end = match.start()
                break
        return start, end

    def _light(self, sentence: Sentence, a: int, b: int) -> bool:
        """Whether [a, b) holds nothing but time words, auxiliaries, "als", "door", "op" and a
        title or a nationality ("de Noor"): so the names around it are the verb's own."""
        ctx = self.ctx
        extents = time_extents(ctx, sentence)
        rest = [
            w
            for w in _WORDS.finditer(ctx.body, a, b)
            if w.group().casefold() not in LINKING_WORDS
            and not any(x <= w.start() < y for x, y in extents)
            and not (w.group().casefold() in _TIME_PREPOSITIONS and any(x == w.end() + 1 for x, _ in extents))
        ]
        if not rest:
            return True
        words = " ".join(w.group() for w in rest)
        written = ctx.body[rest[0].start() : rest[-1].end()]  # "secretaris-generaal van de NAVO" as written
        return any(parse_title(t, 0) is not None or _NATIONALITY.fullmatch(t) is not None for t in (words, written))

    def _noun(self, sentence: Sentence, noun: re.Match[str], side: str) -> _Said | None:
        """ "Ruttes voorganger Stoltenberg", "zijn opvolger X", "de opvolger van X, Y", "Y, de opvolger van X"."""
        ctx, body = self.ctx, self.ctx.body
        persons = self._people(sentence.start, sentence.end)
        before = [p for p in persons if p.end <= noun.start()]
        after = [p for p in persons if p.start >= noun.end()]
        # "van X": the noun's own holder, the other side of the succession.
        of = after[0] if after and _OF.match(body, noun.end()) else None
        if of is not None and self._light(sentence, noun.end(), of.start):
            apposed = [p for p in after[1:] if body[of.end : p.start].lstrip().startswith(",")]
            if apposed and not self._light(sentence, of.end, apposed[0].start):
                apposed = []
            if apposed and _ARTICLE_BEFORE.search(body, sentence.start, noun.start()):
                named = apposed[0]  # "de opvolger van Rutte, Dick Schoof"
            elif before and _SUBJECT_GLUE.fullmatch(body[before[-1].end : noun.start()]):
                named = before[-1]  # "Schoof, de opvolger van Rutte", "Schoof is de opvolger van Rutte"
            else:
                return None
            return self._said(named, of.key, side, (noun.start(), of.end))
        # "Ruttes voorganger X", "zijn voorganger X": the possessor is the other side.
        if not after or not self._light(sentence, noun.end(), after[0].start):
            return None
        named = after[0]
        if before and _POSSESSIVE.fullmatch(body[before[-1].end : noun.start()]):
            possessor: str | None = before[-1].key
            first = before[-1].start
        else:
            pronoun = _PRONOUN.search(body, max(sentence.start, noun.start() - 16), noun.start())
            if pronoun is None:
                return None
            gender = "f" if pronoun.group("pronoun").casefold() == "haar" else "m"
            antecedent = ctx.antecedent(pronoun.start(), gender)
            possessor = antecedent.key if antecedent is not None else None
            first = pronoun.start()
        if possessor is None:
            return None
        return self._said(named, possessor, side, (first, named.end))

    @staticmethod
    def _said(named: PersonMention, other: str, side: str, words: tuple[int, int]) -> _Said:
        """``named`` is ``other``'s opvolger (side "after") or voorganger ("before")."""
        role = "predecessor" if side == "after" else "successor"
        first, last = min(words[0], named.start), max(words[1], named.end)
        return _Said(named, other, role, first, last, explicit_office=False)

    def _verb(self, sentence: Sentence, verb: re.Match[str]) -> _Said | None:
        """ "A volgt B op", "Dinsdag volgt A B op", "dat A B opvolgt", "A heeft B opgevolgd",
        "B wordt opgevolgd door A": two names, the verb and its particle with nothing else between."""
        body = self.ctx.body
        start, end = self._clause(sentence, verb.start())
        pieces = [(verb.start(), verb.end())]
        if verb.group().casefold().startswith("volg"):
            particle = _PARTICLE_OP.search(body, verb.end(), end)
            if particle is None:
                return None
            pieces.append((particle.start(), particle.end()))
            end = particle.end()
        persons = self._people(start, end)
        if len(persons) != 2 or persons[0].key == persons[1].key:
            return None
        a, b = persons
        pieces = sorted([*pieces, (a.start, a.end), (b.start, b.end)])
        if not all(self._light(sentence, x[1], y[0]) for x, y in itertools.pairwise(pieces)):
            return None
        if _BY.search(body, max(start, a.start - 8), a.start):
            later, earlier = a, b  # "opgevolgd door Schoof"
        elif _BY.search(body, max(start, b.start - 8), b.start):
            later, earlier = b, a  # "Rutte wordt opgevolgd door Schoof"
        else:
            later, earlier = a, b  # the subject stands first
        return _Said(later, earlier.key, "predecessor", pieces[0][0], pieces[-1][1], explicit_office=False)

    def _figure(self, sentence: Sentence, figure: re.Match[str]) -> _Said | None:
        """ "A neemt het stokje over van B als premier", "A treedt als premier in de voetsporen van B"."""
        body = self.ctx.body
        start, end = self._clause(sentence, figure.start())
        persons = self._people(start, end)
        after = [p for p in persons if p.start >= figure.end()]
        subject = [p for p in persons if p.end <= figure.start()]
        if len(persons) != 2 or not after or not subject or subject[0].key == after[0].key:
            return None
        if not _OF.match(body, figure.end()) or not self._light(sentence, figure.end(), after[0].start):
            return None
        return _Said(subject[0], after[0].key, "predecessor", subject[0].start, after[0].end, explicit_office=True)

    # ---- which office ----------------------------------------------------------------------

    def office(self, sentence: Sentence, said: _Said) -> tuple[str, int] | None:
        """The one-seat office the succession is in, and where the words naming it end."""
        ctx = self.ctx
        start, end = self._clause(sentence, said.first)
        end = start + len(ctx.body[start:end].rstrip(" \n.!?,"))
        for match in _AS_TITLE.finditer(ctx.body, start, end):
            stop = _PUNCTUATION.search(ctx.body, match.end(), end)
            title = title_at(ctx, match.end(), stop.start() if stop else end)
            if title is None:
                continue
            resolved = self.rules.offices.resolve(title)
            if resolved is None or self._seats(resolved[0]) != 1:
                return None  # said, but one that many hold at once
            return resolved[0], title.end
        if said.explicit_office:
            return None
        index = ctx.text.sentence_index(sentence.start)
        nearby = [s for s in ctx.text.sentences[max(0, index - _WINDOW) : index] if s.paragraph == sentence.paragraph]
        since = nearby[0].start if nearby else sentence.start
        people = {said.about.key, said.other}

        def offices(person: str, *, near: bool) -> set[str]:
            return {
                h.office
                for h in self.rules.found
                if h.holder == person
                and self._seats(h.office) == 1
                and (not near or since <= h.evidence[0].start < sentence.end)
            }

        near = set().union(*(offices(p, near=True) for p in people))
        both = offices(said.about.key, near=False) & offices(said.other, near=False) & near
        chosen = both or near
        if len(chosen) != 1:
            return None
        return next(iter(chosen)), said.last

    def _seats(self, office: str) -> int | None:
        ctx = self.ctx
        entity = ctx.entities.get(office) or (ctx.registry.get(office) if office in ctx.registry else None)
        return entity.seats if entity is not None else None

    # ---- recording it ----------------------------------------------------------------------

    def record(self, sentence: Sentence, said: _Said, office: str, last: int) -> None:
        ctx, found = self.ctx, self.rules.found
        first, last = said.first, max(said.last, last)
        # "Hij volgde …": the words run from the name each pronoun means.
        meant = {p.start: self.named[p.start] for p in self.pronouns if first <= p.start < last}
        named_from = min([first, *(n.start for n in meant.values())])
        sentences = {sentence, *(ctx.text.sentence_at(n.start) for n in meant.values())}
        predecessor = said.other if said.role == "predecessor" else None
        successor = said.other if said.role == "successor" else None
        mine = [i for i, h in enumerate(found) if h.holder == said.about.key and h.office == office]
        here = next((i for i in mine if ctx.text.sentence_at(found[i].evidence[0].start) in sentences), None)
        before = next((i for i in mine if found[i].evidence[0].start < first), None)
        told = here if here is not None else before
        if told is not None and (found[told].predecessor or found[told].successor):
            return
        if here is not None:
            holding, ev = found[here], found[here].evidence[0]
            span = (min(ev.start, named_from), max(ev.end, last))
            evidence = (ctx.evidence(*span), *holding.evidence[1:])
            found[here] = replace(holding, evidence=evidence, predecessor=predecessor, successor=successor)
            return
        # "per 1 juli": where the later holder's term begins
        start = span_term(ctx, sentence, first, last, past=True).start if predecessor else None
        if before is not None:
            # Told of a holding the text gave before: the same report, with these words beside
            # it (naming the other holder where a pronoun means them; the report names this one).
            holding = found[before]
            other_from = min([first, *(n.start for at, n in meant.items() if at != said.about.start)])
            evidence = tuple(
                sorted({*holding.evidence, ctx.evidence(other_from, last)}, key=lambda e: (e.start, e.end))
            )
            begun = holding.start if holding.start is not None else start
            found[before] = replace(
                holding, evidence=evidence, start=begun, predecessor=predecessor, successor=successor
            )
            return
        found.append(
            OfficeHolding(
                holder=said.about.key,
                office=office,
                evidence=(ctx.evidence(named_from, last),),
                start=start,
                predecessor=predecessor,
                successor=successor,
                method=Method.AUTOMATIC,
                confidence=clamp(0.6 * (0.6 + 0.4 * said.about.confidence)),
            )
        )


def find_successions(
    ctx: Context, rules: Holdings, pronouns: Sequence[tuple[PersonMention, PersonMention]] = ()
) -> None:
    """Add what the text says of who followed whom to the holdings ``rules`` found; ``pronouns``
    are the subject pronouns ("hij", "zij") with the mention of whom each means."""
    if not _TRIGGER.search(ctx.body):
        return
    successions = _Successions(ctx, rules, pronouns)
    for trigger in _TRIGGER.finditer(ctx.body):
        sentence = ctx.text.sentence_at(trigger.start())
        clause = ctx.body[slice(*successions._clause(sentence, trigger.start()))]
        if set(clause.casefold().split()) & MODAL_VERBS or _NEGATION.search(clause) or clause.rstrip().endswith("?"):
            continue  # a wish, a possibility, a denial or a question: no succession told
        said = successions.said(sentence, trigger)
        if said is None or said.other == said.about.key:
            continue
        office = successions.office(sentence, said)
        if office is not None:
            successions.record(sentence, said, *office)
