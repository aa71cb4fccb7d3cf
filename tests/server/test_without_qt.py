"""The county server runs where PySide6 is not installed (``pip install anju[county]``):
its command, its sync endpoint and its web workspace import and serve without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import importlib.abc, sys

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name.startswith("shiboken6"):
            raise ImportError(f"{name} is hidden: the county server must not need it")
        return None

sys.meta_path.insert(0, NoQt())
from server import cli
from server.app import make_app

db = sys.argv[1]
assert cli.main(["init", "--db", db, "--county-code", "433127"]) == 0
county = cli.open_county(db)
app = make_app(county)
status = []
body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": "/login/", "SERVER_NAME": "127.0.0.1",
                     "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
                     "wsgi.input": __import__("io").BytesIO()}, lambda s, h: status.append(s)))
assert status[0].startswith("200"), status
assert "登录县级工作台" in body.decode()
loaded = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "desktop.ui")))
assert loaded == [], loaded
print("ok")
"""


def test_the_county_server_imports_and_serves_with_pyside6_hidden(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "county.db")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")
