"""Every page carries the site shell: header navigation, newsletter call-to-action, footer."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.views.defaults import server_error

from tests.articles.factories import complete_article

NAVIGATION = ["Tech", "Sports", "Finance", "Gaming", "Predictions", "About"]
FOOTER = [
    "Coverage",
    "Company",
    "About Us",
    "Privacy Policy",
    "Veridact. Forecasting &amp; analysis platform.",
    # The copy as designed (issue 15, item 5), word for word.
    "Analysis before the headline. Veridact examines technology, finance, sports, and gaming "
    "events before they unfold through forecasting, probability modeling, historical "
    "precedent, and public prediction tracking.",
    "Content may include AI-assisted research and analysis. Predictions and opinions should "
    "not be considered financial, legal, medical, or investment advice.",
    "Methodology: Veridact combines public data, historical precedent, and analytical models "
    "to evaluate the likelihood of future outcomes.",
]


def assert_shell(html):
    assert 'class="wordmark"' in html
    for label in NAVIGATION:
        assert f"{label}</a>" in html
    for text in FOOTER:
        assert text in html
    assert "Stay ahead of what" in html


@pytest.mark.parametrize("path", ["/", "/no-such-page/"])
def test_public_pages_carry_the_shell(client, db, path):
    response = client.get(path)
    assert response.status_code in {200, 404}
    html = response.content.decode()
    assert_shell(html)
    assert "Sign In</a>" in html
    assert "Sign Up</a>" in html


def test_404_page_is_branded(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


def test_csrf_failure_is_a_branded_403(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@example.com", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form has expired" in html
    assert_shell(html)


def test_500_page_is_branded_and_stands_alone(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "Veridact" in html


def test_signed_in_reader_sees_their_name_and_sign_out(client, django_user_model):
    reader = django_user_model.objects.create_user(
        email="ada@example.com", password="correct horse", display_name="Ada L."
    )
    client.force_login(reader)
    html = client.get("/").content.decode()
    assert "Ada L." in html
    assert "Sign Out" in html
    assert "Sign In</a>" not in html


def test_the_methodology_line_links_its_info_sign_to_the_methodology_page(client, db):
    html = client.get("/").content.decode()
    link = re.search(r'<a class="info-link" href="([^"]+)">(.*?)</a> Methodology:', html)
    assert link is not None
    assert link[1] == reverse("predictions:methodology")
    # The sign (ⓘ, drawn) is for the eye; a screen reader hears where the link goes.
    assert '<svg class="info-link__sign" viewBox="0 0 20 20" aria-hidden="true"' in link[2]
    assert '<span class="visually-hidden">How we forecast</span>' in link[2]
    assert client.get(link[1]).status_code == 200


def test_the_article_page_offers_the_newsletter_in_its_own_words(client, db):
    html = client.get(complete_article().get_absolute_url()).content.decode()
    block = html.split('class="newsletter-cta"', 1)[1].split("</section>", 1)[0]
    assert "Stay ahead of the story</h2>" in block
    assert "<p>AI analysis delivered before events unfold. No spam.</p>" in block
    # Other pages keep the general offer.
    assert "Forecasts, analysis, and prediction updates" in client.get("/").content.decode()
