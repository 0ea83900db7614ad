"""`manage.py forget_cached_pages` drops what a deploy's new code would render differently."""

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.articles.factories import complete_article

pytestmark = pytest.mark.django_db


def test_pages_and_parts_cached_by_the_old_code_are_rendered_again(client):
    article = complete_article(title="Before the deploy")
    assert "Before the deploy" in client.get(article.get_absolute_url()).content.decode()
    # A change the cache cannot know of, as a new template is: no signal, same versions.
    Article.objects.filter(pk=article.pk).update(title="After the deploy")
    assert "Before the deploy" in client.get(article.get_absolute_url()).content.decode()

    call_command("forget_cached_pages")
    assert "After the deploy" in client.get(article.get_absolute_url()).content.decode()
