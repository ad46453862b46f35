"""Tacitus knowledge: versioned data files and their parsers."""

from .base import Knowledge, load_knowledge
from .parsers import Agent, CameoCode, Country, Organization, Pattern, Person, Place, Role

__all__ = [
    "Agent", "CameoCode", "Country", "Knowledge", "Organization", "Pattern", "Person", "Place", "Role",
    "load_knowledge",
]
