"""Coded exceptions. Library code raises these; only the CLI prints and sets exit codes."""

from __future__ import annotations


class TacitusError(Exception):
    """Base class; ``code`` is a stable identifier (``T101``) users can search for."""

    code = "T000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class KnowledgeError(TacitusError):
    """A knowledge file is malformed; the message names the file and line."""

    code = "T101"

    def __init__(self, source: str, line: int | None, message: str) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line


class InputError(TacitusError):
    """An input document cannot be read or coded (empty, binary, bad encoding, too big...)."""

    code = "T201"


class GoldError(TacitusError):
    """A gold annotation record is invalid."""

    code = "T301"


class ConfigError(TacitusError):
    code = "T401"


class StoreError(TacitusError):
    code = "T501"
