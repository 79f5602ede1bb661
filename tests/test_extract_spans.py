"""Every automatic fact rests on exact words: ``body[start:end] == exact`` with start < end.

Checked on every real text in the repository, on documents put together from Dutch
sentence patterns (attributions before and after quotations, recap sentences such as
"Dat zei hij maandag", titles, pronouns, amounts) in any order, and on real texts whose
paragraphs are shuffled: an attribution then meets a quotation it was never written
beside, which is where spans have gone wrong before.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navokg.extract import extract
from navokg.model import Statement, StatementKind
from navokg.sources.documents import Document, DocumentMeta, read_document
from navokg.sources.entities import load_registry

from .conftest import REPO

REGISTRY = load_registry()
REAL = sorted(
    [
        *(REPO / "graph" / "documents").glob("*.txt"),
        *(REPO / "benchmarks" / "devset" / "documents").glob("*.txt"),
        *(REPO / "benchmarks" / "written" / "documents").glob("*.txt"),
        *(REPO / "benchmarks" / "blind").glob("*/documents/*.txt"),
        *(REPO / "tests" / "data" / "extract").glob("*.txt"),
    ]
)
BODIES = [read_document(path).body for path in REAL]

NAMES = ["Eric Jansen", "Kajsa Ollongren", "Mark Rutte", "Sigrid Kaag", "Hanke Bruins Slot", "Ruben Brekelmans"]
TITLES = ["minister van Defensie", "demissionair staatssecretaris", "premier", "Kamerlid", "minister"]
CLAIMS = [
    "er meer geld nodig is voor de opvang",
    "Nederland de steun aan Oekraïne voortzet",
    "de instroom hoger is dan geschat",
    "het kabinet geen nieuwe maatregelen neemt",
]
QUOTES = ["Als er meer mensen komen, dan ontstaat er een probleem", "Wij laten Oekraïne niet vallen", "Dit is nodig"]
WHEN = ["maandagavond", "dinsdag", "vorige week", "op 3 maart", "gisteren", ""]
AMOUNTS = ["150 miljoen euro", "EUR 20 miljoen", "€ 2,5 miljard", "3000 gevechtshelmen"]
DONORS = ["Nederland", "Het kabinet", "Duitsland", "De Europese Commissie", "De gemeente Utrecht"]
RECIPIENTS = ["Oekraïne", "het Rode Kruis", "UNHCR", "de noodhulp in Soedan"]
OPEN, CLOSE = ["“", "‘", '"', "„"], ["”", "’", '"', "”"]


@st.composite
def _reference(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(NAMES))
    return draw(
        st.sampled_from(
            [name, name.split()[-1], f"{draw(st.sampled_from(TITLES))} {name}", "de minister", "de staatssecretaris"]
        )
    )


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    ref = draw(_reference())
    pronoun = draw(st.sampled_from(["hij", "zij"]))
    when = draw(st.sampled_from(WHEN))
    claim = draw(st.sampled_from(CLAIMS))
    mark = draw(st.integers(0, len(OPEN) - 1))
    quote = f"{OPEN[mark]}{draw(st.sampled_from(QUOTES))}{CLOSE[mark]}"
    amount = draw(st.sampled_from(AMOUNTS))
    patterns = [
        f"{ref[0].upper()}{ref[1:]} zei {when} dat {claim}.",
        f"{quote}, zei {ref}.",
        f"{quote[:-1]},{quote[-1]} aldus {ref}.",
        f"Dat zei {pronoun} {when} in een debat.",
        f"Dit maakte {ref} {when} bekend tijdens een persconferentie.",
        f"Volgens {ref} is {claim.split(' ', 1)[1]}.",
        f"{ref[0].upper()}{ref[1:]}: {quote}",
        f"{draw(st.sampled_from(DONORS))} stelt {amount} beschikbaar voor {draw(st.sampled_from(RECIPIENTS))}.",
        f"Volgens {(pronoun == 'hij' and 'hem') or 'haar'} probeert Rusland de steun te breken.",
        f"{quote}",
    ]
    return " ".join(draw(st.sampled_from(patterns)).split())


@st.composite
def _document(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(st.lists(_sentence(), min_size=1, max_size=4), min_size=1, max_size=6))
    wrap = draw(st.booleans())
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    return text.replace(" dat ", "\ndat ") if wrap else text


def _check(body: str, published: str | None = "2024-01-30") -> None:
    document = Document("spans", Path("spans.txt"), body, DocumentMeta(published=published))
    for fact in extract(document, REGISTRY).facts:
        assert fact.evidence, fact
        for evidence in fact.evidence:
            assert 0 <= evidence.start < evidence.end <= len(body), (fact, evidence)
            assert body[evidence.start : evidence.end] == evidence.exact, (fact, evidence)


PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_every_real_text_gives_exact_evidence(path: Path) -> None:
    _check(read_document(path).body)


@PROPERTY
@given(_document(), st.sampled_from([None, "2024-01-30", "2019-07"]))
def test_generated_documents_give_exact_evidence(body: str, published: str | None) -> None:
    _check(body, published)


@PROPERTY
@given(st.data())
def test_real_paragraphs_in_any_order_give_exact_evidence(data: st.DataObject) -> None:
    paragraphs = [
        p for body in data.draw(st.lists(st.sampled_from(BODIES), min_size=1, max_size=2)) for p in body.split("\n\n")
    ]
    chosen = data.draw(st.lists(st.sampled_from(paragraphs), min_size=1, max_size=8))
    _check("\n\n".join(chosen))


REPRO = """Voor dit jaar is extra geld nodig voor de opvang, maar demissionair staatssecretaris
Eric Jansen (Asielzaken) sluit niet uit dat hij opnieuw naar de Kamer moet. Dat zei
hij maandagavond in een debat.

De instroom is hoger dan geschat. “Als er meer mensen komen, dan ontstaat er een
probleem”, zei de staatssecretaris.
"""


def test_a_recap_sentence_attributes_the_sentence_before_it_and_is_no_statement_itself() -> None:
    document = Document("repro", Path("repro.txt"), REPRO, DocumentMeta(published="2024-01-30"))
    statements = [f for f in extract(document, REGISTRY).facts if isinstance(f, Statement)]
    _check(REPRO)
    assert {s.kind for s in statements} == {StatementKind.DIRECT, StatementKind.INDIRECT}
    for statement in statements:
        assert statement.speakers == ("eric-jansen",)
        assert not statement.text.startswith("Dat zei")
    indirect = next(s for s in statements if s.kind is StatementKind.INDIRECT)
    assert "sluit niet uit dat hij opnieuw naar de Kamer moet" in indirect.text
    assert indirect.evidence[0].exact.endswith("in een debat.")
    assert indirect.date is not None and indirect.date.lexical == "2024-01-29"


@pytest.mark.parametrize(
    "body,expected",
    [
        # The previous sentence reported already: the recap adds where and when to it.
        ("Mark Rutte zei dat de steun doorgaat. Dat zei hij dinsdag in Brussel.", "de steun doorgaat"),
        # A quotation with its own attribution: the recap adds nothing of its own.
        ("‘Wij gaan door’, zei Mark Rutte. Dat zei hij dinsdag in Brussel.", "Wij gaan door"),
        # Nothing before it in the paragraph: the recap says nothing.
        ("Dat zei Mark Rutte dinsdag in Brussel.", None),
    ],
)
def test_recap_sentences(body: str, expected: str | None) -> None:
    document = Document("recap", Path("recap.txt"), body, DocumentMeta(published="2024-01-30"))
    statements = [f for f in extract(document, REGISTRY).facts if isinstance(f, Statement)]
    _check(body)
    if expected is None:
        assert statements == []
    else:
        assert [s.text for s in statements] == [expected]
        assert statements[0].speakers == ("mark-rutte",)
