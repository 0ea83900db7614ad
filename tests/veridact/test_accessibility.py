"""Every kind of page in Chromium on a 390 px phone, light and dark: no violation that axe-core
finds, and nothing wider than the screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from articles.services import article_index_for_search
from discussion import services as discussion
from newsletter import issuing
from predictions.services import prediction_index_for_search
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import complete_article
from tests.newsletter.factories import SubscriberFactory
from tests.predictions.factories import ProbabilityUpdateFactory, category, make_resolved

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:3]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


@pytest.fixture
def site():
    """Content enough for every part of every page: a full article with a discussion, an
    open prediction with its history, and resolved ones in every probability bin that two
    readers forecast on, so the track record, the leaderboard and profiles are complete."""
    article = complete_article(title="Will the orbital launch happen in June?")
    readers = [
        ReaderFactory(display_name="Ada Lovelace-Byron", bio="Reads everything twice."),
        ReaderFactory(display_name="Grace Hopper"),
    ]
    thread = discussion.comment_create(article=article, author=readers[0], body="A first look.")
    discussion.comment_create(article=article, author=readers[1], body="Agreed.", parent=thread)
    update = ProbabilityUpdateFactory(
        prediction__claim="Will the launch slip past June?", article=article, probability=35
    )
    update.prediction.articles.add(article)
    # The search page lists both kinds of result for “launch”.
    article_index_for_search(article_ids=[article.pk])
    prediction_index_for_search(prediction_ids=[update.prediction.pk])
    slugs = ["tech", "sports", "finance", "gaming"]
    for number, probability in enumerate([4, 14, 22, 35, 45, 55, 66, 74, 86, 96]):
        make_resolved(
            claim=f"Did resolved question number {number} come true as forecast?",
            probability=probability,
            outcome=number % 3 != 0,
            category=category(slugs[number % 4]),
            readers=[(readers[0], min(99, probability + 10)), (readers[1], 50)],
        )
    SubscriberFactory()
    issue = issuing.issue_create(frequency="daily", run="2026-06-12")
    return {
        "article": article,
        "prediction": update.prediction,
        "reader": readers[0],
        "issue": issue,
    }


def test_every_kind_of_page_passes_axe_light_and_dark_and_fits_a_phone(browser, live_server, site):
    article, prediction, reader = site["article"], site["prediction"], site["reader"]
    anonymous = [
        "/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        article.authors.first().get_absolute_url(),
        "/predictions/",
        prediction.get_absolute_url(),
        "/predictions/track-record/",
        "/predictions/leaderboard/",
        "/predictions/methodology/",
        "/search/?q=launch",
        "/accounts/login/",
        "/accounts/signup/",
        reader.get_absolute_url(),
        "/newsletter/subscribe/",
        "/newsletter/archive/",
        site["issue"].get_absolute_url(),
    ]
    # Pages with the forms a signed-in reader sees: comment, forecast, settings.
    signed_in = [article.get_absolute_url(), prediction.get_absolute_url(), "/accounts/settings/"]
    client = Client()
    client.force_login(reader)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    axe = Axe()
    problems = []
    for scheme in ("light", "dark"):
        context = browser.new_context(base_url=live_server.url, color_scheme=scheme, viewport=PHONE)
        tab = context.new_page()
        visits = [(path, "anonymous") for path in anonymous]
        visits += [(path, "signed in") for path in signed_in]
        for path, who in visits:
            if who == "signed in" and not context.cookies():
                cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session}
                context.add_cookies([{**cookie, "url": live_server.url}])
            response = tab.goto(path)
            assert response.status == 200, f"{path} answered {response.status}"
            where = f"{path} ({who}, {scheme})"
            violations = axe.run(tab).response["violations"]
            if violations:
                problems.append(f"{where}:\n{describe(violations)}")
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{where}: {width} px wide")
        context.close()
    assert problems == [], "\n".join(problems)


def test_the_check_sees_a_violation_and_an_overflow(browser, live_server, site):
    """The test above would notice both: a nameless image and an over-wide table."""
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    tab = context.new_page()
    tab.goto("/predictions/track-record/")
    tab.evaluate(
        """() => {
          const image = Object.assign(document.createElement("img"), {src: "/x.png"});
          document.querySelector("main").append(image);
          document.querySelector(".stat-grid").append(document.createElement("p"));
          document.querySelector(".data-table").style.minWidth = "500px";
          document.querySelector(".table-scroll").classList.remove("table-scroll");
        }"""
    )
    ids = {violation["id"] for violation in Axe().run(tab).response["violations"]}
    assert {"image-alt", "definition-list"} <= ids
    assert tab.evaluate("document.documentElement.scrollWidth") > PHONE["width"]
    context.close()
