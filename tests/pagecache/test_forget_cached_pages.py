"""What a deploy's new code would render differently is rendered again: on its own where it
can tell (`deployed_stamp`), and after `manage.py forget_cached_pages`."""

import pytest
from django.core.management import call_command

from articles.models import Article
from pagecache.versions import deployed_stamp
from tests.articles.factories import complete_article

pytestmark = pytest.mark.django_db


def test_pages_and_parts_cached_by_the_old_code_are_rendered_again(client):
    article = complete_article(title="Before the deploy")
    assert "Before the deploy" in client.get(article.get_absolute_url()).content.decode()
    # A change the cache cannot know of, as a new template is: no signal, same versions.
    Article.objects.filter(pk=article.pk).update(title="After the deploy")
    assert "Before the deploy" in client.get(article.get_absolute_url()).content.decode()

    call_command("forget_cached_pages")
    html = client.get(article.get_absolute_url()).content.decode()
    # The article's text kept beside it (articles.RenderedText) is rendered again too.
    assert "After the deploy" in html
    assert "Before the deploy" not in html


@pytest.fixture
def stamp_computed_again():
    deployed_stamp.cache_clear()  # computed once a process
    yield
    deployed_stamp.cache_clear()


@pytest.mark.usefixtures("stamp_computed_again")
def test_what_is_kept_beyond_the_cache_follows_the_deployed_templates_and_addresses(
    settings, tmp_path
):
    # A site whose code is one folder of templates.
    settings.BASE_DIR = tmp_path
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates"]}]
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<p>{{ text }}</p>")
    stamps = []
    for change in [
        lambda: None,
        lambda: template.write_text("<p class='lead'>{{ text }}</p>"),
        lambda: setattr(settings, "SITE_URL", "https://veridact.example"),
    ]:
        change()
        deployed_stamp.cache_clear()
        stamps.append(deployed_stamp())
    deployed_stamp.cache_clear()
    assert len(set(stamps)) == 3
    assert deployed_stamp() == stamps[-1]  # and nothing else moves it
