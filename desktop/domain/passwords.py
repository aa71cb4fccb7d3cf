"""What a password of a real township must be, and how long a run of wrong ones locks an account.

Decisions, and why:

- **At least 8 characters, and not a common one.**  A six-digit ``111111`` was
  accepted; with the old one-minute lock that is guessed within a day.  We follow
  NIST SP 800-63B rather than composition rules (one capital, one digit...): a
  minimum length and a refusal of what attackers try first, listed in
  ``resources/passwords/common.txt`` (top leaked passwords, the Chinese lists
  included, and the words a township office would pick: ``anju2026``,
  ``wangge123``), plus rules for what no list holds: one character repeated,
  a run of digits or letters (``13579`` is not, ``456789`` is), and the user
  name with only digits or signs around it (``wangli2026`` for ``wangli``).
- **Demo accounts keep their simple, printed password only in a demo database**:
  the services skip the common-password rule there, nowhere else.
- **Lockout grows.**  Every fifth wrong password in a row locks the account, for
  1 minute, then 5, 30, 2 hours, 8 hours and from then on 24 hours; only a
  right password (or an administrator) starts the count again.  An online
  guesser gets about 30 tries on the first day and 5 a day after, instead of
  7 200.  The idle-lock screen counts the same tries.
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from desktop.resources import resource_path

MIN_PASSWORD_LENGTH = 8
TRIES_PER_LOCK = 5
LOCKOUTS: tuple[timedelta, ...] = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=8),
    timedelta(hours=24),
)

_RUNS = "0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm"


@cache
def common_passwords() -> frozenset[str]:
    path = resource_path("passwords", "common.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def _is_run(text: str) -> bool:
    """One character repeated, or a straight run up or down a row of digits or letters."""
    if len(set(text)) == 1:
        return True
    return any(text in row or text in row[::-1] for row in _RUNS)


def password_problem(password: str, *, username: str = "", check_common: bool = True) -> str | None:
    """The message code of what is wrong with a new password, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "password_too_short"
    if not check_common:
        return None
    lowered = password.lower()
    if lowered in common_passwords() or _is_run(lowered):
        return "password_common"
    name = username.strip().lower()
    letters = "".join(ch for ch in lowered if ch.isalpha())
    if name and (lowered == name or letters == name):
        return "password_has_username"  # admin123, wangli-2026
    return None


def lockout_after(failed_in_a_row: int) -> timedelta | None:
    """How long the account locks after this many wrong passwords in a row (None: no lock)."""
    if failed_in_a_row <= 0 or failed_in_a_row % TRIES_PER_LOCK:
        return None
    index = failed_in_a_row // TRIES_PER_LOCK - 1
    return LOCKOUTS[min(index, len(LOCKOUTS) - 1)]
