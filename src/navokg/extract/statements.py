"""Statements: quotations and reported speech, attributed to who said them.

Direct statements are quotations in any Dutch style, attributed by the words after them
("…", zegt X / aldus X / voegt X toe), before them ("X: ‘…’", "zegt hij: “…”"), around a
fragment ("volgens X … ‘…’"), or, for a quotation that stands alone, by who spoke last in
the paragraph.  A quotation split by a short attribution ("‘A’, zei hij, ‘B’") is one
statement whose parts are joined with " … ".  Indirect statements are sentences with a
reporting verb and an identifiable speaker: "X waarschuwde dat …", "volgens X …", "…,
zegt X", "X heeft aangegeven …".  A speaker is a person, a pronoun resolved to the last
person named, a title resolved to its holder ("zegt de minister"), an organisation or a
country ("het kabinet" is Nederland).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..annotations import QUOTE_JOIN
from ..entities import Registry
from ..model import EntityKind, Evidence, Method, Statement, StatementKind
from .context import Context, clamp
from .lexicon import ATTRIBUTION_VERBS, GOVERNMENT_WORDS, SAYING_VERBS, SPEECH_PARTICIPLES
from .offices import parse_title
from .text import Quote, Sentence

__all__ = ["find_statements"]

_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_ATTRIBUTION_AFTER = re.compile(
    r"^\s*[,.!?…]?\s*(?:zo\s+)?(?P<verb>"
    + "|".join(sorted(ATTRIBUTION_VERBS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"^(?:hij|zij|ze|Hij|Zij|Ze)$")
_DEMONSTRATIVE = re.compile(r"^(?:Die|Deze)$")
_PREPOSITION = re.compile(r"\b(?:bij|in|op|tijdens|met|na|voor|aan|over|van|uit|naar|om)\b", re.IGNORECASE)
_UNNAMED = re.compile(
    r"^(?:de\s+|het\s+)?(?:insiders|bronnen|ingewijden|experts|deskundigen|critici|analisten|kenners|"
    r"waarnemers|diplomaten|media|berichten|peilingen|onderzoekers|sommigen|velen|anderen|\w+-experts)\b",
    re.IGNORECASE,
)
_PLURAL_VERB = re.compile(r"\w+(?:en|den|ten)$")
_VOLGENS = re.compile(r"\b[Vv]olgens\s+")
_AAN = r"\baan(?=\s*(?:[,.;:]|$|dat\b|te\b|om\b|het\b))"
_SEPARABLE = {
    "maakt": r"\bbekend\b", "maakte": r"\bbekend\b", "maakten": r"\bbekend\b",
    "laat": r"\bweten\b", "liet": r"\bweten\b", "spreekt": r"\b(?:uit|over)\b", "sprak": r"\b(?:uit|over)\b",
    "voegt": r"\btoe\b", "voegde": r"\btoe\b", "geeft": _AAN, "gaf": _AAN, "gaven": _AAN,
    "zegt": r"\btoe\b", "zegde": r"\btoe\b", "roept": r"\bop\b", "riep": r"\bop\b",
    "dringt": r"\baan\b", "drong": r"\baan\b", "wijst": r"\b(?:op|af)(?=\s*(?:[,.;]|$|dat\b))",
    "kondigt": r"\baan\b", "kondigde": r"\baan\b", "kondigden": r"\baan\b",
    "stelt": r"\b(?:voor|vraag|vragen)\b", "stelde": r"\b(?:voor|vraag|vragen)\b",
    "stellen": r"\b(?:vraag|vragen)\b", "komt": r"\bterug\s+op\b",
}  # fmt: skip
_REPORTING = (
    SAYING_VERBS
    | {
        "noemt",
        "noemde",
        "noemden",
        "pleit",
        "pleitte",
        "vraagt",
        "vroeg",
        "vroegen",
        "eist",
        "eiste",
        "verwijst",
        "verwees",
        "onthult",
        "onthulde",
        "herhaalt",
        "herhaalde",
        "antwoordt",
        "antwoordde",
    }
) - {"stelt", "stelde", "ziet"}
_AUX = frozenset({"heeft", "hebben", "had", "hadden", "is", "zijn", "was"})
_STOP_SPEAKER = re.compile(r"\b(?:die|dat|wie|welke|waar|omdat|nadat|zodat|terwijl|maar)\b")
_TITLE_WORDS = re.compile(
    r"^(?:(?:de|het)\s+)?(?:[A-ZÀ-Þ][\w-]*(?:se|sche)\s+)?(?:demissionair(?:e)?\s+|nieuwe\s+|oud-)?[\w-]+$"
)


@dataclass(frozen=True)
class _Speaker:
    keys: tuple[str, ...]
    start: int
    end: int
    confidence: float


def _norm(text: str) -> str:
    return " ".join(text.split())


class _Statements:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.body = ctx.body
        self.found: list[Statement] = []
        self.used: list[tuple[int, int]] = []  # attribution clauses of direct statements
        self.parties = self._party_mentions(ctx.registry)

    def _party_mentions(self, registry: Registry) -> list[tuple[int, int, str]]:
        spans = [
            (a, b, key)
            for a, b, key, kind in self.ctx.text.named
            if kind in (EntityKind.ORGANIZATION, EntityKind.COUNTRY) and self.body[b : b + 1] != "-"
        ]
        spans += [(m.start(), m.end(), "nederland") for m in GOVERNMENT_WORDS.finditer(self.body)]
        return sorted(spans)

    # ---- speakers -------------------------------------------------------------------

    def speaker_in(
        self, start: int, end: int, *, first_only: bool = False, plural: bool = False
    ) -> _Speaker | None:
        """Who speaks in a short span: person, pronoun, title holder, organisation, country."""
        ctx = self.ctx
        text = self.body[start:end]
        stop = _STOP_SPEAKER.search(text)
        if stop:
            end = start + stop.start()
            text = text[: stop.start()]
        quote = ctx.text.quote_at(start)
        persons = [p for p in ctx.persons.within(start, end) if ctx.text.quote_at(p.start) == quote]
        words = list(_WORDS.finditer(text))
        pronoun = next((w for w in words if _PRONOUN.match(w.group())), None)
        if (
            pronoun is None
            and words
            and _DEMONSTRATIVE.match(words[0].group())
            and self._sentence_initial(start + words[0].start())
        ):
            pronoun = words[0]
        if persons and (pronoun is None or persons[0].start < start + pronoun.start()):
            chosen: list[tuple[int, int, str]] = [(persons[0].start, persons[0].end, persons[0].key)]
            if not first_only:
                candidates = sorted(
                    [(p.start, p.end, p.key) for p in persons[1:]]
                    + [(a, b, k) for a, b, k in self.parties if persons[0].end <= a and b <= end]
                )
                for later in candidates:
                    between = self.body[chosen[-1][1] : later[0]]
                    if re.fullmatch(
                        r"\s*(?:\([^()]*\))?\s*(?:,|en)\s*(?:(?:de|het)\s+)?(?:[\w-]+\s+)?", between
                    ):
                        chosen.append(later)
                    elif later[0] > chosen[-1][1]:
                        break
            keys = tuple(dict.fromkeys(k for _a, _b, k in chosen))
            return _Speaker(keys, chosen[0][0], chosen[-1][1], 0.9 * persons[0].confidence + 0.1)
        if pronoun is not None:
            offset = start + pronoun.start()
            if plural and pronoun.group().lower() in ("ze", "zij"):
                for at, group in reversed(ctx.speakers):
                    if len(group) > 1 and offset - at < 1500:
                        return _Speaker(group, offset, offset + len(pronoun.group()), 0.6)
            previous = ctx.person_before(offset)
            if previous is not None:
                return _Speaker((previous.key,), offset, offset + len(pronoun.group()), 0.7)
            return None
        described = self._described(start, end)
        if described is not None:
            return described
        for a, b, key in self.parties:
            if start <= a and b <= end and ctx.text.quote_at(a) == quote:
                if ctx.kind_of(key) is EntityKind.COUNTRY and key != "nederland" and a - start > 30:
                    continue
                return _Speaker((key,), a, b, 0.65)
        return None

    def _sentence_initial(self, offset: int) -> bool:
        sentence = self.ctx.text.sentence_at(offset)
        return not self.body[sentence.start : offset].strip(" ‘’“”„\"'")

    def _described(self, start: int, end: int) -> _Speaker | None:
        """A title without a name ("de minister") as its holder in this text."""
        match = re.search(r"\b[Dd]e\s+(?:[\w-]+\s+){0,2}?[\w-]+", self.body[start:end])
        if not match:
            return None
        words = match.group().split()
        for size in range(len(words), 1, -1):
            phrase = " ".join(words[:size])
            title = parse_title(phrase, start + match.start())
            if title is None:
                continue
            holder = self.ctx.holder_by_head(title.head, start)
            if holder is not None:
                return _Speaker((holder,), start + match.start(), start + match.start() + len(phrase), 0.55)
        return None

    # ---- direct speech --------------------------------------------------------------

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
            attribution = self._attribution_after(quote, sentence)
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

    def _add_direct(
        self, parts: list[Quote], speaker: _Speaker, start: int, end: int, explicit: bool
    ) -> None:
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

    def _attribution_after(self, quote: Quote, sentence: Sentence) -> tuple[_Speaker, int] | None:
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
        stop = re.search(r"[.!?;:]\s|[.!?;:]$|\n\s*\n|[‘“„\"'«]", rest)
        clause_end = clause_start + (stop.start() if stop else len(rest))
        if self.body[clause_end : clause_end + 1] in ".!?;":
            clause_end += 1
        verb = match.group("verb").lower()
        speaker = self.speaker_in(clause_start, clause_end, plural=bool(_PLURAL_VERB.match(verb)))
        if speaker is None:
            return None
        return speaker, clause_end

    def _continues(self, clause_end: int, following: Quote) -> bool:
        """Whether the next quotation goes on with the same words ("‘A’, zei hij, ‘B’")."""
        gap = self.body[clause_end : following.start]
        if gap.count("\n") > 1 or len(gap) > 3:
            return False
        previous = self.ctx.text.quote_at(clause_end - 1)
        opened = [q for q in self.ctx.text.quotes if q.end <= clause_end]
        clause = self.body[opened[-1].end if opened else clause_end : clause_end]
        del previous
        words = _WORDS.findall(clause)
        return (
            len(words) <= 4
            and _ATTRIBUTION_AFTER.match(self.body[following.end : following.end + 40]) is None
        )

    def _introduction(self, quote: Quote) -> tuple[_Speaker, int] | None:
        """ "X: ‘…’" / "zegt hij: “…”": the speaker in the clause before a colon."""
        ctx = self.ctx
        before = self.body[max(0, quote.start - 3) : quote.start]
        if not before.rstrip().endswith(":"):
            return None
        colon = quote.start - (len(before) - before.rstrip().rfind(":"))
        sentence = ctx.text.sentence_at(colon)
        previous = [q for q in ctx.text.quotes_in(sentence.start, colon) if q.end <= colon]
        start = max(sentence.start, previous[-1].end if previous else sentence.start)
        line_start = self.body.rfind("\n", 0, colon) + 1
        start = max(start, line_start)
        clause = self.body[start:colon]
        if len(clause.split()) > 16 or re.search(r"\b(?:citeer|citeren)\b", clause):
            return None
        speaker = self.speaker_in(start, colon, first_only=True)
        if speaker is None:
            return None
        return speaker, start

    def _is_fragment(self, quote: Quote, sentence: Sentence) -> bool:
        lead = self.body[sentence.start : quote.start].strip()
        return bool(lead) and not lead.endswith((":", "…"))

    def _fragment_speaker(self, quote: Quote, sentence: Sentence) -> _Speaker | None:
        """A quoted fragment inside a sentence that names its source ("volgens X", "X zegt dat")."""
        masked = self.ctx.text.masked(sentence.start, quote.start)
        volgens = list(_VOLGENS.finditer(masked))
        if volgens:
            at = sentence.start + volgens[-1].end()
            return self.speaker_in(at, at + 60, first_only=True)
        for match in _WORDS.finditer(masked):
            if match.group().lower() in SAYING_VERBS:
                verb_at = sentence.start + match.start()
                speaker = self.speaker_in(sentence.start, verb_at, first_only=True)
                if speaker is not None:
                    return _Speaker(speaker.keys, speaker.start, speaker.end, speaker.confidence * 0.8)
        return None

    def _context_speaker(self, quote: Quote) -> _Speaker | None:
        """A quotation standing alone: whoever spoke last in its paragraph, else nearby."""
        ctx = self.ctx
        paragraph = ctx.text.paragraph_of(quote.start)
        previous = [(at, keys) for at, keys in ctx.speakers if at < quote.start]
        if previous:
            at, keys = previous[-1]
            if ctx.text.paragraph_of(at) == paragraph or quote.start - at < 300:
                return _Speaker(keys, quote.start, quote.start, 0.6)
        sentence_index = ctx.text.sentence_index(quote.start)
        if sentence_index > 0:
            before = ctx.text.sentences[sentence_index - 1]
            persons = ctx.persons.within(before.start, before.end)
            if persons and before.paragraph == paragraph:
                return _Speaker((persons[0].key,), quote.start, quote.start, 0.5)
        if previous and quote.start - previous[-1][0] < 1500:
            return _Speaker(previous[-1][1], quote.start, quote.start, 0.4)
        person = ctx.person_before(quote.start, 1500)
        if person is not None:
            return _Speaker((person.key,), quote.start, quote.start, 0.35)
        return None

    # ---- reported speech ------------------------------------------------------------

    def indirect(self) -> None:
        ctx = self.ctx
        for sentence in ctx.text.sentences:
            masked = ctx.text.masked(sentence.start, sentence.end)
            if len(masked.split()) < 3:
                continue
            triggers = self._triggers(sentence, masked)
            for position, (verb_start, verb_end, speaker) in enumerate(triggers):
                end = triggers[position + 1][0] if position + 1 < len(triggers) else sentence.end
                start = min(speaker.start, verb_start) if position else sentence.start
                self._add_indirect(sentence, speaker, start, end, verb_end)

    def _triggers(self, sentence: Sentence, masked: str) -> list[tuple[int, int, _Speaker]]:
        found: list[tuple[int, int, _Speaker]] = []
        words = list(_WORDS.finditer(masked))
        base = sentence.start
        for i, word in enumerate(words):
            lower = word.group().lower()
            a, b = base + word.start(), base + word.end()
            if any(u_a <= a < u_b for u_a, u_b in self.used):
                continue
            if lower == "volgens":
                if _UNNAMED.match(self.body[b : b + 40].lstrip()):
                    continue
                speaker = self.speaker_in(b, min(sentence.end, b + 70), first_only=True)
                gap = self.body[b : speaker.start] if speaker is not None else ""
                if (
                    speaker is not None
                    and len(gap) < 45
                    and not re.search(r"\b(?:heeft|is|zijn|wordt|was|had)\b", gap)
                ):
                    found.append((a, b, speaker))
                continue
            reporting = lower in _REPORTING or lower in _SEPARABLE
            if lower in _SEPARABLE and not re.search(_SEPARABLE[lower], masked[word.end() :]):
                reporting = lower in _REPORTING
            if lower in _AUX:
                participle = next(
                    (w for w in words[i + 1 : i + 12] if w.group().lower() in SPEECH_PARTICIPLES), None
                )
                reporting = participle is not None
            if not reporting:
                continue
            plural = bool(_PLURAL_VERB.match(lower)) and lower not in ("zeggen",)
            speaker = self._speaker_near(a, b, sentence, plural)
            if speaker is not None:
                found.append((a, b, speaker))
        # One trigger per speaker and clause: "Rutte zei … en benadrukte hij …" stays two.
        kept: list[tuple[int, int, _Speaker]] = []
        for trigger in found:
            if (
                kept
                and trigger[2].keys == kept[-1][2].keys
                and not re.search(r"\ben\s+(?:\w+\s+)?$|;", self.body[kept[-1][1] : trigger[0]])
            ):
                continue
            kept.append(trigger)
        return kept

    def _speaker_near(self, a: int, b: int, sentence: Sentence, plural: bool) -> _Speaker | None:
        """The subject of a reporting verb: just before it, or right after it (inverted)."""
        after = self.speaker_in(b, min(sentence.end, b + 60), first_only=True, plural=plural)
        after_gap = self.body[b : after.start].strip() if after is not None else ""
        inverted = after is not None and (
            not after_gap or after_gap.lower() in ("de", "het") or parse_title(after_gap, 0) is not None
        )
        lead_start = max(sentence.start, a - 80)
        lead = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), self.body[lead_start:a])
        cut = max(lead.rfind(","), lead.rfind(";"), lead.rfind(" dat "))
        if cut >= 0 and lead_start + cut + 1 < a:
            lead_start = lead_start + cut + 1
        before = self.speaker_in(lead_start, a, first_only=not plural, plural=plural)
        before_gap = len(_WORDS.findall(self.body[before.end : a])) if before is not None else 99
        if before is not None and before_gap == 0:
            return before
        if inverted:
            return after
        if before is not None and before_gap <= 4:
            return before
        if after is not None and len(after_gap.split()) <= 2 and not _PREPOSITION.search(after_gap):
            return after
        return None

    def _add_indirect(
        self, sentence: Sentence, speaker: _Speaker, start: int, end: int, verb_end: int
    ) -> None:
        ctx = self.ctx
        if ctx.text.quote_at(start) or ctx.text.quote_at(verb_end):
            return
        body = self.body
        if re.match(r"(?:Dat|Dit)\s+\w+\s+(?:hij|zij|ze)\b", body[start:end]) and self.found:
            previous = self.found[-1]
            if previous.speakers == speaker.keys and start - previous.evidence[-1].end < 5:
                # "Dat zei hij tijdens …": where and when the previous statement was made.
                joined = ctx.evidence(previous.evidence[0].start, end)
                self.found[-1] = Statement(**{**previous.__dict__, "evidence": (joined,)})
                return
        that = re.search(r"\bdat\s", body[verb_end:end])
        content = body[verb_end + that.end() : end] if that else body[start:end]
        text = _norm(content).strip(" ,.;:")
        if len(text.split()) < 2:
            return
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


def _dedupe(statements: list[Statement]) -> list[Statement]:
    """Drop an indirect statement whose words a direct one by the same speaker covers."""
    kept: list[Statement] = []
    for statement in sorted(
        statements, key=lambda s: (s.evidence[0].start, s.kind is StatementKind.INDIRECT)
    ):
        span: Evidence = statement.evidence[0]
        if statement.kind is StatementKind.INDIRECT and any(
            k.speakers == statement.speakers
            and k.evidence[0].start <= span.start
            and span.end <= k.evidence[0].end
            for k in kept
        ):
            continue
        kept.append(statement)
    return kept


def find_statements(ctx: Context) -> list[Statement]:
    """Every quoted or reported utterance with an identifiable speaker."""
    rules = _Statements(ctx)
    alone = rules.direct()
    rules.indirect()
    rules.alone(alone)
    ctx.speakers.sort()
    return _dedupe(rules.found)
