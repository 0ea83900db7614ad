"""Sitemaps: an index (sitemap.xml) of sitemap pages of at most 50,000 addresses each.

Every address starts with SITE_URL, never with the request's Host. Articles are paged by
id, 50,000 ids a page, so that a page is one range of the primary key however deep it is
(no count, no OFFSET), and an article never moves to another page; a page of them is
written straight from one query's rows (through `get_absolute_url()` and a template,
100,000 took 12 seconds). A range of ids with no published article (drafts only) is an
empty page, listed like the others.
"""

import html
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import EmptyPage
from django.db.models import CharField, Max
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Category, Page

NEWS_WINDOW = timedelta(hours=48)
# The sitemap protocol's limit on the addresses in one file (and Django's default).
URLS_PER_PAGE = 50_000


class SiteSitemap(Sitemap):
    """A section of the sitemap, in pages of URLS_PER_PAGE addresses."""

    limit = URLS_PER_PAGE

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        address = urlsplit(settings.SITE_URL)
        return f"{address.netloc}{address.path}"

    def pages(self):
        """{page number: latest change or None} of each page the section has."""
        latest = self.get_latest_lastmod()
        return dict.fromkeys(self.paginator.page_range, latest)

    def entries(self, number):
        """(path, day of the last change or None) of each address on page `number`;
        EmptyPage for a page the section does not have."""
        lastmod = getattr(self, "lastmod", None)

        def day(item):
            return timezone.localdate(lastmod(item)).isoformat() if lastmod else None

        page = self.paginator.page(number)
        return [(self.location(item), day(item)) for item in page.object_list]


def _day(expression):
    """The day of a time in the site's time zone, as the database writes it (2026-12-01)."""
    return Cast(TruncDate(expression), CharField())


# The largest id a database column of Django's BigAutoField holds.
MAX_ID = 2**63 - 1


class ArticleSitemap(SiteSitemap):
    """Page N holds the published articles whose ids run from (N - 1) × limit + 1 to N × limit."""

    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Article.objects.published()

    def pages(self):
        # Without a date: a page's latest change would take a pass over every article.
        last = self.items().aggregate(last=Max("pk"))["last"] or 1
        return dict.fromkeys(range(1, (last - 1) // self.limit + 2))

    def entries(self, number):
        first = (int(number) - 1) * self.limit + 1
        if first + self.limit - 1 > MAX_ID:  # past any article and what a database compares
            raise EmptyPage("That page contains no results")
        rows = list(
            self.items()
            .filter(pk__range=(first, first + self.limit - 1))
            .order_by("pk")
            .values_list("category__slug", "slug", _day(Coalesce("updated_at", "published_at")))
        )
        if not rows and first > 1 and not self.items().filter(pk__gte=first).exists():
            raise EmptyPage("That page contains no results")
        # Every article's address has one shape: reverse() it once, not once an article.
        path = reverse("articles:detail", args=["category-slug", "article-slug"])
        path = path.replace("category-slug", "{0}", 1).replace("article-slug", "{1}", 1)
        return [(path.format(category, slug), day) for category, slug, day in rows]


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


def index_items():
    """Each page of each section, with its latest change where known, for sitemap.xml."""
    items = []
    for section, sitemap_class in SITEMAPS.items():
        address = settings.SITE_URL + reverse("articles:sitemap_section", args=[section])
        for number, lastmod in sitemap_class().pages().items():
            query = f"?p={number}" if number > 1 else ""
            items.append(SitemapIndexItem(f"{address}{query}", lastmod))
    return items


def urlset(sitemap, number):
    """Page `number` of a section as sitemap XML, written without a template."""
    site, tail = (
        settings.SITE_URL,
        (
            f"<changefreq>{sitemap.changefreq}</changefreq>"
            f"<priority>{sitemap.priority}</priority></url>"
        ),
    )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    ]
    for path, day in sitemap.entries(number):
        lastmod = f"<lastmod>{day}</lastmod>" if day else ""
        lines.append(f"<url><loc>{html.escape(site + path, quote=False)}</loc>{lastmod}{tail}")
    lines.append("</urlset>\n")
    return "\n".join(lines)


def news_articles():
    """Articles published in the last 48 hours, for the Google News sitemap."""
    return (
        Article.objects.published()
        .for_cards()
        .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
        .order_by("-published_at", "-pk")[:1000]
    )
