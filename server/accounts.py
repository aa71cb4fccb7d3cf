"""County staff accounts for the web workspace: Argon2id passwords, lockout, three roles.

Decisions, and why:

- Passwords are hashed with argon2-cffi's ``PasswordHasher`` (Argon2id, its default
  parameters), as the township's accounts are; never by hand.
- Five wrong passwords in a row lock the account for 15 minutes (the township's
  laptops lock for one: a county server answers a whole network, so a guesser gets
  fewer tries per hour).  The lock is in the database, so it holds across server
  processes and restarts; ``anju-county account unlock`` lifts it.  A wrong user
  name and a wrong password get the same message, so the form does not tell which
  user names exist; a locked account says so (its owner needs to know why).
- Roles: ``admin`` (县级管理员: everything, full resident ID numbers), ``viewer``
  (县级查看: the overview, drill-down, ledgers and conflicts, IDs masked) and ``desk``
  (12345 热线: the overview and the hotline desk, IDs masked).  What each may do is
  :data:`PERMISSIONS`, checked by every view.
- Accounts are made and unlocked on the command line (``anju-county account``) by
  whoever runs the server: the first account cannot be made in a browser that needs
  an account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.errors import ValidationError
from desktop.store.base import new_id, utcnow
from server.models import CountyAccount

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 10
USERNAME_RE = re.compile(r"^[A-Za-z0-9_-]{3,30}$")

ROLES: dict[str, str] = {"admin": "县级管理员", "viewer": "县级查看", "desk": "12345 热线"}
PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(
        {"overview", "ledgers", "full_ids", "hotline", "devices", "publish", "conflicts"}
    ),
    "viewer": frozenset({"overview", "ledgers", "conflicts"}),
    "desk": frozenset({"overview", "hotline"}),
}

_hasher = PasswordHasher()


@dataclass(frozen=True)
class AccountInfo:
    id: str
    username: str
    display_name: str
    role: str

    @property
    def role_name(self) -> str:
        return ROLES.get(self.role, self.role)

    def may(self, action: str) -> bool:
        return action in PERMISSIONS.get(self.role, frozenset())


def _info(row: CountyAccount) -> AccountInfo:
    return AccountInfo(row.id, row.username, row.display_name, row.role)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError("account_password_short", field="password", length=MIN_PASSWORD)


def create_account(
    session: Session, *, username: str, display_name: str, role: str, password: str
) -> AccountInfo:
    username = username.strip()
    if not USERNAME_RE.match(username):
        raise ValidationError("account_username_invalid", field="username")
    if role not in ROLES:
        raise ValidationError("account_role_unknown", field="role")
    _check_password(password)
    if session.scalar(select(CountyAccount.id).where(CountyAccount.username == username)):
        raise ValidationError("account_username_taken", field="username", username=username)
    row = CountyAccount(
        id=new_id(),
        username=username,
        display_name=display_name.strip() or username,
        role=role,
        password_hash=_hasher.hash(password),
        active=True,
        failed_logins=0,
    )
    session.add(row)
    session.flush()
    return _info(row)


def authenticate(
    session: Session, username: str, password: str, *, now: datetime | None = None
) -> AccountInfo:
    """The account, or a ValidationError: a wrong name or password (the same message),
    a locked account, a disabled one.  Counts wrong passwords and locks after five: the
    caller commits the session even when this raises, or the count is lost."""
    now = now or utcnow()
    row = session.scalar(select(CountyAccount).where(CountyAccount.username == username.strip()))
    if row is None:
        _hasher.hash(password)  # the same work as a real check: no timing tells a name exists
        raise ValidationError("account_bad_login", field="password")
    if row.locked_until is not None and row.locked_until > now:
        minutes = max(1, int((row.locked_until - now).total_seconds() // 60) + 1)
        raise ValidationError("county_account_locked", field="password", minutes=minutes)
    try:
        _hasher.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        row.failed_logins += 1
        if row.failed_logins >= MAX_FAILED_LOGINS:
            row.failed_logins = 0
            row.locked_until = now + LOCKOUT
        session.flush()
        raise ValidationError("account_bad_login", field="password") from None
    if not row.active:
        raise ValidationError("account_inactive", field="username")
    row.failed_logins = 0
    row.locked_until = None
    row.last_login_at = now
    if _hasher.check_needs_rehash(row.password_hash):
        row.password_hash = _hasher.hash(password)
    session.flush()
    return _info(row)


def account(session: Session, account_id: str) -> AccountInfo | None:
    row = session.get(CountyAccount, account_id)
    return None if row is None or not row.active else _info(row)


def _by_name(session: Session, username: str) -> CountyAccount:
    row = session.scalar(select(CountyAccount).where(CountyAccount.username == username))
    if row is None:
        raise ValidationError("account_not_found", field="username", username=username)
    return row


def unlock(session: Session, username: str) -> None:
    row = _by_name(session, username)
    row.failed_logins = 0
    row.locked_until = None


def set_password(session: Session, username: str, password: str) -> None:
    _check_password(password)
    row = _by_name(session, username)
    row.password_hash = _hasher.hash(password)
    row.failed_logins = 0
    row.locked_until = None


def list_accounts(session: Session) -> list[tuple[AccountInfo, bool, datetime | None]]:
    """Every account, whether it is locked now, and when it last signed in."""
    now = utcnow()
    return [
        (_info(r), r.locked_until is not None and r.locked_until > now, r.last_login_at)
        for r in session.scalars(select(CountyAccount).order_by(CountyAccount.username))
    ]
