"""Office periods a historian would accept: bounds, succession, durations, markers and conflicts.

Each case is a few short Dutch texts written for it, with the curated annotations a
researcher would write (docs/annotations.md), built into a store and asked who held which
office on a day. The rules under test are general: a one-seat office's holders bound each
other's terms, a multi-seat office's never do.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from navokg.build.periods import Basis, Claim, HoldingClaims, periods
from navokg.build.pipeline import build
from navokg.cli import cli
from navokg.errors import AnnotationError
from navokg.read.query import answer
from navokg.store import GraphStore

ENTITIES = """
persons:
  - {label: Anna de Vries, aliases: [De Vries]}
  - {label: Bas Jansen, aliases: [Jansen]}
  - {label: Carla Smit, aliases: [Smit]}
offices:
  - {label: burgemeester van Zeist, post_in: zeist, seats: 1}
  - {label: wethouder van Zeist, post_in: zeist}
organizations:
  - {label: Zeist}
"""


def _corpus(tmp_path: Path, texts: dict[str, tuple[str, str]]) -> Path:
    """Documents (published date, body) with their annotations (YAML) under tmp_path/corpus."""
    root = tmp_path / "corpus"
    (root / "documents").mkdir(parents=True)
    (root / "annotations").mkdir()
    (root / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    for doc_id, (published, body) in texts.items():
        text = f"---\npublished: '{published}'\n---\n{textwrap.dedent(body).strip()}\n"
        (root / "documents" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return root


def _annotate(root: Path, doc_id: str, holdings: str) -> None:
    (root / "annotations" / f"{doc_id}.yaml").write_text(
        "office_holdings:\n" + textwrap.indent(textwrap.dedent(holdings).strip(), "  ") + "\n", encoding="utf-8"
    )


def _store(root: Path) -> GraphStore:
    store = root / "store"
    build(documents=root / "documents", annotations=root / "annotations", entities=root / "entities.yaml",
          store=store, jobs=1)  # fmt: skip
    return GraphStore.open(store)


def _holders(graph: GraphStore, day: str) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(person, office) -> (certainty, basis, words) on a day, from the saved query."""
    result = answer(graph, "office-holders-on", {"date": day}).raw
    rows = {}
    for row in result:
        rows[row["personLabel"].value, row["officeLabel"].value] = (
            row["certainty"].value, row["basis"].value, row["words"].value if row["words"] else ""
        )  # fmt: skip
    return rows


MAYOR = "burgemeester van Zeist"


# --- succession on a one-seat office --------------------------------------------------------


def test_a_stated_succession_ends_the_predecessor_where_the_successor_starts(tmp_path: Path) -> None:
    root = _corpus(tmp_path, {
        "a": ("2018-05-01", "Burgemeester Anna de Vries opende woensdag het nieuwe stadhuis."),
        "b": ("2021-03-01", "Bas Jansen volgt per 1 maart 2021 Anna de Vries op als burgemeester van Zeist."),
    })  # fmt: skip
    _annotate(
        root,
        "a",
        """
        - {holder: Anna de Vries, office: burgemeester van Zeist, attested: 2018-05-01, evidence: Burgemeester Anna de Vries}
    """,
    )
    _annotate(
        root,
        "b",
        """
        - holder: Bas Jansen
          office: burgemeester van Zeist
          start: 1 maart 2021
          predecessor: Anna de Vries
          evidence: Bas Jansen volgt per 1 maart 2021 Anna de Vries op als burgemeester van Zeist
    """,
    )
    graph = _store(root)
    after = _holders(graph, "2021-06-01")
    assert after[("Bas Jansen", MAYOR)][:2] == ("likely", "continuation")
    assert ("Anna de Vries", MAYOR) not in after  # her term ended when his began
    # Seen in 2018 and followed on 1 March 2021: in office all the time between.
    between = _holders(graph, "2020-01-01")
    assert between[("Anna de Vries", MAYOR)][0] == "certain"
    assert "volgt per 1 maart 2021 Anna de Vries op" in between[("Anna de Vries", MAYOR)][2]
    assert _holders(graph, "2021-03-01")[("Bas Jansen", MAYOR)][:2] == ("certain", "start")


def test_without_a_stated_succession_the_later_holder_of_one_seat_still_bounds_the_earlier(
    tmp_path: Path,
) -> None:
    root = _corpus(tmp_path, {
        "a": ("2015-02-10", "Burgemeester Anna de Vries sprak de raad toe."),
        "b": ("2019-09-01", "Burgemeester Carla Smit opende de markt."),
    })  # fmt: skip
    _annotate(root, "a", "- {holder: Anna de Vries, office: burgemeester van Zeist, attested: 2015-02-10, "
                         "evidence: Burgemeester Anna de Vries}")  # fmt: skip
    _annotate(root, "b", "- {holder: Carla Smit, office: burgemeester van Zeist, attested: 2019-09-01, "
                         "evidence: Burgemeester Carla Smit}")  # fmt: skip
    graph = _store(root)
    assert ("Anna de Vries", MAYOR) not in _holders(graph, "2020-01-01")
    assert _holders(graph, "2017-01-01")[("Anna de Vries", MAYOR)][:2] == ("likely", "succession")
    assert _holders(graph, "2020-01-01")[("Carla Smit", MAYOR)][:2] == ("likely", "continuation")


def test_a_multi_seat_office_never_blocks_another_holder(tmp_path: Path) -> None:
    root = _corpus(tmp_path, {
        "a": ("2015-02-10", "Wethouder Anna de Vries opende de school."),
        "b": ("2019-09-01", "Wethouder Carla Smit opende de markt."),
    })  # fmt: skip
    _annotate(root, "a", "- {holder: Anna de Vries, office: wethouder van Zeist, attested: 2015-02-10, "
                         "evidence: Wethouder Anna de Vries}")  # fmt: skip
    _annotate(root, "b", "- {holder: Carla Smit, office: wethouder van Zeist, attested: 2019-09-01, "
                         "evidence: Wethouder Carla Smit}")  # fmt: skip
    later = _holders(_store(root), "2020-01-01")
    assert later[("Anna de Vries", "wethouder van Zeist")][:2] == ("likely", "continuation")
    assert later[("Carla Smit", "wethouder van Zeist")][:2] == ("likely", "continuation")


# --- durations and markers ------------------------------------------------------------------


@pytest.mark.parametrize("words,inside,outside", [
    ("tien jaar", "2012-06-01", "2009-01-01"),
    ("ruim zes jaar lang", "2016-06-01", "2013-06-01"),
    ("bijna vier jaar", "2019-06-01", "2016-01-01"),
])  # fmt: skip
def test_a_duration_places_the_start_from_the_end(tmp_path: Path, words: str, inside: str, outside: str) -> None:
    body = f"Anna de Vries nam op 1 januari 2021 afscheid als burgemeester, na {words} in het ambt."
    root = _corpus(tmp_path, {"a": ("2021-01-02", body)})
    _annotate(
        root,
        "a",
        f"""
        - holder: Anna de Vries
          office: burgemeester van Zeist
          end: 1 januari 2021
          duration: {words}
          evidence: {body.rstrip(".")}
    """,
    )
    graph = _store(root)
    found = _holders(graph, inside)[("Anna de Vries", MAYOR)]
    assert found[1] == "duration" and found[0] in ("certain", "likely")
    assert ("Anna de Vries", MAYOR) not in _holders(graph, outside)


def test_an_oud_marker_ends_a_term_no_later_than_the_story(tmp_path: Path) -> None:
    root = _corpus(tmp_path, {
        "a": ("2012-03-01", "Burgemeester Anna de Vries opende de brug."),
        "b": ("2016-05-04", "Oud-burgemeester Anna de Vries legde een krans."),
    })  # fmt: skip
    _annotate(root, "a", "- {holder: Anna de Vries, office: burgemeester van Zeist, attested: 2012-03-01, "
                         "evidence: Burgemeester Anna de Vries}")  # fmt: skip
    _annotate(
        root,
        "b",
        """
        - holder: Anna de Vries
          office: burgemeester van Zeist
          end_not_after: {written: Oud-burgemeester, value: 2016-05-04}
          evidence: Oud-burgemeester Anna de Vries
    """,
    )
    graph = _store(root)
    assert _holders(graph, "2014-01-01")[("Anna de Vries", MAYOR)][:2] == ("likely", "end")
    assert ("Anna de Vries", MAYOR) not in _holders(graph, "2017-01-01")


def test_wordt_places_the_start_no_earlier_than_the_story(tmp_path: Path) -> None:
    root = _corpus(tmp_path, {"a": ("2022-06-15", "Carla Smit wordt de nieuwe burgemeester van Zeist.")})
    _annotate(
        root,
        "a",
        """
        - holder: Carla Smit
          office: burgemeester van Zeist
          start_not_before: {written: wordt, value: 2022-06-15}
          evidence: Carla Smit wordt de nieuwe burgemeester van Zeist
    """,
    )
    graph = _store(root)
    assert ("Carla Smit", MAYOR) not in _holders(graph, "2022-01-01")
    assert _holders(graph, "2023-01-01")[("Carla Smit", MAYOR)][0] == "likely"


# --- conflicts ----------------------------------------------------------------------------------


def test_a_successor_seen_before_the_predecessors_last_day_is_a_conflict(tmp_path: Path) -> None:
    root = _corpus(tmp_path, {
        "a": ("2020-01-10", "Bas Jansen volgt Anna de Vries op als burgemeester van Zeist."),
        "b": ("2021-05-01", "Burgemeester Anna de Vries opende de kermis."),
    })  # fmt: skip
    _annotate(
        root,
        "a",
        """
        - holder: Bas Jansen
          office: burgemeester van Zeist
          attested: 2020-01-10
          predecessor: Anna de Vries
          evidence: Bas Jansen volgt Anna de Vries op als burgemeester van Zeist
    """,
    )
    _annotate(root, "b", "- {holder: Anna de Vries, office: burgemeester van Zeist, attested: 2021-05-01, "
                         "evidence: Burgemeester Anna de Vries}")  # fmt: skip
    _store(root)
    result = CliRunner().invoke(cli, ["conflicts", "--store", str(root / "store")], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Anna de Vries — burgemeester van Zeist: period differs" in result.stdout
    assert "Bas Jansen — burgemeester van Zeist: period differs" in result.stdout
    assert "Burgemeester Anna de Vries" in result.stdout and "volgt Anna de Vries op" in result.stdout


# --- what annotations may say ------------------------------------------------------------------


@pytest.mark.parametrize("holding,message", [
    ("{holder: Anna de Vries, office: burgemeester van Zeist, predecessor: Anna de Vries, evidence: Anna de Vries}",
     "own predecessor"),
    ("{holder: Anna de Vries, office: burgemeester van Zeist, duration: een poos, evidence: Anna de Vries}",
     "no duration navokg can read"),
    ("{holder: Anna de Vries, office: burgemeester van Zeist, duration: {written: lang, at_least: P2Y, at_most: P1Y}, "
     "evidence: Anna de Vries}", "at_most is shorter"),
])  # fmt: skip
def test_annotations_that_cannot_be_are_refused(tmp_path: Path, holding: str, message: str) -> None:
    root = _corpus(tmp_path, {"a": ("2020-01-01", "Anna de Vries sprak.")})
    _annotate(root, "a", f"- {holding}")
    with pytest.raises(AnnotationError, match=message):
        _store(root)


# --- the computation itself -----------------------------------------------------------------------


def _claims(iri: str, office: str, *claims: tuple[str, str, str]) -> HoldingClaims:
    return HoldingClaims(iri, office, [
        Claim(role, dt.date.fromisoformat(lo), dt.date.fromisoformat(hi), f"{iri}/{role}/{lo}") for role, lo, hi in claims
    ])  # fmt: skip


def test_certain_between_the_latest_start_and_the_earliest_end() -> None:
    [period] = periods([_claims("h", "o", ("start", "2010-01-01", "2010-12-31"), ("end", "2017-06-01", "2017-06-30"))],
                       set()).values()  # fmt: skip
    certain = [s for s in period.segments if s.certainty == "certain"]
    assert (certain[0].first, certain[-1].last) == (dt.date(2010, 12, 31), dt.date(2017, 6, 1))
    likely = [s for s in period.segments if s.certainty == "likely"]
    assert (likely[0].first, likely[-1].last) == (dt.date(2010, 1, 1), dt.date(2017, 6, 30))
    assert {s.basis for s in likely} == {Basis.START, Basis.END}


def test_the_same_claims_give_the_same_periods_in_any_order() -> None:
    holdings = [
        _claims("a", "o", ("attested", "2015-01-01", "2015-01-31")),
        _claims("b", "o", ("attested", "2018-03-01", "2018-03-01")),
        _claims("c", "o", ("start", "2021-01-01", "2021-01-01")),
    ]
    forward = periods(holdings, {"o"})
    backward = periods(list(reversed(holdings)), {"o"})
    assert {k: v.segments for k, v in forward.items()} == {k: v.segments for k, v in backward.items()}
    assert forward["a"].end_hi.day == dt.date(2018, 3, 1) and forward["b"].end_hi.day == dt.date(2021, 1, 1)


def test_a_much_reported_term_reads_as_a_few_stretches() -> None:
    # A hundred sightings cut the certain stretch into pieces, each resting on its
    # neighbours; a reader (and a drawing) is shown likely – certain – likely.
    sightings = [("attested", f"2015-{m:02d}-{d:02d}", f"2015-{m:02d}-{d:02d}") for m in range(2, 12) for d in (3, 9)]
    [period] = periods([_claims("h", "o", ("start", "2015-01-01", "2015-01-31"), *sightings)], set()).values()
    assert len(period.segments) > 10
    shown = period.stretches
    assert [(s.certainty, s.first, s.last) for s in shown] == [
        ("likely", dt.date(2015, 1, 1), dt.date(2015, 1, 30)),
        ("certain", dt.date(2015, 1, 31), dt.date(2015, 11, 9)),
        ("likely", dt.date(2015, 11, 10), None),
    ]
    assert shown[1].bases == ("start", "sighting") and shown[2].bases == ("continuation",)


def test_a_capped_read_places_a_fact_where_all_its_reports_do(tmp_path: Path) -> None:
    from navokg.read.facts import read_facts
    from navokg.read.query import select_rows

    days = ["2016-03-02", "2017-06-14", "2018-09-20", "2019-11-05"]
    root = _corpus(
        tmp_path, {f"d{i}": (day, "Burgemeester Anna de Vries opende de markt.") for i, day in enumerate(days)}
    )
    for i, day in enumerate(days):
        _annotate(root, f"d{i}", f"- {{holder: Anna de Vries, office: {MAYOR}, attested: {day}, "
                                 "evidence: Burgemeester Anna de Vries}")  # fmt: skip
    graph = _store(root)
    [iri] = [row["h"].value for row in select_rows(graph, "SELECT ?h WHERE { ?h a nkg:OfficeHolding }")]
    whole, cut = read_facts(graph, [iri])[iri], read_facts(graph, [iri], reports=1)[iri]
    assert cut.partial and len({e.document_iri for e in cut.evidence}) == 1
    assert [w.value for w in whole.attested] == days
    # One report's words, and of the others the first and last dates and how many there are.
    assert {days[0], days[-1]} <= {w.value for w in cut.attested} and len(cut.attested) < len(days)
    assert cut.date_count("attested") == whole.date_count("attested") == 4
    assert cut.bounds == whole.bounds and cut.stretches == whole.stretches
    # A page lists what it read and says how many dates it leaves to the fact's page.
    from navokg.web.facts import FactView

    assert FactView(cut, "", "holding", {}, []).unlisted == {"attested": 4 - len(cut.attested)}
