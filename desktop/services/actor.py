"""Who is acting, and what they may see and change.

Every service takes an :class:`Actor`.  Permission checks live here and in the
services, never in widgets: a grid member reads and edits only the households
of their grids, a viewer reads everything and edits nothing, an administrator
does everything in the township.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, true
from sqlalchemy.orm import InstrumentedAttribute

from desktop.domain.enums import Role
from desktop.domain.errors import PermissionDenied


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: str
    username: str
    display_name: str
    role: Role
    grid_ids: frozenset[str] = frozenset()
    via: str = "gui"  # "gui" or "cli": where the account acts from, for the audit log

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def can_write(self) -> bool:
        return self.role in (Role.ADMIN, Role.GRID_MEMBER)

    @property
    def sees_everything(self) -> bool:
        return self.role in (Role.ADMIN, Role.VIEWER)

    def grid_filter(self, column: InstrumentedAttribute[str | None]) -> ColumnElement[bool]:
        """An SQL condition limiting ``column`` (a grid id) to what this actor may see."""
        if self.sees_everything:
            return true()
        if not self.grid_ids:
            return false()
        return column.in_(sorted(self.grid_ids))

    def may_see_grid(self, grid_id: str | None) -> bool:
        return self.sees_everything or (grid_id is not None and grid_id in self.grid_ids)

    def require_write(self) -> None:
        if not self.can_write:
            raise PermissionDenied("read_only_account")

    def require_admin(self) -> None:
        if not self.is_admin:
            raise PermissionDenied("admin_only")

    def require_grid(self, grid_id: str | None) -> None:
        """Raise unless this actor may edit records of ``grid_id``."""
        self.require_write()
        if not (self.is_admin or (grid_id is not None and grid_id in self.grid_ids)):
            raise PermissionDenied("outside_your_grids")


SYSTEM = Actor(user_id="system", username="system", display_name="系统", role=Role.ADMIN)
