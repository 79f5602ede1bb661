"""Title phrases: a head word ("minister", "premier", "secretaris-generaal", "Kamerlid") and
what narrows it, parsed from the words before, after or about a name.

A country adjective ("de Russische minister"), an organisation prefix ("NAVO-chef"), a
complement ("van Buitenlandse Zaken", "der Strijdkrachten") or a field ("hoogleraar
internationale betrekkingen") narrows the head; a word before it may say of the term
("oud-", "de nieuwe").  A portfolio's abbreviation in parentheses ("(BHO)") is no part of
the title.  ``offices.py`` resolves a parsed title to an office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from navokg.extract.context import Context
from navokg.extract.lexicon import ENDED, FIELD_HEADS, GLUED_HEADS, NOT_OFFICES, PORTFOLIOS, TERM_MODIFIERS, TITLE_HEADS

__all__ = ["Title", "longest_title", "parse_title", "portfolio", "title_at"]

_HEADS = "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+") for h in [*TITLE_HEADS, "lid"]), key=len, reverse=True))
_MODS = "|".join(
    [
        *sorted((m for m in TERM_MODIFIERS if m.isalpha()), key=len, reverse=True),
        r"plaatsvervangende?|eerste|\w+ste|\w+de",
    ]
)
_PHRASE = re.compile(
    r"(?:(?i:de|het|een)\s+)?"
    r"(?:(?P<adj>[A-ZÀ-Þ][^\W\d_]*(?:se|sche|s|sch))\s+)?"
    rf"(?:(?P<mod>(?i:{_MODS}))\s+)?"
    r"(?:(?P<adj2>[A-ZÀ-Þ][^\W\d_]*(?:se|sche))\s+)?"
    r"(?P<title>(?P<prefix>[^\W\d_][^\W_]*(?:-[A-ZÀ-Þ][^\W\d_]*)*-)??(?P<old>(?i:oud|ex)-)?"
    r"(?P<glued>(?i:[a-zà-ÿ]{3,}?))??"
    rf"(?P<head>(?i:{_HEADS}))"
    r"(?P<compl>\s+(?:van|voor|der)\s+\S.*|(?:\s+[a-zà-ÿ][\w-]*){1,3})?)"
)
_SECOND_TITLE = re.compile(rf"\ben\s+(?:de\s+|het\s+)?(?:[\w-]+-)?(?i:{_HEADS})\b")
_ABBREVIATION = re.compile(r"\s+\([A-Z][A-Za-z&]{1,7}\)$")  # "minister voor … (BHO)"
_COMPL_WORD = re.compile(r"[A-ZÀ-Þ][\w'’-]*|van|voor|de|het|der|en|,")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Title:
    """A parsed title phrase: its canonical head and what narrows it."""

    start: int
    end: int
    head: str
    core: str
    prefix: str | None
    adjective: str | None
    complement: str | None
    ended: str | None
    mod: str | None = None  # the word before the title that may say of the term: "nieuwe", "demissionair"
    glued: str | None = None  # the field written onto the head: "landbouw" of "landbouwminister"

    @property
    def bare(self) -> bool:
        """The head alone ("minister", "de president"): nothing says which one."""
        return not (self.complement or self.adjective or self.prefix or self.glued)


def portfolio(text: str) -> str | None:
    """The ministry a text names ("Volksgezondheid, Welzijn en Sport"), as the lexicon writes it."""
    folded = " ".join(text.replace(",", " ").split()).casefold()
    for portfolio in PORTFOLIOS:
        if " ".join(portfolio.replace(",", " ").split()).casefold() == folded:
            return portfolio
    return None


def parse_title(phrase: str, start: int) -> Title | None:
    """Parse a whole title phrase ("de Russische minister van Buitenlandse Zaken") or None."""
    phrase = phrase.rstrip().rstrip(",")  # "De Oekraïense minister van Defensie, Roestem Oemerov"
    parsed = _parse_words(_ABBREVIATION.sub("", " ".join(phrase.split())))
    if parsed is None:
        return None
    return replace(parsed, start=start, end=start + len(phrase.rstrip()))


@lru_cache(maxsize=8192)
def _parse_words(words: str) -> Title | None:
    """A title phrase with single spaces, parsed (at offset 0): the rules try the same
    phrases for every name near them and in every text, so each is parsed once."""
    match = _PHRASE.fullmatch(words)
    if not match:
        return None
    head_words = " ".join(match.group("head").split()).lower()
    prefix = match.group("prefix")
    head = TITLE_HEADS.get(((prefix or "") + head_words).lower()) or TITLE_HEADS.get(head_words)
    if head_words == "lid":
        head = "lid"
    if head is None or head in NOT_OFFICES:
        return None
    glued = match.group("glued")
    if glued and (head not in GLUED_HEADS or prefix):
        return None  # "klimaatminister", "Commissievoorzitter"; not any word that ends in a title
    compl = (match.group("compl") or "").strip() or None
    if compl is not None:
        if compl.split()[0] in ("van", "voor", "der"):
            tokens = _COMPL_WORD.findall(compl)
            if (
                "".join(tokens).replace(" ", "") != compl.replace(" ", "")
                and not compl.startswith("voor")
                and not re.fullmatch(r"(?:van|voor)\s+(?:de|het)\s+[A-Z][\w-]*(?:\s+voor\s+[a-z ]+)?", compl)
            ):
                return None
        elif head not in FIELD_HEADS:
            return None
    if head == "lid" and not (compl or words.lower().startswith("het lid")):
        return None
    if compl is not None and re.search(r"(?:^|\s)(?:en|van|voor|der|de|het)$", compl.rstrip(", ")):
        return None  # "minister voor Buitenlandse Handel en": the title goes on elsewhere
    if compl is not None and _SECOND_TITLE.search(compl):
        return None  # "burgemeester van Zwolle en Kamerlid voor de VVD": two titles, not one
    old = match.group("old")
    mod = (match.group("mod") or "").lower()
    ended = None
    if old:
        ended = " ".join(match.group("title").split())
    elif TERM_MODIFIERS.get(mod) == ENDED:
        ended = match.group("mod")
    core = " ".join(match.group("title").split())
    if prefix:
        core = core[len(prefix) :]
    if old:
        core = core[len(old) :]
    if head_words != head and TITLE_HEADS.get(head_words) == head and head_words.endswith(("s", "en")):
        if compl and re.search(r"\ben\b", compl) and not portfolio(compl.split(None, 1)[-1]):
            return None  # "de ministers van Defensie en Buitenlandse Zaken": whose is whose, unsaid
        core = head + core[len(match.group("head")) :] if core.lower().startswith(head_words) else core  # plural
    if core[:1].isupper() and core[1:2].islower():
        # Dutch writes titles in lower case; a capital is the sentence's ("President van …").
        core = core[0].lower() + core[1:]
    return Title(
        start=0,
        end=len(words),
        head=head,
        core=core,
        prefix=prefix[:-1] if prefix else None,
        adjective=match.group("adj") or match.group("adj2"),
        complement=compl,
        ended=ended,
        mod=match.group("mod"),
        glued=glued.lower() if glued else None,
    )


def longest_title(ctx: Context, start: int, end: int, *, suffix: bool) -> Title | None:
    """The longest title phrase ending at ``end`` (suffix) or starting at ``start``."""
    words = list(_WORD.finditer(ctx.body, start, end))
    best: Title | None = None
    spans = range(len(words)) if suffix else range(1, min(len(words), 10) + 1)
    for index in spans:
        chosen = words[index:] if suffix else words[:index]
        if not chosen or len(chosen) > 10:
            continue
        a, b = chosen[0].start(), chosen[-1].end()
        title = parse_title(ctx.body[a:b], a)
        if (
            title is not None
            and title.adjective
            and not title.adjective.endswith("e")
            and (ctx.country_of_adjective(title.adjective) is None or ctx.body[a:b].split()[0].lower() in ("de", "het"))
        ):
            continue  # "Oekraïens president" takes no article; "Wopkes" is no adjective
        if title is not None and (best is None or (b - a) > (best.end - best.start)):
            best = title
    return best


def title_at(ctx: Context, start: int, end: int) -> Title | None:
    """The longest title phrase that starts at ``start`` and ends by ``end``."""
    return longest_title(ctx, start, end, suffix=False)
