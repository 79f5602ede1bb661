"""Aid commitments: who gives how much (or what) to whom, and how far it has got.

A commitment is a sentence with an amount of money (``amounts.find_amounts``; a bare
"1 miljard" is in the paragraph's currency, else in euros) or counted things ("3000
gevechtshelmen", "24 F-16's"), a verb or noun of giving ("stelt beschikbaar", "zet
apart", "steunpakket", "een bijdrage van … aan"), a donor (a country, the EU, a
municipality or organisation, "het kabinet", a Dutch ministry, a minister of a country)
and a recipient (a country, also through its adjective: "de Oekraïense bevolking"; a UN
agency, fund or organisation).  Who gives to whom comes from the parse (aidroles.py),
status and kind from the words (aidkinds.py).  A sentence of giving without an amount
takes the one the next sentence gives ("Het gaat om 30 miljoen euro"), and a commitment
without a recipient the one the next sentence sends the money to ("Het geld gaat naar
…").  Shares of GDP, deficits, defence budgets, seat counts, running totals ("sinds het
uitbreken van de oorlog", "komt op") and the whole a share is taken from ("van de 550
miljoen") are not commitments; "in totaal" is one where a verb of giving governs it.
One amount for recipients joined by "en" is divided or shared as aidshares.py says, and
an amount for a purpose that names no party is a share of its paragraph's commitment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from navokg.dutch.amounts import AmountMention, find_amounts
from navokg.extract.aiditems import counted_items, listed_items, uncounted_items
from navokg.extract.aidkinds import aid_status, aid_type
from navokg.extract.aidmerge import one_per_amount
from navokg.extract.aidrefer import country_nouns
from navokg.extract.aidroles import RECEIVING_VERB, Party, Roles, giving_verb, recipient_phrase, roles
from navokg.extract.aidshares import coordinated, divided_later, for_each, share_cue, shared
from navokg.extract.context import Context, clamp
from navokg.extract.lexicon import CAPITALS, GOVERNMENT_WORDS, PARTY_KEYS, PORTFOLIOS
from navokg.extract.text import Sentence
from navokg.model import AidCommitment, AidItem, EntityKind, Evidence, Method

__all__ = ["find_aid"]

_NOT_AID = re.compile(
    r"%|\bprocent|\bbbp\b|\bbruto\s+binnenlands|\btekort|\bdefensiebudget|\bdefensie-uitgaven|"
    r"\bdefensiebegroting|\bzetels?\b|\bstemmen\b|\bkost(?:en|te)?\b|\bschade\b|\bomzet|\bwinst\b|\bsalaris|"
    r"inkomsten\b|\bopbrengst|\bexport|\bimport",
    re.IGNORECASE,
)
# An adjective of nationality before a title: "de Canadese minister", "de Duitse staatssecretaris".
_NATIONALITY_OF_TITLE = re.compile(
    r"\s+(?:minister|staatssecretaris|premier|president|ambtgenoot|collega|regeringsleider|bondskanselier|"
    r"kanselier|vicepremier|ambassadeur|gezant|eurocommissaris|delegatie|onderhandelaar)",
    re.IGNORECASE,
)
# Where the need is: "in Libië", "in de Libische stad Derna" (searched up to a party's start).
_PLACE_BEFORE = re.compile(r"\bin\s+(?:de\s+|het\s+)?$")
# A verb whose subject receives: "Daarnaast krijgt Tunesië 150 miljoen euro begrotingssteun".
_RECEIVE = re.compile(rf"\b(?:{RECEIVING_VERB})\b", re.IGNORECASE)
_CAPITAL = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in CAPITALS) + r")(?![\w-])")
_PLACE_PREPOSITION = re.compile(r"\b(?:in|uit|te|bij|rond|nabij|buiten|vanuit)\s+$", re.IGNORECASE)
# A government title without a name: "de minister", "de premier", "de staatssecretaris".
_GOVERNMENT_TITLE = re.compile(r"\b[Dd]e\s+(?P<head>minister|premier|staatssecretaris)\b(?!\s+(?:van|voor)\b)")
# A sentence that only says who told the one before: "Dat bevestigde minister X donderdag."
_RECAP_SENTENCE = re.compile(
    r"(?:Dat|Dit)\s+(?:heeft|hebben|had|is|werd|wordt\s+)?\s*(?:bevestigde|zei|zegt|maakte|meldde|meldt|liet|"
    r"schreef|kondigde|verklaarde|vertelde|heeft|hebben|had)\b"
)
# Many unnamed givers: "de deelnemende landen", "de bondgenoten", "donoren", "de lidstaten".
_COLLECTIVE = re.compile(
    r"\b(?:landen|donoren|donorlanden|bondgenoten|lidstaten|partners|deelnemers|[A-Z]+-landen|[A-Z]+-lidstaten)\b"
)
_AT_HOME = re.compile(r"\bin\s+eigen\s+land\b", re.IGNORECASE)
_TOTAL_BEFORE = re.compile(
    r"(?:\btotale|\bsinds\s+het\s+(?:uitbreken|begin)\b(?:[^.]|\.\d)*|\btot\s+nu\s+toe\b(?:[^.]|\.\d)*|\bkomt\b(?:[^.]|\.\d)*\bop|"
    r"\bvan\s+in\s+totaal|\bsamen\s+goed\s+voor)\s*(?:\w+\s+){0,6}$",
    re.IGNORECASE,
)
# "in totaal" sums what a verb of giving gives ("stelt in totaal 50 miljoen beschikbaar"),
# else it sums what was said before ("In totaal is dat 50 miljoen").
_IN_ALL_BEFORE = re.compile(r"\bin\s+totaal\s*(?:\w+\s+){0,6}$", re.IGNORECASE)
# The whole that a share is part of: "Van de 550 miljoen gaat …", "110 miljoen van de toegezegde …".
_WHOLE_BEFORE = re.compile(r"\bvan\s+de\s+(?:[a-zà-ÿ]+\s+)?$", re.IGNORECASE)
# Patterns here read to the end of a sentence: "(?:[^.]|\.\d)*" passes the dot inside a
# number ("maakt 50.000 euro over").
# A word of giving ("steunpakket", "noodhulp", "stelt beschikbaar", "beloofde"), searched in
# the text as ``fold_case`` folds it (a case-insensitive search, faster); only whether one
# occurs matters, so "steun…" is "steun" at a word start and "…hulp" is "hulp" at a word end.
_GIVING = re.compile(
    r"\b(?:steun|bijdr|reserve|lever|stuur|schenk|financier|doneer|pakket|ondersteun|belo\w)|hulp\b|"
    r"\b(?:bijdraagt|beschikbaar|ter\s+beschikking|apart|gereserveerd|vrij(?:gemaakt)?|geeft|geven|gaf|gaven|gegeven|geleverd|"
    r"gestuurd|verstrekt|geschonken|toegezegd|zegt\s+toe|investeren|investeert|uitgetrokken|sturen|doneren|gedoneerd|"
    r"draagt|dragen|droeg|droegen|zegt|zeggen|zegde|zegden|krijgt|krijgen|kreeg|kregen|ontvangt|ontvangen|ontving|ontvingen|"
    r"gaat|gaan|ging|gingen|overgemaakt|overmaken|overgedragen|overdragen|toegekend|toekennen|investering|donatie|gift|"
    r"bestemd|(?:maakt|maken|maakte|maakten|kent|kennen|kende|kenden)\b(?:[^.]|\.\d)*\b(?:over|toe)|(?:trekt|trekken|trok|trokken)\b(?:[^.]|\.\d)*\buit|wapenleveranties|aanschaf|lening|leent|lenen|leende|leenden|geleend)\b"
)
_FOLLOW_ITEMS = re.compile(
    r"^(?:Het\s+gaat\s+om|Het\s+betreft|Dit\s+zijn|Daaronder|Het\s+pakket\s+bestaat\s+uit|"
    r"(?:Dit|Dat|Het|Deze)\s+(?:\w+\s+)?(?:bedrag|geld|pakket)\s+(?:wordt|gaat)\s+(?:\w+\s+)?(?:ingezet|gebruikt|besteed)?\s*(?:voor|aan|naar))\s+",
    re.IGNORECASE,
)
# Every amount amounts.py reads has a currency or a scale word: a cheap test first, on the
# text as ``fold_case`` folds it.
_MONEY_HINT = re.compile(
    r"[€$£¥]|eur|usd|gbp|chf|dollar|pond|frank|yen|roebel|hryvnia|grivna|zloty|kroon|miljoen|miljard|mln|mld|mrd|mio"
)
# A ministry gives for its government: Nederland's, unless a country's adjective says
# whose ("het Duitse ministerie van Defensie" is Duitsland, through the adjective).
_MINISTRY = re.compile(
    r"(?<![\w-])(?:[Hh]et\s+)?[Mm]inisterie\s+van\s+(?:"
    + "|".join(re.escape(p) for p in sorted(PORTFOLIOS, key=len, reverse=True))
    + r")\b"
)
# A sentence that says how much, or what, the one before it gives.
_AMOUNT_LEAD = re.compile(
    r"(?:Het\s+gaat\s+om|Het\s+betreft|Het\s+(?:\w+)?bedrag\s+(?:is|bedraagt|beloopt)|Het\s+\w*pakket\s+"
    r"(?:is|bedraagt|bestaat\s+uit)|Dat\s+is|Daarmee\s+is\s+(?:een\s+bedrag\s+van)?|Daarvoor\s+is)\b"
)
# A sentence about the money just named: "Het geld gaat naar …", "Dit bedrag is bestemd voor …".
_MONEY_AGAIN = re.compile(
    r"(?:Het|Dit|Dat|Deze|De)\s+(?:\w+\s+)?(?:geld|bedrag|\w*pakket|steun|hulp|bijdrage|middelen)\s+"
    r"(?:(?:gaat|gaan|ging|gingen)\s+(?:\w+\s+)?naar|(?:komt|komen|kwam|kwamen)\s+(?:\w+\s+)?(?:ten\s+goede\s+)?aan|"
    r"(?:is|zijn|was|waren|wordt|worden)\s+(?:\w+\s+)?(?:bestemd\s+voor|overgemaakt|gegeven|geschonken))\b"
)
_TO_BEFORE = re.compile(r"\b(?:aan|voor|naar)\s+(?:de\s+|het\s+)?$")
_ADJECTIVE_BEFORE = re.compile(r"[A-ZÀ-Þ][^\W\d_]*e\s+$")
_LOAN = re.compile(r"\b(?:lening|leningen|leent|lenen|leende|leenden|geleend)\b", re.IGNORECASE)
# A country adjective that names a currency, not a party: "Deense kronen", "Canadese dollar".
_CURRENCY_AFTER = re.compile(r"\s+(?:kroon|kronen|dollars?|franken|frank|ponden?|lira|roepies?|yen)\b", re.IGNORECASE)
# People away from the country their adjective names, where the text says where they are:
# "de opvang van Syrische vluchtelingen in Turkije" is aid to Turkije, not to Syrië.
_DISPLACED_IN = re.compile(
    r"\s+(?:vluchtelingen|ontheemden|asielzoekers|migranten|vluchtelingenkampen)\s+in\s+(?:de\s+|het\s+)?[A-ZÀ-Þ]"
)
# "en" before a capitalised word, perhaps after an article: where a clause may start.
_AND_CLAUSE = re.compile(r"(?:,\s*|\s)en\s+(?:(?:de|het)\s+)?(?=[A-ZÀ-Þ])")
# From the comma to the party of a clause whose verb is left out: "… toe, Denemarken 50 miljoen";
# from the amount before, a particle may come first ("toe").
_GAP_OPENS = re.compile(r",\s*(?:en\s+)?(?:(?:de|het)\s+)?")
_GAP_BEFORE = re.compile(r"(?:[^\S\n]+[a-z]+)?\s*" + _GAP_OPENS.pattern)
_OPENS_SENTENCE = re.compile(r"\s*(?:(?:[Oo]ok|[Dd]e|[Hh]et|[Dd]aarnaast|[Tt]evens|[Ee]n)\s+)*")
_ALSO = re.compile(r"\b(?:[Oo]ok|[Ee]veneens|[Tt]evens|[Ee]venals)\b")
_CO_DONORS = re.compile(r"\b(?:samen\s+met|in\s+samenwerking\s+met)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class _Found:
    """Who gives to whom, how sure, and from what: the parse, a next sentence."""

    donors: tuple[str, ...]
    donor_sure: bool
    recipient: str | None
    recipient_sure: bool
    structure: Roles | None = None
    further: Sentence | None = None  # the next sentence that named the recipient


@dataclass(frozen=True)
class _Party:
    key: str
    start: int
    end: int


class _Aid:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.body = ctx.body
        self.parties = self._parties()
        self.found: list[AidCommitment] = []
        self.last_donor: str | None = None
        # Everyone the text has giving so far: the story's implied recipient is none of them.
        self.givers: set[str] = set()
        # Per paragraph, its sentences of giving without an amount ("Landen zegden geld toe
        # voor het nieuwe fonds …"): an amount after them that names no recipient may go to
        # theirs (parsed only when asked).
        self.open_sentences: dict[int, list[Sentence]] = {}
        self.splits: dict[int, list[int]] = {}  # per sentence start: ``_clause_splits``
        # Per paragraph, its last commitment with a sure donor and recipient: shares follow it.
        self.paragraph_commitment: dict[int, AidCommitment] = {}

    def _parties(self) -> list[_Party]:
        ctx = self.ctx
        found = [
            _Party(key, a, b)
            for a, b, key, kind in ctx.text.named
            if kind in (EntityKind.COUNTRY, EntityKind.ORGANIZATION) and self.body[b : b + 1] != "-"
        ]
        found += [_Party("nederland", m.start(), m.end()) for m in GOVERNMENT_WORDS.finditer(self.body)]
        ministries = [
            _Party("nederland", m.start(), m.end())
            for m in _MINISTRY.finditer(self.body)
            if not _ADJECTIVE_BEFORE.search(self.body, max(0, m.start() - 30), m.start())
        ]
        found = [p for p in found if not any(m.start <= p.start and p.end <= m.end for m in ministries)]
        found += ministries
        found += [
            _Party(key, a, b)
            for a, b, key in ctx.adjective_mentions()
            if not _CURRENCY_AFTER.match(self.body, b)  # "50 miljoen Deense kronen"
            and not _DISPLACED_IN.match(self.body, b)
        ]
        found += [
            _Party(key, m.start(), m.end())
            for m in _CAPITAL.finditer(self.body)
            if (key := CAPITALS[m.group()]) in ctx.registry
            and not _PLACE_PREPOSITION.search(self.body, max(0, m.start() - 8), m.start())
            and not any(p.start <= m.start() < p.end for p in found)  # "de gemeente Den Haag"
        ]
        # "het land", "het eiland": the one country the paragraph named before.
        found += [
            _Party(key, a, b)
            for key, a, b in country_nouns(ctx.text, found, lambda key: ctx.kind_of(key) is EntityKind.COUNTRY)
        ]
        return sorted(found, key=lambda p: p.start)

    def _in(self, start: int, end: int) -> list[_Party]:
        return [p for p in self.parties if start <= p.start and p.end <= end]

    def run(self) -> None:
        ctx = self.ctx
        unfinished: Sentence | None = None  # a sentence of giving without an amount or things given
        for sentence in ctx.text.sentences:
            text = self.body[sentence.start : sentence.end]
            folded = ctx.text.folded[sentence.start : sentence.end]
            lead = unfinished if unfinished is not None and self._continues(unfinished, sentence) else None
            if _RECAP_SENTENCE.match(self.body, sentence.start) and unfinished is not None:
                continue  # "… aan Oekraïne overgedragen. Dat bevestigde X. Het gaat om 24 toestellen."
            unfinished = None
            # Without a word of giving only a share of the paragraph's commitment can be aid.
            shares_only = lead is None and not _GIVING.search(folded)
            if shares_only and sentence.paragraph not in self.paragraph_commitment:
                continue
            amounts = (
                [AmountMention(sentence.start + m.start, sentence.start + m.end, m.money) for m in find_amounts(text)]
                if _MONEY_HINT.search(folded)
                else []
            )
            amounts = [found for m in amounts if (found := self._with_currency(sentence, m)) is not None]
            items = counted_items(ctx, sentence, amounts) if not shares_only else []
            if shares_only and not amounts:
                continue
            if not amounts and not items and not shares_only and not self._continued(sentence):
                items = uncounted_items(ctx, sentence)  # "levert luchtafweersystemen aan Oekraïne"
            if not amounts and not items:
                unfinished = sentence
                self.open_sentences.setdefault(sentence.paragraph, []).append(sentence)
                continue
            if not amounts and items:
                self._commit(sentence, None, sentence.start, sentence.end, items, lead=lead)
                continue
            splits = self._clause_splits(sentence) if items and not shares_only else []
            for index, amount in enumerate(amounts):
                start = amounts[index - 1].end if index else sentence.start
                end = amounts[index + 1].start if index + 1 < len(amounts) else sentence.end
                end = min([end, *(at for at in splits if at > amount.end)])
                own = [item for item in items if item[1] < end] if index == 0 else []
                self._commit(sentence, amount, start, end, own, lead=lead, shares_only=shares_only)
            for position, at in enumerate(splits):
                until = splits[position + 1] if position + 1 < len(splits) else sentence.end
                # "… stelt 500.000 euro beschikbaar en Italië stuurt twee schepen": a clause of
                # its own, with its own giver, for the things it counts.
                later = [item for item in items if at <= item[1] < until]
                if later and not any(at <= a.start < until for a in amounts):
                    self._commit(sentence, None, at, until, later)
        self._follow_ups()

    def _clause_subject(self, sentence: Sentence, start: int) -> str | None:
        """The subject of the clause "en" opens at ``start``, where it is one."""
        if start not in self._clause_splits(sentence):
            return None
        first = next(iter(self._in(start, sentence.end)), None)
        return first.key if first is not None and self._opens_clause(sentence, first) else None

    def _opens_clause(self, sentence: Sentence, party: _Party) -> bool:
        """Whether a party is the subject of a clause "en" opens ("… en Italië stuurt …")."""
        opener = _AND_CLAUSE.search(self.body, max(sentence.start, party.start - 12), party.start + 1)
        return opener is not None and opener.end() == party.start and opener.start() in self._clause_splits(sentence)

    def _clause_splits(self, sentence: Sentence) -> list[int]:
        """Where "en" opens a clause of the sentence with a subject of its own: a country or
        organisation followed by a finite verb ("… en Italië stuurt …"), by the parse; found
        once per sentence, as every party of it may ask."""
        if sentence.start not in self.splits:
            self.splits[sentence.start] = self._find_clause_splits(sentence)
        return self.splits[sentence.start]

    def _find_clause_splits(self, sentence: Sentence) -> list[int]:
        parse = self.ctx.parses.of(sentence)
        if parse is None:
            return []
        splits = []
        for match in _AND_CLAUSE.finditer(self.body, sentence.start, sentence.end):
            party = next((p for p in self._in(match.end(), sentence.end) if p.start == match.end()), None)
            after = parse.token_at(party.end + 1) if party is not None else None
            if after is not None and "Fin" in after.morph.get("VerbForm"):
                splits.append(match.start())
        return splits

    def _continued(self, sentence: Sentence) -> bool:
        """Whether a later sentence gives this one's amount or things ("Het gaat om …")."""
        sentences = self.ctx.text.sentences
        index = self.ctx.text.sentence_index(sentence.start)
        return any(self._continues(sentence, later) for later in sentences[index + 1 : index + 3])

    def _continues(self, earlier: Sentence, sentence: Sentence) -> bool:
        """Whether a sentence gives the amount or the things of the one before it ("… besluit
        noodhulp te sturen naar Syrië. Het gaat om 30 miljoen euro.")."""
        text = self.ctx.text
        index, before = text.sentence_index(sentence.start), text.sentence_index(earlier.start)
        between = text.sentences[before + 1 : index]
        return (
            0 < index - before <= 2
            and all(_RECAP_SENTENCE.match(self.body, s.start) for s in between)
            and sentence.paragraph == earlier.paragraph
            and _AMOUNT_LEAD.match(self.body, sentence.start) is not None
        )

    def _with_currency(self, sentence: Sentence, amount: AmountMention) -> AmountMention | None:
        """An amount with its currency: a bare "50 miljoen" takes the currency of the last
        amount the paragraph gave with one, else the euro of a Dutch text, unless it counts
        something ("3 miljoen mensen")."""
        if amount.money.currency is not None:
            return amount
        currency = self._currency_before(amount.start) or "EUR"
        parse = self.ctx.parses.of(sentence)
        token = parse.token_at(amount.end) if parse is not None else None
        if token is not None and token.pos_ in ("NOUN", "PROPN") and token.idx + sentence.start <= amount.end + 1:
            return None  # the amount counts the noun after it
        return AmountMention(amount.start, amount.end, replace(amount.money, currency=currency))

    def _currency_before(self, offset: int) -> str | None:
        start = max(0, self.body.rfind("\n\n", 0, offset))
        found = None
        for mention in (
            find_amounts(self.body[start:offset]) if _MONEY_HINT.search(self.ctx.text.folded, start, offset) else []
        ):
            if mention.money.currency is not None:
                found = mention.money.currency
        return found

    def _excluded(self, sentence: Sentence, amount: AmountMention | None, start: int, end: int) -> bool:
        if amount is None:
            window = self.body[start:end]
            return bool(_NOT_AID.search(window))
        if _AT_HOME.search(self.body, start, end):
            return True  # "voor de opvang van asielzoekers in eigen land": spending at home, no aid
        clause_start = max(start, self.body.rfind(",", start, amount.start) + 1)
        near = self.body[clause_start : min(end, amount.end + 40)]
        if _NOT_AID.search(near):
            return True
        before = self.body[max(sentence.start, amount.start - 90) : amount.start]
        if _TOTAL_BEFORE.search(before):
            return True
        if _WHOLE_BEFORE.search(before) and len(find_amounts(self.body[sentence.start : sentence.end])) > 1:
            return True
        if _IN_ALL_BEFORE.search(before):
            parse = self.ctx.parses.of(sentence)
            return parse is None or giving_verb(parse, amount.start) is None
        return False

    def _commit(
        self,
        sentence: Sentence,
        amount: AmountMention | None,
        start: int,
        end: int,
        items: list[tuple[AidItem, int, int]],
        *,
        lead: Sentence | None = None,
        shares_only: bool = False,
    ) -> None:
        """Record what an amount (or the things counted) commits; ``lead`` is the sentence
        before, which names who gives to whom where this one only says how much.  A sentence
        without a word of giving (``shares_only``) can only name a share of the paragraph's
        commitment."""
        ctx = self.ctx
        if self._excluded(sentence, amount, start, end):
            return
        anchor = amount.start if amount else (items[0][1] if items else start)
        said = lead or sentence
        parent = self._share_of(sentence, amount) if lead is None else None
        if shares_only and parent is None:
            return
        if parent is not None:  # a share of the paragraph's commitment: its donors and recipient
            found = _Found(parent.donors, True, parent.recipient, True)
        else:
            found = self._roles(sentence, anchor, start, end, lead=lead)
        structure, further = found.structure, found.further
        donors, donor_sure, recipient, recipient_sure = (
            found.donors,
            found.donor_sure,
            found.recipient,
            found.recipient_sure,
        )
        self.givers.update(donors if donor_sure else ())
        if donors and donor_sure and recipient is None:
            self.last_donor = donors[0]  # "… maakt 10 miljoen vrij. Daarvan gaat 6 miljoen naar UNICEF."
        if not donors or recipient is None or recipient in donors:
            return
        if recipient == "nederland" and _LOAN.search(self.body, sentence.start, sentence.end):
            return  # what Nederland borrows is no aid to it
        if amount is None and not items:
            return
        window = self.body[start:end]
        status = aid_status(self.body, sentence, amount, start, end) or (
            aid_status(self.body, lead, None, lead.start, lead.end) if lead else None
        )
        kind = aid_type(window if amount else self.body[sentence.start : sentence.end])
        if kind is None and lead is not None:
            kind = aid_type(self.body[lead.start : lead.end])
        if parent is not None:
            status, kind = status or parent.status, kind or parent.aid_type
        date = ctx.fact_date(sentence, start, end)
        if lead is not None and ctx.fact_date(lead, lead.start, lead.end) is not None:
            date = ctx.fact_date(lead, lead.start, lead.end)
        evidence_end = max(end, items[-1][2] if items else end)
        if further is not None:
            evidence_end = further.end
        if lead is not None:
            start = lead.start
        confidence = 0.85 * (1.0 if donor_sure else 0.7) * (1.0 if recipient_sure else 0.75)
        confidence *= (1.0 if status else 0.85) * (0.85 if parent is not None else 1.0)
        self.last_donor = donors[0]
        money = amount.money if amount else None
        commitment = AidCommitment(
            donors=donors,
            recipient=recipient,
            evidence=(ctx.evidence(self._clause_start(sentence, start, anchor), evidence_end),),
            amount=money.amount if money else None,
            currency=money.currency if money else None,
            amount_as_written=" ".join(money.as_written.split()) if money else None,
            date=date,
            status=status,
            aid_type=kind,
            items=tuple(item for item, _a, _b in items),
            method=Method.AUTOMATIC,
            confidence=clamp(confidence),
        )
        together = structure.recipients if structure is not None and recipient == structure.recipient else ()
        if len(together) < 2:
            self.found.append(commitment)
            if parent is None and donor_sure and recipient_sure:
                self.paragraph_commitment[sentence.paragraph] = commitment
        elif amount is not None and for_each(self.body, amount.start, amount.end, start):
            self.found += [replace(commitment, recipient=key) for key in together]
        elif amount is None or not divided_later(self.body, amount.end, sentence.end):
            names = [self._name_in(said, key) for key in together]
            self.found += shared(commitment, together, names)

    def _roles(self, sentence: Sentence, anchor: int, start: int, end: int, *, lead: Sentence | None) -> _Found:
        """Who gives to whom: from the parse, else from the words around the amount; from the
        lead sentence where there is one."""
        said = lead or sentence
        subject = self._clause_subject(sentence, start) if lead is None else None
        if subject is not None:  # "… en Italië stuurt twee schepen": that clause's subject gives
            recipient, sure = self._recipient(sentence, anchor, end, (subject,))
            return _Found((subject,), True, recipient, sure)
        gapped = self._gapped_donor(sentence, anchor, start) if lead is None else None
        if gapped is not None:
            # "Noorwegen zegt 25 miljoen toe, Denemarken 50 miljoen": the verb is left out, the
            # party before the amount gives it, to the recipient of the amount before.
            earlier = self.found[-1] if self.found and self.found[-1].evidence[0].end > sentence.start else None
            recipient = earlier.recipient if earlier is not None and earlier.recipient != gapped else None
            if recipient is None:
                recipient, sure = self._recipient(sentence, anchor, end, (gapped,))
                return _Found((gapped,), True, recipient, sure)
            return _Found((gapped,), True, recipient, True)
        said_anchor, said_start, said_end = (lead.end, lead.start, lead.end) if lead else (anchor, start, end)
        if lead is None and self._collective_giver(sentence, anchor):
            return _Found((), False, None, False)  # "… maakte bekend dat de deelnemende landen 10 miljard toezegden"
        # A lead's verb of giving governs its last word (the full stop), not what follows it.
        structure = self._structure(said, said_anchor - 1 if lead else said_anchor, said_start, said_end)
        if structure is not None and structure.donors:
            donors, donor_sure = self._with_partners(said, structure.donors), True
        else:
            receiving = structure.recipient if structure is not None else None
            donors, donor_sure = self._donors(said, said_anchor, said_start, said_end, receiving)
        if (
            structure is not None
            and structure.recipient is not None
            and structure.recipient not in donors
            and not self._subject_later(said, structure.recipient, said_anchor)
        ):
            return _Found(donors, donor_sure, structure.recipient, True, structure)
        recipient, recipient_sure = self._recipient(said, said_anchor, said_end, donors)
        following = None if recipient_sure else self._recipient_after(sentence, donors)
        if following is not None:
            return _Found(donors, donor_sure, following[0], True, structure, following[1])
        return _Found(donors, donor_sure, recipient, recipient_sure, structure)

    def _gapped_donor(self, sentence: Sentence, anchor: int, start: int) -> str | None:
        """The party that opens a clause without a verb, right before its amount, after a
        comma that follows an earlier amount of the sentence (``start`` is where that ends)."""
        if start == sentence.start:
            return None
        for party in self._in(start, anchor):
            if (
                _GAP_BEFORE.fullmatch(self.body, start, party.start)
                and not self.body[party.end : anchor].strip()
                and self.ctx.kind_of(party.key) in (EntityKind.COUNTRY, EntityKind.ORGANIZATION)
            ):
                return party.key
        return None

    def _named_before(self, phrase: str, before: int) -> str | None:
        """ "het fonds" after "het nieuwe fonds voor verlies en schade": the body this text
        introduced (or a sentence of giving before ``before`` names) whose name begins with
        the one noun the phrase is."""
        noun = phrase.casefold()
        if " " in noun:
            return None
        for sentences in self.open_sentences.values():
            for earlier in sentences:
                if earlier.end <= before and _GIVING.search(self.ctx.text.folded, earlier.start, earlier.end):
                    self._structure(earlier, earlier.end - 1, earlier.start, earlier.end)  # names its bodies
        named = [
            e.key
            for e in self.ctx.entities.values()
            if e.kind is EntityKind.ORGANIZATION
            and e.label.casefold().split()[0] == noun
            and e.label.casefold() != noun
        ]
        return named[-1] if len(set(named)) == 1 else None

    def _open_recipient(self, sentence: Sentence) -> str | None:
        """The recipient that the paragraph's last sentence of giving without an amount,
        before this one, names by its parse."""
        for earlier in reversed(self.open_sentences.get(sentence.paragraph, [])):
            if earlier.start >= sentence.start:
                continue
            if not _GIVING.search(self.ctx.text.folded, earlier.start, earlier.end):
                return None
            structure = self._structure(earlier, earlier.end - 1, earlier.start, earlier.end)
            if structure is None or structure.recipient is None or structure.recipient in structure.donors:
                return None
            return structure.recipient
        return None

    def _collective_giver(self, sentence: Sentence, anchor: int) -> bool:
        """Whether the amount's own clause gives it from many unnamed ("de deelnemende landen",
        "de bondgenoten"): then neither the one who reports it nor a country named around it
        is the giver."""
        that = self.body.rfind(" dat ", sentence.start, anchor)
        start = that + 5 if that >= 0 else sentence.start
        return _COLLECTIVE.search(self.body, start, anchor) is not None

    def _subject_later(self, sentence: Sentence, key: str, start: int) -> bool:
        """Whether the party the parse made the recipient gives in a clause of its own after
        ``start`` (", Denemarken 50 miljoen", "… en Italië stuurt …")."""
        return any(
            self._gives_later(sentence, p) or self._opens_clause(sentence, p)
            for p in self._in(start, sentence.end)
            if p.key == key
        )

    def _gives_later(self, sentence: Sentence, party: _Party) -> bool:
        """Whether a party opens a clause without a verb that gives the next amount."""
        comma = self.body.rfind(",", sentence.start, party.start)
        if comma < 0 or _GAP_OPENS.fullmatch(self.body, comma, party.start) is None:
            return False
        following = find_amounts(self.body[party.end : min(sentence.end, party.end + 40)])
        return bool(following) and not self.body[party.end : party.end + following[0].start].strip()

    def _share_of(self, sentence: Sentence, amount: AmountMention | None) -> AidCommitment | None:
        """The paragraph's commitment an amount is a share of: where the sentence allots it to
        a purpose and names no other party (a person only as the donor's minister)."""
        parent = self.paragraph_commitment.get(sentence.paragraph)
        if amount is None or parent is None or self._in(sentence.start, sentence.end):
            return None
        for person in self.ctx.persons.within(sentence.start, sentence.end):
            if self._government_of(person.key) not in parent.donors:
                return None
        return parent if share_cue(self.body, sentence.start, sentence.end, (amount.start, amount.end)) else None

    def _structure(self, sentence: Sentence, anchor: int, start: int, end: int) -> Roles | None:
        """Donors and recipient from the parse of the sentence, where a verb of giving governs
        the amount; persons who give stand for their government's country.  Of several
        recipients, the amount's is the one named after it before the next amount (start and
        end bound the amount's stretch of the sentence)."""
        ctx = self.ctx
        parse = ctx.parses.of(sentence)
        if parse is None:
            return None
        verb = giving_verb(parse, anchor)
        if verb is None:
            # A word of giving without a verb of giving ("De EU verviervoudigde haar hulp tot
            # 100 miljoen euro"): the subject of the amount's clause gives.
            token = parse.token_at(anchor)
            if token is None:
                return None
            verb = (parse.clause_of(token), "give")
        parties = [Party(p.key, p.start, p.end) for p in self._in(sentence.start, sentence.end)]
        parties += [Party(m.key, m.start, m.end) for m in ctx.persons.within(sentence.start, sentence.end)]
        found = roles(parse, verb[0], verb[1], sorted(parties, key=lambda p: p.start))
        donors: list[str] = []
        for key in found.donors:
            if ctx.kind_of(key) is EntityKind.PERSON:
                country = self._government_of(key)
                if country is not None:
                    donors.append(country)
            else:
                donors.append(key)
        recipient = found.recipient
        if len(found.recipients) > 1:
            own = [p.key for p in self._in(anchor, end) if p.key in found.recipients]
            recipient = own[0] if own else recipient
        if recipient is not None and ctx.kind_of(recipient) is EntityKind.PERSON:
            recipient = None
        if recipient is None:
            phrase = recipient_phrase(parse, verb[0])
            if phrase is not None:  # "aan het nieuwe fonds voor klimaatschade"
                recipient = self._named_before(phrase, sentence.start) or ctx.new_entity(
                    EntityKind.ORGANIZATION, phrase
                )
        # The recipients returned are those that share the amount ("naar Turkije en Syrië"):
        # states and bodies, as the chosen one; a person named beside them receives nothing.
        others = [r for r in found.recipients if ctx.kind_of(r) is not EntityKind.PERSON]
        together = coordinated(parse, verb[0], parties, others, recipient, (start, end)) if recipient else ()
        return Roles(tuple(dict.fromkeys(donors)), recipient, together)

    def _recipient_after(self, sentence: Sentence, donors: tuple[str, ...]) -> tuple[str, Sentence] | None:
        """The recipient the next sentence gives the money to ("Het geld gaat naar Oekraïne.")."""
        ctx = self.ctx
        index = ctx.text.sentence_index(sentence.start) + 1
        if index >= len(ctx.text.sentences):
            return None
        following = ctx.text.sentences[index]
        if following.paragraph != sentence.paragraph or not _MONEY_AGAIN.match(self.body, following.start):
            return None
        if _MONEY_HINT.search(ctx.text.folded, following.start, following.end) and find_amounts(
            self.body[following.start : following.end]
        ):
            return None  # an amount of its own: a commitment of its own
        structure = self._structure(following, following.start, following.start, following.end)
        if structure is None or structure.recipient is None or structure.recipient in donors:
            return None
        named = {key for a, b, key, _kind in ctx.text.named if following.start <= a and b <= following.end}
        if structure.recipient not in named and structure.recipient in ctx.registry:
            return None  # only an adjective ("voor Amerikaanse luchtverdediging"): no recipient
        return structure.recipient, following

    def _name_in(self, sentence: Sentence, key: str) -> str:
        """The words a sentence names a party with."""
        party = next((p for p in self._in(sentence.start, sentence.end) if p.key == key), None)
        return self.body[party.start : party.end] if party is not None else key

    def _clause_start(self, sentence: Sentence, start: int, anchor: int) -> int:
        return start if start != sentence.start else sentence.start

    def _donors(
        self, sentence: Sentence, anchor: int, start: int, end: int, receiving: str | None = None
    ) -> tuple[tuple[str, ...], bool]:
        """Who gives, by word order, where the parse found no giver; a body opening the sentence
        only if the parse did not find it receiving ("UNICEF krijgt 30 miljoen")."""
        ctx = self.ctx
        receives = receiving is not None and _RECEIVE.search(self.body, sentence.start, sentence.end) is not None
        before = [
            p
            for p in self._in(sentence.start, anchor)
            if ctx.kind_of(p.key) is EntityKind.COUNTRY and not (receives and p.key == receiving)
        ]
        donors: list[str] = []
        sure = True
        if before:
            # The subject is the party nearest before the amount that is not a recipient.
            for party in reversed(before):
                lead = self.body[max(sentence.start, party.start - 6) : party.start]
                if not re.search(r"\b(?:aan|voor|naar|van)\s+(?:de\s+|het\s+)?$", lead):
                    donors.append(party.key)
                    break
        if not donors:
            # "Ook de gemeente Amsterdam draagt bij: de stad maakt …": a body opening the sentence.
            opening = self._in(sentence.start, anchor)[:1]
            if (
                opening
                and ctx.kind_of(opening[0].key) is EntityKind.ORGANIZATION
                and opening[0].key not in PARTY_KEYS
                and opening[0].key != receiving
                and _OPENS_SENTENCE.fullmatch(self.body, sentence.start, opening[0].start)
            ):
                donors.append(opening[0].key)
        if not donors:
            # "Ik ben blij dat de minister 50 miljoen euro uittrekt": the minister the text named.
            title = _GOVERNMENT_TITLE.search(self.body, sentence.start, anchor)
            holder = ctx.holder_by_head(title.group("head").lower(), title.start()) if title else None
            country = self._government_of(holder) if holder else None
            if country is not None:
                donors.append(country)
        if not donors:
            holders = [p for p in ctx.persons.within(sentence.start, anchor) if self._government_of(p.key) is not None]
            if holders:
                donor = self._government_of(holders[-1].key)
                assert donor is not None
                donors.append(donor)
        if not donors:
            after = [
                p for p in self._in(anchor, end) if p.key == "nederland" and self.body[p.start : p.end][0].isupper()
            ]
            if after:
                donors.append("nederland")
        if not donors and self.last_donor is not None:
            donors.append(self.last_donor)
            sure = False
        return self._with_partners(sentence, donors), sure

    def _with_partners(self, sentence: Sentence, donors: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """Donors and the countries they give "samen met" / "in samenwerking met"."""
        found = list(donors)
        co = _CO_DONORS.search(self.body, sentence.start, sentence.end) if found else None
        if co:
            for party in self._in(co.end(), min(sentence.end, co.end() + 60)):
                if self.ctx.kind_of(party.key) is EntityKind.COUNTRY and party.key not in found:
                    found.append(party.key)
        return tuple(dict.fromkeys(found))

    def _government_of(self, person: str) -> str | None:
        """The country whose government office a person holds in this text."""
        ctx = self.ctx
        for office, holders in ctx.holders.items():
            if office.startswith("head:") or not any(p == person for _a, p in holders):
                continue
            entity = ctx.entities.get(office) or (ctx.registry.get(office) if office in ctx.registry else None)
            if (
                entity is not None
                and entity.post_in
                and ctx.kind_of(entity.post_in) is EntityKind.COUNTRY
                and re.match(r"(?:minister|staatssecretaris|premier|president|(?:bonds)?kanselier)", entity.label, re.I)
            ):
                return entity.post_in
        return None

    def _recipient(self, sentence: Sentence, anchor: int, end: int, donors: tuple[str, ...]) -> tuple[str | None, bool]:
        ctx = self.ctx
        for party in self._in(anchor, sentence.end):
            if party.start > end + 80:
                break
            if party.key in donors:
                continue
            if self._gives_later(sentence, party):
                continue  # ", Denemarken 50 miljoen": the donor of the next amount
            if party.start > anchor and self._opens_clause(sentence, party):
                continue  # "… beschikbaar en Italië stuurt …": the subject of a clause of its own
            lead = self.body[max(sentence.start, party.start - 12) : party.start]
            kind = ctx.kind_of(party.key)
            if kind is EntityKind.COUNTRY or (kind is EntityKind.ORGANIZATION and _TO_BEFORE.search(lead)):
                return party.key, True
        for party in reversed(self._in(sentence.start, anchor)):
            lead = self.body[max(sentence.start, party.start - 12) : party.start]
            if party.key not in donors and re.search(r"\b(?:aan|voor|naar)\s+(?:de\s+|het\s+)?$", lead):
                return party.key, True
        # "Ook Duitsland zegde 100 miljoen toe.": the recipient of the commitment just before.
        index = ctx.text.sentence_index(sentence.start)
        also = _ALSO.search(self.body, sentence.start, sentence.end) is not None
        for earlier in reversed(self.found if also else []):
            at = ctx.text.sentence_index(earlier.evidence[0].start)
            if index - 2 <= at < index and ctx.text.sentences[at].paragraph == sentence.paragraph:
                if earlier.recipient not in donors:
                    return earlier.recipient, False
                break
        opened = self._open_recipient(sentence)
        if opened is not None and opened not in donors:
            return opened, False
        giving = self.givers | set(donors)
        # Implied by the story: where its money went so far ("Nederland draagt 40 miljoen bij
        # aan Gavi. … Het Verenigd Koninkrijk zegt 1,65 miljard pond toe."), the most given to
        # and the first of equals; else the country (other than those giving and Nederland)
        # the text has named most so far.
        given = [f.recipient for f in self.found if f.recipient not in giving]
        if given:
            return max(dict.fromkeys(given), key=given.count), False
        counts: dict[str, tuple[int, int]] = {}
        here = [
            p
            for p in self._in(sentence.start, sentence.end)
            if _PLACE_BEFORE.search(self.body, max(0, p.start - 12), p.start)
        ]
        for party in [*self._in(0, sentence.start), *here]:  # and the sentence's own "in Libië"
            if _NATIONALITY_OF_TITLE.match(self.body, party.end) and self.body[party.start : party.end].endswith("e"):
                continue  # "de Canadese minister": whose official speaks, not where money goes
            if party.key not in giving and ctx.kind_of(party.key) is EntityKind.COUNTRY and party.key != "nederland":
                count, first = counts.get(party.key, (0, -party.start))
                counts[party.key] = (count + 1, first)
        if counts:
            return max(counts, key=lambda key: counts[key]), False
        return None, False

    def _follow_ups(self) -> None:
        """Items a next sentence lists for a commitment ("Het gaat om 3000 gevechtshelmen, …")."""
        ctx = self.ctx
        updated: list[AidCommitment] = []
        for commitment in self.found:
            sentence_index = ctx.text.sentence_index(commitment.evidence[0].start)
            if sentence_index + 1 >= len(ctx.text.sentences):
                updated.append(commitment)
                continue
            following = ctx.text.sentences[sentence_index + 1]
            lead = _FOLLOW_ITEMS.match(self.body[following.start : following.end])
            if not lead:
                updated.append(commitment)
                continue
            items = list(commitment.items)
            listed = listed_items(self.body[following.start + lead.end() : following.end])
            for item in listed:
                if all(item.label != i.label for i in items):
                    items.append(item)
            evidence: tuple[Evidence, ...] = (
                *commitment.evidence,
                ctx.evidence(following.start, following.end),
            )
            updated.append(
                AidCommitment(
                    **{
                        **commitment.__dict__,
                        "items": tuple(items),
                        "evidence": evidence,
                        "aid_type": commitment.aid_type or aid_type(self.body[following.start : following.end]),
                    }
                )
            )
        self.found = updated


def find_aid(ctx: Context) -> list[AidCommitment]:
    """Every aid commitment with a donor, a recipient and an amount or items."""
    rules = _Aid(ctx)
    rules.run()
    return one_per_amount(ctx, rules.found)


_ = Decimal  # amounts are Decimals throughout (see amounts.py)
