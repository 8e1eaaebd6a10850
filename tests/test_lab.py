"""`make lab` really starts JupyterLab: the same command, on 127.0.0.1, answers /api/status, with
the project's settings (no widget state saved into notebooks) in force."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpers.cli.lab import LAB_SETTINGS, lab_command, settings_dir, write_settings
from tests.support import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_jupyterlab_starts_as_make_lab_does_and_stops_by_pid(tmp_path):
    port, token = _free_port(), "workbench-test-token"
    # the settings as `make lab` writes them, into a folder of the test's (not into the venv)
    settings = write_settings(tmp_path / "lab-settings").parent
    command = lab_command(port=port, token=token, open_browser=False, settings=settings)
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

    def get(path: str) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"token {token}"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())

    try:
        status, body = None, None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, body = get("/api/status")
                break
            except OSError:
                time.sleep(0.3)
        assert server.poll() is None, (tmp_path / "lab.log").read_text(errors="replace")
        assert status == 200
        assert "started" in body
        for plugin, values in LAB_SETTINGS.items():
            status, found = get(f"/lab/api/settings/{plugin}")
            for name, value in values.items():
                assert found["schema"]["properties"][name]["default"] == value, (plugin, name)
                assert found["settings"].get(name, value) == value, (plugin, name)
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


def test_the_lab_settings_name_settings_the_installed_extensions_have():
    """Each setting of LAB_SETTINGS exists in the schema of the installed JupyterLab extension
    (a misspelt plugin id or setting would be silently ignored)."""
    share = Path(sys.prefix) / "share" / "jupyter"
    for plugin, values in LAB_SETTINGS.items():
        package, name = plugin.split(":")
        places = (  # a federated extension's schemas, or JupyterLab's own
            share / "labextensions" / package / "schemas" / package / f"{name}.json",
            share / "lab" / "schemas" / package / f"{name}.json",
        )
        schema = json.loads(next(p for p in places if p.exists()).read_text())
        assert set(values) <= set(schema["properties"]), plugin
        for setting, value in values.items():
            spec = schema["properties"][setting]
            if spec["type"] == "boolean":
                assert isinstance(value, bool), (plugin, setting)
            else:  # a choice among constants
                assert value in [choice["const"] for choice in spec["oneOf"]], (plugin, setting)


def test_the_lab_settings_are_merged_into_the_overrides_and_written_once(tmp_path):
    folder = tmp_path / "settings"
    folder.mkdir()
    theirs = {"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}
    (folder / "overrides.json").write_text(json.dumps(theirs), "utf-8")
    path = write_settings(folder)
    assert json.loads(path.read_text("utf-8")) == {**theirs, **LAB_SETTINGS}
    written = path.stat().st_mtime_ns
    time.sleep(0.01)
    assert write_settings(folder) == path and path.stat().st_mtime_ns == written
    assert settings_dir() == Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    assert f"--LabApp.app_settings_dir={settings_dir()}" in lab_command()


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
def test_make_lab_can_be_told_a_port_and_not_to_open_a_browser():
    root = Path(__file__).resolve().parents[1]
    venv = sys.prefix
    dry = subprocess.run(
        ["make", "-n", "-o", f"{venv}/.installed-stamp", "lab", f"VENV={venv}",
         "LAB_PORT=8890", "LAB_FLAGS=--no-browser"],
        cwd=root, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "-m helpers.cli.lab --port=8890 --no-browser" in dry.stdout
    plain = subprocess.run(
        ["make", "-n", "-o", f"{venv}/.installed-stamp", "lab", f"VENV={venv}"],
        cwd=root, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    lines = [line.rstrip() for line in plain.stdout.splitlines()]  # a sub-make adds lines
    assert any(line.endswith("-m helpers.cli.lab") for line in lines), plain.stdout
