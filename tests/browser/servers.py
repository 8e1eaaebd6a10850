"""JupyterLab and Voila for the browser tests: started as ``make lab`` and ``make app`` start
them, on 127.0.0.1 with a temporary HOME, and stopped by the PID of the process we started.

A server runs in its own session (``start_new_session``), so its process group is ours alone:
stopping sends SIGTERM to that group (JupyterLab and Voila then shut their kernels down), waits,
and escalates to SIGKILL. Kernels live in sessions of their own, so the descendants of the
server (found in ``/proc`` before stopping) are checked afterwards and, if one outlived the
server, ended by its PID. Nothing else is ever signalled.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from helpers.cli.lab import lab_command, write_settings
from tests.support import ROOT

__all__ = [
    "LAB_OVERRIDES",
    "TOKEN",
    "Server",
    "free_port",
    "start_lab",
    "start_app",
    "descendants",
]

TOKEN = "workbench-browser-test"

# JupyterLab settings for an unattended, offline run, on top of the project's own (widget state
# never saved into a notebook, helpers.cli.lab.LAB_SETTINGS): no news or update checks, no
# autosave (a notebook is written only when a test saves it), every cell in the DOM.
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (children, grandchildren …), read from ``/proc``."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@dataclass
class Server:
    """A server process we started, its port and log, and how to stop it."""

    name: str
    argv: list[str]
    port: int
    home: Path
    cwd: Path = ROOT
    process: subprocess.Popen | None = None
    leftovers: set[int] = field(default_factory=set)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.home / f"{self.name}.log"

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    def env(self) -> dict[str, str]:
        home = str(self.home)
        return {
            **os.environ,
            "HOME": home,
            "JUPYTER_CONFIG_DIR": f"{home}/config",
            "JUPYTER_DATA_DIR": f"{home}/data",
            "JUPYTER_RUNTIME_DIR": f"{home}/runtime",
            "PYTHONUNBUFFERED": "1",
            # the cases a test picks or saves (and the current case) stay in the temporary HOME
            "WORKBENCH_CASES": f"{home}/cases",
            "WORKBENCH_EXPORTS": f"{home}/exports",
        }

    def start(self, ready_path: str, *, timeout: float = 120) -> Server:
        """Start the process and wait until ``ready_path`` answers 200."""
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                self.argv,
                cwd=self.cwd,
                env=self.env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early:\n{self.log()[-4000:]}")
            try:
                with urllib.request.urlopen(self.base_url + ready_path, timeout=5) as reply:
                    if reply.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer in {timeout} s:\n{self.log()[-4000:]}")

    def shutdown_kernels(self, token: str = TOKEN) -> int:
        """Shut down every kernel of a Jupyter server through its REST API; how many."""
        headers = {"Authorization": f"token {token}"}
        request = urllib.request.Request(f"{self.base_url}/api/kernels", headers=headers)
        with urllib.request.urlopen(request, timeout=30) as reply:
            kernels = json.loads(reply.read())
        for kernel in kernels:
            url = f"{self.base_url}/api/kernels/{kernel['id']}"
            delete = urllib.request.Request(url, method="DELETE", headers=headers)
            with urllib.request.urlopen(delete, timeout=60):
                pass
        return len(kernels)

    def stop(self) -> None:
        """SIGTERM to our process group, then SIGKILL if it lingers; end any descendant that
        outlived the server (kernels run in sessions of their own) by its PID."""
        if self.process is None or self.process.returncode is not None:
            return
        below = descendants(self.process.pid)
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in below):
            time.sleep(0.2)
        self.leftovers = {p for p in below if _alive(p)}
        for pid in self.leftovers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _bindir() -> Path:
    return Path(sys.executable).parent


def start_lab(home: Path) -> Server:
    """JupyterLab on the project, as ``make lab`` starts it (:func:`helpers.cli.lab.lab_command`),
    with a token, no browser, and the project's settings plus the overrides above written as
    ``make lab`` writes them (:func:`helpers.cli.lab.write_settings`), in a private folder."""
    settings = write_settings(home / "lab-settings", LAB_OVERRIDES).parent
    port = free_port()
    command = lab_command(port=port, token=TOKEN, open_browser=False, settings=settings)
    argv = [
        str(_bindir() / command[0]),
        *command[1:],
        # checkpoints (made when a notebook opens) go to the temporary HOME, not notebooks/
        f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}",
        "--ServerApp.port_retries=0",
    ]
    server = Server("jupyterlab", argv, port, home)
    return server.start(f"/api/status?token={TOKEN}")


def start_app(home: Path) -> Server:
    """``make app`` itself (Voila serving the notebooks), on a free port, without opening a
    browser. ``-o`` keeps make from reinstalling the environment in the middle of a test."""
    port = free_port()
    venv = Path(sys.prefix)
    argv = [
        "make",
        "--no-print-directory",
        "-o",
        str(venv / ".installed-stamp"),
        "app",
        f"VENV={venv}",
        f"APP_PORT={port}",
        "APP_FLAGS=--no-browser --Voila.port_retries=0",
    ]
    server = Server("voila", argv, port, home)
    return server.start("/")
