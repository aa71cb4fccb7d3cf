"""Headless subcommands of ``anju``: one module per command group.

Each module defines ``register(subparsers)`` that adds its parser and sets
``func`` to a callable ``(args) -> int`` (the exit code).  Commands call the same
services as the GUI and print Chinese messages from ``desktop.messages``.
"""
