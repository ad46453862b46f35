"""The on-disk cache of derived indexes (gazetteer, tokenized knowledge names).

Everything cached here can be rebuilt from the package: a missing, stale, corrupt or unwritable cache
only costs start-up time. The directory is ``$XDG_CACHE_HOME/tacitus`` (``~/.cache/tacitus``);
``TACITUS_CACHE=off`` disables it.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any


def cache_root(cache_dir: str | Path | None = None) -> Path | None:
    if os.environ.get("TACITUS_CACHE", "").lower() in ("off", "0", "no"):
        return None
    if cache_dir:
        return Path(cache_dir)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tacitus"


def load(path: Path | None) -> Any | None:
    """The pickled object at ``path``, or None when there is none (or it cannot be read)."""
    if path is None or not path.is_file():
        return None
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None


def save(path: Path | None, obj: Any) -> None:
    """Write atomically; a read-only home is fine (the index is rebuilt next time)."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
