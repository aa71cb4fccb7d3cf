"""Send a package to the county over HTTP and get its package back.

The standard library's ``urllib`` is enough: one POST of bytes.  A transfer cut
off halfway is simply repeated: the county applies nothing twice and the
device's next export carries everything not yet acknowledged.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from desktop.sync.errors import EnrolmentError, PackageRejected, TransferError

TIMEOUT_S = 60.0


def exchange(server_url: str, data: bytes, *, timeout: float = TIMEOUT_S) -> bytes:
    url = server_url.rstrip("/") + "/api/v1/sync"
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/octet-stream"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bytes(response.read())
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
