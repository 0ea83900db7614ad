from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Category, Page

NEWS_WINDOW = timedelta(hours=48)


class SiteSitemap(Sitemap):
    """A sitemap whose addresses start with SITE_URL, never with the request's Host."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        address = urlsplit(settings.SITE_URL)
        return f"{address.netloc}{address.path}"


class ArticleSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Article.objects.published().for_cards().order_by("-published_at", "-pk")

    def lastmod(self, article):
        return article.last_modified


class CategorySitemap(SiteSitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Category.objects.all()


class AuthorSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Author.objects.with_published_articles().only("slug").order_by("slug")

    def lastmod(self, author):
        return author.latest_published_at


class PageSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return Page.objects.all()

    def lastmod(self, page):
        return page.updated_at


class HomeSitemap(SiteSitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "home": HomeSitemap,
    "categories": CategorySitemap,
    "articles": ArticleSitemap,
    "authors": AuthorSitemap,
    "pages": PageSitemap,
}


def register_sitemap(name, sitemap):
    """Add an app's sitemap to /sitemap.xml; apps above articles call it from ready()."""
    SITEMAPS[name] = sitemap


def news_articles():
    """Articles published in the last 48 hours, for the Google News sitemap."""
    return (
        Article.objects.published()
        .for_cards()
        .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
        .order_by("-published_at", "-pk")[:1000]
    )
