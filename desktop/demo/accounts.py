"""The demo township's accounts, listed by the login window of a demo township.

Kept apart from the builder so that reading them costs nothing at start-up.
"""

from __future__ import annotations

from typing import NamedTuple

from desktop.domain.enums import Role

DEMO_PASSWORD = "anju2026"


class DemoAccount(NamedTuple):
    username: str
    display_name: str
    role: Role
    password: str
    phone: str = ""


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", "王建国", Role.ADMIN, DEMO_PASSWORD, "13907431000"),
    DemoAccount("wangge1", "彭小军", Role.GRID_MEMBER, DEMO_PASSWORD, "13907431001"),
    DemoAccount("wangge2", "向红梅", Role.GRID_MEMBER, DEMO_PASSWORD, "13907431002"),
    DemoAccount("wangge3", "田秀英", Role.GRID_MEMBER, DEMO_PASSWORD, "13907431003"),
    DemoAccount("wangge4", "龙志强", Role.GRID_MEMBER, DEMO_PASSWORD, "13907431004"),
    DemoAccount("chakan", "张丽", Role.VIEWER, DEMO_PASSWORD, "13907431005"),
)
"""The accounts of the demo township; the login window lists them.  Each has a
phone number, since the cards print the grid members' numbers."""
