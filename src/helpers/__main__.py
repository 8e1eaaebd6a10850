"""``python -m helpers``: the command line (see :mod:`helpers.cli`)."""

from helpers.cli import main

raise SystemExit(main())
