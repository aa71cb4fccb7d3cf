"""Sync with the county (一县一库): change capture, packages, merge, transport.

Decisions, and why:

Capture (:mod:`.capture`)
    An ``after_flush`` hook, installed explicitly on a session factory with
    ``install_capture(session_factory, device_id=ensure_device_id(session))``,
    records each insert, update and tombstone of a synced row in ``changes``
    inside the same transaction: gap-free per-device ``seq`` (max + 1 read in
    the writing transaction; the ``(device_id, seq)`` unique key refuses a
    racing second writer), a hybrid logical clock stamp (:mod:`.hlc`), the
    user (``updated_by``), and per changed column ``[new, replaced]``.  A hard
    ``session.delete`` of a synced row travels as a tombstone.  Rows written by
    Core bulk inserts bypass the hook; :func:`.capture.capture_baseline`, run by
    every export, records an insert for every synced row that has no change
    yet, so the first export carries a full snapshot.  Core UPDATE/DELETE of a
    synced table is not captured: do not use it.

Streams and positions
    The county is the hub.  A device's stream is its own changes by ``seq``; the
    county's stream to a device is its log by ``pos`` (imports are serialised,
    so positions follow commit order), filtered to the device's township and
    never echoing the device's own changes.  Each side remembers how far it
    applied the other's stream and how far the other acknowledged its own
    (``sync_peers`` here, ``county_devices`` there).  A package covers
    ``first..last`` of the sender's stream and acknowledges the recipient's.
    Every export starts after the last acknowledged position, so a lost stick
    is replaced by exporting again; a replayed package applies nothing; a
    package starting after a gap is held (verified) and the missing range
    named, then applied when the gap is filled.  Because everything passes
    through the county in order, a change that depends on another always
    arrives after it.

Merge (:mod:`.merge`, :mod:`.apply`)
    Field by field with the replaced value as the base; the same rules run on
    the device (over its tables) and on the county (over its JSON records), so
    all converge.  Concurrent values: later (HLC, device) stands, a work
    order's status by lifecycle stage; the other is kept in ``sync_conflicts``
    (base, both values, devices, users, stamps), under an id derived from the
    two changes so every node records the same conflict.  An edit racing a
    delete and one resident ID on two persons are conflicts of their own kind.
    :func:`.audit.audit` checks that every value anyone wrote is current,
    knowingly replaced, an earlier lifecycle stage, or kept in a conflict.
    Received changes are written with Core statements, so capture never
    re-records them, and are stored in ``changes`` under their origin device.

Packages (:mod:`.package`, :mod:`.crypto`)
    One file, one format for USB and HTTP: clear header (ids and numbers only:
    sender, recipient, range, schema version, cipher-suite number), payload
    compressed and encrypted to the recipient (X25519 + HKDF-SHA256 +
    AES-256-GCM, header as associated data), Ed25519 signature over all of it.
    Checked before anything is decrypted; decrypted whole before anything is
    applied; applied in one transaction with positions, receipts and the log.
    File names are random.

Photos (:mod:`.photos`)
    A package carries the photos its changes name, by the SHA-256 name of the
    JPEG bytes; the receiver checks bytes against name and skips what it has.

Keys (:mod:`.keys`)
    Private keys never leave the device: a ``<database>.keys`` file beside the
    database, mode 0600, so database backups and copies carry no key.  The
    county keeps its keys in its own database.

Enrolment
    ``anju-county enroll`` writes a file with the county's public keys, the
    server address, the township and a single-use token (the county stores only
    its hash).  The device's first packages carry the token and the device's
    public keys in the signed header; the county registers the device on the
    first such package for the right township and refuses the token afterwards.
    A device enrolled on an empty database becomes that township's and gets its
    records from the county's first package.

Wiring (what the application must call)
    After opening the database, once per session factory, before any write:
    ``desktop.sync.capture.enable_capture(session_factory)`` (it makes the device
    id if there is none and returns a handle whose ``remove()`` undoes it).
    ``desktop/app.py`` and ``desktop.commands.common.opened_db`` should both do
    it; the sync commands do it themselves.  Without it, edits made through the
    ORM after a row's first change are not sent (the baseline only covers rows
    that never had a change).

County publications (``desktop.store.models_published``)
    ``anju-county publish-policy --township CODE|--all FILE.toml`` and
    ``publish-holidays FILE`` check the file first (:mod:`server.publish`: the
    override must merge over every bundled profile with known keys and values of
    the right kind; a holiday file must parse) and refuse a bad one in Chinese
    with nothing published.  A publication is a new ``published_rules`` record
    originated at the county (township None: the whole county, relayed to every
    township like a county-level area) and reaches the devices in their next
    package.  On the device, ``township.policy`` reads the newest override in
    force (a local override wins only when set later, by ``policy_override_at``);
    after each import, ``services.sync.apply_published`` merges the holiday
    tables published since the last one into the work orders' calendar and
    recomputes open provisional deadlines, as a manual load does.

Device clock
    Work-order events and deadlines use the device's clock, so the county's
    HTTP answer carries its UTC time (``X-Anju-Time``); ``sync_now`` compares it
    with the middle of the exchange by the device's clock, keeps the offset in
    the ``clock_offset_seconds`` setting, and the Sync page and ``anju sync now``
    warn when it exceeds five minutes.  Over USB nothing is compared: a
    package's creation time says when it was written, not what time it is now.

Speed
    An import merges a chunk of 500 changes in memory (rows and stamps read
    with a few ``IN`` queries) and writes it with ``executemany``, on the device
    and on the county; ``tests/bench/bench_sync.py`` measures it against raw
    ``sqlite3.executemany`` of the same rows.

Open forms (:func:`.capture.mark_shown`)
    A form passes what it showed when it opened.  On save, a field left as
    shown keeps what stands now (a sync may have changed it meanwhile); a
    field changed both here and meanwhile is written as replacing the value
    the user saw, so every node sees two concurrent edits, and capture keeps
    the overwritten value in a conflict record with the id the merge gives it
    elsewhere.

Scope (:mod:`.scope`, ``server/relocate.py``)
    Records belong to a township (the county keeps it per record).  The only
    way out is a move made at the county (``anju-county relocate``): the
    household and what belongs to it reach the new township as ``snapshot``
    entries carrying the county's field stamps, and the old township's devices
    receive ``evict`` entries and delete the rows once none of them has an edit
    of their own the county has not acknowledged.  Those late edits are
    accepted from the township the record left and relayed to the new one.
    Area keys are made from their codes, so every township's set-up makes the
    same county area.

Known limits
    A move takes a household's closed work orders with it; open ones must be
    finished or transferred first.  References from the moving records to the
    old township's accounts and grids (the visitor on a visit, the handler of
    an order) are cleared; the county's change log keeps who did what.
"""
