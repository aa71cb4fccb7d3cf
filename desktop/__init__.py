"""Anju (安居): the township workstation for follow-up support of relocated households."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("anju")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
