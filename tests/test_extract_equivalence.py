"""The extractor's fast paths give exactly what the straightforward way gives.

Sentence starts from token arrays against spaCy's sentencizer pipe; whole-word name
search with ``str.find`` against the regular expression it replaces; ``fold_case`` against
re.IGNORECASE; the word tests that let ``find_dates`` and ``find_amounts`` skip patterns
against running every pattern.  Random Dutch-like strings with the characters where the
shortcuts could differ: quotation marks, apostrophes, hyphens, digits, and the letters
re.IGNORECASE treats specially (İ ı ſ K).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from unittest.mock import patch

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from navokg.dutch import amounts, dates
from navokg.extract import text as text_layer
from navokg.extract.persons import find_forms
from navokg.extract.text import sentence_starts

PIECES = [
    "Rutte", " zei", " dat", ".", "!", "?", "…", "...", "?!", "b.d.", "Dr.", "\n", "\n\n", " ", "\t",
    "‘", "’", "“", "”", "„", "'", '"', "(", ")", "-", ":", ";", ",", "2022", "6", "april", "Apr.",
    "eind", "medio", "Q3", "kwartaal", "vorig jaar", "dinsdag", "gisteren", "zomer", "'22", "12-03-2021",
    "€", "$", "EUR", "2,5", "300", "1.000", "miljard", "mln.", "euro", "dollar", "kroon", "circa", "zo'n",
    "İ", "ı", "ſ", "K", "Ë", "é", "_", "。", "！", "Ruttes", "NAVO's", "kabinet-", "Van Weel", "s",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
SETTINGS = settings(max_examples=300, deadline=None)


@cache
def _sentencizer() -> Any:
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    return nlp


@SETTINGS
@given(TEXTS)
def test_sentence_starts_are_the_sentencizers(text: str) -> None:
    assert sentence_starts(text) == {sent.start_char for sent in _sentencizer()(text).sents}


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join), st.integers(min_value=6, max_value=60))
def test_sentence_starts_in_pieces_are_the_whole_bodys(text: str, size: int) -> None:
    """A body over spaCy's limit is tokenized in pieces: the starts must not notice the cuts."""
    cuts = [start for start, _ in text_layer.pieces(text, size)][1:]
    assume(all(text[cut - 1].isspace() for cut in cuts))  # a blind cut needs a window without a space
    whole = sentence_starts(text)
    with patch.object(text_layer, "PIECE_CHARS", size):
        assert sentence_starts(text) == whole


def _forms_by_pattern(body: str, forms: list[str]) -> list[tuple[int, str]]:
    pattern = re.compile(r"(?<![\w\-'’])(" + "|".join(re.escape(f) for f in forms) + r")(?:s|'s|’s)?(?![\w-])")
    return [(m.start(1), m.group(1)) for m in pattern.finditer(body)]


NAMES = ["Rutte", "Rut", "Van Weel", "Weel", "van Weel", "s", "Ruttes", "NAVO", "R", "'s"]


@SETTINGS
@given(TEXTS, st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True))
def test_name_forms_are_found_as_the_pattern_finds_them(body: str, names: list[str]) -> None:
    forms = sorted(names, key=len, reverse=True)
    assert find_forms(body, forms) == _forms_by_pattern(body, forms)


@SETTINGS
@given(TEXTS, st.sampled_from(["april", "kwartaal", "steun", "mln", "kroon", "dinsdag", "q3", "zijn"]))
def test_fold_case_finds_what_ignorecase_finds(text: str, word: str) -> None:
    expected = [m.span() for m in re.finditer(word, text, re.IGNORECASE)]
    assert [m.span() for m in re.finditer(word, dates.fold_case(text))] == expected


def test_fold_case_covers_the_letters_ignorecase_equates() -> None:
    assert dates.fold_case("İı ſ K ÄB") == "ii s k Äb"
    assert re.search("september", "ſeptember", re.IGNORECASE)
    assert dates.find_dates("ſeptember 2022")  # a month written with a long s is still a month


def _all_dates(text: str) -> list[tuple[int, int, str | None]]:
    """find_dates with every pattern run (no word test)."""
    requires = dict(dates._REQUIRES)
    try:
        dates._REQUIRES.update({kind: () for kind in requires})
        return [(m.start, m.end, m.value.lexical) for m in dates.find_dates(text)]
    finally:
        dates._REQUIRES.update(requires)


@SETTINGS
@given(TEXTS)
def test_date_patterns_skipped_by_the_word_tests_find_nothing(text: str) -> None:
    assert [(m.start, m.end, m.value.lexical) for m in dates.find_dates(text)] == _all_dates(text)


def _all_amounts(text: str) -> list[tuple[int, int, amounts.Money]]:
    """find_amounts with every pattern run (no word test)."""
    always = re.compile("")
    saved = (amounts._HAS_SYMBOL, amounts._HAS_CURRENCY_WORD, amounts._HAS_SCALE)
    try:
        amounts._HAS_SYMBOL = amounts._HAS_CURRENCY_WORD = amounts._HAS_SCALE = always
        return [(m.start, m.end, m.money) for m in amounts.find_amounts(text)]
    finally:
        amounts._HAS_SYMBOL, amounts._HAS_CURRENCY_WORD, amounts._HAS_SCALE = saved


@SETTINGS
@given(TEXTS)
def test_amount_patterns_skipped_by_the_word_tests_find_nothing(text: str) -> None:
    assert [(m.start, m.end, m.money) for m in amounts.find_amounts(text)] == _all_amounts(text)
