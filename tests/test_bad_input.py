"""The bad-input catalogue (docs/errors.md): each case is one line, its exit code, no store change."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from navokg.cli import cli

SEED = "000_20c9fd92713bf5d2"


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _edit_annotation(graph: Path, old: str, new: str) -> Path:
    path = graph / "annotations" / f"{SEED}.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def _append_fact(graph: Path, fact: str) -> Path:
    path = graph / "annotations" / f"{SEED}.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("\nstatements:\n", f"\nstatements:\n{fact}", 1), "utf-8")
    return path


Breaker = Callable[[Path], Path]

CASES: dict[str, tuple[Breaker, str]] = {
    "non-UTF-8 text": (
        lambda g: _write(g / "documents" / "latin1.txt", "Premier Rutte zei één ding.".encode("latin-1")),
        "is not UTF-8 (byte 0xe9 at byte offset 18, line 1)",
    ),
    "a binary file": (
        lambda g: _write(g / "documents" / "plaatje.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "is a binary file",
    ),
    "an empty file": (lambda g: _write(g / "documents" / "leeg.txt", b""), "is empty"),
    "malformed front matter": (
        lambda g: _write(g / "documents" / "kop.txt", "---\ntitle: a: b\n---\nTekst."),
        "malformed front matter at line 2",
    ),
    "an unknown front-matter key": (
        lambda g: _write(g / "documents" / "kop.txt", "---\nauteur: X\n---\nTekst."),
        "unknown key(s) auteur",
    ),
    "an invalid published date": (
        lambda g: _write(g / "documents" / "kop.txt", "---\npublished: '2024-02-30'\n---\nTekst."),
        "February 2024 has 29 days",
    ),
    "an unquoted impossible date": (
        lambda g: _write(g / "documents" / "kop.txt", "---\npublished: 2024-13-45\n---\nTekst."),
        "kop.txt line 2: invalid 'published': '2024-13-45' has no month 13",
    ),
    "an unquoted 30 February in a .meta.yaml": (
        lambda g: _write(g / "documents" / f"{SEED}.meta.yaml", "published: 2024-02-30\npublisher: NOS\n"),
        f"{SEED}.meta.yaml line 1: invalid 'published': '2024-02-30' is not a calendar date",
    ),
    "a url holding a quote": (
        lambda g: _write(g / "documents" / "kop.txt", '---\nurl: "https://nos.nl/a\\"b"\n---\nTekst.'),
        "kop.txt line 2: invalid 'url' 'https://nos.nl/a\"b': an address cannot hold '\"'",
    ),
    "a url holding a brace": (
        lambda g: _write(g / "documents" / "kop.txt", "---\nurl: https://nos.nl/{id}\n---\nTekst."),
        "an address cannot hold '{'; percent-encode it (%7B)",
    ),
    "duplicate document ids": (
        lambda g: _write(g / "documents" / "archief" / f"{SEED}.txt", "Nog een tekst."),
        f"duplicate document id '{SEED}'",
    ),
    "an annotation of an unknown document": (
        lambda g: _write(g / "annotations" / "geen-document.yaml", "statements: []\n"),
        "annotates document 'geen-document', which is not among the documents",
    ),
    "an unknown entity": (
        lambda g: _edit_annotation(g, "holder: Mark Rutte", "holder: Marc Rutte"),
        "unknown person 'Marc Rutte'; closest: Mark Rutte",
    ),
    "evidence not found": (
        lambda g: _append_fact(g, "  - {speaker: Rutte, kind: indirect, text: x, evidence: Rutte zei nee}\n"),
        "evidence 'Rutte zei nee' does not occur",
    ),
    "evidence found twice": (
        lambda g: _append_fact(g, "  - {speaker: Rutte, kind: indirect, text: x, evidence: Rutte}\n"),
        "times in 000_20c9fd92713bf5d2",
    ),
    "an offset out of range": (
        lambda g: _append_fact(
            g, "  - {speaker: Rutte, kind: indirect, text: x, evidence: {exact: Rutte, start: 123456}}\n"
        ),
        "offset 123456 is out of range",
    ),
    "an amount that does not parse": (
        lambda g: _edit_annotation(g, "amount: 2,5 miljard euro", "amount: 2,5 biljoentjes"),
        "amount '2,5 biljoentjes' does not parse",
    ),
    "a date like 31 February": (
        lambda g: _append_fact(
            g,
            "  - {speaker: Rutte, kind: indirect, text: x, date: 31 februari 2022, evidence: Rutte antwoordt}\n",
        ),
        "'31 februari 2022' is no date navokg can read",
    ),
    "malformed annotation YAML": (
        lambda g: _write(g / "annotations" / f"{SEED}.yaml", "statements:\n  - speaker: [Rutte\n"),
        f"{SEED}.yaml line 3: malformed YAML",
    ),
    "a malformed entity registry": (
        lambda g: _write(g / "entities.yaml", "persons:\n  - {label: X, bijnaam: Y}\n"),
        "unknown key(s) bijnaam",
    ),
}


@pytest.mark.parametrize("case", ["an unquoted impossible date", "a url holding a brace"])
def test_extract_reports_bad_metadata_in_one_line(runner: CliRunner, seed_copy: Path, case: str) -> None:
    breaker, message = CASES[case]
    result = runner.invoke(cli, ["extract", str(breaker(seed_copy))], catch_exceptions=False)
    assert result.exit_code == 1
    assert message in result.stderr and result.stderr.count("\n") == 1


@pytest.fixture
def built(runner: CliRunner, tmp_path: Path, seed_copy: Path) -> tuple[Path, list[str], str]:
    store = tmp_path / "store"
    args = ["build", "--documents", str(seed_copy / "documents"), "--annotations", str(seed_copy / "annotations"),
            "--entities", str(seed_copy / "entities.yaml"), "--store", str(store), "--jobs", "1"]  # fmt: skip
    assert runner.invoke(cli, args, catch_exceptions=False).exit_code == 0
    return store, args, os.readlink(store / "current")


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_one_line_exit_1_and_no_store_change(
    runner: CliRunner, seed_copy: Path, built: tuple[Path, list[str], str], case: str
) -> None:
    store, args, current = built
    breaker, message = CASES[case]
    broken_file = breaker(seed_copy)
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert str(broken_file) in result.stderr or broken_file.name in result.stderr
    assert result.stderr.startswith("navokg: error: ") and result.stderr.count("\n") == 1
    assert os.readlink(store / "current") == current
    assert sorted(p.name for p in (store / "generations").iterdir()) == [current.split("/")[-1]]


def test_links_out_of_the_documents_directory_are_skipped_and_named(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    secret = _write(tmp_path / "elsewhere" / "geheim.txt", "Geheime notitie van minister Ollongren over de begroting.")
    documents = seed_copy / "documents"
    (documents / "geheim.txt").symlink_to(secret)
    (documents / "buiten").symlink_to(secret.parent, target_is_directory=True)
    (documents / "zelfde.txt").symlink_to(documents / f"{SEED}.txt")  # inside: followed, a document of its own
    store = tmp_path / "store"
    args = ["build", "--documents", str(documents), "--annotations", str(seed_copy / "annotations"),
            "--entities", str(seed_copy / "entities.yaml"), "--store", str(store), "--jobs", "1"]  # fmt: skip
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"skipped {documents / 'geheim.txt'}: a link to {secret}" in result.stderr
    assert f"skipped {documents / 'buiten'}: a link to {secret.parent}" in result.stderr
    assert "2 links outside skipped" in result.stdout
    ids = runner.invoke(
        cli, ["query", "--store", str(store), "--format", "csv", "SELECT ?d WHERE { ?d a nkg:Document }"]
    )
    assert "zelfde" in ids.stdout and "geheim" not in ids.stdout
    words = runner.invoke(
        cli, ["query", "--store", str(store), "ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), 'Geheime')) }"]
    )
    assert words.stdout.strip() == "false"
    followed = runner.invoke(cli, [*args, "--follow-links"], catch_exceptions=False)
    assert followed.exit_code == 1 and "duplicate document id 'geheim'" in followed.stderr  # both links now read
    (documents / "buiten").unlink()
    followed = runner.invoke(cli, [*args, "--follow-links"], catch_exceptions=False)
    assert followed.exit_code == 0 and "skipped" not in followed.stderr
    ids = runner.invoke(
        cli, ["query", "--store", str(store), "--format", "csv", "SELECT ?d WHERE { ?d a nkg:Document }"]
    )
    assert "geheim" in ids.stdout
