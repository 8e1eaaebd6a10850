"""`make lab` really starts JupyterLab: the same command, on 127.0.0.1, answers /api/status."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpers.cli.lab import lab_command
from tests.support import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_jupyterlab_starts_as_make_lab_does_and_stops_by_pid(tmp_path):
    port, token = _free_port(), "workbench-test-token"
    command = lab_command(port=port, token=token, open_browser=False)
    executable = Path(sys.executable).parent / command[0]
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    log = open(tmp_path / "lab.log", "wb")  # noqa: SIM115 - closed in finally
    server = subprocess.Popen(
        [str(executable), *command[1:]],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        status, body = None, None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/status",
                    headers={"Authorization": f"token {token}"},
                )
                with urllib.request.urlopen(request, timeout=5) as response:
                    status, body = response.status, json.loads(response.read())
                break
            except OSError:
                time.sleep(0.3)
        assert server.poll() is None, (tmp_path / "lab.log").read_text(errors="replace")
        assert status == 200
        assert "started" in body
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
        log.close()
    assert server.returncode is not None


def test_make_lab_opens_the_start_notebook_on_localhost_only():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "$(PY) -m helpers.cli.lab" in makefile
    command = lab_command()
    assert command[2] == "notebooks/00_start_here.ipynb"
    assert (ROOT / command[2]).exists()
    assert "--ServerApp.ip=127.0.0.1" in command
