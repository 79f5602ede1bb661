"""Statements: quotations and reported speech, attributed to who said them.

Direct statements are quotations in any Dutch style, attributed by the words after them
("…", zegt X / aldus X / voegt X toe), before them ("X: ‘…’", "zegt hij: “…”", a
headline "NAVO-chef Rutte: ‘…’"), around a fragment ("volgens X … ‘…’"), or, for a
quotation that stands alone, by who spoke last in the paragraph.  A quotation split by a
short attribution ("‘A’, zei hij, ‘B’") is one statement whose parts are joined with
" … ".  Reported speech is ``reported.py``; who a span names as speaker is
``speakers.py``.
"""

from __future__ import annotations

import re

from navokg.extract.context import Context, clamp
from navokg.extract.lexicon import ATTRIBUTION_VERBS, SAYING_VERBS
from navokg.extract.reported import Reported
from navokg.extract.speakers import WORDS, Speaker, Speakers
from navokg.extract.text import Quote, Sentence
from navokg.extract.transcript import find_turns
from navokg.model import QUOTE_JOIN, Evidence, Method, Statement, StatementKind

__all__ = ["find_statements"]

_ATTRIBUTION_AFTER = re.compile(
    r"^\s*[,.!?…]?\s*(?:zo\s+)?(?P<verb>" + "|".join(sorted(ATTRIBUTION_VERBS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_PLURAL_VERB = re.compile(r"\w+(?:en|den|ten)$")
_VOLGENS = re.compile(r"\b[Vv]olgens\s+")
_CLAUSE_STOP = re.compile(r"[.!?;:]\s|[.!?;:]$|\n\s*\n|[‘“„\"'«]")
_CITING = re.compile(r"\b(?:citeer|citeert|citeerde|citeren)\b")


def _norm(text: str) -> str:
    return " ".join(text.split())


class _Direct:
    """Quotations and who said them."""

    def __init__(self, ctx: Context, speakers: Speakers) -> None:
        self.ctx = ctx
        self.body = ctx.body
        self.speakers = speakers
        self.found: list[Statement] = []
        self.used: list[tuple[int, int]] = []  # attribution clauses of direct statements

    def direct(self) -> list[Quote]:
        """Attributed quotations; returns the ones that stand alone, for ``alone``."""
        ctx = self.ctx
        quotes = ctx.text.quotes
        index = 0
        alone: list[Quote] = []
        while index < len(quotes):
            quote = quotes[index]
            index += 1
            inner = _norm(self.body[quote.inner[0] : quote.inner[1]]).rstrip(",")
            if len(inner.split()) < 2:
                continue
            sentence = ctx.text.sentence_at(quote.start)
            citation = self._citation(quote)
            if citation is not None:
                # "Ik citeer uit het rapport van de NAVO: ‘…’": the source's words, if named.
                if citation[0] is not None:
                    self._add_direct([quote], citation[0], citation[1], quote.end, True)
                continue
            attribution = self._attribution_after(quote)
            if attribution is None and self._names_unknown_speaker(quote):
                continue  # "…”, vertelde de president": someone this text does not name
            intro = self._introduction(quote)
            parts = [quote]
            span_start, span_end = quote.start, quote.end
            if attribution is not None:
                speaker, clause_end = attribution
                span_end = clause_end
                if index < len(quotes) and self._continues(clause_end, quotes[index]):
                    parts.append(quotes[index])
                    span_end = quotes[index].end
                    index += 1
                self.used.append((quote.end, clause_end))
            elif intro is not None:
                speaker, span_start = intro
                self.used.append((span_start, quote.start))
            elif self._is_fragment(quote, sentence):
                fragment = self._fragment_speaker(quote, sentence)
                if fragment is None:
                    continue
                speaker = fragment
                span_start, span_end = sentence.start, sentence.end
            else:
                alone.append(quote)
                continue
            self._add_direct(parts, speaker, span_start, span_end, True)
        return alone

    def alone(self, quotes: list[Quote]) -> None:
        """Quotations without attribution take the speaker the paragraph is about."""
        for quote in quotes:
            self.ctx.speakers.sort()
            speaker = self._context_speaker(quote)
            if speaker is not None:
                self._add_direct([quote], speaker, quote.start, quote.end, False)

    def _add_direct(self, parts: list[Quote], speaker: Speaker, start: int, end: int, explicit: bool) -> None:
        ctx = self.ctx
        texts = [_norm(self.body[q.inner[0] : q.inner[1]]).strip().rstrip(",").strip() for q in parts]
        texts = [t for t in texts if t]
        if not texts:
            return
        # The utterance's date is in the attribution, not in what was said.
        sentence = ctx.text.sentence_at(start)
        outside = [(start, parts[0].start), (parts[-1].end, end)]
        date = None
        for a, b in outside:
            if b > a:
                found = ctx.fact_date(ctx.text.sentence_at(a), a, b)
                if found is not None and (date is None or not date.resolved):
                    date = found
        if date is None:
            date = ctx.fact_date(sentence, start, start)
        ctx.speakers.append((start, speaker.keys))
        self.found.append(
            Statement(
                speakers=speaker.keys,
                kind=StatementKind.DIRECT,
                text=QUOTE_JOIN.join(texts),
                evidence=(ctx.evidence(start, end),),
                date=date,
                method=Method.AUTOMATIC,
                confidence=clamp(speaker.confidence * (0.95 if explicit else 0.6)),
            )
        )

    def _attribution_after(self, quote: Quote) -> tuple[Speaker, int] | None:
        """ ", zegt X." after the quotation: the speaker and where the clause ends."""
        ctx = self.ctx
        limit = min(len(self.body), quote.end + 200)
        after = self.body[quote.end : limit]
        match = _ATTRIBUTION_AFTER.match(after)
        if not match:
            return None
        clause_start = quote.end + match.end()
        following = [q.start for q in ctx.text.quotes_in(clause_start, limit) if q.start >= clause_start]
        if following:
            limit = following[0]
        rest = ctx.text.masked(clause_start, limit)
        stop = _CLAUSE_STOP.search(rest)
        clause_end = clause_start + (stop.start() if stop else len(rest))
        if self.body[clause_end : clause_end + 1] in ".!?;":
            clause_end += 1
        verb = match.group("verb").lower()
        speaker = self.speakers.within(clause_start, clause_end, plural=bool(_PLURAL_VERB.match(verb)), addressed=True)
        if speaker is None:
            return None
        return speaker, clause_end

    def _names_unknown_speaker(self, quote: Quote) -> bool:
        """Whether the words after a quotation attribute it ("…”, zei de president") to a
        speaker ``within`` cannot identify: then it is nobody's, not the last speaker's."""
        after = self.body[quote.end : min(len(self.body), quote.end + 200)]
        match = _ATTRIBUTION_AFTER.match(after)
        if match is None:
            return False
        rest = self.body[quote.end + match.end() : quote.end + match.end() + 60]
        return bool(re.match(r"\s+(?:de|het|een)\s+\w", rest))

    def _continues(self, clause_end: int, following: Quote) -> bool:
        """Whether the next quotation goes on with the same words ("‘A’, zei hij, ‘B’")."""
        gap = self.body[clause_end : following.start]
        if gap.count("\n") > 1 or len(gap) > 3:
            return False
        opened = [q for q in self.ctx.text.quotes if q.end <= clause_end]
        clause = self.body[opened[-1].end if opened else clause_end : clause_end]
        words = WORDS.findall(clause)
        return len(words) <= 4 and _ATTRIBUTION_AFTER.match(self.body[following.end : following.end + 40]) is None

    def _intro_clause(self, quote: Quote) -> tuple[int, int] | None:
        """The clause before a colon that introduces a quotation: (start, colon)."""
        ctx = self.ctx
        before = self.body[max(0, quote.start - 3) : quote.start]
        if not before.rstrip().endswith(":"):
            return None
        colon = quote.start - (len(before) - before.rstrip().rfind(":"))
        sentence = ctx.text.sentence_at(colon)
        previous = [q for q in ctx.text.quotes_in(sentence.start, colon) if q.end <= colon]
        start = max(sentence.start, previous[-1].end if previous else sentence.start)
        header = self.body.rfind(":\n", start, colon)  # a header line of its own ("X (SP):")
        return (header + 2 if header >= 0 else start), colon

    def _introduction(self, quote: Quote) -> tuple[Speaker, int] | None:
        """ "X: ‘…’" / "zegt hij: “…”": the speaker in the clause before a colon."""
        clause = self._intro_clause(quote)
        if clause is None:
            return None
        start, colon = clause
        if len(self.body[start:colon].split()) > 16:
            return None
        speaker = self.speakers.within(start, colon, first_only=True)
        if speaker is None:
            return None
        return speaker, start

    def _citation(self, quote: Quote) -> tuple[Speaker | None, int] | None:
        """A quotation someone reads out ("Ik citeer uit het artikel: …"): not the reader's
        words but the source's; the source is who the clause names after the citing verb."""
        clause = self._intro_clause(quote)
        if clause is None:
            return None
        start, colon = clause
        citing = _CITING.search(self.body, start, colon)
        if citing is None:
            return None
        return self.speakers.within(citing.end(), colon, first_only=True), start

    def _is_fragment(self, quote: Quote, sentence: Sentence) -> bool:
        lead = self.body[sentence.start : quote.start].strip()
        return bool(lead) and not lead.endswith((":", "…"))

    def _fragment_speaker(self, quote: Quote, sentence: Sentence) -> Speaker | None:
        """A quoted fragment inside a sentence that names its source ("volgens X", "X zegt dat")."""
        masked = self.ctx.text.masked(sentence.start, quote.start)
        volgens = list(_VOLGENS.finditer(masked))
        if volgens:
            at = sentence.start + volgens[-1].end()
            return self.speakers.within(at, at + 60, first_only=True, objects=True)
        for match in WORDS.finditer(masked):
            if match.group().lower() in SAYING_VERBS:
                verb_at = sentence.start + match.start()
                speaker = self.speakers.within(sentence.start, verb_at, first_only=True)
                if speaker is not None:
                    return Speaker(speaker.keys, speaker.start, speaker.end, speaker.confidence * 0.8)
        return None

    def _context_speaker(self, quote: Quote) -> Speaker | None:
        """A quotation standing alone: whoever spoke last in its paragraph, else nearby."""
        ctx = self.ctx
        paragraph = ctx.text.paragraph_of(quote.start)
        previous = [(at, keys) for at, keys in ctx.speakers if at < quote.start]
        if previous:
            at, keys = previous[-1]
            if ctx.text.paragraph_of(at) == paragraph:
                return Speaker(keys, quote.start, quote.start, 0.6)
        sentence_index = ctx.text.sentence_index(quote.start)
        if sentence_index > 0:
            before = ctx.text.sentences[sentence_index - 1]
            persons = ctx.persons.within(before.start, before.end)
            if persons and before.paragraph == paragraph:
                # The sentence before names the speaker as its subject: "Na een gesprek met
                # Schoof reageerde Zelensky opgelucht. ‘…’"
                subject = self.speakers.subject_of(before) or persons[0]
                return Speaker((subject.key,), quote.start, quote.start, 0.5)
        if previous and quote.start - previous[-1][0] < 300:
            return Speaker(previous[-1][1], quote.start, quote.start, 0.6)
        if previous and quote.start - previous[-1][0] < 1500:
            return Speaker(previous[-1][1], quote.start, quote.start, 0.4)
        person = ctx.person_before(quote.start, 1500)
        if person is not None:
            return Speaker((person.key,), quote.start, quote.start, 0.35)
        return None


def _dedupe(statements: list[Statement]) -> list[Statement]:
    """Drop an indirect statement whose words a direct one by the same speaker covers."""
    kept: list[Statement] = []
    for statement in sorted(statements, key=lambda s: (s.evidence[0].start, s.kind is StatementKind.INDIRECT)):
        span: Evidence = statement.evidence[0]
        if statement.kind is StatementKind.INDIRECT and any(
            k.speakers == statement.speakers
            and k.evidence[0].start <= span.start
            and span.end <= k.evidence[0].end
            and (k.kind is StatementKind.DIRECT or k.evidence[0] == span)
            for k in kept
        ):
            continue
        kept.append(statement)
    return kept


def find_statements(ctx: Context) -> list[Statement]:
    """Every quoted or reported utterance with an identifiable speaker."""
    speakers = Speakers(ctx)
    direct = _Direct(ctx, speakers)
    direct.found += find_turns(ctx, speakers)
    alone = direct.direct()
    Reported(ctx, speakers, direct.found, direct.used).run()
    direct.alone(alone)
    ctx.speakers.sort()
    return _dedupe(direct.found)
