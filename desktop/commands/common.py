"""What every subcommand shares: opening the database, acting as an account, printing errors.

Decisions, and why:

- **The command line acts as an account.**  A command that reads residents'
  data or writes asks who is running it: ``--user NAME`` (or ``ANJU_USER``),
  with the password typed at a prompt (or, for a script, in ``ANJU_PASSWORD``).
  It then has exactly that account's rights (a grid member exports only their
  grids, a viewer writes nothing, only an administrator changes settings), the
  login counts toward the lockout like the login window's, and what it does is
  credited to that account and written in the audit log.  There is no built-in
  account any more: the old ``system`` actor let ``anju export --kind
  persons`` dump the whole township without a password.
- **One exception: a database with no account yet.**  A workstation enrolled
  from the county's file has no account until the first package brings them;
  until then ``sync export/import/now`` run without one (there is nobody to ask
  for), as the setup wizard does in the GUI.
- **A missing database is not created** by a mistyped ``--db``: only ``anju
  demo`` and ``anju enroll`` (and the GUI's first start) make a new one; every
  other command says the file is not there.
- **A damaged file is not written to.**  Before a command that writes,
  ``PRAGMA quick_check`` must pass (see :mod:`desktop.store.migrate`).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import DomainError, PermissionDenied
from desktop.errorlog import log_unexpected, unexpected_code
from desktop.messages import error_message, message
from desktop.paths import resolve_db_path
from desktop.services import auth
from desktop.services.actor import Actor
from desktop.store.db import make_session_factory
from desktop.store.migrate import StoreError, open_database
from desktop.store.models import User
from desktop.sync.capture import enable_capture

USER_ENV = "ANJU_USER"
PASSWORD_ENV = "ANJU_PASSWORD"


class AccountNeeded(DomainError):
    """A command that reads residents' data or writes was run without ``--user``."""

    code = "cli_account_needed"


class PasswordNeeded(DomainError):
    """No terminal to type the password at and no ``ANJU_PASSWORD``."""

    code = "cli_password_needed"


@dataclass
class Opened:
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    actor: Actor | None

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise AccountNeeded()
        return self.actor


def store_error_text(error: StoreError) -> str:
    return message(error.code, **error.message_params())


def _username(args: Any) -> str:
    return (getattr(args, "user", None) or os.environ.get(USER_ENV, "")).strip()


def _password(username: str) -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    if sys.stdin is None or not sys.stdin.isatty():
        raise PasswordNeeded(user=username)
    return getpass.getpass(f"账号 {username} 的密码：")


def _has_accounts(factory: sessionmaker[Session]) -> bool:
    with factory.begin() as s:
        return bool(s.scalar(select(func.count()).select_from(User).where(User.deleted.is_(False))))


def log_in(factory: sessionmaker[Session], username: str, password: str) -> Actor:
    """One login in its own transaction, committed even when it fails (counter, audit)."""
    failure: auth.LoginFailed | None = None
    with factory.begin() as s:
        try:
            actor = auth.login(s, username, password, via="cli")
        except auth.LoginFailed as exc:
            failure = exc
    if failure is not None:
        raise failure
    return actor


@contextmanager
def opened_db(
    args: Any,
    *,
    create: bool = False,
    account: bool = True,
    write: bool = True,
    without_accounts: bool = False,
) -> Iterator[Opened]:
    """Open the database of ``args.db`` and log in as ``--user``.

    ``create``: a missing file becomes a new database (``demo``, ``enroll``);
    ``account``: the command needs an account (``without_accounts``: unless the
    database has none yet); ``write``: the command writes, so the file is checked
    first (``PRAGMA quick_check``).
    """
    db = args if isinstance(args, str | None) else getattr(args, "db", None)
    path = resolve_db_path(db)
    result = open_database(path, create=create, check=write)
    try:
        factory = make_session_factory(result.engine)
        enable_capture(factory)  # headless edits travel to the county like the GUI's
        actor: Actor | None = None
        if account and not (without_accounts and not _has_accounts(factory)):
            username = "" if isinstance(args, str | None) else _username(args)
            if not username:
                raise AccountNeeded()
            actor = log_in(factory, username, _password(username))
        yield Opened(path, result.engine, factory, actor)
    finally:
        result.engine.dispose()


def fail(text: str) -> int:
    print(f"错误：{text}", file=sys.stderr)
    return 1


def run_guarded(func: Any, args: Any) -> int:
    """Run a command, turning known errors into a Chinese message and exit code."""
    try:
        return int(func(args) or 0)
    except StoreError as exc:
        return fail(store_error_text(exc))
    except PermissionDenied as exc:
        return fail(error_message(exc))
    except DomainError as exc:
        return fail(error_message(exc))
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        # no traceback on the terminal: it would show residents' data (desktop.errorlog)
        db = getattr(args, "db", None)
        log = log_unexpected(exc, db_path=resolve_db_path(db))
        code = unexpected_code(exc)
        return fail(message(code, kind=type(exc).__name__, log=str(log or "（无法写入日志）")))


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def add_db_argument(parser: Any) -> None:
    """``--db PATH`` on a subcommand too (``anju check --db X`` as well as ``anju --db X check``),
    and ``--user NAME``, the account the command acts as."""
    parser.add_argument("--db", default=argparse.SUPPRESS, help="数据库文件路径")
    parser.add_argument(
        "--user",
        default=argparse.SUPPRESS,
        help=f"以哪个账号执行（也可用环境变量 {USER_ENV}；密码在提示时输入，"
        f"或放在环境变量 {PASSWORD_ENV} 中）",
    )
