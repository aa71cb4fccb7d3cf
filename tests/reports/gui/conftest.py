"""The GUI fixtures of tests/gui (task runner, contexts) for the report dialogs; the
Chinese interface comes from tests/conftest.py like for every Qt test."""

from tests.gui.conftest import (  # noqa: F401
    task_runner,
    ui_context,
)
