"""What the commands print, as a user reads and reuses it: names that paste back into a
query, tables that fit the terminal without hiding anything, one readable line per hit,
and date phrases that say their year."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from navokg.cli import cli
from navokg.vocab import compact_iri

# A name as navokg prints it: a prefixed name or an <IRI>.
_PRINTED_NAME = re.compile(r"<https?://[^>\s]+>|\b[a-z]+:[A-Za-z0-9_%][A-Za-z0-9_.%-]*")


def _run(seed_store: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--store", str(seed_store)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _asks_true(seed_store: Path, name: str) -> bool:
    return _run(seed_store, "query", f"ASK {{ {{ {name} ?p ?o }} UNION {{ ?s ?p {name} }} }}") == "true\n"


@pytest.mark.parametrize(
    "command",
    [
        ["query", "office-holders-on", "--param", "date=2024-10-02", "--width", "0"],
        ["query", "SELECT ?s ?o WHERE { ?s nkg:period ?o } LIMIT 5", "--width", "0"],
        ["neighbours", "Rutte", "--width", "0"],
        ["search", "steun", "oekraine"],
    ],
    ids=["saved query", "nodes without a prefixed name", "network", "search"],
)
def test_every_printed_name_pastes_back_into_a_query(seed_store: Path, command: list[str]) -> None:
    names = {n for n in _PRINTED_NAME.findall(_run(seed_store, *command)) if not n.startswith(("http:", "https:"))}
    assert names
    for name in sorted(names):
        if name.split(":", 1)[0] in {"nkg", "rdf", "rdfs", "xsd"} or name.startswith("<"):
            assert _asks_true(seed_store, name) or name.startswith("nkg:"), name
        else:
            assert _asks_true(seed_store, name), f"{name} does not parse or names nothing"


def test_a_name_without_a_valid_prefixed_form_is_written_whole() -> None:
    assert compact_iri("https://w3id.org/navokg/id/person/mark-rutte") == "person:mark-rutte"
    assert compact_iri("https://w3id.org/navokg/id/holding/ab12/period/1") == (
        "<https://w3id.org/navokg/id/holding/ab12/period/1>"
    )
    assert compact_iri("https://w3id.org/navokg/id/doc/verslag.") == "<https://w3id.org/navokg/id/doc/verslag.>"


def _records(text: str) -> list[dict[str, str]]:
    """Read back the records a too-wide table is shown as: continuation lines join the value."""
    records: list[dict[str, str]] = []
    column = ""
    for line in text.splitlines():
        if line.startswith("-[ "):
            records.append({})
        elif records and line.startswith(" "):
            records[-1][column] += " " + line.strip()
        elif records and line and not line.startswith("("):
            column, _, value = line.partition("  ")
            records[-1][column] = value.strip()
    return records


def test_a_wide_table_fits_the_width_and_keeps_every_value_whole(seed_store: Path) -> None:
    query = ["query", "office-holders-on", "--param", "date=2024-10-02"]
    shown = _run(seed_store, *query, "--width", "80")
    assert max(len(line) for line in shown.splitlines()) <= 80
    assert "…" not in shown
    whole = list(csv.DictReader(io.StringIO(_run(seed_store, *query, "--format", "csv"))))
    records = _records(shown)
    assert len(records) == len(whole)
    for record, row in zip(records, whole, strict=True):
        # CSV gives full IRIs, the table pasteable names of them; the words are the same.
        assert {k: v for k, v in record.items()} == {
            k: compact_iri(v) if v.startswith("http") else " ".join(v.split()) for k, v in row.items() if v
        }


def test_a_table_that_fits_stays_a_table(seed_store: Path) -> None:
    shown = _run(seed_store, "query", "SELECT ?p WHERE { ?p a nkg:Person } ORDER BY ?p LIMIT 3", "--width", "80")
    assert shown.splitlines()[0].strip() == "p" and shown.splitlines()[-1] == "(3 rows)"


def test_every_search_hit_says_what_the_fact_is_in_one_line(seed_store: Path) -> None:
    hits = [line for line in _run(seed_store, "search", "steun", "oekraine").splitlines() if line[:1] not in " ("]
    hits += [line for line in _run(seed_store, "search", "minister").splitlines() if line[:1] not in " ("]
    assert hits
    for line in hits:
        who, _, what = line.partition(": ")
        assert what.strip(), f"nothing after the colon: {line}"
        assert not what.startswith(who.split(" (")[0] + ":"), f"the name is said twice: {line}"
    aid = [line for line in hits if "→" in line]
    assert aid and all(re.search(r"→ \w", line) for line in aid)


def test_a_date_phrase_shows_the_year_it_was_read_as(seed_store: Path) -> None:
    facts = _run(seed_store, "query", "SELECT DISTINCT ?f WHERE { ?f nkg:attestedValue ?v }", "--format", "csv")
    for fact in facts.split()[1:]:
        for line in _run(seed_store, "reports", fact).splitlines():
            for phrase in re.findall(r"attested: (.*)", line):
                for said in phrase.split(", "):
                    # A day the text does not place (a story without a date) says so.
                    assert re.search(r"\b\d{4}\b|\(not placed in time\)$", said), f"no year in {said!r} ({fact})"
