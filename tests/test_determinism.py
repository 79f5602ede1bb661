"""The same inputs give byte-identical exports, whatever the hash seed or the number of workers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GRAPH, REPO

DEVSET = REPO / "benchmarks" / "devset" / "documents"


@pytest.mark.slow
def test_builds_under_different_hash_seeds_export_the_same_bytes(tmp_path: Path) -> None:
    # Curated seeds and un-annotated texts, so the extractor's output is compared too.
    corpus = tmp_path / "documents"
    shutil.copytree(GRAPH / "documents", corpus)
    for path in DEVSET.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    exports: dict[str, dict[str, bytes]] = {}
    # Hash seeds change set and dict order; two workers change the order documents finish in.
    for seed, jobs in (("0", "1"), ("1", "2"), ("4242", "1")):
        store = tmp_path / f"store-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        navokg = [sys.executable, "-m", "navokg"]
        subprocess.run(
            [*navokg, "build", "--documents", str(corpus), "--annotations", str(GRAPH / "annotations"),
             "--entities", str(GRAPH / "entities.yaml"), "--store", str(store), "--jobs", jobs],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        exports[seed] = {
            fmt: subprocess.run(
                [*navokg, "export", "--format", fmt, "--store", str(store)], env=env, check=True, capture_output=True
            ).stdout
            for fmt in ("nquads", "trig", "csv", "gexf")
        }
    assert all(len(data) > 1000 for data in exports["0"].values())
    assert exports["0"] == exports["1"] == exports["4242"]
