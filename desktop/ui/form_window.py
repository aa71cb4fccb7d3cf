"""A form in a window of its own: the household form and the visit form use it.

The form decides whether it may close (it asks before throwing away what was
typed); the window only follows.  Esc, the form's 取消 button and the window's
close button all go through ``form.request_close()``; once the form says
``closed`` the window ends as rejected, without asking a second time.

Decisions, and why:

- The window ends with ``QDialog.done(Rejected)``, never by calling
  ``reject()`` from the form's signal.  ``reject()`` is overridden here to ask
  the form, and PySide6 connects a signal to ``super().reject`` by the slot's
  name, so the form's "closed" came back into the override, asked the form
  again and recursed until Python gave up: the window could not be closed
  without saving.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

FORM_WINDOW_SIZE = (1280, 700)


class HostedForm(Protocol):
    """What a form offers its window."""

    @property
    def saved(self) -> SignalInstance: ...

    @property
    def closed(self) -> SignalInstance: ...

    def request_close(self) -> None: ...


class FormWindow(QDialog):
    """Hosts ``form`` (a widget with ``saved``, ``closed`` and ``request_close``)."""

    def __init__(self, form: QWidget, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
        self._hosted = form
        hosted: HostedForm = form  # type: ignore[assignment]
        hosted.saved.connect(self._close_saved)
        hosted.closed.connect(self._close_unsaved)
        self.resize(*FORM_WINDOW_SIZE)

    def reject(self) -> None:
        """Esc, the close button, or 取消: the form asks if anything would be lost."""
        hosted: HostedForm = self._hosted  # type: ignore[assignment]
        hosted.request_close()

    def _close_saved(self, _id: str) -> None:
        self.done(QDialog.DialogCode.Accepted.value)

    def _close_unsaved(self) -> None:
        self.done(QDialog.DialogCode.Rejected.value)
