"""The web widget in a real headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import pytest
import requests

from channel_helpers import CHROMIUM, CHROMIUM_ARGS, unique_titles

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                       "(apt-get install chromium); the widget needs a real browser"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, serve_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.dialogs = []  # any alert() from injected markup lands here
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(serve_server.url + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    yield page
    context.close()


def send(page, text: str) -> list[dict]:
    """Type a message and press Enter; wait for the reply to be drawn; return the server's JSON."""
    turns = int(page.get_attribute("body", "data-turns") or 0)
    with page.expect_response("**/webhooks/rest/webhook") as response:
        page.fill("#message", text)
        page.press("#message", "Enter")
    page.wait_for_selector(f"body[data-turns='{turns + 1}']", timeout=30_000)
    return response.value.json()


def test_reference_critique_strip_and_card_selection(page, catalog, serve_server):
    title = unique_titles(catalog, 1)[0]
    send(page, f"I liked {title}")
    assert page.text_content("#current .current-title") == title
    assert page.locator("#suggestions .chip").count() > 0

    body = send(page, "a bit funnier")
    sequence = body[0]["custom"]["sequence"]
    cards = page.locator("#strip .card")
    assert cards.count() == len(sequence) == 10
    assert [cards.nth(i).locator(".card-title").text_content() for i in range(10)] == [
        s["title"] for s in sequence]
    assert "comedy" in page.text_content("#direction")
    # Degree bars: one per card, width from the estimated degree of the critiqued tag.
    assert page.locator("#strip .card .bar-fill").count() == 10
    width = page.locator("#strip .card").nth(0).locator(".bar-fill").evaluate("e => e.style.width")
    assert width == f"{round(sequence[0]['degree'] * 100)}%"
    assert "est." in page.locator("#strip .card").nth(0).locator(".card-rel").text_content()
    # The bot bubble shows the reply without the numbered list (the strip shows the items).
    assert page.locator("#log .bubble.bot").last.text_content() == body[0]["custom"]["text"]

    # Click the third card: it becomes the current item.
    send_click = page.locator("#strip .card").nth(2)
    turns = int(page.get_attribute("body", "data-turns"))
    send_click.click()
    page.wait_for_selector(f"body[data-turns='{turns + 1}']")
    assert page.text_content("#current .current-title") == sequence[2]["title"]
    assert "is-current" in (page.locator("#strip .card").nth(2).get_attribute("class") or "")
    assert page.locator("#strip .card.is-current").count() == 1

    # Keyboard: focus the fifth card, press Enter.
    card = page.locator("#strip .card").nth(4)
    card.focus()
    turns = int(page.get_attribute("body", "data-turns"))
    page.keyboard.press("Enter")
    page.wait_for_selector(f"body[data-turns='{turns + 1}']")
    assert page.text_content("#current .current-title") == sequence[4]["title"]
    assert page.locator("#strip .card").nth(4).get_attribute("aria-current") == "true"
    assert page.errors == []


def test_markup_in_messages_shows_as_text(page):
    attack = "<img src=x onerror=alert(1)>"
    send(page, attack)
    assert page.locator("#log .bubble.user").last.text_content() == attack
    assert page.locator("#log img").count() == 0
    assert page.locator("img").count() == 0
    page.wait_for_timeout(300)  # give a (wrongly) injected handler the chance to fire
    assert page.dialogs == []


def test_suggestion_buttons_send_their_payload(page, catalog):
    send(page, f"I liked {unique_titles(catalog, 2)[1]}")
    chip = page.locator("#suggestions .chip").first
    label = chip.text_content()
    turns = int(page.get_attribute("body", "data-turns"))
    with page.expect_response("**/webhooks/rest/webhook") as response:
        chip.click()
    page.wait_for_selector(f"body[data-turns='{turns + 1}']")
    assert response.value.request.post_data_json["message"] == label  # payloads are the labels here
    assert page.locator("#strip .card").count() == len(response.value.json()[0]["custom"]["sequence"])


def test_each_browser_gets_its_own_unguessable_session(browser, serve_server):
    senders = []
    for _ in range(2):
        context = browser.new_context()
        page = context.new_page()
        page.goto(serve_server.url + "/")
        page.wait_for_selector("body[data-ready='1']")
        senders.append(page.evaluate("() => sessionStorage.getItem('cgir-sender')"))
        context.close()
    assert senders[0] != senders[1]
    assert all(len(s) >= 32 for s in senders)
    assert requests.get(serve_server.url + "/health", timeout=10).status_code == 200


def test_new_conversation_gets_a_new_session_and_clears_the_page(page, catalog):
    send(page, f"I liked {unique_titles(catalog, 3)[2]}")
    send(page, "more epic")
    before = page.evaluate("() => sessionStorage.getItem('cgir-sender')")
    assert page.locator("#strip .card").count() > 0
    page.click("#new-chat")
    page.wait_for_selector("#log .bubble:only-child")
    after = page.evaluate("() => sessionStorage.getItem('cgir-sender')")
    assert after != before and len(after) >= 32
    assert page.locator("#strip .card").count() == 0
    body = send(page, "#1")  # a fresh session: no list of its own yet, nothing from before
    assert body[0]["recipient_id"] == after


def test_card_buttons_send_plain_utterances(page, catalog):
    """"seen it" sets the card's item aside, "why?" explains it: both are utterances the parser
    reads ("I've seen #k", "why #k"), so a click is the same turn as typing it."""
    send(page, f"I liked {unique_titles(catalog, 1)[0]}")
    sequence = send(page, "a bit funnier")[0]["custom"]["sequence"]
    assert len(sequence) == 10
    first = page.locator("#strip .card").nth(0)
    assert [b.text_content() for b in first.locator(".card-action").all()] == ["seen it", "more like this", "why?"]
    turns = int(page.get_attribute("body", "data-turns"))
    with page.expect_response("**/webhooks/rest/webhook") as response:
        first.locator(".card-action", has_text="seen it").click()
    page.wait_for_selector(f"body[data-turns='{turns + 1}']")
    custom = response.value.json()[0]["custom"]
    assert custom["intent"] == "exclude" and custom["excluded"][0]["item_id"] == sequence[0]["item_id"]
    titles = [page.locator("#strip .card").nth(i).locator(".card-title").text_content()
              for i in range(page.locator("#strip .card").count())]
    assert sequence[0]["title"] not in titles
    turns += 1
    with page.expect_response("**/webhooks/rest/webhook") as response:
        page.locator("#strip .card").nth(1).locator(".card-action", has_text="why?").click()
    page.wait_for_selector(f"body[data-turns='{turns + 1}']")
    assert response.value.json()[0]["custom"]["explanation"]["item"]["index"] == 2
    assert page.locator("#log .bubble.bot").last.text_content().startswith("Why ")
    assert page.errors == []
