"""Words as full-text search compares them: folded and reduced to their Dutch stems.

Text and queries are normalised the same way: case and diacritics folded ("Oekraïne" =
"oekraine") and each word reduced to its Snowball Dutch stem, plus the present-tense
ending ("steunt", "steunen", "gesteund" all become "steun").  Snowball's Dutch stemmers
differ: the current one knows the "ge-" of participles, the older Porter one adjective
endings and vowel doubling ("leuke"/"leuk", "grote"/"groot"); every word is indexed
under both, and a searched word matches when either agrees.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

__all__ = ["fold_accents", "index_terms", "normalise", "porter_stem", "stem", "words"]

_WORD = re.compile(r"\w+", re.UNICODE)


@cache
def _stemmer(algorithm: str = "dutch") -> Any:
    import Stemmer  # PyStemmer: the Snowball stemmers, compiled

    return Stemmer.Stemmer(algorithm)


def fold_accents(text: str) -> str:
    """Lower case without diacritics: "Oekraïne" -> "oekraine"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of a text, folded."""
    return _WORD.findall(fold_accents(text))


def stem(word: str) -> str:
    """A folded word's stem under Snowball's current Dutch stemmer."""
    found = str(_stemmer().stemWord(word))
    # Snowball's Dutch stemmer keeps the present tense -t ("steunt") and d/t alternation
    # ("miljard"/"miljarden"); dropping a final t/d on longer stems unites them.
    if len(found) >= 5 and found[-1] in "td":
        found = found[:-1]
    return found


def porter_stem(word: str) -> str:
    """A folded word's stem under the older Porter Dutch stemmer, marked with a leading p."""
    return "p" + str(_stemmer("dutch_porter").stemWord(word))


def normalise(text: str) -> list[str]:
    """The stems a text is indexed (or searched) by (Snowball's current Dutch stemmer)."""
    return [stem(word) for word in words(text)]


def index_terms(text: str) -> str:
    """Each word under both stemmers' stems, as the index stores them."""
    return " ".join(f"{stem(w)} {porter_stem(w)}" for w in words(text))
