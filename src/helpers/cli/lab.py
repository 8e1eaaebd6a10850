"""Starting JupyterLab on the workbench: the command ``make lab`` runs, and the settings it runs
with.

The settings are JupyterLab's overrides (defaults the user may still change in Settings):
:data:`LAB_SETTINGS` turns off saving the state of the apps' widgets into a notebook, since the
case editor's widgets hold the borrower's name, ID and phone. They are written to the settings
folder JupyterLab reads, ``<sys.prefix>/share/jupyter/lab/settings/overrides.json`` (merged with
what is already there), and the command names that folder.

>>> lab_command(port=8899, token="t", open_browser=False)[:3]
['jupyter', 'lab', 'notebooks/00_start_here.ipynb']
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["START_NOTEBOOK", "LAB_SETTINGS", "lab_command", "settings_dir", "write_settings"]

START_NOTEBOOK = "notebooks/00_start_here.ipynb"

# JupyterLab setting overrides, by plugin id: no widget state in saved notebooks (personal data);
# no "fetch official Jupyter news?" prompt and no update check (nothing leaves the machine)
LAB_SETTINGS: dict[str, dict[str, Any]] = {
    "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": False},
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def settings_dir(prefix: str | os.PathLike[str] | None = None) -> Path:
    """The settings folder of the JupyterLab installed in ``prefix`` (this Python's by default),
    where it reads ``overrides.json``.

    >>> settings_dir("/opt/venv").as_posix()
    '/opt/venv/share/jupyter/lab/settings'
    """
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings"


def write_settings(
    directory: str | os.PathLike[str], extra: Mapping[str, Mapping[str, Any]] | None = None
) -> Path:
    """Merge :data:`LAB_SETTINGS` (and ``extra``) into ``directory/overrides.json``, keeping the
    other settings found there; the file. Writes only when something changes.

    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_settings(folder, {"some:plugin": {"flag": True}})
    ...     sorted(json.loads(path.read_text("utf-8")))
    ['@jupyter-widgets/jupyterlab-manager:plugin', '@jupyterlab/apputils-extension:notification', \
'some:plugin']
    """
    path = Path(directory) / "overrides.json"
    try:
        current = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        current = {}
    merged = {plugin: dict(values) for plugin, values in current.items()}
    for source in (LAB_SETTINGS, extra or {}):
        for plugin, values in source.items():
            merged.setdefault(plugin, {}).update(values)
    if merged != current:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(merged, indent=2) + "\n", "utf-8")
        os.replace(temporary, path)
    return path


def lab_command(
    *,
    port: int | None = None,
    ip: str = "127.0.0.1",
    token: str | None = None,
    open_browser: bool = True,
    notebook: str = START_NOTEBOOK,
    settings: str | os.PathLike[str] | None = None,
) -> list[str]:
    """The ``jupyter lab`` command line that opens the start notebook, local only, with the
    settings in ``settings`` (:func:`settings_dir` by default; see :func:`write_settings`).

    JupyterLab listens on 127.0.0.1 only; as root it needs ``--allow-root``. The news feed
    (a network call) is turned off.

    >>> cmd = lab_command(token="secret", open_browser=False, settings="/tmp/lab-settings")
    >>> "--ServerApp.ip=127.0.0.1" in cmd, "--no-browser" in cmd
    (True, True)
    >>> [arg for arg in cmd if "settings" in arg]
    ['--LabApp.app_settings_dir=/tmp/lab-settings']
    """
    command = ["jupyter", "lab", notebook, f"--ServerApp.ip={ip}", "--LabApp.news_url=None"]
    command.append(f"--LabApp.app_settings_dir={settings or settings_dir()}")
    if port is not None:
        command.append(f"--ServerApp.port={port}")
    if token is not None:
        command.append(f"--IdentityProvider.token={token}")
    if not open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - replaces the process
    """Write the settings, then replace this process with JupyterLab
    (``python -m helpers.cli.lab [--no-browser]``). Where this Python's folder is read-only the
    settings go to a temporary folder instead; ``--port=N`` listens on port N."""
    args = sys.argv[1:] if argv is None else argv
    try:
        folder = write_settings(settings_dir()).parent
    except OSError:
        folder = write_settings(tempfile.mkdtemp(prefix="workbench-lab-settings-")).parent
    port = next((int(a.split("=", 1)[1]) for a in args if a.startswith("--port=")), None)
    command = lab_command(open_browser="--no-browser" not in args, port=port, settings=folder)
    bindir = Path(sys.executable).parent
    os.execv(str(bindir / command[0]), [str(bindir / command[0]), *command[1:]])


if __name__ == "__main__":  # pragma: no cover
    main()
