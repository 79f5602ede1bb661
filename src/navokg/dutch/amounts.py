"""Dutch money amounts and counts -> exact decimals and ISO 4217 codes.

"2,5 miljard euro" is 2500000000 EUR, "€ 300 mln" 300000000 EUR, "500 miljoen dollar"
500000000 USD.  Amounts are ``Decimal`` so that no float rounding ever reaches the graph.
Hedges ("circa", "ruim", "minstens") are kept as a qualifier: the number is what the
text says, the qualifier says how the text meant it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from navokg.dutch.dates import fold_case

__all__ = [
    "AmountMention",
    "Money",
    "find_amounts",
    "parse_amount",
    "parse_number",
]

SCALES: dict[str, int] = {
    "duizend": 10**3, "dzd": 10**3, "k": 10**3,
    "miljoen": 10**6, "mln": 10**6, "mio": 10**6, "mln.": 10**6, "m": 10**6,
    "miljard": 10**9, "mld": 10**9, "mrd": 10**9, "mld.": 10**9, "mrd.": 10**9,
    "biljoen": 10**12,
}  # fmt: skip
NUMBER_WORDS: dict[str, Decimal] = {
    "een": Decimal(1), "één": Decimal(1), "anderhalf": Decimal("1.5"), "twee": Decimal(2),
    "een half": Decimal("0.5"), "half": Decimal("0.5"), "een kwart": Decimal("0.25"),
    "kwart": Decimal("0.25"), "driekwart": Decimal("0.75"),
    "drie": Decimal(3), "vier": Decimal(4), "vijf": Decimal(5), "zes": Decimal(6),
    "zeven": Decimal(7), "acht": Decimal(8), "negen": Decimal(9), "tien": Decimal(10),
    "elf": Decimal(11), "twaalf": Decimal(12), "twintig": Decimal(20), "dertig": Decimal(30),
    "veertig": Decimal(40), "vijftig": Decimal(50), "honderd": Decimal(100),
    "tweehonderd": Decimal(200), "driehonderd": Decimal(300), "vijfhonderd": Decimal(500),
}  # fmt: skip
CURRENCY_SYMBOLS: dict[str, str] = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
CURRENCY_WORDS: dict[str, str] = {
    "euro": "EUR", "eur": "EUR", "dollar": "USD", "dollars": "USD", "usd": "USD",
    "amerikaanse dollar": "USD", "pond": "GBP", "britse pond": "GBP", "gbp": "GBP",
    "zwitserse frank": "CHF", "chf": "CHF", "yen": "JPY", "roebel": "RUB", "roebels": "RUB",
    "hryvnia": "UAH", "grivna": "UAH", "zloty": "PLN", "noorse kroon": "NOK",
    "zweedse kroon": "SEK", "deense kroon": "DKK", "noorse kronen": "NOK", "zweedse kronen": "SEK",
    "deense kronen": "DKK", "ponden": "GBP", "britse ponden": "GBP", "zwitserse franken": "CHF",
    "canadese dollar": "CAD", "canadese dollars": "CAD", "australische dollar": "AUD",
    "australische dollars": "AUD", "japanse yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "turkse lira": "TRY", "indiase roepie": "INR", "roepie": "INR", "roepies": "INR",
    "nok": "NOK", "sek": "SEK", "dkk": "DKK", "cad": "CAD", "aud": "AUD",
}  # fmt: skip
QUALIFIERS = (
    "circa", "ca.", "ongeveer", "zo'n", "zo’n", "ruim", "bijna", "rond", "rondom", "minstens",
    "tenminste", "ten minste", "maximaal", "hooguit", "meer dan", "minder dan", "bijna",
    "omstreeks", "pakweg", "krap", "zeker",
)  # fmt: skip


@dataclass(frozen=True)
class Money:
    """An amount in whole currency units, its ISO code (None when the text gives none)."""

    amount: Decimal
    currency: str | None
    as_written: str
    qualifier: str | None = None


@dataclass(frozen=True)
class AmountMention:
    """A money amount found in running text, with code-point offsets."""

    start: int
    end: int
    money: Money


_NUM = (
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|"
    + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
    + r")"
)
_SCALE = r"(?:\s*(?P<scale>miljard|miljoen|duizend|biljoen|mld\.?|mrd\.?|mln\.?|mio))?"
_CUR_WORD = r"(?P<curword>" + "|".join(sorted((re.escape(w) for w in CURRENCY_WORDS), key=len, reverse=True)) + r")"
_QUAL = r"(?:(?P<qual>" + "|".join(sorted((re.escape(q) for q in set(QUALIFIERS)), key=len, reverse=True)) + r")\s+)?"

# "€ 2,5 miljard", "EUR 300 mln", "$500 miljoen"
_SYMBOL_FIRST = re.compile(_QUAL + r"(?P<sym>€|\$|£|¥|EUR|USD|GBP)\s?" + _NUM + _SCALE + r"(?!\w)", re.IGNORECASE)
# "2,5 miljard euro", "250 miljoen euro", "500 miljoen dollar", "300.000 euro"
_WORD_AFTER = re.compile(_QUAL + _NUM + _SCALE + r"\s+(?:aan\s+)?" + _CUR_WORD + r"(?!\w)", re.IGNORECASE)
# "circa 10 miljard" - a scale word but no currency; the currency may come from context.
_BARE_SCALED = re.compile(_QUAL + _NUM + r"\s*(?P<scale>miljard|miljoen|mld\.?|mrd\.?|mln\.?)(?!\w)", re.IGNORECASE)


# Words each pattern cannot match without, searched first in the text as ``fold_case``
# folds it (what re.IGNORECASE equates with lower-case ASCII letters): a text without a
# currency or scale skips the patterns that need one.
_HAS_SYMBOL = re.compile(r"[€$£¥]|eur|usd|gbp")
_HAS_CURRENCY_WORD = re.compile(
    r"euro?|dollar|usd|pond|gbp|frank|chf|yen|roebel|hryvnia|grivna|zloty|kroon|kronen|yuan|renminbi|lira|roepie"
    r"|nok|sek|dkk|cad|aud"
)
_HAS_SCALE = re.compile(r"miljard|miljoen|mld|mrd|mln")


def parse_number(text: str) -> Decimal:
    """Parse a Dutch number with optional scale: "2,5 miljard", "5 miljoen", "1.000", "tien"."""
    match = re.fullmatch(r"\s*" + _NUM + _SCALE + r"\s*", text, re.IGNORECASE)
    if not match:
        raise ValueError(f"'{text}' is not a number")
    return _value(match.group("num"), match.group("scale"))


def _value(num: str, scale: str | None) -> Decimal:
    word = NUMBER_WORDS.get(num.lower())
    if word is not None:
        value = word
    else:
        # Dutch: '.' groups thousands, ',' is the decimal mark.
        try:
            value = Decimal(num.replace(".", "").replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"'{num}' is not a number") from None
    if scale:
        value *= SCALES[scale.lower()]
    return Decimal(int(value)) if value == value.to_integral() else value.normalize()


def _money(match: re.Match[str], currency: str | None) -> Money:
    qual = match.group("qual")
    amount = _value(match.group("num"), match.group("scale"))
    if amount != amount.to_integral():
        # Whole currency units: 1,005 miljoen euro is 1005000; a cent rest is rounded.
        amount = amount.quantize(Decimal(1))
    amount = Decimal(int(amount))
    return Money(amount, currency, match.group(0), qual.lower() if qual else None)


def find_amounts(text: str) -> list[AmountMention]:
    """Find money amounts in running text; bare scaled numbers only without overlap."""
    found: list[AmountMention] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], currency: str | None) -> None:
        start, end = match.span()
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        found.append(AmountMention(start, end, _money(match, currency)))

    folded = fold_case(text)
    if _HAS_SYMBOL.search(folded):
        for match in _SYMBOL_FIRST.finditer(text):
            sym = match.group("sym")
            add(match, CURRENCY_SYMBOLS.get(sym) or sym.upper())
    if _HAS_CURRENCY_WORD.search(folded):
        for match in _WORD_AFTER.finditer(text):
            add(match, CURRENCY_WORDS[" ".join(match.group("curword").lower().split())])
    if _HAS_SCALE.search(folded):
        for match in _BARE_SCALED.finditer(text):
            add(match, None)
    found.sort(key=lambda m: m.start)
    return found


def parse_amount(text: str, *, currency: str | None = None) -> Money:
    """Parse a whole amount phrase ("2,5 miljard euro", "€ 300 miljoen", "2500000000").

    A plain number is taken as whole units in ``currency``.
    """
    words = " ".join(str(text).split())
    try:
        value = Decimal(words.replace("_", ""))
    except InvalidOperation:
        value = None
    if value is not None:
        if value != value.to_integral() or value < 0:
            raise ValueError(f"amount '{text}' must be a whole, non-negative number of units")
        return Money(Decimal(int(value)), currency, words)
    for mention in find_amounts(words):
        if mention.start == 0 and mention.end == len(words):
            money = mention.money
            if money.currency is None and currency is not None:
                return Money(money.amount, currency, money.as_written, money.qualifier)
            return money
    raise ValueError(
        f"amount '{text}' does not parse: write e.g. '2,5 miljard euro', '€ 300 miljoen' "
        "or a whole number with a currency"
    )
