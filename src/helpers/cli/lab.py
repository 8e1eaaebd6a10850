"""Starting JupyterLab on the workbench: the command ``make lab`` runs.

>>> lab_command(port=8899, token="t", open_browser=False)[:3]
['jupyter', 'lab', 'notebooks/00_start_here.ipynb']
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["START_NOTEBOOK", "lab_command"]

START_NOTEBOOK = "notebooks/00_start_here.ipynb"


def lab_command(
    *,
    port: int | None = None,
    ip: str = "127.0.0.1",
    token: str | None = None,
    open_browser: bool = True,
    notebook: str = START_NOTEBOOK,
) -> list[str]:
    """The ``jupyter lab`` command line that opens the start notebook, local only.

    JupyterLab listens on 127.0.0.1 only; as root it needs ``--allow-root``. The news feed
    (a network call) is turned off.

    >>> cmd = lab_command(token="secret", open_browser=False)
    >>> "--ServerApp.ip=127.0.0.1" in cmd, "--no-browser" in cmd
    (True, True)
    """
    command = ["jupyter", "lab", notebook, f"--ServerApp.ip={ip}", "--LabApp.news_url=None"]
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
    """Replace this process with JupyterLab (``python -m helpers.cli.lab [--no-browser]``)."""
    args = sys.argv[1:] if argv is None else argv
    command = lab_command(open_browser="--no-browser" not in args)
    bindir = Path(sys.executable).parent
    os.execv(str(bindir / command[0]), [str(bindir / command[0]), *command[1:]])


if __name__ == "__main__":  # pragma: no cover
    main()
