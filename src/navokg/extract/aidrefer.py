"""A country named again by a noun: "het land", "het getroffen eiland", "de eilanden".

Such a noun refers back to the country the paragraph named before it, when the paragraph's
earlier sentences name exactly one (a country or its adjective; "het kabinet" counts as
Nederland).  A name in the noun's own sentence is no candidate ("Nederland stuurt het land
…" does not send to itself), and two candidates, a noun in a paragraph's first sentence, or
one that says whose ("het land van herkomst", "het eigen land") resolve to nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

from navokg.extract.text import TextAnalysis

__all__ = ["country_nouns"]

_COUNTRY_NOUN = re.compile(
    r"\b(?:[Hh]et|[Dd]it|[Dd]at)\s+(?:(?!eigen\b)[a-zà-ÿ]+\s+){0,2}?(?:land|eiland)\b(?!\s+van\b)|"
    r"\b[Dd]e(?:ze)?\s+(?:(?!eigen\b)[a-zà-ÿ]+\s+){0,2}?eilanden\b(?!\s+van\b)"
)


class _Named(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def country_nouns(
    text: TextAnalysis, parties: Sequence[_Named], is_country: Callable[[str], bool]
) -> list[tuple[str, int, int]]:
    """(country key, start, end) of each noun that refers back to the one country named
    in its paragraph's earlier sentences."""
    found: list[tuple[str, int, int]] = []
    for match in _COUNTRY_NOUN.finditer(text.body):
        at = text.sentence_index(match.start())
        sentence = text.sentences[at]
        first = next(
            (i for i in range(at, -1, -1) if text.sentences[i].paragraph != sentence.paragraph),
            -1,
        )
        start = text.sentences[first + 1].start
        candidates = {p.key for p in parties if start <= p.start and p.end <= sentence.start and is_country(p.key)}
        if len(candidates) == 1:
            found.append((candidates.pop(), match.start(), match.end()))
    return found
