"""The county's HTTP endpoints (WSGI, served by waitress, which also runs on Windows).

The sync endpoints below and the county workspace (:mod:`server.web`) share one
port: :func:`make_app` routes ``/api/v1/*`` and ``/health`` here, the rest to the
workspace.

``POST /api/v1/sync`` takes a device's package bytes, applies them (or holds
them), and answers with the county's package back to that device: receipts
and the township's changes it lacks.  The same bytes as on a USB stick, the
same import path.  ``GET /api/v1/sync/<device>`` fetches the package back
alone.  Every package answer carries the county's clock (``X-Anju-Time``, UTC)
so a device can tell its user that its own clock is off.  Errors answer JSON
``{"code": ...}`` with 400 (bad package; an empty or missing body, or a Content-Length
that is not a number, is ``package_empty``), 403 (enrolment), 413 (over 256 MB) or 500.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from desktop.sync.errors import EnrolmentError, PackageRejected
from server.county import County

MAX_BODY = 256 * 1024 * 1024
log = logging.getLogger(__name__)

StartResponse = Callable[..., Any]


def _json(start: StartResponse, status: str, body: dict[str, Any]) -> list[bytes]:
    data = json.dumps(body, ensure_ascii=False).encode()
    start(
        status,
        [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(data)))],
    )
    return [data]


def _bytes(start: StartResponse, data: bytes, extra: dict[str, str]) -> list[bytes]:
    headers = [
        ("Content-Type", "application/octet-stream"),
        ("Content-Length", str(len(data))),
        ("X-Anju-Time", datetime.now(UTC).isoformat(timespec="seconds")),
        *[(f"X-Anju-{k}", v) for k, v in extra.items()],
    ]
    start("200 OK", headers)
    return [data]


WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def make_app(county: County, *, web: bool = True, allowed_hosts: Iterable[str] = ()) -> WSGIApp:
    """The county's one WSGI app: sync under ``/api/v1/`` and ``/health``, and (``web``)
    the county workspace (server.web, Django) for every other path, on one port."""
    sync = make_sync_app(county)
    if not web:
        return sync
    from server.web import make_web_app

    site = make_web_app(county, allowed_hosts)

    def app(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        if path == "/health" or path.startswith("/api/"):
            return sync(environ, start)
        return site(environ, start)

    return app


def make_sync_app(county: County) -> WSGIApp:
    def app(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        try:
            if path == "/health":
                return _json(start, "200 OK", {"ok": True})
            if path == "/api/v1/sync" and method == "POST":
                raw = str(environ.get("CONTENT_LENGTH") or "").strip()
                if not raw.isdigit():  # missing, empty or not a number: no package here
                    return _json(start, "400 Bad Request", {"code": "package_empty"})
                length = int(raw)
                if length == 0:
                    return _json(start, "400 Bad Request", {"code": "package_empty"})
                if length > MAX_BODY:
                    return _json(start, "413 Payload Too Large", {"code": "package_too_large"})
                data = environ["wsgi.input"].read(length)
                if len(data) != length:
                    return _json(start, "400 Bad Request", {"code": "package_truncated"})
                result = county.import_package(data)
                back, _ = county.export_for(result.device_id)
                return _bytes(
                    start,
                    back,
                    {
                        "Status": result.status,
                        "Applied": str(result.counts.get("applied", 0)),
                        "Conflicts": str(result.counts.get("conflict", 0)),
                        "Rejected": str(result.counts.get("rejected", 0)),
                        "Missing": ""
                        if result.missing is None
                        else "{}-{}".format(*result.missing),
                    },
                )
            if path.startswith("/api/v1/sync/") and method == "GET":
                back, _ = county.export_for(path.rsplit("/", 1)[-1])
                return _bytes(start, back, {})
            return _json(start, "404 Not Found", {"code": "not_found"})
        except PackageRejected as exc:
            return _json(start, "400 Bad Request", {"code": exc.code, **_params(exc)})
        except EnrolmentError as exc:
            return _json(start, "403 Forbidden", {"code": exc.code, **_params(exc)})
        except Exception:  # the device retries later; the county's log has the detail
            log.exception("sync request failed")
            return _json(start, "500 Internal Server Error", {"code": "server_error"})

    return app


def _params(exc: Any) -> dict[str, Any]:
    return {k: str(v) for k, v in getattr(exc, "params", {}).items()}
