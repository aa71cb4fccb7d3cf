"""What every page receives: no globals, everything passed in.

``UiContext`` is built once by ``desktop/app.py`` after login and handed to the
main window, which hands it to each page.  Pages call services inside
``ctx.session_factory.begin()`` blocks only through small helpers in their own
controller code (never from a model's ``data()``), or run them on ``ctx.tasks``
when they are long.  After a change a page emits ``ctx.bus.data_changed`` with a
:class:`Changed` describing what changed, and every page refreshes only what it
shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.policy import PolicyProfile
from desktop.services.actor import Actor
from desktop.services.clock import Clock, system_clock
from desktop.services.township import TownshipInfo


@dataclass(frozen=True)
class Changed:
    """What a service changed: table name -> ids (empty set: "some rows")."""

    tables: dict[str, frozenset[str]] = field(default_factory=dict)

    def touches(self, table: str) -> bool:
        return table in self.tables


class Bus(QObject):
    """Application-wide signals."""

    data_changed = Signal(object)  # Changed
    font_size_changed = Signal(int)


@dataclass
class UiContext:
    session_factory: sessionmaker[Session]
    actor: Actor
    township: TownshipInfo
    policy: PolicyProfile
    db_path: Path
    bus: Bus
    clock: Clock = system_clock
