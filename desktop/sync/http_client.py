"""Send a package to the county over HTTP and get its package back.

The standard library's ``urllib`` is enough: one POST of bytes.  A transfer cut
off halfway is simply repeated: the county applies nothing twice and the
device's next export carries everything not yet acknowledged.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import UTC, datetime

from desktop.sync.errors import EnrolmentError, PackageRejected, TransferError

TIMEOUT_S = 60.0


def exchange(server_url: str, data: bytes, *, timeout: float = TIMEOUT_S) -> bytes:
    return exchange_timed(server_url, data, timeout=timeout)[0]


def exchange_timed(
    server_url: str, data: bytes, *, timeout: float = TIMEOUT_S
) -> tuple[bytes, datetime | None]:
    """The county's package back, and the county's clock when it answered (its
    ``X-Anju-Time`` header, UTC; None from a server too old to send it)."""
    url = server_url.rstrip("/") + "/api/v1/sync"
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/octet-stream"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bytes(response.read()), _server_time(response.headers.get("X-Anju-Time"))
    except urllib.error.HTTPError as exc:
        try:
            body = json.loads(exc.read() or b"{}")
        except ValueError:
            body = {}
        code = str(body.get("code", ""))
        if exc.code == 400 and code.startswith("package_"):
            raise PackageRejected(code) from exc
        if exc.code == 403 and code:
            raise EnrolmentError(code) from exc
        raise TransferError("server_error", detail=f"HTTP {exc.code} {code}".strip()) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise TransferError("server_unreachable", url=server_url, detail=str(reason)) from exc


def _server_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
