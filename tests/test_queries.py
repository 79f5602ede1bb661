"""Every saved query answers as expected on the seed graph (expectations in tests/queries/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import yaml

from navokg.read.query import bind_parameters, load_saved_queries, select_rows, term_text
from navokg.store import GraphStore

EXPECTED = Path(__file__).parent / "queries"
XSD_INT = "http://www.w3.org/2001/XMLSchema#integer"
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


def test_a_date_parameter_gives_its_year_to_a_query_that_asks_for_it(seed_graph: GraphStore, tmp_path: Path) -> None:
    header = "# param: day date required  A day\n# param: until date optional  Another day\n"
    text = header + "SELECT ?day ?dayYear ?untilYear WHERE { }"
    (tmp_path / "q.rq").write_text(text, "utf-8")
    saved = load_saved_queries(tmp_path)["q"]
    (row,) = select_rows(seed_graph, bind_parameters(text, saved, {"day": "2022-02-24"}, seed_graph))
    assert term_text(row["dayYear"]) == "2022" and row["dayYear"] == ox.Literal("2022", datatype=ox.NamedNode(XSD_INT))
    assert "untilYear" not in row  # a date left out has no year either
