"""Fixtures for the store/dedup/export tests; the record builders are in ``store_factory.py``."""

from __future__ import annotations

import pytest
from store_factory import make_article, make_event


@pytest.fixture
def ev():
    return make_event


@pytest.fixture
def art():
    return make_article


@pytest.fixture
def small_corpus():
    """Three articles from two outlets report one Netanyahu–Putin meeting, announced beforehand by a third;
    plus a shelling and an accusation."""
    return [
        make_article("a1", [make_event(status="planned", cameo="036", date="2018-01-29"),
                            make_event("SYRMIL", "SYRREB", "190", date="2018-01-27", place="Idlib",
                                       text="shelled")],
                     published="2018-01-28", source="Outlet A"),
        make_article("a2", [make_event(cameo="042", date="2018-01-29", confidence=0.6)],
                     published="2018-01-29", source="Outlet B"),
        make_article("a3", [make_event("RUSGOV", "ISRGOV", "040", date="2018-01-30", confidence=0.5),
                            make_event("USAGOV", "CHNGOV", "112", date="2018-01-30", place=None,
                                       text="accused")],
                     published="2018-01-30", source="Outlet C"),
        make_article("a4", [make_event(cameo="040", date="2018-01-29", confidence=0.8)],
                     published="2018-01-30", source="Outlet B"),
    ]


@pytest.fixture
def store(small_corpus):
    """An in-memory store holding ``small_corpus``."""
    from tacitus.store import Store

    s = Store()
    s.add(small_corpus)
    yield s
    s.close()
