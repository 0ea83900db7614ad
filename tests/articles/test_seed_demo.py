from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, Category, TimelineEvent
from articles.services import article_publication_problems
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def seed(*arguments):
    out = StringIO()
    call_command("seed_demo", *arguments, stdout=out)
    return out.getvalue()


def test_seed_demo_creates_a_complete_newsroom_once(client, django_user_model):
    output = seed()

    articles = Article.objects.published()
    assert articles.count() >= 16
    for category in Category.objects.all():
        assert articles.filter(category=category).count() >= 4
    for article in articles.prefetch_related("scenarios", "timeline_events", "faq_items"):
        assert not article_publication_problems(article)
        assert article.precedents
        assert article.scenarios.exclude(probability=None).exists()
        assert article.hero_renditions["sources"]["webp"]
        assert article.hero_credit == "Image: courtesy of Veridact Studio"
    precisions = set(TimelineEvent.objects.values_list("precision", flat=True))
    assert precisions == {"day", "month", "year"}
    assert Article.objects.filter(is_featured=True).count() == 1

    editor = django_user_model.objects.get(email="editor@demo.veridact.example")
    assert editor.is_staff and not editor.is_superuser
    assert editor.groups.filter(name="Editors").exists()
    assert editor.check_password(output.split("with password ")[1].split()[0])

    for path in ["/", "/tech/", "/gaming/", articles.first().get_absolute_url(), "/search/?q=2027"]:
        assert client.get(path).status_code == 200

    count = Article.objects.count()
    again = seed()
    assert Article.objects.count() == count
    assert "password" not in again


def test_if_empty_leaves_a_database_with_content_alone():
    ArticleFactory()
    assert "demo content not loaded" in seed("--if-empty")
    assert Article.objects.count() == 1
