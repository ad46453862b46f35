"""Fixtures for the web explorer: a small real store, an app, a live uvicorn server and a Chromium page."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Short articles (id, published, outlet, text); together with the bundled example they give events in
# several months, countries and PLOVER types, and one event reported by two outlets.
ARTICLES = [
    ("kharkiv-1", "2022-05-11", "Wire A",
     "Russian troops attacked Ukrainian positions near Kharkiv on Tuesday, Ukraine's military said."),
    ("kharkiv-2", "2022-05-11", "Wire B",
     "Russian forces attacked Ukrainian positions near Kharkiv on Tuesday, officials said."),
    ("beijing", "2023-04-07", "Wire A",
     "Chinese President Xi Jinping met French President Emmanuel Macron in Beijing on Thursday."),
    ("paris", "2019-06-16", "Wire C",
     "Protesters clashed with police in Paris on Saturday."),
]


@pytest.fixture(scope="session")
def web_store_template(tmp_path_factory, coder) -> Path:
    """A store built by coding the example article and ARTICLES with the real coder (built once)."""
    import tacitus
    from tacitus.ingest import make_article
    from tacitus.store import Store

    text, published = tacitus.example_article()
    arts = [make_article("example", text, published, source="Example")]
    arts += [make_article(aid, t, pub, source=outlet, title=f"{outlet}: {aid}", url=f"https://example.org/{aid}")
             for aid, pub, outlet, t in ARTICLES]
    path = tmp_path_factory.mktemp("webstore") / "template.db"
    with Store(path) as store:
        store.add(coder.code_articles(arts), texts={a.id: a.text for a in arts})
        assert store.counts()["events"] >= 5
    return path


@pytest.fixture()
def web_db(web_store_template, tmp_path) -> Path:
    """A private copy of the template store (tests may save into it)."""
    dst = tmp_path / "tacitus.db"
    shutil.copy(web_store_template, dst)
    return dst


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live_server(web_store_template, coder, tmp_path_factory):
    """uvicorn on 127.0.0.1:<free port> in a thread, over a copy of the template store."""
    import uvicorn

    from tacitus.web.app import create_app

    db = tmp_path_factory.mktemp("live") / "tacitus.db"
    shutil.copy(web_store_template, db)
    app = create_app(db, coder_factory=lambda: coder)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "db": db}
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by Playwright (nothing is installed or downloaded here)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found: apt-get install -y chromium to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: pip install playwright (never `playwright install`)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def web_page(chromium, live_server):
    """A fresh page (1440×900); console errors and failed requests are collected in page.problems."""
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.problems = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.problems.append(f"pageerror: {exc}"))
    page.on("console", lambda m: page.problems.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.base_url = live_server["url"]  # type: ignore[attr-defined]
    page.set_default_timeout(20000)
    yield page
    context.close()
