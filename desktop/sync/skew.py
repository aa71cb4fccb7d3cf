"""How far this computer's clock is off the county's, and putting that right.

The offset (this clock minus the county's, in seconds) is kept in the ``settings``
table and put into force for the process by
:func:`desktop.store.base.set_clock_offset`, so every time the program writes (step
times, received times, deadlines, change stamps) comes from the corrected clock.
HTTP measures it on every exchange (``desktop.services.sync``); a package carried
by hand bounds it (:func:`from_package`).  The user is still told to set the
computer's clock right (the Sync page, ``anju sync``).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.store.base import set_clock_offset, utcnow
from desktop.store.models import Setting
from desktop.sync.package import Package

K_CLOCK_OFFSET = "clock_offset_seconds"  # this computer's clock minus the county's
K_NOTE_SEEN = "clock_note_seen"  # the last package of ours whose clock note was used
CLOCK_TOLERANCE_S = 5 * 60  # what a USB round trip can tell apart from carrying time


def _get(session: Session) -> str | None:
    row = session.get(Setting, K_CLOCK_OFFSET)
    return row.value if row else None


def _put(session: Session, offset: float) -> None:
    text = f"{offset:.3f}"
    row = session.get(Setting, K_CLOCK_OFFSET)
    if row is None:
        session.add(Setting(key=K_CLOCK_OFFSET, value=text))
    else:
        row.value = text
    set_clock_offset(offset)


def load_clock_offset(session: Session) -> float:
    """Put the offset last measured into force for this process (at start-up)."""
    raw = _get(session)
    offset = float(raw) if raw else 0.0
    set_clock_offset(offset)
    return offset


def adjust_clock(session: Session, residual: float) -> float:
    """This computer's clock was found ``residual`` seconds off the county's after the
    correction in force: correct by that much more.  Returns the whole offset."""
    raw = _get(session)
    offset = (float(raw) if raw else 0.0) + residual
    _put(session, offset)
    return offset


def from_package(session: Session, package: Package) -> None:
    """What a county package carried by hand says of this computer's clock.

    The county wrote it at ``created`` by its clock, so "now" here cannot be earlier:
    if it is, by more than :data:`CLOCK_TOLERANCE_S`, this clock is behind by at least
    that.  The county also says how far our last package was dated after it arrived
    (``clock.ahead`` of our package ending at ``clock.of``, used once): our clock runs
    ahead by at least that, though never so far that "now" would fall before this
    package was written.  Over HTTP the exact offset is
    measured instead (``desktop.services.sync``)."""
    if package.created is None:
        return
    lead = (utcnow() - package.created).total_seconds()  # >= 0 with a right clock
    if lead < -CLOCK_TOLERANCE_S:
        adjust_clock(session, lead)
        return
    note = package.clock or {}
    ahead, of = float(note.get("ahead") or 0), int(note.get("of") or 0)
    seen = session.get(Setting, K_NOTE_SEEN)
    if of <= (int(seen.value) if seen else 0):
        return  # already used (the county says it again until our next package)
    if seen is None:
        session.add(Setting(key=K_NOTE_SEEN, value=str(of)))
    else:
        seen.value = str(of)
    if ahead > CLOCK_TOLERANCE_S:
        adjust_clock(session, min(ahead, lead))
