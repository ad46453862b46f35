"""Tacitus web explorer: a FastAPI app (``create_app``) with a JSON API and an offline single-page UI.

``tacitus serve --db tacitus.db`` runs it (``tacitus.web.cli.register`` adds the command). FastAPI is
imported only when the app is created, so the rest of the CLI starts fast.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
