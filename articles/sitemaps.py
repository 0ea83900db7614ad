from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category, Page

NEWS_WINDOW = timedelta(hours=48)


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Article.objects.published().for_cards().order_by("-published_at", "-pk")

    def lastmod(self, article):
        return article.last_modified


class CategorySitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Category.objects.all()


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return Page.objects.all()

    def lastmod(self, page):
        return page.updated_at


class HomeSitemap(Sitemap):
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
    "pages": PageSitemap,
}


def news_articles():
    """Articles published in the last 48 hours, for the Google News sitemap."""
    return (
        Article.objects.published()
        .for_cards()
        .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
        .order_by("-published_at", "-pk")[:1000]
    )
