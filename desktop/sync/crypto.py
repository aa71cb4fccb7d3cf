"""Package sealing: encrypted to the recipient, signed by the sender.

Cipher suite 1: an ephemeral X25519 key agreed with the recipient's X25519 key,
HKDF-SHA256 to a 256-bit key, AES-256-GCM over the compressed payload with the
header as associated data; Ed25519 signs every byte before the signature.  The
suite number sits in the header so that a national-standard suite (SM2/SM3/SM4)
can be added as suite 2 without a new file format.

Layout: ``MAGIC | header length (4 bytes, big-endian) | header (JSON) |
ciphertext | signature (64 bytes)``.  The header says how long the ciphertext
is, so a truncated file is told apart from a damaged one.  Opening checks, in
order: format and length, suite, sender known and not revoked, signature,
recipient, schema version, and only then decrypts, all of it, in memory.
"""

from __future__ import annotations

import base64
import json
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.sync.errors import PackageRejected

MAGIC = b"ANJUSYNC"
SUITE_X25519_AESGCM_ED25519 = 1
SUPPORTED_SUITES = frozenset({SUITE_X25519_AESGCM_ED25519})
SIGNATURE_SIZE = 64
MAX_HEADER = 64 * 1024
KDF_INFO = b"anju sync package, suite 1"

RAW = serialization.Encoding.Raw
RAW_PUB = serialization.PublicFormat.Raw
RAW_PRIV = serialization.PrivateFormat.Raw
NO_ENC = serialization.NoEncryption()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class KeyPair:
    """A node's two private keys: one signs, one receives."""

    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    @classmethod
    def generate(cls) -> KeyPair:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @property
    def sign_public(self) -> str:
        return b64(self.sign.public_key().public_bytes(RAW, RAW_PUB))

    @property
    def box_public(self) -> str:
        return b64(self.box.public_key().public_bytes(RAW, RAW_PUB))

    def private_dict(self) -> dict[str, str]:
        return {
            "sign": b64(self.sign.private_bytes(RAW, RAW_PRIV, NO_ENC)),
            "box": b64(self.box.private_bytes(RAW, RAW_PRIV, NO_ENC)),
        }

    @classmethod
    def from_private_dict(cls, data: dict[str, str]) -> KeyPair:
        return cls(
            Ed25519PrivateKey.from_private_bytes(unb64(data["sign"])),
            X25519PrivateKey.from_private_bytes(unb64(data["box"])),
        )


@dataclass(frozen=True)
class PeerKey:
    """What a node knows of another: its public keys and whether it was revoked."""

    node_id: str
    sign_public: str
    box_public: str
    revoked: bool = False


def _derive(shared: bytes, eph_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=eph_public + recipient_public, info=KDF_INFO
    ).derive(shared)


def seal(keys: KeyPair, recipient_box_public: str, header: dict[str, Any], payload: Any) -> bytes:
    """Compress, encrypt to the recipient, sign.  ``header`` travels in clear (no names
    of people or places in it: ids and numbers only)."""
    recipient = X25519PublicKey.from_public_bytes(unb64(recipient_box_public))
    ephemeral = X25519PrivateKey.generate()
    eph_public = ephemeral.public_key().public_bytes(RAW, RAW_PUB)
    key = _derive(ephemeral.exchange(recipient), eph_public, unb64(recipient_box_public))
    nonce = os.urandom(12)
    plain = zlib.compress(
        json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode(), 6
    )
    ct_len = len(plain) + 16
    full_header = {
        **header,
        "suite": SUITE_X25519_AESGCM_ED25519,
        "eph": b64(eph_public),
        "nonce": b64(nonce),
        "size": ct_len,
    }
    head = json.dumps(full_header, separators=(",", ":"), sort_keys=True).encode()
    prefix = MAGIC + struct.pack(">I", len(head)) + head
    ciphertext = AESGCM(key).encrypt(nonce, plain, prefix)
    body = prefix + ciphertext
    return body + keys.sign.sign(body)


def read_header(data: bytes) -> tuple[dict[str, Any], int]:
    """The clear header and where it ends; checks format and length only."""
    if len(data) < len(MAGIC) or data[: len(MAGIC)] != MAGIC:
        if MAGIC.startswith(data[: len(MAGIC)]):
            raise PackageRejected("package_truncated")
        raise PackageRejected("package_not_a_package")
    if len(data) < len(MAGIC) + 4:
        raise PackageRejected("package_truncated")
    (hlen,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    if hlen > MAX_HEADER:
        raise PackageRejected("package_corrupt")
    end = len(MAGIC) + 4 + hlen
    if len(data) < end:
        raise PackageRejected("package_truncated")
    try:
        header = json.loads(data[len(MAGIC) + 4 : end])
        size = int(header["size"])
    except (ValueError, KeyError, TypeError):
        raise PackageRejected("package_corrupt") from None
    if not isinstance(header, dict):
        raise PackageRejected("package_corrupt")
    if len(data) < end + size + SIGNATURE_SIZE:
        raise PackageRejected("package_truncated")
    if len(data) > end + size + SIGNATURE_SIZE:
        raise PackageRejected("package_corrupt")
    return header, end


def open_sealed(
    data: bytes,
    *,
    my_id: str,
    my_keys: KeyPair,
    sender_key: Callable[[str], PeerKey | None],
    schema_version: int,
) -> tuple[dict[str, Any], Any]:
    """Check everything, then decrypt the whole payload.  Raises :class:`PackageRejected`."""
    header, end = read_header(data)
    if header.get("suite") not in SUPPORTED_SUITES:
        raise PackageRejected("package_unknown_suite", suite=header.get("suite"))
    sender = sender_key(str(header.get("sender")))
    if sender is None:
        raise PackageRejected("package_unknown_sender")
    if sender.revoked:
        raise PackageRejected("package_revoked_sender")
    body, signature = data[:-SIGNATURE_SIZE], data[-SIGNATURE_SIZE:]
    try:
        Ed25519PublicKey.from_public_bytes(unb64(sender.sign_public)).verify(signature, body)
    except (InvalidSignature, ValueError):
        raise PackageRejected("package_corrupt") from None
    if header.get("recipient") != my_id:
        raise PackageRejected("package_wrong_recipient")
    if int(header.get("schema", 0)) > schema_version:
        raise PackageRejected("package_newer_schema", version=header.get("schema"))
    try:
        eph_public = unb64(header["eph"])
        my_public = my_keys.box.public_key().public_bytes(RAW, RAW_PUB)
        shared = my_keys.box.exchange(X25519PublicKey.from_public_bytes(eph_public))
        key = _derive(shared, eph_public, my_public)
        plain = AESGCM(key).decrypt(unb64(header["nonce"]), data[end:-SIGNATURE_SIZE], data[:end])
        payload = json.loads(zlib.decompress(plain))
    except (InvalidTag, ValueError, KeyError, zlib.error):
        raise PackageRejected("package_corrupt") from None
    return header, payload
