"""The bundle's program: the same ``anju`` command as ``pip install`` gives.

PyInstaller needs a script, not an entry point; this one only hands over to
``desktop.cli.main`` so the GUI and every subcommand behave as in the source tree.
"""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
