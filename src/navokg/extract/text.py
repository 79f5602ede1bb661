"""The text layer: spaCy sentences, paragraphs, quotations and dates of one document.

spaCy's blank Dutch pipeline with its rule-based sentencizer gives sentence boundaries
with exact character offsets; paragraphs (blank lines) and headline lines (short lines
without closing punctuation) split sentences further, because news text puts headings
and bylines on lines of their own.  Quotations are found on the whole body, since a
quote may span sentences and even a blank line.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from navokg.dutch.dates import DateMention, Tense, TimeValue, find_dates, fold_case, parse_date
from navokg.model import EntityKind
from navokg.sources.entities import NAMED_KINDS, Registry

__all__ = ["PIECE_CHARS", "Quote", "Sentence", "TextAnalysis", "analyse", "pieces", "pipeline", "sentence_starts"]


@cache
def pipeline() -> Any:
    """spaCy's blank Dutch tokenizer, loaded once per process."""
    import spacy

    return spacy.blank("nl")


@cache
def _sentence_marks() -> tuple[frozenset[int], frozenset[str]]:
    """The sentencizer's sentence-final characters, as strings and as vocabulary hashes."""
    from spacy.pipeline.sentencizer import Sentencizer

    marks = frozenset(Sentencizer.default_punct_chars)
    strings = pipeline().vocab.strings
    return frozenset(strings.add(mark) for mark in marks), marks


# spaCy refuses texts over 1,000,000 characters (E088) and needs about 1 GB per 100,000
# to parse one; long transcripts and reports are tokenized in pieces of at most this many.
PIECE_CHARS = 100_000
_PIECE_SPACE = re.compile(r"(?<= )(?=\S)")


def pieces(body: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Spans covering the body, each at most ``size`` characters, cut between words.

    A cut falls at a paragraph's start (after a blank line) if one lies in the second half
    of the window, else after a space before a word: spaCy's tokenizer splits text at
    spaces and reads what lies between on its own, so each piece gives exactly the tokens
    the whole body gives there.  Only a window without any space is cut blind.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    while len(body) - start > size:
        low, high = start + size // 2, start + size
        cut = None
        for pattern in (_PARAGRAPH, _PIECE_SPACE):
            ends = [m.end() for m in pattern.finditer(body, low, high) if m.end() < high]
            if ends:
                cut = ends[-1]
                break
        cut = cut or high
        spans.append((start, cut))
        start = cut
    spans.append((start, len(body)))
    return spans


def sentence_starts(body: str) -> set[int]:
    """Where spaCy's rule-based sentencizer starts sentences, from the token arrays.

    The sentencizer's rule (a sentence starts at the first token that is neither
    punctuation nor a sentence-final mark after a sentence-final mark) computed on
    ``Doc.to_array`` columns, without the per-token objects its pipe and ``Doc.sents``
    create: the same starts at a fraction of the cost.  Bodies longer than
    ``PIECE_CHARS`` are tokenized piece by piece (``pieces``), the rule's state carried
    from one piece to the next and the offsets moved back by each piece's start: the same
    starts as for the whole body, in bounded memory.
    """
    from spacy.attrs import IDX, IS_PUNCT, ORTH

    hashes, marks = _sentence_marks()
    starts: set[int] = set()
    seen_mark = False
    for begin, end in pieces(body, PIECE_CHARS):
        doc = pipeline().make_doc(body[begin:end])
        if not len(doc):
            continue
        columns = doc.to_array([IDX, IS_PUNCT, ORTH]).T.tolist()
        offsets, punct, orth = columns[0], columns[1], columns[2]
        strings = doc.vocab.strings
        if not starts:
            starts.add(begin + offsets[0])
        for index, key in enumerate(orth):
            if key in hashes and strings[key] in marks:
                seen_mark = True
            elif seen_mark and not punct[index]:
                starts.add(begin + offsets[index])
                seen_mark = False
    return starts


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Quote:
    """A quotation: ``open`` is the opening mark's offset, ``close`` the closing mark's."""

    open: int
    close: int

    @property
    def start(self) -> int:
        return self.open

    @property
    def end(self) -> int:
        return self.close + 1

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,4}|\b[A-Z]\.|\b(?:ca|bijv|dhr|mevr|mr|dr|prof|ir|drs|ing|nr|blz|jl|resp|vs|"
    r"enz|etc|St|gen|lt|kol|maj|kap|sr|jr|mw|ds|mgr|adm|luit|brig|Dhr|Mevr|Mw|Mr|Dr|Prof|Ir|Drs|Ds|Mgr|Adm|Gen|"
    r"Lt|Kol|Maj|Kap)\.)\s*$"
)
# A word the tokenizer keeps with its full stop because Dutch also abbreviates it ("top.",
# "gem.", "dec."), then a capital or an opening quotation mark: in running text the sentence
# ends there ("… opende de top. De minister zei …"); those written before a name are set
# apart by ``_ABBREVIATION`` as every other cut is.
_STOP_BEFORE_CAPITAL = re.compile(r"(?<![\w.])[^\W\d_]{2,}\.\s+(?=[\"'‘“„«]?[A-ZÀ-Þ])")
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_LINE = re.compile(r"\n")
_CLOSING = ".!?:;,'\"’”)…-–—»"
_MONTH_WORD = re.compile(
    r"\b(?:jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\b|\bmaart\b|\bjaar\b", re.IGNORECASE
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Every date phrase dates.py reads has a digit or one of these words: a cheap test first,
# on the text as ``fold_case`` folds it (a case-insensitive test, faster).
_DATE_HINT = re.compile(
    r"\d|jan|feb|maart|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec|maandag|dinsdag|woensdag|donderdag|"
    r"vrijdag|zaterdag|zondag|gister|vandaag|vanochtend|vanmorgen|vanmiddag|vanavond|vannacht|morgen|"
    r"jaar|maand|week|voorjaar|lente|zomer|najaar|herfst|winter|kwartaal"
)
_NOT_ANCHOR = re.compile(r"\b(?:sinds|vanaf|van|tot|dan|voor|na)\s+$", re.IGNORECASE)
_PAST_FORMS = frozenset(
    [
        "zei",
        "zeiden",
        "had",
        "hadden",
        "heeft",
        "hebben",
        "was",
        "waren",
        "werd",
        "werden",
        "sprak",
        "spraken",
        "gaf",
        "gaven",
        "kwam",
        "kwamen",
        "ging",
        "gingen",
        "stond",
        "liet",
        "riep",
        "vroeg",
        "vroegen",
        "schreef",
        "bleef",
        "nam",
        "kreeg",
        "besloot",
        "bezocht",
        "dacht",
        "vond",
        "zag",
        "wist",
        "kon",
        "wilde",
        "moest",
        "mocht",
        "begon",
        "trad",
    ]
)
_PAST_ENDING = re.compile(r"\b[a-z]{4,}(?:de|te|den|ten)\b")
_NOT_PAST = frozenset(
    [
        "laatste",
        "eerste",
        "grootste",
        "beste",
        "hoogste",
        "nieuwste",
        "meeste",
        "tweede",
        "derde",
        "vierde",
        "vijfde",
        "zesde",
        "zevende",
        "achtste",
        "negende",
        "tiende",
        "vorige",
        "volgende",
        "komende",
        "hele",
        "gehele",
        "goede",
        "grote",
        "kleine",
        "rechte",
        "lichte",
        "korte",
        "lange",
        "harde",
        "zachte",
        "mede",
        "bovendien",
        "tussen",
        "binnen",
        "buiten",
        "achter",
        "onder",
        "ieder",
        "iedere",
        "elke",
        "welke",
        "andere",
        "middelen",
        "steden",
        "tijden",
        "ooit",
        "heden",
    ]
)
_FUTURE = re.compile(r"\b(?:wordt|zal|zullen|gaat|gaan|komt|komende|volgende)\b", re.IGNORECASE)


def _strip(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


# Words a line ending in runs on to the next: no headline ends with "en" or "voor".
_RUNS_ON = frozenset(
    """en of maar van voor der de het een met aan naar op in bij door over tot om te als dan die dat
    zijn haar""".split()  # noqa: SIM905 - a word list reads best as text
)


def _headline_breaks(body: str, start: int, end: int) -> list[int]:
    """Line breaks after a short line without closing punctuation, before a capital."""
    cuts: list[int] = []
    line_start = start
    for match in _LINE.finditer(body, start, end):
        line = body[line_start : match.start()].strip()
        after = body[match.end() : match.end() + 1]
        if (
            line
            and len(line) < 60
            and line[-1] not in _CLOSING
            and after[:1].isupper()
            and line.split()[-1] not in _RUNS_ON
        ):
            cuts.append(match.end())
        line_start = match.end()
    return cuts


class TextAnalysis:
    """Sentences, paragraphs, quotes and dates of one body, computed once per document."""

    def __init__(self, body: str, reference: TimeValue | None, registry: Registry | None = None) -> None:
        self.body = body
        # The body as dates.fold_case folds it: case-insensitive word tests on any span.
        self.folded = fold_case(body)
        self.reference = reference
        # Every registry name in the body, scanned once: (start, end, key, kind).
        self.named: list[tuple[int, int, str, EntityKind]] = (
            [(a, b, key, registry.get(key).kind) for a, b, key in registry.scan(body, NAMED_KINDS)]
            if registry is not None
            else []
        )

        self.paragraph_starts = [0] + [m.end() for m in _PARAGRAPH.finditer(body)]
        self.sentences = self._sentences()
        self.sentence_starts = [s.start for s in self.sentences]
        self.quotes = find_quotes(body)
        self.quote_starts = [q.start for q in self.quotes]
        self._dates: dict[int, list[DateMention]] = {}
        self._anchors = self._year_anchors()

    # ---- sentences --------------------------------------------------------------

    def _sentences(self) -> list[Sentence]:
        body = self.body
        cuts = sentence_starts(body)
        cuts |= set(self.paragraph_starts)
        cuts |= set(_headline_breaks(body, 0, len(body)))
        cuts |= {m.end() for m in _STOP_BEFORE_CAPITAL.finditer(body)}
        # An opening quotation mark the sentencizer left at a sentence's end opens the next.
        for cut in list(cuts):
            if cut >= 2 and body[cut - 1] in "‘“„\"'«" and body[cut - 2].isspace():
                cuts.discard(cut)
                cuts.add(cut - 1)
        for cut in list(cuts):
            if _ABBREVIATION.search(body, max(0, cut - 12), cut) and cut not in self.paragraph_starts:
                cuts.discard(cut)  # "luitenant-generaal b.d. Jan Broeks": no sentence ends here
        bounds = sorted(cuts | {len(body)})
        sentences: list[Sentence] = []
        for a, b in itertools.pairwise(bounds):
            start, end = _strip(body, a, b)
            if start < end:
                sentences.append(Sentence(start, end, self.paragraph_of(start)))
        return sentences

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def paragraph_span(self, index: int) -> tuple[int, int]:
        """Where paragraph ``index`` starts and where the next one does (or the body ends)."""
        starts = self.paragraph_starts
        return starts[index], starts[index + 1] if index + 1 < len(starts) else len(self.body)

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect_right(self.sentence_starts, offset) - 1)

    def sentence_at(self, offset: int) -> Sentence:
        return self.sentences[self.sentence_index(offset)]

    def text(self, start: int, end: int) -> str:
        return self.body[start:end]

    # ---- quotes -----------------------------------------------------------------

    def quote_at(self, offset: int) -> Quote | None:
        """The quotation whose marks enclose ``offset``, if any."""
        index = bisect_right(self.quote_starts, offset) - 1
        if index >= 0 and self.quotes[index].start <= offset < self.quotes[index].end:
            return self.quotes[index]
        return None

    def quotes_in(self, start: int, end: int) -> list[Quote]:
        index = bisect_right(self.quote_starts, end - 1)
        found: list[Quote] = []
        while index > 0 and self.quotes[index - 1].end > start:
            index -= 1
            found.append(self.quotes[index])
        return found[::-1]

    def masked(self, start: int, end: int) -> str:
        """The text with quoted words blanked out (same length), for finding attributions."""
        text = self.body[start:end]
        for quote in self.quotes_in(start, end):
            a, b = max(quote.start, start) - start, min(quote.end, end) - start
            text = text[:a] + " " * (b - a) + text[b:]
        return text

    # ---- dates ------------------------------------------------------------------

    def _year_anchors(self) -> list[tuple[int, int]]:
        """Offsets where a text without a reference date names an absolute year."""
        if self.reference is not None:
            return []
        anchors: list[tuple[int, int]] = []
        for sentence in self.sentences:
            text = self.body[sentence.start : sentence.end]
            if _YEAR.search(text):
                anchors += self._anchors_in(sentence.start, text)
        return anchors

    def _anchors_in(self, offset: int, text: str) -> list[tuple[int, int]]:
        anchors: list[tuple[int, int]] = []
        for found in find_dates(text):
            mention = DateMention(offset + found.start, offset + found.end, found.value)
            value = mention.value
            before = self.body[max(0, mention.start - 12) : mention.start]
            if _NOT_ANCHOR.search(before):
                continue
            if value.resolved and value.earliest and value.latest and value.earliest.year == value.latest.year:
                anchors.append((mention.start, value.earliest.year))
        return anchors

    def _anchor_year(self, offset: int) -> int | None:
        year = None
        for start, anchor in self._anchors:
            if start > offset:
                break
            year = anchor
        return year

    def dates(self, sentence: Sentence, tense: Tense | None = None) -> list[DateMention]:
        """Date mentions of a sentence, resolved against the reference date.

        Without a reference, a month without a year ("begin februari") takes the year the
        text last named: narrative texts give the year once and then only months.
        """
        key = sentence.start
        if tense is None and key in self._dates:
            return self._dates[key]
        found: list[DateMention] = []
        text = self.body[sentence.start : sentence.end]
        if not _DATE_HINT.search(self.folded, sentence.start, sentence.end):
            self._dates[key] = found
            return found
        if tense is None:
            tense = sentence_tense(text)
        for mention in find_dates(text, reference=self.reference, tense=tense):
            value = mention.value
            words = " ".join(value.as_written.split())
            if not value.resolved and self.reference is None and _MONTH_WORD.search(words):
                year = self._anchor_year(sentence.start + mention.start)
                if year is not None:
                    anchored = parse_date(words, reference=TimeValue(date(year, 1, 1), date(year, 12, 31), str(year)))
                    if anchored is not None and anchored.resolved:
                        value = anchored
            start, end = sentence.start + mention.start, sentence.start + mention.end
            found.append(DateMention(start, end, value.written(words)))
        self._dates[key] = found
        return found


def sentence_tense(text: str) -> Tense:
    """Which way a bare weekday in this sentence points, from its verbs."""
    words = set(re.findall(r"\w+", text.lower()))
    if words & _PAST_FORMS or any(m.group() not in _NOT_PAST for m in _PAST_ENDING.finditer(text)):
        return Tense.PAST
    if _FUTURE.search(text):
        return Tense.FUTURE
    return Tense.ANY


# ---- quotations --------------------------------------------------------------------

_QUOTE_CHARS = re.compile(r"[‘’“”„\"'«»‹›‚]")
_CLOSERS: dict[str, str] = {
    "‘": "’'",
    "“": '”"“',
    "„": '”“"',
    '"': '"”',
    "'": "'’",
    "«": "»",
    "‹": "›",
    "‚": "‘’'",
}
_CLITIC = re.compile(r"'(?:s|t|n|k|m|r|ns|tje)\b|'\d\d\b|'s-", re.IGNORECASE)
_MAX_QUOTE = 2500


def _may_open(body: str, i: int) -> bool:
    char = body[i]
    if char not in _CLOSERS or i + 1 >= len(body):
        return False
    before = body[i - 1] if i else " "
    after = body[i + 1]
    if after.isspace() or not (before.isspace() or before in "([{—–-/:;,‘“„'\"«"):
        return False
    return not (char == "'" and _CLITIC.match(body, i))


def _may_close(body: str, j: int) -> bool:
    before = body[j - 1]
    after = body[j + 1] if j + 1 < len(body) else " "
    return not before.isspace() and not after.isalnum()


def find_quotes(body: str) -> list[Quote]:
    """Top-level quotations, each from an opening mark to its matching closing mark.

    An apostrophe inside or after a word (zo'n, F-16's, 's avonds, '22) opens nothing, and
    a closing mark must end a word; a mark that never closes is not a quotation.
    """
    positions = [m.start() for m in _QUOTE_CHARS.finditer(body)]
    quotes: list[Quote] = []
    index = 0
    while index < len(positions):
        i = positions[index]
        index += 1
        if not _may_open(body, i):
            continue
        closers = _CLOSERS[body[i]]
        for k in range(index, len(positions)):
            j = positions[k]
            if j - i > _MAX_QUOTE:
                break
            if body[j] in closers and j > i + 1 and _may_close(body, j):
                quotes.append(Quote(i, j))
                while index < len(positions) and positions[index] <= j:
                    index += 1
                break
    return quotes


def analyse(body: str, reference: TimeValue | None, registry: Registry | None = None) -> TextAnalysis:
    return TextAnalysis(body, reference, registry)
