"""How names compare: one folding rule for the registry, every command, page and search.

Case, diacritics, spacing, apostrophes and hyphens do not tell names apart ("Yeşilgöz-
Zegerius" is "yesilgoz zegerius", "Rutte’s" is "rutte's"); a Dutch possessive does not
either, but only as a second try ("Ruttes" is Rutte where no one is called Ruttes).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold_name", "name_variants"]

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_]+")


@lru_cache(maxsize=1 << 16)  # a build folds every registry name once per document's entities
def fold_name(name: str) -> str:
    """The form names are compared in: lower case, no diacritics, one space, one apostrophe."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _SEPARATORS.sub(" ", bare).strip()


def name_variants(name: str) -> list[str]:
    """The folded name, then the same name without a Dutch possessive ("Ruttes", "Rutte's")."""
    folded = fold_name(name)
    variants = [folded]
    for ending in ("'s", "s", "'"):
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            variants.append(folded[: -len(ending)].rstrip())
            break
    return variants
