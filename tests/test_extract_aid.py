"""Aid commitments and the parties to them, on short Dutch sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from navokg.extract import extract
from navokg.model import AidCommitment, DocumentFacts, EntityKind
from navokg.sources.documents import Document, DocumentMeta
from navokg.sources.entities import load_registry

REGISTRY = load_registry()


def _facts(text: str) -> DocumentFacts:
    return extract(Document("t", Path("t.txt"), text, DocumentMeta(published="2024-05-01")), REGISTRY)


def _aid(text: str) -> list[tuple[tuple[str, ...], str, int | None]]:
    return [
        (f.donors, f.recipient, int(f.amount) if f.amount is not None else None)
        for f in _facts(text).facts
        if isinstance(f, AidCommitment)
    ]


@pytest.mark.parametrize(
    "text,organisations",
    [
        ("De gemeente Amsterdam doneert 100.000 euro aan Giro555.", {"gemeente-amsterdam"}),
        ("Het kabinet steunt hulporganisatie Stichting Vluchteling met 2 miljoen euro.", {"stichting-vluchteling"}),
        ("Nederland geeft geld aan het Nationaal Rampenfonds en via UNOPS.", {"nationaal-rampenfonds", "unops"}),
        ("Het geld gaat naar het Ukraine Energy Support Fund.", {"ukraine-energy-support-fund"}),
        # A generic word alone, or a currency code, names no organisation.
        ("De Bank zei niets. Nederland betaalt in EUR.", set()),
    ],
)
def test_organisations_the_gazetteer_lacks(text: str, organisations: set[str]) -> None:
    facts = _facts(text)
    found = {e.key for e in facts.entities if e.kind is EntityKind.ORGANIZATION}
    assert found == organisations
    assert not [e for e in facts.entities if e.kind is EntityKind.PERSON]
