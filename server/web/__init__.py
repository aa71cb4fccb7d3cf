"""The county workspace (县级工作台): county staff see their whole county in a browser.

Decisions, and why:

Framework: Django
    A well-kept framework with what a staff workspace needs built in and reviewed
    for years: sessions, CSRF protection, clickjacking and security headers,
    templates with auto-escaping, forms whose errors sit at the field, and Chinese
    (zh-hans) wording of its own messages.  Starlette would need CSRF and form
    handling added from smaller packages; Litestar is ASGI, which would put a second
    server beside waitress.  Django is WSGI: it is served by the same waitress
    server on the same port as sync (``anju-county serve``), and runs the same on
    Windows and Linux.  Its ORM is not used (no ``DATABASES``): the workspace reads
    and writes through SQLAlchemy and the county's own functions, like the CLI.

One port, two applications
    :func:`server.app.make_app` sends ``/api/v1/*`` and ``/health`` to the sync
    handler and everything else to Django; the county object reaches Django's views
    in the WSGI environ (``anju.county``), so several counties can be served by one
    process (the tests do).

Sessions
    Kept in the county database (``county_web_sessions``, :mod:`.sessions`), so
    signing out ends a session everywhere and a restart keeps people signed in; the
    cookie holds only a random key (HttpOnly, SameSite=Lax, eight hours).  The
    signing key is made once per county and kept in ``county_settings``.

Accounts and roles
    :mod:`server.accounts` (Argon2id, lockout after five wrong passwords).  Every
    view names what it needs (``@requires("publish")``); a missing right is a 403
    page in Chinese.  Resident ID numbers are masked (first 6, last 4) unless the
    role may see them in full (the county administrator).

Binding
    127.0.0.1 unless ``--host`` says otherwise; Django's allowed hosts are the
    loopback names plus the host given (``--allowed-host`` adds names a reverse proxy
    uses).  Serve it to the county's network only behind HTTPS.

Pages (all in Chinese): 总览 (figures per township, drill-down to site, grid and
household, the monthly trend), 台账 (the township's ledgers for one township or
the county), 12345 热线 (hand a request to a township; its state as the township
works it; overdue ones), 设备 (laptops, enrolment files, revocation), 发布 (policy
overrides and holiday tables, and which laptops have them), 冲突 (open conflicts).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable
from typing import Any

from server.county import County, _get, _set

K_WEB_SECRET = "web_secret"
ENVIRON_KEY = "anju.county"
_setup_lock = threading.Lock()
_configured = False
_extra_hosts: set[str] = set()

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _secret(county: County) -> str:
    with county.sessions.begin() as s:
        value = _get(s, K_WEB_SECRET)
        if value is None:
            value = secrets.token_urlsafe(48)
            _set(s, K_WEB_SECRET, value)
        return value


def configure(county: County, allowed_hosts: Iterable[str] = ()) -> None:
    """Configure Django once per process (the first county's signing key)."""
    global _configured
    with _setup_lock:
        _extra_hosts.update(h for h in allowed_hosts if h)
        if _configured:
            from django.conf import settings

            settings.ALLOWED_HOSTS = sorted({*settings.ALLOWED_HOSTS, *_extra_hosts})
            return
        import django
        from django.conf import settings

        settings.configure(
            DEBUG=False,
            SECRET_KEY=_secret(county),
            ALLOWED_HOSTS=sorted({"127.0.0.1", "localhost", "[::1]", *_extra_hosts}),
            ROOT_URLCONF="server.web.urls",
            INSTALLED_APPS=["django.contrib.messages", "server.web"],
            MIDDLEWARE=[
                "django.middleware.security.SecurityMiddleware",
                "django.contrib.sessions.middleware.SessionMiddleware",
                "django.middleware.common.CommonMiddleware",
                "django.middleware.csrf.CsrfViewMiddleware",
                "django.contrib.messages.middleware.MessageMiddleware",
                "django.middleware.clickjacking.XFrameOptionsMiddleware",
                "server.web.views.AccountMiddleware",
            ],
            TEMPLATES=[
                {
                    "BACKEND": "django.template.backends.django.DjangoTemplates",
                    "APP_DIRS": True,
                    "OPTIONS": {
                        "context_processors": [
                            "django.template.context_processors.request",
                            "django.template.context_processors.csrf",
                            "django.contrib.messages.context_processors.messages",
                            "server.web.views.workspace_context",
                        ]
                    },
                }
            ],
            DATABASES={},
            SESSION_ENGINE="server.web.sessions",
            SESSION_COOKIE_NAME="anju_county_session",
            SESSION_COOKIE_AGE=8 * 3600,
            SESSION_COOKIE_HTTPONLY=True,
            SESSION_COOKIE_SAMESITE="Lax",
            SESSION_SAVE_EVERY_REQUEST=False,
            CSRF_COOKIE_HTTPONLY=True,
            CSRF_FAILURE_VIEW="server.web.views.csrf_failure",
            MESSAGE_STORAGE="django.contrib.messages.storage.session.SessionStorage",
            X_FRAME_OPTIONS="DENY",
            SECURE_CONTENT_TYPE_NOSNIFF=True,
            SECURE_REFERRER_POLICY="same-origin",
            LANGUAGE_CODE="zh-hans",
            USE_I18N=True,
            TIME_ZONE="Asia/Shanghai",
            USE_TZ=True,
            DATA_UPLOAD_MAX_MEMORY_SIZE=2 * 1024 * 1024,
            FILE_UPLOAD_MAX_MEMORY_SIZE=2 * 1024 * 1024,
            LOGGING_CONFIG=None,
        )
        django.setup()
        _configured = True


def make_web_app(county: County, allowed_hosts: Iterable[str] = ()) -> WSGIApp:
    """The workspace as a WSGI app bound to ``county``."""
    configure(county, allowed_hosts)
    from django.core.handlers.wsgi import WSGIHandler

    from server.web.sessions import CURRENT

    handler = WSGIHandler()

    def app(environ: dict[str, Any], start: Callable[..., Any]) -> Iterable[bytes]:
        environ[ENVIRON_KEY] = county
        token = CURRENT.set(county)
        try:
            return handler(environ, start)
        finally:
            CURRENT.reset(token)

    return app
