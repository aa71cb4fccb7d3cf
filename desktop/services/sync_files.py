"""The name a sync package is written under on the USB stick.

``433127100-20261204-1530-3f9a2c1b.anjupkg``: the township's code (GB/T 2260,
the code the county files townships by) and the China-time moment of the
export, so a person holding three sticks at the county knows whose each file
is and which is newest, and eight random hex digits so two exports in one
minute never collide.

Decisions, and why: the code rather than the township's name.  A package
names no person, household or place in words (a stick found in the street
tells nothing readable); the code says no more than the county's own
filing, and the Sync page says the township's name beside the file anyway.
"""

from __future__ import annotations

import re
import secrets

from sqlalchemy.orm import Session

from desktop.domain.sla import CHINA_TZ
from desktop.services import township
from desktop.services.clock import Clock, system_clock
from desktop.sync.package import SUFFIX

# characters Windows refuses in a file name, and spaces (awkward on a command line)
_UNSAFE = re.compile(r'[<>:"/\\|?*\s\x00-\x1f]+')


def package_file_name(session: Session, *, clock: Clock = system_clock) -> str:
    info = township.township_info(session)
    place = _UNSAFE.sub("", info.township_code) if info is not None else ""
    stamp = clock.now().astimezone(CHINA_TZ).strftime("%Y%m%d-%H%M")
    token = secrets.token_hex(4)
    return "-".join(part for part in (place or "anju", stamp, token) if part) + SUFFIX
