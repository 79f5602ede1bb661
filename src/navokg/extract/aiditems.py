"""Things given, counted or listed: "3000 gevechtshelmen", "24 F-16's", "radars en detectoren".

An item is a number and the noun it counts, unless the noun counts people, dates or money
(``COUNTING_NOUNS``); bare nouns listed after a counted one ("… 100 geweren, radars en
detectoren") are items too.
"""

from __future__ import annotations

import re
from typing import Any

from navokg.dutch.amounts import AmountMention, parse_number
from navokg.extract.aidroles import may_give, verb_kind
from navokg.extract.context import Context
from navokg.extract.lexicon import COUNTING_NOUNS, FUNCTION_WORDS
from navokg.extract.text import Sentence
from navokg.model import AidItem, EntityKind

__all__ = ["NOT_ITEMS", "counted_items", "listed_items", "uncounted_items"]

_NUMBER_WORDS = "twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|honderd"
_QUANTITY = re.compile(
    rf"(?<![\w.,€$-])(?P<num>\d{{1,3}}(?:\.\d{{3}})+|\d+(?:,\d+)?(?:\s+(?:miljoen|duizend))?|{_NUMBER_WORDS})\s+"
    r"(?P<label>(?:(?:extra|nieuwe|moderne|gebruikte|Amerikaanse|Duitse)\s+)?"
    r"(?:[A-Z][\w-]*\s+)?[\w'’.-]*[^\W\d_][\w'’-]*)"
)
_LIST_TAIL = re.compile(r"^\s*(?:,\s*|\s+en\s+)(?P<label>[a-zà-ÿ][\w-]+)(?=\s*(?:,|\ben\b|\.|$|\s+voor\b|\s+om\b))")

# Words that end an item's name: function words, prepositions, particles and verbs of giving
# ("20 Leopard-tanks naar Oekraïne", "10 miljoen beschikbaar").
NOT_ITEMS = frozenset(w.casefold() for w in FUNCTION_WORDS) | frozenset(
    """aan naar voor van uit met bij op in door die dat en of te om tot over beschikbaar vrij toe apart extra
    geleverd gestuurd geschonken gedoneerd toegezegd wordt worden werd werden is zijn was waren heeft hebben
    had hadden""".split()  # noqa: SIM905 - a word list reads best as text
)


def counted_items(ctx: Context, sentence: Sentence, amounts: list[AmountMention]) -> list[tuple[AidItem, int, int]]:
    """Counted things given ("3000 gevechtshelmen") and the bare ones listed after them."""
    found: list[tuple[AidItem, int, int]] = []
    dates = ctx.text.dates(sentence)
    at = sentence.start
    while (match := _QUANTITY.search(ctx.body, at, sentence.end)) is not None:
        a, b = match.span()
        at = b
        if (
            any(m.start <= a < m.end for m in amounts)
            or any(d.start <= a < d.end for d in dates)
            or _YEAR_AFTER_A_WORD.search(ctx.body, max(sentence.start, a - 40), match.end("num"))
        ):
            # A date, sum or year ("de kabinetsformatie 2021 stellen …") counts nothing, and what
            # it seemed to count may count things of its own: "levert tot 2028 dertig F-16's".
            at = match.end("num")
            continue
        words = match.group("label").rstrip(".,").split()
        while len(words) > 1 and words[-1].casefold() in NOT_ITEMS:
            words.pop()
        label = " ".join(words)
        b = ctx.body.find(words[-1], match.start("label")) + len(words[-1])
        head = words[-1].lower()
        if head in COUNTING_NOUNS or head in NOT_ITEMS or len(head) < 4:
            continue
        try:
            quantity = parse_number(match.group("num"))
        except ValueError:
            continue
        found.append((AidItem(label, int(quantity) if quantity == quantity.to_integral() else None), a, b))
        tail_at = b
        while True:
            tail = _LIST_TAIL.match(ctx.body[tail_at : sentence.end])
            if not tail or _QUANTITY.match(ctx.body, tail_at + tail.start("label")):
                break
            if tail.group("label").lower() in COUNTING_NOUNS:
                break
            if not re.search(r"\d", ctx.body[tail_at : tail_at + tail.end()]):
                found.append((AidItem(tail.group("label")), tail_at + tail.start("label"), tail_at + tail.end()))
            tail_at += tail.end()
    return found


# A year naming what the word before it is about ("de formatie 2021", "Prinsjesdag 2024").
_YEAR_AFTER_A_WORD = re.compile(r"[^\W\d_]\s+(?:19|20)\d\d$")


def listed_items(text: str) -> list[AidItem]:
    """The things a sentence lists after "Het gaat om": "3000 gevechtshelmen, radars en …"."""
    text = text.rstrip(" .;")
    text = re.split(r"\s*;\s*|\s+voor\s+(?:het|de)\s+|\s+om\s+", text)[0]
    items: list[AidItem] = []
    for part in re.split(r",\s*|\s+en\s+", text):
        part = part.strip()
        if not part or len(part.split()) > 5:
            continue
        match = re.match(rf"(\d[\d.]*|{_NUMBER_WORDS})\s+(.+)", part)
        if match:
            try:
                quantity = parse_number(match.group(1))
            except ValueError:
                continue
            items.append(AidItem(match.group(2), int(quantity) if quantity == quantity.to_integral() else None))
        else:
            items.append(AidItem(part))
    return items


def uncounted_items(ctx: Context, sentence: Sentence) -> list[tuple[AidItem, int, int]]:
    """Things given without a count, by the parse: the bare plural object of a verb of giving
    that gives to someone ("Duitsland levert luchtafweersystemen aan Oekraïne", "stuurt
    mijnenruimers en ambulances naar …"). Not people ("stuurt diplomaten"), and not things
    the text named before ("levert de tanks"): those have a determiner."""
    if not _party_after_marker(ctx, sentence):
        return []  # no "aan"/"naar" before a country or body: nothing to parse the sentence for
    parse = ctx.parses.of(sentence)
    if parse is None:
        return []
    found: list[tuple[AidItem, int, int]] = []
    for verb in parse.doc:
        if verb.pos_ != "VERB" or verb_kind(parse, verb) != "give":
            continue
        if not any(_to_a_party(ctx, parse, child) for child in verb.children):
            continue  # gives to a country or body the text names: "… aan Oekraïne", "… naar UNICEF"
        for thing in (c for c in verb.children if c.dep_ == "obj"):
            for noun in (thing, *(c for c in thing.children if c.dep_ == "conj")):
                if _uncounted(noun):
                    words = [*(c for c in noun.lefts if c.dep_ == "amod"), noun]  # "militaire goederen"
                    a, b = parse.offset + words[0].idx, parse.offset + noun.idx + len(noun.text)
                    found.append((AidItem(ctx.body[a:b]), a, b))
    return found


_MARKER = re.compile(r"\b(?:aan|naar)\b", re.IGNORECASE)
_WORDS = re.compile(r"\w+")
_PARTIES = (EntityKind.COUNTRY, EntityKind.ORGANIZATION)


def _party_after_marker(ctx: Context, sentence: Sentence) -> bool:
    """Whether the sentence has a word that can be a verb of giving and names a country or
    organisation after its first "aan"/"naar": what ``verb_kind`` and ``_to_a_party`` need,
    read without the parse."""
    marker = _MARKER.search(ctx.body, sentence.start, sentence.end)
    if marker is None or not any(may_give(w) for w in _WORDS.findall(ctx.text.folded, sentence.start, sentence.end)):
        return False
    return _names_a_party(ctx, marker.start(), sentence.end)


def _to_a_party(ctx: Context, parse: Any, phrase: Any) -> bool:
    """Whether an "aan"/"naar"-phrase names a country or organisation the text knows."""
    if parse.markers(phrase)[:1] not in (("aan",), ("naar",)):
        return False
    a = parse.offset + min(t.idx for t in phrase.subtree)
    b = parse.offset + max(t.idx + len(t.text) for t in phrase.subtree)
    return _names_a_party(ctx, a, b)


def _names_a_party(ctx: Context, a: int, b: int) -> bool:
    """Whether a country or organisation the text knows is named within ``[a, b)``."""
    return any(a <= x and y <= b and kind in _PARTIES for x, y, _key, kind in ctx.text.named)


def _uncounted(noun: Any) -> bool:
    """A plural noun with no determiner, number or quantity word of its own, that counts no people."""
    plural = "Plur" in noun.morph.get("Number") or re.search(r"\w{4}(?:s|en)$", noun.lower_) is not None
    if noun.pos_ != "NOUN" or not plural:  # the tagger calls loanwords singular: "ambulances"
        return False
    if any(c.dep_ in ("det", "nummod") for c in noun.children):
        return False
    word = noun.lower_.rsplit("-", 1)[-1]
    return word not in COUNTING_NOUNS and word not in NOT_ITEMS and len(word) >= 4
