"""Old addresses keep working: after an editor changes an article's slug or category, or a
category's slug, in the admin, the old URLs answer 301 with the new one, for pages and feeds,
and the sitemaps list only the new addresses."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Category
from tests.articles.factories import ArticleFactory, CategoryFactory, complete_article
from tests.articles.test_admin import change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    """Another browser, signed out, whose pages the page cache may serve."""
    return Client()


def edit_article(editor_client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = editor_client.post(url, change_form(article, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    return article


def edit_category(editor_client, category, **changes):
    data = {
        "name": category.name,
        "slug": category.slug,
        "description": category.description,
        "accent_colour": category.accent_colour,
        "order": category.order,
        **changes,
    }
    url = reverse("admin:articles_category_change", args=[category.pk])
    assert editor_client.post(url, data).status_code == 302
    category.refresh_from_db()
    return category


def assert_moved(reader, old, new):
    response = reader.get(old)
    assert response.status_code == 301, f"{old} answered {response.status_code}"
    assert response["Location"] == new
    assert reader.get(new).status_code == 200


def test_a_new_slug_leaves_the_old_address_redirecting(
    editor_client, reader, django_capture_on_commit_callbacks
):
    article = complete_article(slug="chip-ships-in-june")
    old = article.get_absolute_url()
    assert reader.get(old).status_code == 200  # and now in the page cache

    with django_capture_on_commit_callbacks(execute=True):
        edit_article(editor_client, article, slug="chip-ships-in-july")

    assert article.get_absolute_url() == "/tech/chip-ships-in-july/"
    assert_moved(reader, old, "/tech/chip-ships-in-july/")


def test_a_new_category_leaves_the_old_address_redirecting(editor_client, reader):
    article = complete_article(slug="the-merger")
    finance = CategoryFactory(name="Finance")
    edit_article(editor_client, article, category=str(finance.pk))
    assert_moved(reader, "/tech/the-merger/", "/finance/the-merger/")


def test_every_earlier_address_leads_to_the_latest_in_one_step(editor_client, reader):
    article = complete_article(slug="first")
    edit_article(editor_client, article, slug="second")
    edit_article(editor_client, article, slug="third")
    assert_moved(reader, "/tech/first/", "/tech/third/")
    assert_moved(reader, "/tech/second/", "/tech/third/")


def test_an_article_back_at_an_old_address_answers_there(editor_client, reader):
    article = complete_article(slug="first")
    edit_article(editor_client, article, slug="second")
    edit_article(editor_client, article, slug="first")
    assert reader.get("/tech/first/").status_code == 200
    assert_moved(reader, "/tech/second/", "/tech/first/")
    assert list(article.old_addresses.values_list("slug", flat=True)) == ["second"]


def test_a_new_article_at_a_left_address_takes_it_over(editor_client, reader):
    article = complete_article(slug="the-launch")
    edit_article(editor_client, article, slug="the-launch-slips")
    newcomer = ArticleFactory(slug="the-launch", title="A newcomer")
    response = reader.get("/tech/the-launch/")
    assert response.status_code == 200
    assert newcomer.title in response.content.decode()


def test_a_moved_article_taken_off_the_site_does_not_give_its_new_address_away(
    editor_client, reader
):
    article = complete_article(slug="embargoed")
    edit_article(editor_client, article, slug="embargoed-new")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert reader.get("/tech/embargoed/").status_code == 404


def test_unknown_addresses_are_still_404(reader):
    complete_article()
    assert reader.get("/tech/never-was/").status_code == 404
    assert reader.get("/never-was/").status_code == 404
    assert reader.get("/feeds/never-was/").status_code == 404


def test_a_new_category_slug_moves_its_page_feed_and_articles(editor_client, reader):
    category = Category.objects.get(slug="tech")
    articles = [complete_article(slug=f"story-{n}") for n in range(13)]
    edit_category(editor_client, category, slug="technology")

    assert_moved(reader, "/tech/", "/technology/")
    older = articles[1].pk
    assert_moved(reader, f"/tech/?before={older}", f"/technology/?before={older}")
    assert_moved(reader, "/feeds/tech/", "/feeds/technology/")
    for article in articles[:2]:
        assert_moved(reader, f"/tech/{article.slug}/", f"/technology/{article.slug}/")


def test_a_category_renamed_twice_and_an_article_moved_after_all_lead_to_it(editor_client, reader):
    category = Category.objects.get(slug="tech")
    article = complete_article(slug="the-chip")
    edit_category(editor_client, category, slug="technology")
    edit_category(editor_client, category, slug="tech-and-science")
    edit_article(editor_client, article, slug="the-chip-ships")
    for old in ("/tech/the-chip/", "/technology/the-chip/", "/tech-and-science/the-chip/"):
        assert_moved(reader, old, "/tech-and-science/the-chip-ships/")
    assert_moved(reader, "/tech/", "/tech-and-science/")
    assert_moved(reader, "/technology/", "/tech-and-science/")


def test_sitemaps_and_feeds_give_only_the_new_addresses(editor_client, reader):
    article = complete_article(slug="before")
    edit_article(editor_client, article, slug="after")
    edit_category(editor_client, article.category, slug="technology")
    for path in ("/sitemap-articles.xml", "/news-sitemap.xml", "/feeds/", "/feeds/technology/"):
        body = reader.get(path).content.decode()
        assert "/technology/after/" in body, path
        assert "/tech/before/" not in body and "/tech/after/" not in body, path


def test_the_change_form_lists_the_addresses_that_redirect_to_the_article(editor_client):
    article = complete_article(slug="first")
    edit_article(editor_client, article, slug="second")
    edit_article(editor_client, article, slug="third")
    url = reverse("admin:articles_article_change", args=[article.pk])
    html = editor_client.get(url).content.decode()
    assert "<code>/tech/second/</code>, <code>/tech/first/</code>" in html
