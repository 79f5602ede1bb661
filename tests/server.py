"""Run `navokg serve` as a real subprocess on a free loopback port, for endpoint and page tests."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil

STARTUP_SECONDS = 60.0
STOP_SECONDS = 10.0


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text("utf-8", errors="replace")

    def worker_pids(self) -> set[int]:
        """Live query workers: the server's child processes that are running (not zombies)."""
        pids = set()
        for child in psutil.Process(self.process.pid).children():
            try:
                if child.status() != psutil.STATUS_ZOMBIE and "resource_tracker" not in " ".join(child.cmdline()):
                    pids.add(child.pid)
            except psutil.Error:  # it ended while we looked
                continue
        return pids


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_answering(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"navokg serve exited with {server.process.returncode}:\n{server.log_text()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(server.url + "/sparql", timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"navokg serve did not answer within {STARTUP_SECONDS:.0f} s:\n{server.log_text()}")


def _stop(server: Server) -> None:
    """Stop the server and check that its workers went with it."""
    try:
        workers = [psutil.Process(pid) for pid in server.worker_pids()]
    except psutil.Error:
        workers = []
    server.process.terminate()
    try:
        server.process.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(STOP_SECONDS)
    _, alive = psutil.wait_procs(workers, timeout=STOP_SECONDS)
    for process in alive:
        process.kill()
    assert not alive, f"query workers outlived the server: {[p.pid for p in alive]}"


@contextlib.contextmanager
def running_server(store: Path, *options: str, log_dir: Path) -> Iterator[Server]:
    """`navokg serve --store STORE OPTIONS` on 127.0.0.1, answering, until the block ends."""
    log = log_dir / "server.log"
    for attempt in range(3):  # another process may take the free port before the server does
        port = free_port()
        with open(log, "wb") as sink:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from navokg.cli import main; main()",
                    "serve",
                    "--store",
                    str(store),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    *options,
                ],
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        server = Server(f"http://127.0.0.1:{port}", process, log)
        try:
            _wait_until_answering(server)
        except RuntimeError:
            _stop(server)
            if attempt < 2 and "cannot listen" in server.log_text():
                continue
            raise
        break
    try:
        yield server
    finally:
        _stop(server)
