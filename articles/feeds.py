from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import DEFAULT_BYLINE, Article, Category

FEED_LENGTH = 30


def _absolute(path):
    # From SITE_URL, never the request's Host: the page cache keeps one copy for every host.
    return f"{settings.SITE_URL}{path}"


class LatestArticlesFeed(Feed):
    """Atom feed of the latest published articles across every category."""

    feed_type = Atom1Feed
    title = "Veridact — latest analysis"
    subtitle = "Forecasts and analysis on tech, sports, finance and gaming, before the headline."

    def link(self):
        return _absolute(reverse("articles:home"))

    def feed_url(self):
        return _absolute(reverse("articles:feed"))

    def articles(self):
        return Article.objects.published()

    def items(self):
        return (
            self.articles()
            .for_cards()
            .prefetch_related("authors")
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_link(self, item):
        return _absolute(item.get_absolute_url())

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_modified

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or DEFAULT_BYLINE

    def item_categories(self, item):
        return [item.category.name]

    def author_name(self):
        return settings.SITE_NAME


class CategoryFeed(LatestArticlesFeed):
    """Atom feed of one category."""

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"Veridact — {category.name}"

    def subtitle(self, category):
        return category.description

    def link(self, category):
        return _absolute(category.get_absolute_url())

    def feed_url(self, category):
        return _absolute(reverse("articles:category_feed", args=[category.slug]))

    def items(self, category):
        return (
            Article.objects.published()
            .in_category(category)
            .for_cards()
            .prefetch_related("authors")
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )


_category_feed = CategoryFeed()


def category_feed(request, slug):
    """A category's feed; at a slug the category had before, a redirect to its feed now."""
    try:
        return _category_feed(request, slug=slug)
    except Http404:
        moved = Category.objects.formerly_at(slug).first()
        if moved is None:
            raise
        return HttpResponsePermanentRedirect(reverse("articles:category_feed", args=[moved.slug]))
