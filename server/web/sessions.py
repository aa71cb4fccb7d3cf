"""Django sessions kept in the county database (``county_web_sessions``).

The county of the request being served is set by :func:`server.web.make_web_app`
in :data:`CURRENT`; Django makes a session store without the request, so this is
how the store finds its database.
"""

from __future__ import annotations

import contextvars
from datetime import timedelta
from typing import Any

from django.contrib.sessions.backends.base import CreateError, SessionBase
from sqlalchemy import delete, select

from desktop.store.base import utcnow
from server.county import County
from server.models import CountyWebSession

CURRENT: contextvars.ContextVar[County] = contextvars.ContextVar("anju_county")


class SessionStore(SessionBase):
    def _county(self) -> County:
        return CURRENT.get()

    def load(self) -> dict[str, Any]:
        key = self.session_key
        if key is None:
            return {}
        with self._county().sessions.begin() as s:
            row = s.get(CountyWebSession, key)
            if row is None or row.expire_at <= utcnow():
                self._session_key = None
                return {}
            return dict(self.decode(row.data))

    def exists(self, session_key: str) -> bool:
        with self._county().sessions.begin() as s:
            return (
                s.scalar(select(CountyWebSession.key).where(CountyWebSession.key == session_key))
                is not None
            )

    def create(self) -> None:
        while True:
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            self.create()
            return
        data = self.encode(self._get_session(no_load=must_create))
        expire = utcnow() + timedelta(seconds=self.get_expiry_age())
        with self._county().sessions.begin() as s:
            row = s.get(CountyWebSession, self.session_key)
            if row is not None and must_create:
                raise CreateError
            if row is None:
                s.add(CountyWebSession(key=self.session_key, data=data, expire_at=expire))
            else:
                row.data, row.expire_at = data, expire
            s.execute(delete(CountyWebSession).where(CountyWebSession.expire_at <= utcnow()))

    def delete(self, session_key: str | None = None) -> None:
        key = session_key or self.session_key
        if key is None:
            return
        with self._county().sessions.begin() as s:
            s.execute(delete(CountyWebSession).where(CountyWebSession.key == key))

    @classmethod
    def clear_expired(cls) -> None:
        with CURRENT.get().sessions.begin() as s:
            s.execute(delete(CountyWebSession).where(CountyWebSession.expire_at <= utcnow()))
