"""Real-browser tests of the explorer: Debian's Chromium driven by Playwright against a live uvicorn.

Screenshots go to artifacts/screenshots/ (git-ignored). Nothing is downloaded: the browser is
/usr/bin/chromium (apt-get install -y chromium) and Playwright comes from pip (never `playwright install`).
"""

from __future__ import annotations

import re

import pytest

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.slow


def _code(page, text: str, published: str) -> None:
    page.goto(page.base_url + "/#/code")
    page.fill("#article-text", text)
    page.fill("#published", published)
    page.click("#code-btn")
    page.wait_for_selector("#event-list .event-card, #event-list .empty, .notice.error")


def _no_problems(page) -> None:
    assert page.problems == [], page.problems


def test_code_example_article_highlights_events(web_page):
    import tacitus

    page = web_page
    text, published = tacitus.example_article()
    _code(page, text, published)
    cards = page.locator("#event-list .event-card")
    assert cards.count() >= 3
    assert page.locator("#coded-text .hl-ev").count() >= cards.count()
    assert page.locator("#coded-text .hl-actor").count() >= 2
    # the text is shown whole, highlights included
    assert page.locator("#coded-text").inner_text().strip() == text.strip()
    # hovering an event card marks its evidence in the text
    cards.nth(0).hover()
    assert page.locator("#coded-text .hl.active").count() >= 1
    first = page.locator("#event-list .event-card").nth(0).inner_text()
    assert re.search(r"\b0\d\d\b", first) and re.search(r"occurred|planned|negated|hypothetical", first)
    page.screenshot(path=str(SCREENSHOTS / "code-article.png"), full_page=True)
    _no_problems(page)


def test_explore_filter_updates_timeline_and_map(web_page):
    page = web_page
    page.goto(page.base_url + "/#/explore")
    page.wait_for_selector("#timeline-svg")
    total0 = int(page.get_attribute("#timeline-svg", "data-total"))
    points0 = int(page.get_attribute("#map-svg", "data-points"))
    rows0 = page.locator("table.events tbody tr").count()
    assert total0 >= 5 and points0 >= 2 and rows0 >= 5
    assert page.locator("#timeline-svg rect").count() > 0 and page.locator("#dyad-table tbody tr").count() > 0
    page.screenshot(path=str(SCREENSHOTS / "explore.png"), full_page=True)

    page.select_option("#f-type", "plover:ASSAULT")
    page.click("#apply")
    page.wait_for_function("(t0) => { const el = document.querySelector('#timeline-svg'); "
                           "return el && el.dataset.total !== t0; }", arg=str(total0))
    total1 = int(page.get_attribute("#timeline-svg", "data-total"))
    points1 = int(page.get_attribute("#map-svg", "data-points"))
    assert 0 < total1 < total0
    assert points1 < points0
    assert "plover=ASSAULT" in page.url or "type=plover" in page.url
    assert page.locator("table.events tbody tr").count() == total1
    assert all("ASSAULT" in t for t in page.locator("table.events tbody tr").all_inner_texts())
    page.screenshot(path=str(SCREENSHOTS / "explore-filtered.png"), full_page=True)

    page.fill("#f-q", "no such evidence text")
    page.click("#apply")
    page.wait_for_selector("#events-table .empty")
    assert page.get_attribute("#map-svg", "data-points") == "0"
    _no_problems(page)


def test_event_page_shows_reports(web_page):
    page = web_page
    page.goto(page.base_url + "/#/explore?min_reports=2")
    page.wait_for_selector("table.events tbody tr")
    page.locator("table.events tbody tr").first.click()
    page.wait_for_selector("#reports .report")
    assert "#/event/E" in page.url
    reports = page.locator("#reports .report")
    assert reports.count() >= 2
    assert page.locator("#reports .report mark").count() >= 2
    texts = " ".join(reports.all_inner_texts())
    assert "Wire A" in texts and "Wire B" in texts
    page.screenshot(path=str(SCREENSHOTS / "event.png"), full_page=True)
    # actor page from the event title
    page.locator("h1 a").first.click()
    page.wait_for_selector("#actor-events")
    assert page.locator("#actor-events table.events tbody tr").count() >= 1
    _no_problems(page)


def test_actor_page_roles(web_page):
    page = web_page
    page.goto(page.base_url + "/#/actor/viktor-orban")
    page.wait_for_selector("#roles-svg")
    assert page.locator("#roles-svg rect").count() >= 2
    assert "Prime Minister" in page.locator("#roles-svg").inner_html()
    page.screenshot(path=str(SCREENSHOTS / "actor.png"), full_page=True)
    page.goto(page.base_url + "/docs")
    page.wait_for_selector(".op")
    assert page.locator(".op").count() >= 9
    page.screenshot(path=str(SCREENSHOTS / "api-docs.png"))
    _no_problems(page)


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "without-csp"])
def test_article_text_is_not_executed(chromium, live_server, bypass_csp):
    """Markup in the article is shown literally — also with the page's CSP switched off, so the escaping
    itself (textContent-only DOM building) is what is tested."""
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=bypass_csp)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda exc: page.problems.append(f"pageerror: {exc}"))
    page.base_url = live_server["url"]
    try:
        text = ("Russian troops attacked Ukrainian positions near Kharkiv on Tuesday, Ukraine's military said. "
                "<script>window.__xss=1</script> The statement was <b>bold</b> and clear. "
                "<img src=x onerror=\"window.__xss=2\"> Officials in Kyiv said the attack began early in the "
                "morning and that the army had pushed the troops back by the evening.")
        _code(page, text, "2022-05-11")
        assert page.locator("#event-list .event-card").count() >= 1
        assert page.evaluate("typeof window.__xss") == "undefined"
        shown = page.locator("#coded-text").inner_text()
        assert "<script>window.__xss=1</script>" in shown and "<b>bold</b>" in shown
        assert "<img src=x onerror=" in shown
        assert page.locator("#coded-text b, #coded-text script, #coded-text img").count() == 0
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__xss") == "undefined"
        if bypass_csp:
            page.screenshot(path=str(SCREENSHOTS / "xss-literal.png"))
        _no_problems(page)
    finally:
        context.close()
