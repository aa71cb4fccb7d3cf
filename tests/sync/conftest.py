from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from server.county import County
from tests.sync.harness import Node, make_county, make_node


@pytest.fixture
def county(tmp_path: Path) -> Iterator[County]:
    c = make_county(f"sqlite+pysqlite:///{tmp_path / 'county.db'}")
    yield c
    c.engine.dispose()


@pytest.fixture
def node_factory(county: County, tmp_path: Path) -> Iterator[Callable[..., Node]]:
    made: list[Node] = []

    def factory(**kwargs: object) -> Node:
        node = make_node(county, tmp_path, **kwargs)  # type: ignore[arg-type]
        made.append(node)
        return node

    yield factory
    for node in made:
        node.close()


@pytest.fixture
def pair(node_factory: Callable[..., Node]) -> tuple[Node, Node]:
    """Two workstations of one township: A set up by hand, B enrolled fresh from a file and
    filled by the county's first package."""
    a = node_factory(name="a")
    b = node_factory(name="b", set_up=False)
    a.sync()
    b.sync()
    return a, b
