"""Derived columns are computed again on every node after an import.

A derived column (``info=DERIVED`` in the models: search keys, member counts,
head names, deadlines, escalation levels) is a function of other records.  It
never travels in a package and is never merged, so it can never be the subject
of a conflict; instead each node computes it from what it holds, right after a
package is applied, inside the same transaction.

The computations belong to the services that own the records (they need the
policy profile and the working calendar); they register here with
:func:`register` when their module is imported, and :func:`run` calls them all
with the rows the import wrote.  ``touched`` names, per table, the rows a
package changed and every row one of those changes refers to, before and after
(a person moved from one household to another touches both households).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from sqlalchemy.orm import Session

from desktop.sync.merge import ChangeData
from desktop.sync.values import synced_tables

Touched = dict[str, set[str]]
Deriver = Callable[[Session, Mapping[str, set[str]]], None]

_DERIVERS: dict[str, Deriver] = {}


def register(name: str) -> Callable[[Deriver], Deriver]:
    """Register a computation of derived columns under a unique name."""

    def wrap(fn: Deriver) -> Deriver:
        _DERIVERS[name] = fn
        return fn

    return wrap


def registered() -> frozenset[str]:
    return frozenset(_DERIVERS)


def _references() -> dict[str, list[tuple[str, str]]]:
    if not _REFS:
        tables = synced_tables()
        for name, table in tables.items():
            for column in table.columns:
                for fk in column.foreign_keys:
                    if fk.column.table.name in tables:
                        _REFS.setdefault(name, []).append((column.name, fk.column.table.name))
    return _REFS


_REFS: dict[str, list[tuple[str, str]]] = {}


def note(touched: Touched, changes: Iterable[ChangeData]) -> None:
    """Add what these changes wrote, and the rows they refer to, to ``touched``."""
    refs = _references()
    for change in changes:
        touched.setdefault(change.table, set()).add(change.row_id)
        for column, target in refs.get(change.table, ()):
            pair = change.fields.get(column)
            if pair is None:
                continue
            for value in pair[:2]:
                if value:
                    touched.setdefault(target, set()).add(str(value))


def run(session: Session, touched: Mapping[str, set[str]]) -> None:
    """Compute the derived columns of what an import touched."""
    if not any(touched.values()):
        return
    if not _DERIVERS:
        # A node that applies packages without the services' computations would keep
        # stale search keys and deadlines without a word: refuse instead.
        raise RuntimeError("derived columns: import desktop.services.derived first")
    for fn in _DERIVERS.values():
        fn(session, touched)


def ids(touched: Mapping[str, set[str]], table: str) -> list[str]:
    return sorted(touched.get(table, ()))


__all__ = ["Touched", "ids", "note", "register", "registered", "run"]
