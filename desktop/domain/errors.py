"""Typed domain errors.  The UI turns each ``code`` into a translated message.

Services raise :class:`DomainError` subclasses carrying a stable ``code`` (and the
``field`` the error belongs to, when there is one); nothing below ``desktop.ui``
formats user-facing text.  The CLI and the UI share the Chinese messages in
``desktop.messages``.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule was broken.  ``code`` names the rule, ``field`` the input at fault."""

    code: str = "error"

    def __init__(self, code: str | None = None, *, field: str | None = None, **params: Any):
        self.code = code or self.code
        self.field = field
        self.params = params
        super().__init__(self.code if not params else f"{self.code} {params}")


class ValidationError(DomainError):
    code = "invalid"


class PermissionDenied(DomainError):
    code = "permission_denied"


class NotFound(DomainError):
    code = "not_found"
