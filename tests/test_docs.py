"""Every command has help and a place in the README; the README's examples are real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from navokg.cli import cli
from navokg.read.query import load_saved_queries

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert cli.commands[command].help, f"{command} has no help text"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"navokg {command}" in README


@pytest.mark.parametrize("name", sorted(load_saved_queries()))
def test_every_saved_query_has_a_readme_example(name: str) -> None:
    assert re.search(rf"navokg query {re.escape(name)}\b", README)


def test_readme_quick_start_is_the_two_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert re.findall(r"^make \w+", quick_start, re.MULTILINE) == ["make run", "make test"]


def test_exit_codes_are_documented_in_help_and_readme() -> None:
    help_text = CliRunner().invoke(cli, ["--help"]).output
    for code in ("0", "1", "2", "3", "4", "5", "130"):
        assert re.search(rf"^\s+{code}\s", help_text, re.MULTILINE), code
        assert f"| {code} |" in README
