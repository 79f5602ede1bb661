"""Every saved query answers as expected on the seed graph (expectations in tests/queries/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from navokg.read.query import bind_parameters, load_saved_queries, select_rows, term_text
from navokg.store import GraphStore

EXPECTED = Path(__file__).parent / "queries"
SAVED = load_saved_queries()


def test_every_saved_query_has_expectations() -> None:
    assert sorted(SAVED) == sorted(p.stem for p in EXPECTED.glob("*.yaml"))


def test_every_saved_query_says_what_it_is() -> None:
    for saved in SAVED.values():
        assert saved.title != saved.name and saved.description, saved.name


def _matches(row: dict[str, str], wanted: dict[str, Any]) -> bool:
    """Equal values; or, for an expected value "~ words", a value containing the words."""
    return all(
        (str(v)[2:] in row.get(k, "")) if str(v).startswith("~ ") else row.get(k) == str(v) for k, v in wanted.items()
    )


def _cases() -> list[tuple[str, int]]:
    return [
        (name, i)
        for name in sorted(SAVED)
        if (EXPECTED / f"{name}.yaml").exists()
        for i, _ in enumerate(yaml.safe_load((EXPECTED / f"{name}.yaml").read_text("utf-8"))["cases"])
    ]


@pytest.mark.parametrize("name,index", _cases())
def test_saved_query_answers(seed_graph: GraphStore, name: str, index: int) -> None:
    spec = yaml.safe_load((EXPECTED / f"{name}.yaml").read_text("utf-8"))
    case = spec["cases"][index]
    params = {k: str(v) for k, v in case.get("params", {}).items()}
    if "lookup" in spec:
        (found,) = select_rows(seed_graph, spec["lookup"])
        params = {k: v.replace("{lookup}", next(iter(found.values())).value) for k, v in params.items()}
    text = bind_parameters(SAVED[name].text, SAVED[name], params, seed_graph)
    rows = [{k: term_text(v) for k, v in row.items()} for row in select_rows(seed_graph, text)]
    for wanted in case.get("rows", []):
        assert any(_matches(row, wanted) for row in rows), f"{name}: no row with {wanted}"
    for unwanted in case.get("absent", []):
        assert not any(_matches(row, unwanted) for row in rows), f"{name}: unexpected row with {unwanted}"
    if "count" in case:
        distinct = {tuple(sorted(r.items())) for r in rows}
        assert len(distinct) == case["count"], f"{name}: {len(distinct)} rows"
