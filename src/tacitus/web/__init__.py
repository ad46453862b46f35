"""Tacitus web explorer: a FastAPI app (``create_app``) with a JSON API and an offline single-page UI.

``tacitus serve --db tacitus.db`` runs it (``tacitus.web.cli.register`` adds the command).
"""

from .app import create_app

__all__ = ["create_app"]
