"""The endpoint under a bounded load of cheap and pathological requests keeps answering."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO
from .server import running_server


@pytest.mark.slow
def test_the_server_keeps_answering_under_load(seed_store: Path, tmp_path: Path) -> None:
    options = ["--workers", "8", "--timeout", "1", "--max-result-bytes", "1000000", "--log-level", "warning"]
    with running_server(seed_store, *options, log_dir=tmp_path) as server:
        # The load comes from a second process, as it would from other machines.
        completed = subprocess.run(
            [sys.executable, "-m", "benchmarks.load", "--url", server.url, "--server-pid", str(server.process.pid),
             "--clients", "12", "--requests", "200", "--json"],
            cwd=REPO, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert completed.returncode == 0, completed.stderr
        report = json.loads(completed.stdout)
        assert server.process.poll() is None, "the server is still running"
    kinds = report["kinds"]
    for kind, allowed in {
        "cheap-query": {"200", "503"}, "cheap-page": {"200", "503"}, "slow-query": {"503"},
        "huge-query": {"413", "503"}, "malformed-query": {"400", "503"},
    }.items():  # fmt: skip
        assert set(kinds[kind]["statuses"]) <= allowed, (kind, kinds[kind])
        assert not kinds[kind]["errors"], kinds[kind]["errors"]
    # Every pathological query was stopped at the time limit, not left running.
    assert kinds["slow-query"]["statuses"]["503"] == kinds["slow-query"]["requests"]
    cheap = [kinds["cheap-query"], kinds["cheap-page"]]
    answered = sum(k["statuses"].get("200", 0) for k in cheap) / sum(k["requests"] for k in cheap)
    assert answered >= 0.85, f"only {answered:.0%} of cheap requests were answered"
    assert report["memory_peak_mb"] < report["memory_start_mb"] + 400, "memory stays bounded"
    assert report["health_after"]["status"] == 200 and report["health_after"]["ms"] < 2000


@pytest.mark.slow
def test_cheap_queries_keep_their_speed_while_expensive_ones_run(seed_store: Path, tmp_path: Path) -> None:
    """The fast lane: benchmarks/load.py's probe, cheap queries beside clients sending expensive ones."""
    options = ["--workers", "8", "--timeout", "2", "--max-result-bytes", "1000000", "--log-level", "warning"]
    with running_server(seed_store, *options, log_dir=tmp_path) as server:
        completed = subprocess.run(
            [sys.executable, "-m", "benchmarks.load", "--url", server.url, "--no-mix", "--hogs", "12",
             "--probes", "100", "--json"],
            cwd=REPO, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert completed.returncode == 0, completed.stderr
    probe = json.loads(completed.stdout)["probe"]
    loaded = probe["under_load"]
    assert loaded["answered"] == loaded["requests"], probe
    assert loaded["p95_ms"] < probe["target_ms"], probe
