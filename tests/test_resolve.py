"""One name, one answer: every command, parameter, page and search resolves names alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from navokg.cli import cli
from navokg.dutch.names import fold_name, name_variants
from navokg.errors import NotFoundError
from navokg.read.resolve import find_names, resolve
from navokg.store import GraphStore

ID = "https://w3id.org/navokg/id/"


@pytest.mark.parametrize("name,folded", [
    ("Yeşilgöz-Zegerius", "yesilgoz zegerius"),
    ("  Mark   RUTTE ", "mark rutte"),
    ("Rutte’s", "rutte's"),
    ("Oekraïne", "oekraine"),
])  # fmt: skip
def test_one_folding_rule(name: str, folded: str) -> None:
    assert fold_name(name) == folded


def test_a_possessive_is_a_second_try() -> None:
    assert name_variants("Ruttes") == ["ruttes", "rutte"]
    assert name_variants("Rutte's") == ["rutte's", "rutte"]
    assert name_variants("Vos") == ["vos"]  # too short to be a possessive of anything


@pytest.mark.parametrize("name,iri", [
    ("Ruttes", ID + "person/mark-rutte"),        # listed in the README as one of Rutte's names
    ("Putin", ID + "person/vladimir-poetin"),     # the English label's last word
    ("Yesilgoz", ID + "person/dilan-yesilgoz-zegerius"),
    ("yeşilgöz-zegerius", ID + "person/dilan-yesilgoz-zegerius"),
    ("mark rutte", ID + "person/mark-rutte"),
    ("id:person/mark-rutte", ID + "person/mark-rutte"),
])  # fmt: skip
def test_names_resolve_to_one_entity(seed_graph: GraphStore, name: str, iri: str) -> None:
    assert resolve(seed_graph, name) == iri


def test_an_unknown_name_offers_the_closest(seed_graph: GraphStore) -> None:
    with pytest.raises(NotFoundError, match="no entity named 'Brekelmens'; closest: Ruben Brekelmans"):
        resolve(seed_graph, "Brekelmens")


def test_search_and_the_resolver_agree(seed_graph: GraphStore) -> None:
    found, total = find_names(seed_graph, "Yesilgoz")
    assert total == 1 and found[0].iri == resolve(seed_graph, "Yesilgoz")


@pytest.mark.parametrize("args", [
    ("query", "statements-by", "--param", "person=Ruttes"),
    ("timeline", "Putin"),
    ("neighbours", "Yesilgoz"),
])  # fmt: skip
def test_every_command_takes_the_same_names(seed_store: Path, args: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*args, "--store", str(seed_store)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
