"""Sync with the county (一县一库): change capture, packages, merge, transport.

The design, and why, is in ``docs/sync.md``.  In short:

- capture (:mod:`.capture`) records every edit of a synced row in the outbox in the
  same transaction; a row's first change carries the whole row; derived columns never
  travel and are computed again on every node after each import (:mod:`.derive`);
- the merge (:mod:`.merge`, :mod:`.apply`) is field by field and the same everywhere;
  only the county records conflicts and sends them, so every node holds the same;
- packages (:mod:`.package`, :mod:`.crypto`) are one signed, encrypted file for USB
  and HTTP; keys stay on the laptop (:mod:`.keys`);
- the clock's offset from the county's is measured and corrected (:mod:`.skew`);
- records leave a township only by a county move (:mod:`.scope`).

Wiring: after opening the database, once per session factory, before any write,
call ``desktop.sync.capture.enable_capture(session_factory)``; the app and
``desktop.commands.common.opened_db`` do, and the sync services import
``desktop.services.derived`` so imports compute the derived columns.
"""
