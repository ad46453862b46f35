"""Tacitus: evidence-backed political event data from news text.

>>> import tacitus
>>> events = tacitus.code("Russia's president met Turkey's president in Ankara on Monday.", published="2019-04-10")
"""

from ._version import __version__
from .api import code, evaluate_file, example_article
from .coder import Coder
from .config import CoderConfig
from .errors import InputError, KnowledgeError, TacitusError
from .knowledge import Knowledge, load_knowledge
from .records import Actor, Article, CodedArticle, Event, Evidence, Location

__all__ = [
    "Actor", "Article", "CodedArticle", "Coder", "CoderConfig", "Event", "Evidence", "InputError", "Knowledge",
    "KnowledgeError", "Location", "TacitusError", "__version__", "code", "evaluate_file", "example_article",
    "load_knowledge",
]
