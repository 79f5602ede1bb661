"""The package keeps its shape: stages import only from earlier stages, and the public API resolves.

docs/architecture.md draws the stages; this reads every import statement of every module
(top-level and inside functions) and checks it against that order.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import navokg

PACKAGE = Path(navokg.__file__).parent

# The stage of each module or subpackage, by its first name under navokg (docs/architecture.md).
STAGES = {
    "errors": 0, "vocab": 0, "paths": 0, "files": 0, "tables": 0,
    "dutch": 1,
    "sources": 2, "model": 2,
    "extract": 3,
    "store": 4,
    "build": 5,
    "read": 6,
    "network": 7,
    "export": 8,
    "web": 9,
    "cli": 10, "__main__": 10,
}  # fmt: skip


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def _stage_of(module: str) -> int:
    first = module.split(".")[1] if module.startswith("navokg.") else ""
    assert first in STAGES, f"{module} is in no stage of docs/architecture.md"
    return STAGES[first]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every navokg import in a file, the lazy ones inside functions too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.ImportFrom) and node.level:
            pytest.fail(f"{path}:{node.lineno}: relative import; navokg imports by absolute name")
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, module) for line, module in found if module == "navokg" or module.startswith("navokg.")]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_only_from_its_own_or_earlier_stages(path: Path) -> None:
    here = _stage_of(_module_name(path))
    for line, module in _imports(path):
        if module == "navokg":
            continue  # the package itself: its version, nothing of a stage
        assert _stage_of(module) <= here, (
            f"{path.relative_to(PACKAGE)}:{line} imports {module} (stage {_stage_of(module)}) "
            f"from stage {here}: data flows the other way"
        )


def test_every_module_belongs_to_a_stage() -> None:
    names = {m.name for m in pkgutil.walk_packages([str(PACKAGE)], "navokg.")}
    assert names, "no modules found"
    for name in names:
        _stage_of(name)


def test_the_public_api_resolves_and_stays_listed() -> None:
    for name in navokg.__all__:
        assert getattr(navokg, name) is not None, name
    assert sorted(navokg.__all__) == sorted(set(navokg.__all__)), "no name twice"
    subpackages = {m.name for m in pkgutil.iter_modules([str(PACKAGE)])}
    assert not subpackages & set(navokg.__all__), "an API name would be hidden by the module of that name"


def test_each_stage_exports_what_it_promises() -> None:
    for module in ("navokg.build", "navokg.network", "navokg.read.facts", "navokg.errors", "navokg.vocab"):
        loaded = importlib.import_module(module)
        for name in loaded.__all__:
            assert hasattr(loaded, name), f"{module}.__all__ lists {name}, which it does not define"
