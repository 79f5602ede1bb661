"""Reported speech: sentences that report what an identifiable speaker said or holds.

A report is one of these Dutch constructions with an identifiable subject:

- a reporting or stance verb with its subject before it ("X waarschuwde dat …", "X vindt
  dat …", "X pleitte voor …", "X heeft in een brief aangegeven …") or right after it
  ("benadrukte hij dat …", "…, meldt X", "Dat …, verkondigen Amerikaanse presidenten");
  "ziet" and "wil" only with a "dat"-clause ("Broeks ziet dat …"), "dreigt" only as a
  threat, not as a risk ("dreigt niet te komen", not "dreigt te worden");
- the verb at the end of a subordinate clause, its subject right after the conjunction:
  "Nadat hij jarenlang belangstelling had ontkend, …", "Als Omtzigt dezelfde vragen
  stelt, …" (the report is then that clause);
- a source phrase: "volgens X", "X ziet naar eigen zeggen …";
- a parenthetical attribution closing the sentence: "…, hoort Koster in Brussel terug",
  "…, zo is de verwachting van de NAVO-landen";
- a document of the speaker that says something: "het vredesplan van X, waarin …".

A relative clause or apposition between subject and verb ("Minister X, die …, kondigde
… aan") is skipped; a free relative ("over wat hij zei") reports nothing.  The
statement's words are the "dat"-clause when there is one, else the sentence; a sentence
with several reports ("Rutte zei … en benadrukte hij …", "…, maar heeft hij laten weten
…") gives one statement per report, and a report in the perfect nested in another ("X
verklaart dat hij eerder heeft aangegeven …") is a statement of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from navokg.extract.context import Context, clamp
from navokg.extract.lexicon import REPORTING_PARTICLES, REPORTING_VERBS, SAYING_VERBS, SPEECH_PARTICIPLES
from navokg.extract.offices import parse_title
from navokg.extract.recap import paper_recap, recap
from navokg.extract.speakers import WORDS, Speaker, Speakers
from navokg.extract.text import Sentence
from navokg.model import EntityKind, Method, Statement, StatementKind

__all__ = ["Reported"]

_PREPOSITION = re.compile(r"\b(?:bij|in|op|tijdens|met|na|voor|aan|over|van|uit|naar|om)\b", re.IGNORECASE)
_UNNAMED = re.compile(
    r"^(?:de\s+|het\s+)?(?:insiders|bronnen|ingewijden|experts|deskundigen|critici|analisten|kenners|"
    r"waarnemers|diplomaten|media|berichten|peilingen|onderzoekers|sommigen|velen|anderen|\w+-experts)\b",
    re.IGNORECASE,
)
_PLURAL_VERB = re.compile(r"\w+(?:en|den|ten)$")
_SEPARABLE = REPORTING_PARTICLES
_SEPARABLE_AFTER = {verb: re.compile(pattern) for verb, pattern in _SEPARABLE.items()}
# In a subordinate clause the object or particle comes before the verb: "… vragen stellen".
_SEPARABLE_BEFORE = {
    "stelt": re.compile(r"\b(?:vraag|vragen)\b(?:\s+\S+){0,8}\s*$"),
    "stelde": re.compile(r"\b(?:vraag|vragen)\b(?:\s+\S+){0,8}\s*$"),
    "stellen": re.compile(r"\b(?:vraag|vragen)\b(?:\s+\S+){0,8}\s*$"),
    "stelden": re.compile(r"\b(?:vraag|vragen)\b(?:\s+\S+){0,8}\s*$"),
}
_REPORTING = (SAYING_VERBS | REPORTING_VERBS) - {"stelt", "stelde", "ziet"}
# "toezeggen" pledges a thing ("zegt hulp toe", "zegde 2 miljard euro toe") and reports a
# promise only with a "dat"-clause, a "te"-infinitive or a quotation ("zegde toe dat …",
# "zegde toe de Kamer voor de zomer te informeren", "zegt toe: ‘…’"; quotations are blanked,
# so a colon alone introduces no words: "zegt hulp toe: het land stuurt …").
_PLEDGING = frozenset({"zegt", "zegde", "zegden", "zeggen"})
_PLEDGE = re.compile(r"[^,.;:]*?\btoe\b")
_RECAPPED = re.compile(r"^(?:Dat|Dit)\b|\b(?:dat|dit)\s+(?:\w+\s+){0,3}$")  # "hebben dat maandag toegezegd"
_PROMISED = re.compile(r"[^.;:]*?(?:\bdat\b|\bte\s+[a-zà-ÿ]+n\b)")  # "heeft toegezegd dat …", "… te informeren"
_PROMISE = re.compile(r"[^,.;:]*?\btoe\b(?:\s*(?:dat\b|\s{2})|[^.;:]*?\bte\s+[a-zà-ÿ]+n\b)")
# Verbs that report only with a "dat"-clause: "Broeks ziet dat …", "Hij wil dat …", "Het kabinet
# stelt dat …" (not "stelt 300 miljoen euro beschikbaar").
_WITH_THAT = frozenset(
    {"ziet", "zag", "zien", "wil", "wilde", "willen", "wilden", "stelt", "stelde", "stellen", "stelden"}
)
_THAT_NEXT = re.compile(r"^\s+(?:(?:hij|zij|ze|\w+)\s+)?dat\b")
# "dreigt" reports a threat: "dreigt met kernwapens" by anyone, "dreigt … te" by a person and
# not a risk ("dreigt hij de leider te worden", "Als …, dreigt Nederland … niet na te komen").
_THREAT = frozenset({"dreigt", "dreigde", "dreigen", "dreigden"})
_THREAT_WITH = re.compile(r"\s+(?:\w+\s+){0,2}?met\b")
_CONDITION = re.compile(r"\s*(?:[Aa]ls|[Ww]anneer|[Zz]onder|[Bb]ij|[Ii]ndien|[Mm]ocht)\b")
_RISK = re.compile(
    r"^[^.;:]*?\bte\s+(?:worden|raken|verliezen|mislukken|verdwijnen|ontsporen|vallen|sneuvelen|"
    r"bezwijken|ontstaan|escaleren|verslechteren|lopen|komen\s+te)\b",
)
_AUX = frozenset({"heb", "heeft", "hebben", "had", "hadden"})  # "heb" in a signed letter: its "ik"
# Every word that can signal a report: a cheap test before the rules that read it.
_TRIGGER_WORDS = frozenset({"volgens"}) | _REPORTING | set(_SEPARABLE) | _WITH_THAT | _THREAT | _AUX
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:dat|die|omdat|nadat|terwijl|maar)\b")
_VOLGENS_GAP = re.compile(r"\b(?:heeft|is|zijn|wordt|was|had)\b")
# Words that open a clause: the subject of a verb after them comes after them ("…, maar Wilders
# vindt", "omdat de minister zei").
_CLAUSE_OPENER = re.compile(
    r"\b(?:maar|want|omdat|nadat|zodat|terwijl|hoewel|doordat|zodra|voordat|aangezien)\s", re.IGNORECASE
)
# A subordinate clause: conjunction, subject, …, reporting verb at the end.
_SUBORDINATOR = re.compile(
    r"(?:^|[\s,;(])(?P<conj>[Aa]ls|[Tt]oen|[Nn]adat|[Oo]mdat|[Tt]erwijl|[Hh]oewel|[Zz]odra|[Vv]oordat|"
    r"[Dd]oordat|[Zz]odat|[Ww]anneer|[Aa]angezien)\s+"
)
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?)]|$)")
_FREE_RELATIVE = re.compile(r"\b(?:wat|hoe|wie|waarom|waarover|waarvan|waarop|waarmee)\s+$", re.IGNORECASE)
_PRONOUN_FIRST = re.compile(r"\s*(?:hij|zij|ze)\b")
# A prepositional phrase may follow the verb of a subordinate clause ("vragen stelde over de kosten,").
_EXTRAPOSED = re.compile(
    r"\s+(?:over|voor|naar|met|aan|bij|tegen|tijdens|na|om|op|in)\s+(?:[^\W\d_][\w'’-]*\s+){0,3}"
    r"[^\W\d_][\w'’-]*\s*[,;:]"
)
_CLAUSE_MARK = re.compile(r"[,;:]")
_MAIN_VERB_NEXT = re.compile(r"\s+(?P<word>[^\W\d_]+)")
_INSERTED = re.compile(r",\s*(?P<inner>(?:die|dat|wie|welke|waar\w*)\b[^,;]*|[^,;]{2,80}),\s*$")
_PARENTHESES = re.compile(r"\([^()]*\)")
_NEW_CLAUSE = re.compile(r"\ben\s+(?:\w+\s+)?$|;|,\s*maar\b")
_JOIN = re.compile(r"(?:,\s*maar|;|,?\s+en)\s+")
_COORDINATED = re.compile(r"\ben\s+$")
# Between a subject and its verb, only an aside: "(VVD)", ", 54,", "zelf".
_ONLY_ASIDE = re.compile(r"\s*(?:\([^()]{1,40}\)\s*|,\s*\d+\s*,\s*|zelf\s+|ook\s+|toen\s+)*")
# What may follow a reporting verb that says nothing itself: "sprak zich uit", "reageerde gisteren".
_SAYS_NOTHING = re.compile(
    r"(?:[\s,]+|\b(?:zich|uit|ook|nog|al|direct|meteen|snel|gisteren|vandaag|vanochtend|vanmiddag|vanavond|"
    r"[a-z]+dag(?:ochtend|middag|avond)?|daarop|daarna)\b)*[.!]\s*"
)
# A verb right after a comma and conjunction has no subject of its own: ", maar liet weten".
_SHARED_SUBJECT = re.compile(r",\s*(?:maar|en|of)\s+$")
_THAT = re.compile(r"\bdat\s")
_OWN_WORDS = re.compile(r"\b[Nn]aar\s+eigen\s+zeggen\b")
# "…, hoort Koster in Brussel terug." / "…, zo is de verwachting van de NAVO-landen."
_PARENTHETICAL = re.compile(
    r",\s+(?:zo\s+)?(?P<verb>aldus|hoort|hoorde|merkt|merkte|constateert|constateerde|signaleert|signaleerde|"
    r"analyseert|analyseerde|observeert|observeerde|weet|wist|schat|schatte|ziet|zag)\s+"
    r"|,\s+(?P<sound>klinkt|klonk)\s+het\s+(?:bij|uit\s+de\s+mond\s+van)\s+"
    r"|,\s+zo\s+(?P<noun>(?:is|was|luidt|luidde)\s+de\s+(?:verwachting|inschatting|analyse|conclusie|"
    r"boodschap|redenering|overtuiging|lezing)\s+(?:van|bij|binnen)\s+)"
)
# A document that says something: "het 28-puntenplan van Trump, waarin …".
_DOCUMENT_OF = re.compile(
    r"\b(?:[Hh]et|[Dd]e)\s+(?:[\w-]+\s+){0,2}?[\w-]*(?:plan|programma|voorstel|brief|verklaring|"
    r"nota|rapport|akkoord|manifest)\s+van\s+"
)
# Words every document phrase and cabinet paper contains: a cheap test before the patterns.
_DOCUMENT_NOUNS = ("plan", "programma", "voorstel", "brief", "verklaring", "nota", "rapport", "akkoord", "manifest")
_PAPER_HINTS = ("nota", "regeer", "akkoord", "brief")
_CABINET_PAPER = re.compile(
    r"Voorjaarsnota|Miljoenennota|Najaarsnota|regeerprogramma|regeerakkoord|coalitieakkoord|Kamerbrief|"
    r"kabinetsbrief"
)
_FRONTED = re.compile(r",\s*(?:zo\s+)?$")
_SUBORDINATE_OPENING = re.compile(
    r"[\s‘“„\"']*(?:Nu|Als|Omdat|Nadat|Toen|Terwijl|Hoewel|Zodra|Doordat|Wanneer|Voordat|Sinds|Zolang|Tenzij|Indien|"
    r"Aangezien|Ondanks|Hoe|Wie|Wat|Waar|Of)\b"
)
_THAT_OR_FOR = re.compile(r"\b(?:dat|of|om|voor|op|met|te)\b")
_IN_BEFORE = re.compile(r"\b[Ii]n\s+(?:(?:de|het|een)\s+)?$")
_PAPER_YEAR = re.compile(r"\s+(?:van\s+)?(?:19|20)\d\d\b")
_DOCUMENT_SAYS = re.compile(r"\s*,?\s*(?:waarin|waarin\s+staat|dat\s+stelt|staat)\b")


def _norm(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class _Trigger:
    """Where a report is signalled (a verb, phrase or clause) and by whom."""

    a: int
    b: int
    speaker: Speaker
    perfect: bool = False  # "heeft aangegeven": an earlier utterance
    span: tuple[int, int] | None = None  # the report's own words, where the construction bounds them


class Reported:
    """Finds reported speech in every sentence and adds it to ``found``."""

    def __init__(self, ctx: Context, speakers: Speakers, found: list[Statement], used: list[tuple[int, int]]) -> None:
        self.ctx = ctx
        self.body = ctx.body
        self.speakers = speakers
        self.found = found
        self.used = used  # attribution clauses of quotations: no report starts there

    def run(self) -> None:
        ctx = self.ctx
        for sentence in ctx.text.sentences:
            masked = ctx.text.masked(sentence.start, sentence.end)
            if len(masked.split()) < 3:
                continue
            triggers = self._triggers(sentence, masked)
            for position, trigger in enumerate(triggers):
                if trigger.span is not None:
                    start, end = trigger.span
                else:
                    start = self._start(triggers, position, sentence)
                    end = self._end(triggers, position, sentence)
                if recap(self.ctx, self.found, sentence, trigger.a, trigger.speaker, end):
                    continue
                # "…, aldus X." / "…, hoort X terug.": the words are what precedes the attribution.
                words_end = trigger.a if trigger.span is not None and self.body[trigger.a] == "," else None
                if words_end is None and trigger.span is None:
                    words_end = self._fronted_words(sentence, trigger)
                self._add(sentence, trigger.speaker, start, end, trigger.b, words_end)

    def _fronted_words(self, sentence: Sentence, trigger: _Trigger) -> int | None:
        """Where the words end when the report closes the sentence after them ("…, zo maakte
        minister X maandag bekend", "…, zei X"): at the comma before the verb, never beyond."""
        comma = _FRONTED.search(self.body, sentence.start, trigger.a)
        if comma is None or len(self.body[sentence.start : comma.start()].split()) < 3:
            return None
        if _SUBORDINATE_OPENING.match(self.body, sentence.start):
            return None  # "Nu de oorlog voortduurt, waarschuwt X": the clause is not what X says
        rest = self.ctx.text.masked(trigger.b, sentence.end)
        if "," in rest or _THAT_OR_FOR.search(rest) or trigger.speaker.start < trigger.a:
            return None  # "…, zei Rutte, stuurt …", "Omdat …, zegt Rutte dat …": read as before
        return comma.start()

    def _start(self, triggers: list[_Trigger], position: int, sentence: Sentence) -> int:
        """The first report starts the sentence; a later one its own clause ("…, maar X zei")."""
        if position == 0:
            return sentence.start
        trigger = triggers[position]
        start = min(trigger.speaker.start, trigger.a)
        join = self._join(triggers[position - 1].b, start)
        return join.end() if join is not None else start

    def _end(self, triggers: list[_Trigger], position: int, sentence: Sentence) -> int:
        """A report runs to the next one, unless that one is nested in its "dat"-clause."""
        trigger = triggers[position]
        for later in triggers[position + 1 :]:
            if later.span is not None:
                continue
            if self._nested(trigger, later):
                return sentence.end
            start = min(later.speaker.start, later.a)
            join = self._join(trigger.b, start)
            return join.start() if join is not None else start
        return sentence.end

    def _join(self, left: int, right: int) -> re.Match[str] | None:
        """The last ", maar", ";" or "en" joining two clauses between ``left`` and ``right``."""
        found = None
        for match in _JOIN.finditer(self.body, left, right):
            found = match
        return found

    def _nested(self, outer: _Trigger, inner: _Trigger) -> bool:
        between = self.body[outer.b : inner.a]
        return bool(_THAT.search(between)) and not _NEW_CLAUSE.search(between)

    # ---- triggers -------------------------------------------------------------------

    def _triggers(self, sentence: Sentence, masked: str) -> list[_Trigger]:
        found = self._word_triggers(sentence, masked)
        found += self._phrase_triggers(sentence, masked)
        found.sort(key=lambda t: t.a)
        # One trigger per speaker and clause: "Rutte zei … en benadrukte hij …" stays two, and
        # a perfect nested in a report ("verklaart dat hij heeft aangegeven") is one of its own.
        kept: list[_Trigger] = []
        for trigger in found:
            if kept and trigger.speaker.keys == kept[-1].speaker.keys:
                between = self.body[kept[-1].b : trigger.a]
                nested = trigger.perfect and self._nested(kept[-1], trigger)
                spans = trigger.span is not None or kept[-1].span is not None
                if not _NEW_CLAUSE.search(between) and not nested and not spans:
                    continue
            kept.append(trigger)
        return kept

    def _used(self, offset: int) -> bool:
        return any(u_a <= offset < u_b for u_a, u_b in self.used)

    def _word_triggers(self, sentence: Sentence, masked: str) -> list[_Trigger]:
        found: list[_Trigger] = []
        lowered = [token.lower() for token in WORDS.findall(masked)]
        if _TRIGGER_WORDS.isdisjoint(lowered):
            return found
        words = list(WORDS.finditer(masked))
        base = sentence.start
        for index, word in enumerate(words):
            lower = lowered[index]
            if lower not in _TRIGGER_WORDS or self._used(base + word.start()):
                continue
            if lower == "volgens":
                a, b = base + word.start(), base + word.end()
                speaker = self._source(b, sentence)
                trigger = _Trigger(a, b, speaker) if speaker is not None else None
            else:
                trigger = self._verb_trigger(lower, masked, words, index, sentence)
            if trigger is not None:
                found.append(trigger)
        return found

    def _verb_trigger(
        self, lower: str, masked: str, words: list[re.Match[str]], index: int, sentence: Sentence
    ) -> _Trigger | None:
        """A report by a verb (or an auxiliary and its participle), with its subject."""
        word = words[index]
        base = sentence.start
        a, b = base + word.start(), base + word.end()
        after = masked[word.end() :]
        article = words[index - 1].group().lower() if index else ""
        noun = article in ("het", "een") or (article in ("dat", "dit") and self._noun_after_that(sentence, a))
        if noun and lower not in _AUX:
            return None  # "kreeg het verwijt dat …": a noun, not the verb
        if masked[:4] == "Dat " and index > 1 and "," in masked[word.end() :] and "," not in masked[: word.start()]:
            # "Dat Trump niet zei dat …, baart het kabinet geen zorgen": the verb closes a
            # subject clause (a recap puts its verb second: "Dat zei hij").
            return None
        reporting = lower in _REPORTING or lower in _SEPARABLE
        if lower in _SEPARABLE and not _SEPARABLE_AFTER[lower].search(after):
            before = _SEPARABLE_BEFORE.get(lower)
            reporting = lower in _REPORTING or bool(before and before.search(masked[: word.start()]))
        if lower in _PLEDGING and _PLEDGE.match(after) and not _PROMISE.match(after):
            reporting = False  # "zegt hulp toe", "zegde 2 miljard euro toe": a pledge, no words
        if lower in _WITH_THAT:
            reporting = reporting or bool(_THAT_NEXT.match(after))
        threat = lower in _THREAT and not _THREAT_WITH.match(after)
        if lower in _THREAT:
            reporting = not threat or not (_RISK.match(after) or _CONDITION.match(masked))
        verb_end = b
        if lower in _AUX:
            participle = self._participle(masked, words, index)
            reporting = participle is not None
            if participle is not None:
                verb_end = base + participle.end()
                promised = _PROMISED.match(masked[participle.end() :]) or _RECAPPED.search(masked[: participle.start()])
                if participle.group().lower() == "toegezegd" and not promised:
                    reporting = False  # "had 85 miljoen euro toegezegd": a pledge, as "zegde … toe"
        if not reporting:
            return None
        plural = bool(_PLURAL_VERB.match(lower)) and lower not in ("zeggen",)
        clause = self._subordinate(a, verb_end, sentence, plural)
        if clause is not None:
            return clause
        speaker = self._speaker_near(a, b, sentence, plural)
        if speaker is None or (threat and self.ctx.kind_of(speaker.keys[0]) is not EntityKind.PERSON):
            return None  # "… dreigt Nederland zijn afspraken niet na te komen": a risk
        return _Trigger(a, b, speaker, perfect=lower in _AUX)

    def _noun_after_that(self, sentence: Sentence, at: int) -> bool:
        """Whether the word at ``at`` after "dat" is a noun ("dat verwijt"), by the parse."""
        parse = self.ctx.parses.of(sentence)
        token = parse.token_at(at) if parse is not None else None
        return token is not None and token.pos_ == "NOUN"

    def _participle(self, masked: str, words: list[re.Match[str]], index: int) -> re.Match[str] | None:
        """The speech participle of an auxiliary: near it, or further on in the same clause
        ("heeft de Europese landen zaterdag in een toespraak … gewaarschuwd")."""
        following = words[index + 1 : index + 20]
        for offset, word in enumerate(following):
            lower = word.group().lower()
            if lower not in SPEECH_PARTICIPLES or lower == "weten":
                continue
            if lower == "laten":  # only "laten weten"
                if offset + 1 >= len(following) or following[offset + 1].group().lower() != "weten":
                    continue
                word = following[offset + 1]
            if offset < 11 or not _CLAUSE_BREAK.search(masked, words[index].end(), word.start()):
                return word
            return None
        return None

    def _source(self, b: int, sentence: Sentence) -> Speaker | None:
        """The source after "volgens", unless unnamed ("volgens insiders")."""
        if _UNNAMED.match(self.body[b : b + 40].lstrip()):
            return None
        speaker = self.speakers.within(b, self._window_end(b, sentence, 70), first_only=True, objects=True)
        gap = self.body[b : speaker.start] if speaker is not None else ""
        titled = parse_title(gap.strip(), 0) is not None  # "volgens staatssecretaris van … X"
        if speaker is not None and (len(gap) < 45 or titled) and not _VOLGENS_GAP.search(gap):
            return speaker
        return None

    def _phrase_triggers(self, sentence: Sentence, masked: str) -> list[_Trigger]:
        """Reports signalled by more than a verb: own words, a parenthesis, a document."""
        found: list[_Trigger] = []
        base = sentence.start
        for match in _OWN_WORDS.finditer(masked) if "zeggen" in masked else ():
            a, b = base + match.start(), base + match.end()
            speaker = self._speaker_near(a, b, sentence, False)
            if speaker is not None and not self._used(a):
                found.append(_Trigger(a, b, speaker))
        parenthetical = self._parenthetical(sentence, masked) if "," in masked else None
        if parenthetical is not None:
            found.append(parenthetical)
        text = self.body[sentence.start : sentence.end]
        if any(noun in text for noun in _DOCUMENT_NOUNS):
            found += self._documents(sentence, masked, text)
        paper = paper_recap(self.ctx, self.speakers, sentence) if text.startswith(("Dat ", "Dit ")) else None
        if paper is not None:  # "Dat blijkt uit een brief van minister X"
            found.append(_Trigger(paper[0], paper[0], paper[2], span=(sentence.start, paper[1])))
        return found

    def _parenthetical(self, sentence: Sentence, masked: str) -> _Trigger | None:
        """ "…, hoort X terug." closing a sentence: X is the source of all before it."""
        for match in _PARENTHETICAL.finditer(masked):
            b = sentence.start + match.end()
            speaker = self.speakers.within(b, min(sentence.end, b + 60), first_only=True)
            if speaker is None or self._used(b):
                continue
            gap = self.body[b : speaker.start].strip()
            rest = self.body[speaker.end : sentence.end]
            titled = gap and parse_title(gap, 0) is not None  # ", aldus minister X"
            rest = _PARENTHESES.sub(" ", rest)  # "(Binnenlandse Zaken, CDA)" says who, not what
            if (gap and gap.lower() not in ("de", "het") and not titled) or len(WORDS.findall(rest)) > 5:
                continue
            if match.group("noun") is None and _THAT.search(rest):
                continue
            return _Trigger(sentence.start + match.start(), b, speaker, span=(sentence.start, sentence.end))
        return None

    def _documents(self, sentence: Sentence, masked: str, text: str) -> list[_Trigger]:
        """ "het vredesplan van X, waarin …", "In de Voorjaarsnota staat dat …": the author of a
        document says what it contains (a cabinet paper is Nederland's)."""
        found: list[_Trigger] = []
        authored: list[tuple[int, Speaker]] = []
        for match in _DOCUMENT_OF.finditer(masked):
            b = sentence.start + match.end()
            speaker = self.speakers.within(b, min(sentence.end, b + 50), first_only=True)
            if speaker is not None and self.body[b : speaker.start].strip() in ("", "de", "het"):
                authored.append((sentence.start + match.start(), speaker))
        parties = self.speakers.parties if any(p in text for p in _PAPER_HINTS) else []
        for a, b, key in parties:
            if sentence.start <= a < sentence.end and _CABINET_PAPER.fullmatch(self.body, a, b):
                year = _PAPER_YEAR.match(self.body, b)
                authored.append((a, Speaker((key,), a, year.end() if year else b, 0.65)))
        for start, speaker in authored:
            opening = _IN_BEFORE.search(self.body, max(sentence.start, start - 12), start)
            start = opening.start() if opening else start
            says = _DOCUMENT_SAYS.match(self.body, speaker.end, sentence.end)
            if says is None or self._used(start) or self.body[says.end() : says.end() + 2].strip() == ":":
                continue
            end = self._clause_close(says.end(), sentence.end)
            if self.body[end : end + 1] == ":":
                continue  # "… staat immers: ‘…’": the quotation is the statement
            found.append(_Trigger(start, says.end(), speaker, span=(start, end)))
        return found

    def _clause_close(self, start: int, end: int) -> int:
        """Where a clause that starts at ``start`` ends: the next , ; or : outside parentheses."""
        depth = 0
        for offset in range(start, end):
            char = self.body[offset]
            if char == "(":
                depth += 1
            elif char == ")":
                depth = max(0, depth - 1)
            elif char in ",;:" and depth == 0:
                return offset
        return end

    # ---- subjects -------------------------------------------------------------------

    def _subordinate(self, a: int, verb_end: int, sentence: Sentence, plural: bool) -> _Trigger | None:
        """A reporting verb closing a subordinate clause; its subject follows the conjunction."""
        lead = self.ctx.text.masked(max(sentence.start, a - 200), a)
        openers = list(_SUBORDINATOR.finditer(lead))
        clause_end = self._clause_end(verb_end)
        if not openers or clause_end is None:
            return None
        opener = openers[-1]
        inside = lead[opener.end() :]
        if _CLAUSE_MARK.search(inside):
            return None
        clause_start = a - len(lead) + opener.start("conj")
        subject_at = a - len(inside)
        speaker = self.speakers.within(subject_at, a, first_only=not plural, plural=plural)
        if speaker is None or len(WORDS.findall(self.body[subject_at : speaker.start])) > 8:
            return None
        if clause_start == sentence.start and _PRONOUN_FIRST.match(inside):
            # "Nadat hij het eerst had ontkend, bevestigde Kellogg …": the pronoun points ahead.
            main = self.speakers.first_subject(verb_end, min(sentence.end, verb_end + 80))
            if main is not None:
                speaker = Speaker((main.key,), subject_at, subject_at, speaker.confidence)
        return _Trigger(a, verb_end, speaker, span=(clause_start, clause_end))

    def _clause_end(self, offset: int) -> int | None:
        """Where the clause of a verb ending at ``offset`` ends, if the verb closes it:
        punctuation follows, a prepositional phrase and punctuation ("vragen stelde over de
        kosten,"), or the main clause's verb ("Als Omtzigt dezelfde vragen stelt verwijst …")."""
        if _CLAUSE_END.match(self.body, offset):
            return offset
        extraposed = _EXTRAPOSED.match(self.body, offset)
        if extraposed is not None:
            return extraposed.end() - 1
        following = _MAIN_VERB_NEXT.match(self.body, offset)
        if following is None:
            return None
        word = following.group("word").lower()
        return offset if word in _REPORTING or word in _SEPARABLE or word in _AUX else None

    def _speaker_near(
        self, a: int, b: int, sentence: Sentence, plural: bool, *, inverted_ok: bool = True
    ) -> Speaker | None:
        """The subject of a reporting verb: just before it, or right after it (inverted)."""
        speakers = self.speakers
        after = (
            speakers.within(b, self._window_end(b, sentence), first_only=not plural, plural=plural)
            if inverted_ok
            else None
        )
        after_gap = self.body[b : after.start].strip() if after is not None else ""
        inverted = after is not None and (
            not after_gap or after_gap.lower() in ("de", "het") or parse_title(after_gap, 0) is not None
        )
        wide_start = max(sentence.start, a - 200)
        inserted = _INSERTED.search(self.body, wide_start, a)
        if inserted is not None:
            # "Minister X, die …, kondigde … aan": the subject stands before the inserted clause.
            subject = self._before_insertion(sentence, inserted.start(), plural)
            if subject is not None:
                return subject
        lead_start, after_that = self._lead(a, sentence)
        shared = _SHARED_SUBJECT.search(self.body, max(sentence.start, a - 12), a)
        if shared is not None:
            # "X prees de inzet, maar liet weten dat …": the verb shares the sentence's subject.
            opening = speakers.within(sentence.start, shared.start(), first_only=not plural, plural=plural)
            if opening is not None and self._opens(sentence.start, opening):
                return opening
        before = speakers.within(lead_start, a, first_only=not plural, plural=plural)
        if before is not None and _FREE_RELATIVE.search(self.body[lead_start : before.start]):
            before = None  # "over wat hij zei": no report
        before_gap = len(WORDS.findall(self.body[before.end : a])) if before is not None else 99
        if before is not None and before_gap == 0:
            return before
        if (
            before is not None
            and before_gap <= 4
            and self._opens_titled(lead_start, before)
            and _ONLY_ASIDE.fullmatch(self.body, before.end, a)
        ):
            # "Kamerlid X (VVD) vroeg de staatssecretaris …": the clause opens with its subject,
            # so the one after the verb is its object, not an inverted subject.
            return before
        if inverted:
            return after
        if before is not None and before_gap <= 4:
            return before
        if before is not None and not after_that and self._coordinated(lead_start, before, a):
            return before
        if (
            before is not None
            and after_that
            and before_gap <= 10
            and self._opens(lead_start, before)
            and not _JOIN.search(self.body, before.end, a)
        ):
            # "dat hij het kabinet vorig jaar al heeft gewaarschuwd": the verb ends the clause.
            return before
        if after is not None and len(after_gap.split()) <= 2 and not _PREPOSITION.search(after_gap):
            return after
        return None

    def _window_end(self, b: int, sentence: Sentence, size: int = 60) -> int:
        """Where the subject after a verb must start: ``size`` characters on, with a name it cuts."""
        end = min(sentence.end, b + size)
        for person in self.ctx.persons.within(b, sentence.end):
            if person.start < end < person.end:
                return person.end
            if person.start >= end:
                break
        return end

    def _lead(self, a: int, sentence: Sentence) -> tuple[int, bool]:
        """Where the clause of a verb at ``a`` starts, and whether a "dat" opened it."""
        lead_start = max(sentence.start, a - 80)
        lead = _PARENTHESES.sub(lambda m: " " * len(m.group()), self.body[lead_start:a])
        that = lead.rfind(" dat ")
        cut = max(lead.rfind(","), lead.rfind(";"), lead.rfind(":"))
        conjunction = list(_CLAUSE_OPENER.finditer(lead))
        if conjunction:
            cut = max(cut, conjunction[-1].end() - 1)
        after_that = that >= 0 and that + 4 > cut
        if after_that:
            cut = that + 4
        if cut >= 0 and lead_start + cut + 1 < a:
            lead_start = lead_start + cut + 1
        return lead_start, after_that

    def _opens(self, lead_start: int, subject: Speaker) -> bool:
        """Whether the subject is the first thing in its clause."""
        return not self.body[lead_start : subject.start].strip()

    def _opens_titled(self, lead_start: int, subject: Speaker) -> bool:
        """Whether the subject, with its title ("Kamerlid X"), is the first thing in its clause."""
        gap = self.body[lead_start : subject.start].strip()
        return not gap or parse_title(gap, 0) is not None

    def _coordinated(self, lead_start: int, subject: Speaker, a: int) -> bool:
        """ "Trump wil … en dreigt …": a verb after "en" shares the subject that opens the clause."""
        return self._opens(lead_start, subject) and bool(_COORDINATED.search(self.body, subject.end, a))

    def _before_insertion(self, sentence: Sentence, comma: int, plural: bool) -> Speaker | None:
        """The speaker ending right at the comma that opens an inserted clause."""
        start = max(sentence.start, comma - 80)
        lead = self.body[start:comma]
        cut = max(lead.rfind(","), lead.rfind(";"))
        if cut >= 0:
            start += cut + 1
        speaker = self.speakers.within(start, comma, first_only=not plural, plural=plural)
        if speaker is None or self.body[speaker.end : comma].strip():
            return None
        return speaker

    # ---- statements -----------------------------------------------------------------

    def _add(
        self, sentence: Sentence, speaker: Speaker, start: int, end: int, verb_end: int, words_end: int | None = None
    ) -> None:
        ctx = self.ctx
        if ctx.text.quote_at(start) or ctx.text.quote_at(verb_end):
            return
        body = self.body
        that = _THAT.search(body[verb_end:end])
        content = body[verb_end + that.end() : end] if that else body[start:end]
        if words_end is not None:
            content = body[start:words_end]
        text = _norm(content).strip(" ,.;:")
        if len(text.split()) < 2:
            return
        if that is None and words_end is None and _SAYS_NOTHING.fullmatch(body, verb_end, end):
            return  # "X sprak zich uit.", "X reageerde gisteren": that there was a report, not what
        date_end = verb_end + that.start() if that else end
        date = ctx.fact_date(sentence, start, date_end)
        ctx.speakers.append((start, speaker.keys))
        self.found.append(
            Statement(
                speakers=speaker.keys,
                kind=StatementKind.INDIRECT,
                text=text,
                evidence=(ctx.evidence(start, end),),
                date=date,
                method=Method.AUTOMATIC,
                confidence=clamp(speaker.confidence * 0.75),
            )
        )
