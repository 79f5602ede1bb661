"""The README's examples, run as written: every ``navokg`` line of its shell blocks and tables.

They run in a copy of the project's ``graph/`` with the store in its default place, as a
user who followed the Quick start would have it.  The two files the README says are the
user's own (an article of theirs, a query they saved) are written first; ``navokg serve``,
which runs until stopped, is left to the server's tests.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from navokg.cli import cli

from .conftest import GRAPH, REPO, SMALL_ARTICLE

README = (REPO / "README.md").read_text("utf-8")


def _examples() -> list[tuple[int, str]]:
    """(line number, command) of every navokg command in the README's sh blocks, and of the
    saved queries' table."""
    found = []
    in_block = False
    for number, line in enumerate(README.splitlines(), start=1):
        if line.startswith("```"):
            in_block = line.strip() == "```sh"
            continue
        if in_block and line.startswith("navokg "):
            found += [(number, part.strip()) for part in line.split(" && ")]
        elif line.startswith("| `") and (example := re.search(r"\| `(navokg query [^`]+)` \|$", line)):
            found.append((number, example.group(1)))
    return found


EXAMPLES = _examples()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder after the Quick start: graph/ with the seeds, the store built."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(GRAPH, root / "graph", ignore=shutil.ignore_patterns("store"))
    (root / "graph" / "documents" / "my-article.txt").write_text(SMALL_ARTICLE, "utf-8")
    (root / "my-question.rq").write_text("SELECT ?office WHERE { ?office a nkg:Office } ORDER BY ?office\n", "utf-8")
    return root


def test_the_readme_has_examples_of_every_kind() -> None:
    commands = {shlex.split(command, comments=True)[1] for _, command in EXAMPLES}
    assert {"query", "search", "extract", "build", "path", "timeline", "export", "reports", "cite"} <= commands


@pytest.mark.parametrize(("line", "command"), EXAMPLES, ids=[f"README:{n}" for n, _ in EXAMPLES])
def test_a_readme_example_runs_as_written(
    line: int, command: str, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = shlex.split(command, comments=True)
    if words[1] == "serve":
        pytest.skip("navokg serve runs until stopped; the server's tests start it")
    monkeypatch.chdir(project)
    monkeypatch.delenv("NAVOKG_STORE", raising=False)
    if not (project / "graph" / "store").exists():
        assert CliRunner().invoke(cli, ["build", "--quiet"], catch_exceptions=False).exit_code == 0
    target = None
    if ">" in words:
        words, target = words[: words.index(">")], words[words.index(">") + 1]
    result = CliRunner().invoke(cli, words[1:], catch_exceptions=False)
    assert result.exit_code == 0, f"README line {line}: {command}\n{result.output}"
    if target:
        (project / target).write_text(result.stdout, "utf-8")
    files = [project / named for named in re.findall(r"--out (\S+)", command)]
    assert result.stdout.strip() or all(f.stat().st_size for f in files), f"README line {line} printed nothing"
