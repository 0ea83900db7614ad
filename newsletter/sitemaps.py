from django.urls import reverse

from articles.sitemaps import SiteSitemap
from newsletter.models import DigestIssue


class DigestArchiveSitemap(SiteSitemap):
    """The newsletter archive: its list, and each issue that went out."""

    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return [
            "newsletter:archive",
            *DigestIssue.objects.archived().only("frequency", "run_key", "window_end"),
        ]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return None if isinstance(item, str) else item.window_end
