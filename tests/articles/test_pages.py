import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.accounts.factories import give_second_factor
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    ScenarioFactory,
    complete_article,
)

pytestmark = pytest.mark.django_db

SECTION_ORDER = [
    'class="eyebrow"',
    'class="article__title"',
    'class="article__meta"',
    'class="article__headline"',
    'class="article__summary"',
    'id="outlook"',
    'id="background"',
    'id="precedents"',
    'id="why-it-matters"',
    'id="scenarios"',
    'id="timeline"',
    'id="faq"',
    'id="discussion"',
    'id="related-title"',
    "Stay ahead of the story",
    "AI analysis delivered before events unfold. No spam.",
    "Methodology: Veridact combines",
]


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def test_article_page_shows_every_section_in_order(client):
    article = complete_article()
    ArticleFactory(category=article.category)
    html = html_of(client.get(article.get_absolute_url()))
    positions = [html.index(marker) for marker in SECTION_ORDER]
    assert positions == sorted(positions)
    assert "Updated" not in html.split('class="article__meta"')[1].split("</p>")[0]


def test_empty_sections_are_left_out(client):
    article = ArticleFactory(why_it_matters="", precedents="")
    html = html_of(client.get(article.get_absolute_url()))
    for absent in ['id="precedents"', 'id="why-it-matters"', 'id="scenarios"', 'id="timeline"']:
        assert absent not in html
    assert 'id="faq"' not in html
    assert 'id="related-title"' not in html
    assert 'id="outlook"' in html


def test_article_page_shows_byline_dates_and_timeline_precision(client):
    article = complete_article()
    html = html_of(client.get(article.get_absolute_url()))
    for author in article.authors.all():
        assert author.name in html
    assert '<time class="timeline__date" datetime="2027-06">June 2027</time>' in html
    assert '<time class="timeline__date" datetime="2028">2028</time>' in html
    assert '<time class="timeline__date" datetime="2026-03-04">4 March 2026</time>' in html
    assert '<details class="faq">' in html
    assert 'class="probability-bar__fill" width="60"' in html


def test_default_byline_is_veridact_editorial(client):
    article = ArticleFactory()
    assert "Veridact Editorial" in html_of(client.get(article.get_absolute_url()))


def test_substantive_update_date_and_note_are_shown(client):
    article = ArticleFactory(
        updated_at=timezone.now() - datetime.timedelta(hours=1), update_note="New polling data."
    )
    html = html_of(client.get(article.get_absolute_url()))
    assert "Updated <time" in html
    assert "New polling data." in html


def test_related_coverage_is_four_latest_in_the_category(client):
    article = ArticleFactory()
    siblings = [ArticleFactory(category=article.category) for _ in range(5)]
    other = ArticleFactory(category=CategoryFactory(name="Sports"))
    related_html = html_of(client.get(article.get_absolute_url())).split('id="related-title"')[1]
    assert related_html.count('class="card ') == 4
    assert siblings[0].title not in related_html  # the oldest of the five drops off
    assert other.title not in related_html


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {document["@type"]: document for document in map(json.loads, blocks)}


def test_json_ld_describes_the_article_faq_and_breadcrumbs(client):
    article = complete_article(hero_renditions={})
    article.hero_renditions = {
        "width": 1200,
        "height": 675,
        "sources": {"jpeg": [[1200, "articles/renditions/x-1200.jpg"]], "webp": []},
    }
    article.hero_credit = "Image: courtesy of Veridact Studio"
    article.save()
    documents = json_ld(html_of(client.get(article.get_absolute_url())))

    news = documents["NewsArticle"]
    assert news["headline"] == article.title
    assert news["datePublished"] == article.published_at.isoformat()
    assert news["dateModified"] == article.published_at.isoformat()
    assert news["image"]["url"].endswith("/media/articles/renditions/x-1200.jpg")
    assert news["image"]["creditText"] == "Image: courtesy of Veridact Studio"
    assert {author["name"] for author in news["author"]} == {
        author.name for author in article.authors.all()
    }
    assert news["publisher"]["name"] == "Veridact"

    faq = documents["FAQPage"]
    assert [q["name"] for q in faq["mainEntity"]] == ["When will we know?", "Who decides?"]
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"] == "By June."

    crumbs = documents["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Home", "Tech", article.title]


def test_json_ld_cannot_break_out_of_its_script_tag(client):
    article = ArticleFactory(title="</script><script>alert(1)</script>")
    html = html_of(client.get(article.get_absolute_url()))
    assert "</script><script>alert(1)" not in html
    assert json_ld(html)["NewsArticle"]["headline"] == article.title


def test_social_meta_and_canonical(client):
    article = ArticleFactory()
    html = html_of(client.get(article.get_absolute_url()))
    assert (
        f'<link rel="canonical" href="http://127.0.0.1:8000{article.get_absolute_url()}">' in html
    )
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert '<meta name="twitter:card"' in html


# Drafts and scheduled articles are invisible to the public everywhere.


@pytest.fixture
def hidden_articles():
    return [
        ArticleFactory(draft=True, title="Secret draft zebra"),
        ArticleFactory(scheduled=True, title="Scheduled zebra"),
    ]


@pytest.mark.parametrize(
    "path",
    ["/", "/tech/", "/feeds/", "/feeds/tech/", "/sitemap-articles.xml", "/news-sitemap.xml"],
)
def test_unpublished_articles_are_missing_from_public_lists(client, hidden_articles, path):
    visible = ArticleFactory(title="Visible zebra")
    body = client.get(path).content.decode()
    if path not in {"/sitemap-articles.xml", "/news-sitemap.xml"}:
        assert visible.title in body
    else:
        assert visible.get_absolute_url() in body
    for hidden in hidden_articles:
        assert hidden.title not in body
        assert hidden.get_absolute_url() not in body


def test_unpublished_articles_are_missing_from_search_and_related(client, hidden_articles):
    visible = ArticleFactory(title="Visible zebra")
    assert "Secret draft" not in client.get("/search/?q=zebra").content.decode()
    related = client.get(visible.get_absolute_url()).content.decode()
    for hidden in hidden_articles:
        assert hidden.title not in related


def test_unpublished_article_pages_are_404_for_readers(client, hidden_articles, django_user_model):
    for hidden in hidden_articles:
        assert client.get(hidden.get_absolute_url()).status_code == 404
    reader = django_user_model.objects.create_user(email="r@example.com", display_name="R")
    client.force_login(reader)
    for hidden in hidden_articles:
        assert client.get(hidden.get_absolute_url()).status_code == 404


def test_staff_preview_has_banner_and_is_never_cached_or_indexed(
    client, hidden_articles, django_user_model
):
    editor = django_user_model.objects.create_user(
        email="ed@example.com", display_name="Ed", is_staff=True
    )
    give_second_factor(editor)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    for hidden in hidden_articles:
        response = client.get(hidden.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert "Preview." in html
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-cache" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]


def test_missing_category_and_article_are_404(client):
    assert client.get("/nowhere/").status_code == 404
    assert client.get("/tech/no-such-article/").status_code == 404
    assert client.get("/feeds/nowhere/").status_code == 404


def shown_titles(response):
    return re.findall(r'<h3 class="card__title">([^<]*)</h3>', html_of(response))


def test_category_page_shows_twelve_then_earlier_pages_by_the_article_next_to_them(client):
    category = CategoryFactory(name="Finance")
    now = timezone.now()
    # Newest first, as the pages show them.
    articles = [
        ArticleFactory(category=category, title=f"Story {n}", published_at=now - hour * (n + 1))
        for n, hour in enumerate([datetime.timedelta(hours=1)] * 25)
    ]
    titles = [article.title for article in articles]
    first = html_of(client.get("/finance/"))
    assert shown_titles(client.get("/finance/")) == titles[:12]
    assert f'href="?before={articles[11].pk}"' in first and "?after=" not in first
    assert 'href="/feeds/finance/"' in first

    second = client.get(f"/finance/?before={articles[11].pk}")
    assert shown_titles(second) == titles[12:24]
    assert f'href="?after={articles[12].pk}"' in html_of(second)
    assert f'href="?before={articles[23].pk}"' in html_of(second)
    last = client.get(f"/finance/?before={articles[23].pk}")
    assert shown_titles(last) == titles[24:]
    assert 'href="?before=' not in html_of(last)
    # Back towards the newest: a page of twelve, and the first page once fewer are left.
    assert shown_titles(client.get(f"/finance/?after={articles[24].pk}")) == titles[12:24]
    assert client.get(f"/finance/?after={articles[12].pk}")["Location"] == "/finance/"


def test_category_pages_keep_articles_published_at_the_same_moment_in_order(client):
    category = CategoryFactory(name="Finance")
    moment = timezone.now() - datetime.timedelta(hours=1)
    articles = ArticleFactory.create_batch(14, category=category, published_at=moment)
    first = shown_titles(client.get("/finance/"))
    older = articles[-12].pk  # the last shown: ties go by id, newest first
    rest = shown_titles(client.get(f"/finance/?before={older}"))
    assert sorted(first + rest) == sorted(article.title for article in articles)
    assert len(first) == 12 and len(rest) == 2


@pytest.mark.parametrize("name", ["another category's", "a draft's", "a missing"])
def test_category_page_next_to_an_article_not_listed_is_the_first_page(client, name):
    finance = CategoryFactory(name="Finance")
    ArticleFactory.create_batch(13, category=finance)
    article = {
        "another category's": lambda: ArticleFactory(category=CategoryFactory(name="Tech")),
        "a draft's": lambda: ArticleFactory(category=finance, draft=True),
        "a missing": lambda: ArticleFactory.build(pk=987654),
    }[name]()
    for parameter in ["before", "after"]:
        response = client.get(f"/finance/?{parameter}={article.pk}")
        assert response.status_code == 302
        assert response["Location"] == "/finance/"
    # Nonsense values are no value at all: the first page.
    assert shown_titles(client.get("/finance/?before=abc")) == shown_titles(client.get("/finance/"))


def test_home_leads_with_the_featured_story_then_each_category(client):
    featured = ArticleFactory(
        is_featured=True, published_at=timezone.now() - datetime.timedelta(days=5)
    )
    newer = ArticleFactory(title="Newest tech story")
    sports = ArticleFactory(category=CategoryFactory(name="Sports"), title="Sports story")
    html = html_of(client.get("/"))
    lead = html.split('class="lead-story ')[1].split("</article>")[0]
    assert featured.title in lead
    assert newer.title in html.split('id="section-tech"')[1]
    assert sports.title in html.split('id="section-sports"')[1]


def test_home_without_a_featured_story_leads_with_the_latest(client):
    ArticleFactory(title="Older", published_at=timezone.now() - datetime.timedelta(days=2))
    ArticleFactory(title="Latest")
    lead = html_of(client.get("/")).split('class="lead-story ')[1].split("</article>")[0]
    assert "Latest" in lead


def test_about_and_privacy_pages_come_from_the_database(client):
    assert "Veridact publishes analysis before the headline" in html_of(client.get("/about/"))
    assert "We collect as little as we can" in html_of(client.get("/privacy/"))


def test_feeds_are_atom_with_entries(client):
    article = ArticleFactory()
    response = client.get("/feeds/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    entries = root.findall(f"{atom}entry")
    assert [entry.find(f"{atom}title").text for entry in entries] == [article.title]


def test_article_sitemap_has_lastmod_and_news_sitemap_only_the_last_48_hours(client):
    recent = ArticleFactory()
    old = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=3))
    sitemap = client.get("/sitemap-articles.xml").content.decode()
    assert recent.get_absolute_url() in sitemap and old.get_absolute_url() in sitemap
    assert "<lastmod>" in sitemap
    news = client.get("/news-sitemap.xml").content.decode()
    assert recent.get_absolute_url() in news
    assert old.get_absolute_url() not in news
    ET.fromstring(news)  # well-formed


@pytest.mark.parametrize("number", ["2", "184467440737095517", "5" + "0" * 30])
def test_an_article_sitemap_page_past_every_article_is_404(client, number):
    ArticleFactory()
    assert client.get(f"/sitemap-articles.xml?p={number}").status_code == 404


def test_robots_txt_points_at_both_sitemaps(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in body
    assert "Sitemap: http://127.0.0.1:8000/news-sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_scenario_without_probability_has_no_bar(client):
    article = ArticleFactory()
    ScenarioFactory(article=article, probability=None, title="Wildcard")
    html = html_of(client.get(article.get_absolute_url()))
    assert "Wildcard" in html
    assert "probability-bar" not in html
