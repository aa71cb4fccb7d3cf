"""The GUI fixtures of tests/gui (Chinese interface, task runner, contexts) for the report dialogs."""

from tests.gui.conftest import (  # noqa: F401
    _fresh_preferences,
    chinese_ui,
    task_runner,
    ui_context,
)
