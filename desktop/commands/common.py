"""What every subcommand shares: opening the database, printing errors and JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import DomainError
from desktop.messages import error_message, message
from desktop.paths import resolve_db_path
from desktop.store.db import make_session_factory
from desktop.store.migrate import StoreError, open_database
from desktop.sync.capture import enable_capture


@dataclass
class Opened:
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]


def store_error_text(error: StoreError) -> str:
    return message(error.code, path=str(error.path), detail=error.detail)


@contextmanager
def opened_db(db: str | None) -> Iterator[Opened]:
    path = resolve_db_path(db)
    result = open_database(path)
    try:
        factory = make_session_factory(result.engine)
        enable_capture(factory)  # headless edits travel to the county like the GUI's
        yield Opened(path, result.engine, factory)
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
    except DomainError as exc:
        return fail(error_message(exc))


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def add_db_argument(parser: Any) -> None:
    """``--db PATH`` on a subcommand too (``anju check --db X`` as well as ``anju --db X check``)."""
    parser.add_argument("--db", default=argparse.SUPPRESS, help="数据库文件路径")
