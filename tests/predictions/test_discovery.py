"""Predictions people can find and share: ranked in the site's search, listed in the sitemap,
with a canonical link and Open Graph and Twitter cards. The search tests run on both
databases: SQLite's FTS5 table in `make test`, PostgreSQL's search document in .ci/run."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from predictions import services
from tests.accounts.factories import give_second_factor
from tests.predictions.factories import PredictionFactory, ProbabilityUpdateFactory, make_resolved

pytestmark = pytest.mark.django_db

SITE_URL = "http://127.0.0.1:8000"


def indexed(**kwargs):
    prediction = PredictionFactory(**kwargs)
    services.prediction_index_for_search(prediction_ids=[prediction.pk])
    return prediction


def found(client, query):
    """The claims of the predictions the search page lists, in their order, marks removed."""
    html = client.get("/search/", {"q": query}).content.decode()
    if 'class="prediction-results"' not in html:
        return []
    section = html.split('class="prediction-results"', 1)[1].split("</section>", 1)[0]
    claims = re.findall(r'class="prediction-result__claim"><a href="[^"]+">(.*?)</a>', section)
    return [re.sub(r"</?mark>", "", claim) for claim in claims]


def test_search_lists_matching_predictions_with_their_forecast(client):
    prediction = indexed(claim="Will the ECB cut its deposit rate in June?")
    ProbabilityUpdateFactory(prediction=prediction, probability=64)
    indexed(claim="Will the next console launch before 2028?")

    html = client.get("/search/", {"q": "deposit rate"}).content.decode()

    assert found(client, "deposit rate") == ["Will the ECB cut its deposit rate in June?"]
    section = html.split('class="prediction-results"', 1)[1].split("</section>", 1)[0]
    assert f'href="{prediction.get_absolute_url()}"' in section
    assert "<mark>deposit</mark> <mark>rate</mark>" in section
    assert '64&thinsp;%</span> <span class="muted">our forecast' in section
    assert "Open</span>" in section


def test_search_ranks_claim_matches_above_criteria_matches(client):
    criteria = indexed(
        claim="Will the launch happen on time?", resolution_criteria="Yes if the merger closes."
    )
    claim = indexed(claim="Will the merger close by March?")
    assert found(client, "merger") == [claim.claim, criteria.claim]


def test_search_understands_word_forms_and_leaves_out_parts_of_words(client):
    indexed(claim="Will the central bank keep cutting rates?")
    indexed(claim="Will the game generate cutscenes on the fly?")
    assert found(client, "rate cuts") == ["Will the central bank keep cutting rates?"]


def test_resolved_predictions_are_found_by_their_resolution_note(client):
    prediction = make_resolved(claim="Will the treaty be signed?", probability=30, outcome=False)
    services.prediction_unresolve(prediction=prediction)
    services.prediction_resolve(
        prediction=prediction, outcome=False, note="The summit collapsed without a signature."
    )
    html = client.get("/search/", {"q": "summit"}).content.decode()
    assert found(client, "summit") == ["Will the treaty be signed?"]
    assert "Resolved NO" in html
    assert '30&thinsp;%</span> <span class="muted">our probability at close' in html


def test_an_edit_in_the_admin_is_searchable_at_once(client, django_user_model):
    prediction = indexed(claim="Will the old wording stay?")
    editor = django_user_model.objects.create_superuser(email="ed@example.com", password="pw")
    give_second_factor(editor)
    client.force_login(editor)
    data = {
        "claim": "Will the fresh wording stay?",
        "slug": prediction.slug,
        "category": prediction.category_id,
        "resolution_criteria": prediction.resolution_criteria,
        "opened_at_0": prediction.opened_at.strftime("%Y-%m-%d"),
        "opened_at_1": prediction.opened_at.strftime("%H:%M:%S"),
        "closes_at_0": prediction.closes_at.strftime("%Y-%m-%d"),
        "closes_at_1": prediction.closes_at.strftime("%H:%M:%S"),
        "resolve_by": prediction.resolve_by.isoformat(),
        "resolution_note": "",
        "resolution_source": "",
        "probability_updates-TOTAL_FORMS": "0",
        "probability_updates-INITIAL_FORMS": "0",
        "probability_updates-MIN_NUM_FORMS": "0",
        "probability_updates-MAX_NUM_FORMS": "1000",
    }
    url = reverse("admin:predictions_prediction_change", args=[prediction.pk])
    assert client.post(url, data).status_code == 302
    client.logout()
    assert found(client, "old") == []
    assert found(client, "fresh") == ["Will the fresh wording stay?"]


def test_a_search_without_predictions_lists_none(client):
    indexed(claim="Will the launch slip?")
    html = client.get("/search/", {"q": "zebra"}).content.decode()
    assert 'class="prediction-results"' not in html
    assert "No articles match “zebra”" in html


def test_sitemap_lists_every_prediction_and_the_predictions_pages(client):
    opened = timezone.now() - datetime.timedelta(days=30)
    open_one = PredictionFactory(opened_at=opened)
    ProbabilityUpdateFactory(
        prediction=open_one, created_at=opened + datetime.timedelta(days=3), probability=40
    )
    resolved = make_resolved()
    index = client.get("/sitemap.xml").content.decode()
    for section in ["predictions", "prediction-pages"]:
        assert f"<loc>{SITE_URL}/sitemap-{section}.xml</loc>" in index
    sitemap = "".join(
        client.get(f"/sitemap-{section}.xml").content.decode()
        for section in ["predictions", "prediction-pages"]
    )

    def lastmod(prediction):
        pattern = rf"<loc>{SITE_URL}{prediction.get_absolute_url()}</loc><lastmod>([^<]+)<"
        return re.search(pattern, sitemap)[1]

    assert lastmod(open_one) == (opened + datetime.timedelta(days=3)).date().isoformat()
    assert lastmod(resolved) == resolved.resolved_at.date().isoformat()
    for name in ["index", "track_record", "leaderboard", "methodology"]:
        assert f"<loc>{SITE_URL}{reverse(f'predictions:{name}')}</loc>" in sitemap


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match[1] if match else None


def test_prediction_page_has_a_canonical_link_and_social_cards(client, prediction):
    html = client.get(prediction.get_absolute_url()).content.decode()
    url = f"{SITE_URL}{prediction.get_absolute_url()}"
    description = f"{prediction.claim} Our forecast: 60 %."

    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta name="description" content="{description}">' in html
    assert meta(html, "property", "og:url") == url
    assert meta(html, "property", "og:title") == prediction.claim
    assert meta(html, "property", "og:description") == description
    assert meta(html, "property", "og:image").startswith(f"{SITE_URL}/static/root/icon-512")
    assert meta(html, "name", "twitter:card") == "summary"
    assert meta(html, "name", "twitter:title") == prediction.claim
    assert meta(html, "name", "twitter:description") == description
    # The image the cards name is there to fetch.
    image = meta(html, "property", "og:image").removeprefix(SITE_URL)
    assert client.get(image).status_code == 200


def test_a_resolved_prediction_says_how_it_resolved_in_its_cards(client):
    prediction = make_resolved(claim="Did it happen?", probability=80, outcome=True)
    html = client.get(prediction.get_absolute_url()).content.decode()
    expected = "Did it happen? Resolved yes: our probability at close was 80 %."
    assert meta(html, "property", "og:description") == expected


@pytest.mark.parametrize("size", [1, 10])
def test_sitemap_queries_do_not_grow_with_predictions(client, django_assert_num_queries, size):
    for prediction in PredictionFactory.create_batch(size):
        ProbabilityUpdateFactory.create_batch(2, prediction=prediction)
    # The index: the last article's id; a count of categories; the latest change and a
    # count of each of authors, pages and predictions; the newsletter archive's issues.
    with django_assert_num_queries(10):
        assert client.get("/sitemap.xml").status_code == 200
    # The page of predictions: a count, and the predictions with their latest update.
    with django_assert_num_queries(2):
        assert client.get("/sitemap-predictions.xml").status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_search_queries_do_not_grow_with_predictions(client, django_assert_num_queries, size):
    for prediction in [indexed(claim=f"Will quantum step {n} work?") for n in range(size)]:
        ProbabilityUpdateFactory(prediction=prediction)
    # The ranked articles; the ranked predictions with their category and probability.
    with django_assert_num_queries(2):
        assert client.get("/search/", {"q": "quantum"}).status_code == 200
