"""The device's private keys: a key file beside the database, readable by its owner only.

Kept out of the database on purpose: the backups made before each migration
(``VACUUM INTO``) and any copy of the database handed to someone for support
carry no private key, so a copied database cannot speak for the device.  The
file is written to a temporary name, flushed, fsynced and renamed, mode 0600
(on Windows the file inherits the user profile's permissions).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from desktop.sync.crypto import KeyPair


def keys_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keys")


def load_keys(path: Path) -> KeyPair | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return KeyPair.from_private_dict(data)


def save_keys(path: Path, keys: KeyPair) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, json.dumps(keys.private_dict()).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    os.chmod(path, 0o600)


def load_or_create_keys(path: Path) -> KeyPair:
    keys = load_keys(path)
    if keys is None:
        keys = KeyPair.generate()
        save_keys(path, keys)
    return keys
