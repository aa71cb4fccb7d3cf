"""What every page receives: no globals, everything passed in.

``UiContext`` is built once by ``desktop/app.py`` after login and handed to the
main window, which hands it to each page.  Pages reach services through
``ctx.call(service_function, ...)`` (one transaction per call, as the logged-in
actor; never from a model's ``data()``), or run them on ``ctx.tasks`` when they
are long.  After a change a page emits ``ctx.bus.data_changed`` with a
:class:`Changed` describing what changed, and every page refreshes only what it
shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.policy import PolicyProfile
from desktop.services.actor import Actor
from desktop.services.clock import Clock, system_clock
from desktop.services.township import TownshipInfo

P = ParamSpec("P")
R = TypeVar("R")


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
    # the background task runner (desktop/ui/tasks.py), set by the app
    tasks: Any = None

    def call(
        self,
        service: Callable[Concatenate[Session, Actor, P], R],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> R:
        """Run one service call in its own transaction, as the logged-in actor.

        This is how widgets reach services: they never hold a session themselves.
        Short calls only; long work goes to ``tasks``.
        """
        with self.session_factory.begin() as session:
            return service(session, self.actor, *args, **kwargs)
