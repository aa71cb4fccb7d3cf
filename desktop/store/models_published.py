"""Rules the county publishes for its townships: a policy override or a holiday table.

Synced like any record, but written only at the county (``anju-county
publish-policy`` / ``publish-holidays``) and carried down in the county's
packages; ``township_code`` None means every township of the county.  Each
publication is a new row (never an edit), so the newest by ``published_at``
is the one in force and the history stays readable.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, Synced, utcnow

KIND_POLICY = "policy_override"
KIND_HOLIDAYS = "holiday_table"


class PublishedRule(Synced, Base):
    __tablename__ = "published_rules"
    kind: Mapped[str] = mapped_column(String(20))  # policy_override / holiday_table
    township_code: Mapped[str | None] = mapped_column(String(12))  # None: whole county
    content: Mapped[str] = mapped_column(Text)  # override TOML, or holiday tables as JSON
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
