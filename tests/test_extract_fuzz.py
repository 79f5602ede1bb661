"""The extractor never crashes and never returns evidence that is not the text.

Random and mutated Dutch text, very long lines, only quotation marks, only numbers,
mixed scripts and unbalanced quotes: every fact has evidence equal to body[start:end]
and a confidence between 0 and 1.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navokg.extract import extract
from navokg.sources.documents import Document, DocumentMeta
from navokg.sources.entities import load_registry

REGISTRY = load_registry()
SEED = (Path(__file__).resolve().parents[1] / "graph" / "documents" / "004_44eb88ef367aefe1.txt").read_text("utf-8")
WORDS = [
    "Rutte", "zei", "dat", "Nederland", "250", "miljoen", "euro", "aan", "Oekraïne", "‘", "’", "“", "”",
    '"', "'", "„", "minister", "van", "Defensie", "Kajsa", "Ollongren", "(defensie)", ",", ".", ":",
    "dinsdag", "gisteren", "F-16's", "zo'n", "'s", "avonds", "oud-premier", "b.d.", "kabinet-Rutte",
    "IV", "3000", "gevechtshelmen", "€", "2,5", "miljard", "wil", "investeren", "aldus", "hij", "\n",
    "\n\n", "Яков", "北京", "volgens", "NAVO-chef", "Zelensky", "president", "de", "Yeşilgöz-Zegerius",
]  # fmt: skip


def _check(body: str, published: str | None = None) -> None:
    document = Document("fuzz", Path("fuzz.txt"), body, DocumentMeta(published=published))
    facts = extract(document, REGISTRY)
    for fact in facts.facts:
        assert fact.confidence is not None and 0 <= fact.confidence <= 1
        assert fact.evidence
        for evidence in fact.evidence:
            assert 0 <= evidence.start < evidence.end <= len(body)
            assert body[evidence.start : evidence.end] == evidence.exact
    for entity in facts.entities:
        assert entity.key and entity.label


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=400))
def test_any_text(body: str) -> None:
    _check(body)


@FAST
@given(st.lists(st.sampled_from(WORDS), max_size=120), st.sampled_from([None, "2024-03-14", "2025-02"]))
def test_dutch_word_salad(words: list[str], published: str | None) -> None:
    _check(" ".join(words), published)


@FAST
@given(st.data())
def test_mutated_news(data: st.DataObject) -> None:
    body = SEED
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(body)))
        action = data.draw(st.sampled_from(["insert", "delete", "quote"]))
        if action == "insert":
            body = body[:at] + data.draw(st.sampled_from(WORDS)) + body[at:]
        elif action == "delete":
            body = body[:at] + body[at + data.draw(st.integers(1, 40)) :]
        else:
            body = body[:at] + data.draw(st.sampled_from(["'", '"', "‘", "”", "„"])) + body[at:]
    _check(body, "2025-12-02")


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["'", '"', "‘", "’", "“", "”", "„", "«"]), st.integers(1, 3000))
def test_only_quotes(mark: str, count: int) -> None:
    _check(mark * count)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(0, 10**12), min_size=1, max_size=300))
def test_only_numbers(numbers: list[int]) -> None:
    _check(" ".join(f"{n} miljoen euro" if n % 3 == 0 else str(n) for n in numbers))


def test_very_long_line() -> None:
    _check(("Minister Kajsa Ollongren zei dat Nederland 3000 gevechtshelmen levert aan Oekraïne, " * 400).strip())


def test_unbalanced_and_mixed_scripts() -> None:
    _check("‘Dit opent maar sluit nooit, zei Rutte. \"Ook dit niet. Путин сказал «нет». 北京说 '好'")
