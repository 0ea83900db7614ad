import datetime
from io import StringIO

import frontmatter
import pytest
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from articles import demo
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
    # Each article's history starts with the demo's text, timeline and all.
    for article in articles:
        [version] = Version.objects.get_for_object(article)
        assert version.revision.get_comment() == "Written for the demo."
        assert version.field_dict["title"] == article.title
        assert version.revision.version_set.filter(content_type__model="timelineevent").count() == (
            article.timeline_events.count()
        )

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


def test_each_demo_article_file_is_seeded_with_its_front_matter_and_sections():
    seed()
    files = sorted(demo.CONTENT.glob("*/*.md"))
    assert len(files) == Article.objects.count() == 16
    for path in files:
        article = Article.objects.get(category__slug=path.parent.name, slug=path.stem)
        post = frontmatter.load(path)
        assert article.title == post["title"]
        assert sorted(article.authors.values_list("slug", flat=True)) == sorted(post["authors"])
        body = post.content
        assert article.outlook == body.split("## Outlook\n\n")[1].split("\n\n## ")[0]
        assert article.precedents in body
        assert article.timeline_events.count() == len(post["timeline"])
    # Dates are written as of demo.AS_OF and move with the day the demo is seeded.
    newest = Article.objects.latest("published_at")
    assert (
        frontmatter.load(demo.CONTENT / newest.category.slug / f"{newest.slug}.md")["published"]
        == demo.AS_OF
    )
    assert timezone.now() - newest.published_at < datetime.timedelta(hours=3)
