"""Nothing lost, nothing half-written: killed builds, concurrent builds, full or read-only disks."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import GRAPH

NAVOKG = [sys.executable, "-m", "navokg"]


def _curated_corpus(target: Path, copies: int) -> Path:
    """The seeds with their annotations, copied under new ids: a build that takes a while."""
    (target / "documents").mkdir(parents=True)
    (target / "annotations").mkdir()
    shutil.copy(GRAPH / "entities.yaml", target / "entities.yaml")
    for n in range(copies):
        for source in sorted((GRAPH / "documents").glob("*.txt")):
            doc_id = f"{source.stem}-{n:03d}"
            shutil.copy(source, target / "documents" / f"{doc_id}.txt")
            shutil.copy(source.with_name(source.stem + ".meta.yaml"), target / "documents" / f"{doc_id}.meta.yaml")
            annotation = (GRAPH / "annotations" / f"{source.stem}.yaml").read_text("utf-8")
            annotation = annotation.replace(f"document: {source.stem}", f"document: {doc_id}")
            (target / "annotations" / f"{doc_id}.yaml").write_text(annotation, "utf-8")
    return target


def _build_args(corpus: Path, store: Path, *extra: str) -> list[str]:
    return [*NAVOKG, "build", "--documents", str(corpus / "documents"), "--annotations",
            str(corpus / "annotations"), "--entities", str(corpus / "entities.yaml"),
            "--store", str(store), "--jobs", "1", *extra]  # fmt: skip


def _answer(store: Path) -> str:
    result = subprocess.run(
        [*NAVOKG, "query", "--store", str(store), "--format", "csv",
         "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout


def _generations(store: Path) -> set[str]:
    return {p.name for p in (store / "generations").iterdir()}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A small published store, and a bigger corpus whose build takes seconds."""
    small = _curated_corpus(tmp_path / "small", 1)
    store = tmp_path / "store"
    subprocess.run(_build_args(small, store), check=True, capture_output=True)
    return store, _curated_corpus(tmp_path / "big", 40)


def _start_and_wait_for_writing(args: list[str], store: Path, before: set[str]) -> subprocess.Popen[str]:
    # As from a terminal: a test run started in the background (`make test &`) ignores
    # SIGINT, and a child would inherit that and never see the Ctrl-C this file sends.
    process = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 30
    while not (_generations(store) - before):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.01)
    return process


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.3, 1.0, 2.0])
def test_a_killed_build_leaves_the_previous_store_usable_and_unchanged(built: tuple[Path, Path], delay: float) -> None:
    store, corpus = built
    current, answer, before = os.readlink(store / "current"), _answer(store), _generations(store)
    process = _start_and_wait_for_writing(_build_args(corpus, store, "--full"), store, before)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    assert os.readlink(store / "current") == current
    assert _answer(store) == answer
    # The next build sweeps away what the killed one left and publishes normally.
    subprocess.run(_build_args(store.parent / "small", store, "--full"), check=True, capture_output=True)
    assert os.readlink(store / "current") != current
    assert _generations(store) == {current.split("/")[-1], os.readlink(store / "current").split("/")[-1]}


@pytest.mark.slow
def test_ctrl_c_stops_a_build_cleanly(built: tuple[Path, Path]) -> None:
    store, corpus = built
    current, before = os.readlink(store / "current"), _generations(store)
    process = _start_and_wait_for_writing(_build_args(corpus, store, "--full"), store, before)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr == "navokg: interrupted\n"
    assert os.readlink(store / "current") == current
    assert _generations(store) == before, "the interrupted generation is removed"


@pytest.mark.slow
def test_a_second_build_on_the_same_store_fails_clearly(built: tuple[Path, Path]) -> None:
    store, corpus = built
    first = _start_and_wait_for_writing(_build_args(corpus, store, "--full"), store, _generations(store))
    second = subprocess.run(_build_args(corpus, store, "--full"), capture_output=True, text=True)
    assert second.returncode == 4
    assert "another build (pid" in second.stderr and "is writing this store" in second.stderr
    _, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stderr


def test_a_store_of_another_format_is_refused_then_replaced_on_request(tmp_path: Path, seed_copy: Path) -> None:
    store = tmp_path / "store"
    args = ["build", "--documents", str(seed_copy / "documents"), "--annotations", str(seed_copy / "annotations"),
            "--entities", str(seed_copy / "entities.yaml"), "--store", str(store)]  # fmt: skip
    subprocess.run([*NAVOKG, *args], check=True, capture_output=True)
    (store / "navokg-store.json").write_text(json.dumps({"format": 99, "navokg": "9.0"}))
    query = subprocess.run([*NAVOKG, "query", "--store", str(store), "persons"], capture_output=True, text=True)
    assert query.returncode == 4 and "store format 99 was written by navokg 9.0" in query.stderr
    assert "rebuild it with navokg build --full" in query.stderr
    refused = subprocess.run([*NAVOKG, *args], capture_output=True, text=True)
    assert refused.returncode == 4 and "navokg build --full replaces it" in refused.stderr
    assert json.loads((store / "navokg-store.json").read_text())["format"] == 99
    subprocess.run([*NAVOKG, *args, "--full"], check=True, capture_output=True)
    assert _answer(store).startswith("n\n")


@contextmanager
def _tmpfs(where: Path, options: str) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_read_only_directory_is_refused_and_a_store_on_it_still_answers(tmp_path: Path, seed_store: Path) -> None:
    with _tmpfs(tmp_path / "ro", "size=16m") as mount:
        shutil.copytree(seed_store, mount / "store", symlinks=True)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        result = subprocess.run(
            [*NAVOKG, "build", "--documents", str(GRAPH / "documents"), "--store", str(mount / "new")],
            capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 4
        assert "cannot write the store: Read-only file system" in result.stderr
        assert _answer(mount / "store").startswith("n\n")


def test_a_full_disk_fails_the_build_and_keeps_the_previous_store(tmp_path: Path, seed_copy: Path) -> None:
    with _tmpfs(tmp_path / "small-disk", "size=5m") as mount:
        store = mount / "store"
        args = _build_args(seed_copy, store)
        subprocess.run(args, check=True, capture_output=True)
        current, answer = os.readlink(store / "current"), _answer(store)
        big = _curated_corpus(tmp_path / "big", 30)
        result = subprocess.run(_build_args(big, store, "--full"), capture_output=True, text=True)
        assert result.returncode == 4, result.stderr
        assert "No space left on device" in result.stderr and "the previous store is unchanged" in result.stderr
        assert result.stderr.count("\n") == 1
        assert os.readlink(store / "current") == current
        assert _answer(store) == answer


def _fill(disk: Path) -> None:
    """Take every free byte of a (tmpfs) disk."""
    with open(disk / "filler", "wb", buffering=0) as filler:
        with contextlib.suppress(OSError):
            while True:
                filler.write(b"\0" * 65536)

        with contextlib.suppress(OSError):
            while True:  # the last pieces, smaller than a chunk
                filler.write(b"\0" * 512)


def test_a_full_disk_when_taking_the_lock_is_a_store_error(tmp_path: Path, seed_copy: Path) -> None:
    with _tmpfs(tmp_path / "small-disk", "size=8m") as mount:
        store = mount / "store"
        args = _build_args(seed_copy, store)
        subprocess.run(args, check=True, capture_output=True)
        current, answer = os.readlink(store / "current"), _answer(store)
        _fill(mount)
        result = subprocess.run(args, capture_output=True, text=True)
        assert result.returncode == 4, result.stderr
        assert f"{store / '.lock'}: cannot write the store's lock: No space left on device" in result.stderr
        assert "the size of the current build" in result.stderr and "MB free on its disk" in result.stderr
        assert result.stderr.count("\n") == 1
        assert os.readlink(store / "current") == current
        (mount / "filler").unlink()
        assert _answer(store) == answer


def test_a_full_disk_while_writing_the_search_index_is_a_store_error(tmp_path: Path, seed_copy: Path) -> None:
    from navokg.build.search_index import SearchRow, index_rows, open_index
    from navokg.errors import StoreError
    from navokg.store import SEARCH_DB, write_generation

    with _tmpfs(tmp_path / "small-disk", "size=8m") as mount:
        store = mount / "store"
        args = _build_args(seed_copy, store)
        subprocess.run(args, check=True, capture_output=True)
        current, answer = os.readlink(store / "current"), _answer(store)
        words = "Rutte zegt dat Nederland Oekraïne blijft steunen met geld en wapens. " * 20
        rows = [SearchRow(f"https://w3id.org/navokg/id/statement/{n}", "statement", "x", words, words, 0, 10,
                          None, "Rutte") for n in range(400)]  # fmt: skip
        with pytest.raises(StoreError) as failure, write_generation(store, {}) as generation:
            _fill(mount)
            index = open_index(generation.path / SEARCH_DB)
            try:
                for _ in range(100):
                    index_rows(index, rows)
                    index.commit()
            finally:
                index.close()
        message = str(failure.value)
        assert "writing the store failed: No space left on device (database or disk is full)" in message
        assert "the previous store is unchanged" in message and "free on its disk" in message
        assert os.readlink(store / "current") == current
        (mount / "filler").unlink()
        assert _answer(store) == answer


def test_a_build_racing_a_first_build_is_told_another_build_is_writing(tmp_path: Path) -> None:
    """What the loser of two first builds on a new path sees: the winner's lock and its marker half-written."""
    corpus = _curated_corpus(tmp_path / "corpus", 1)
    store = tmp_path / "new" / "store"
    store.mkdir(parents=True)
    (store / "navokg-store.json.4242.tmp").write_text("{")
    with open(store / ".lock", "a+b", buffering=0) as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.write(b"pid 4242")
        result = subprocess.run(_build_args(corpus, store), capture_output=True, text=True)
    assert result.returncode == 4, result.stderr
    assert "another build (pid 4242) is writing this store; wait for it to finish" in result.stderr
    # Once the winner is done, the same build goes through.
    subprocess.run(_build_args(corpus, store), check=True, capture_output=True)
    assert _answer(store).startswith("n\n")


@pytest.mark.slow
def test_racing_first_builds_on_a_new_store_path_all_end_well(tmp_path: Path) -> None:
    """Three builds started at once on a path that does not exist: each builds or waits its turn."""
    corpus = _curated_corpus(tmp_path / "corpus", 1)
    store = tmp_path / "new" / "store"
    racers = [
        subprocess.Popen(_build_args(corpus, store), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outcomes = [(racer.wait(timeout=120), racer.communicate()[1]) for racer in racers]
    for code, stderr in outcomes:
        assert code == 0 or (code == 4 and "is writing this store; wait for it to finish" in stderr), stderr
    assert _answer(store).startswith("n\n")
