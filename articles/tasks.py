from datetime import timedelta

from celery import shared_task
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from articles import uploads
from articles.models import Article
from pagecache.dependencies import ARTICLES, category_articles
from pagecache.versions import invalidate

# Beat runs the task every minute; the overlap covers a late or skipped run.
GO_LIVE_WINDOW = timedelta(minutes=3)


@shared_task
def refresh_pages_for_scheduled_articles():
    """Refresh cached pages once when scheduled articles have just gone live."""
    now = timezone.now()
    # Gone live since their last save: a save when already live refreshed the pages itself.
    went_live = (
        Article.objects.published()
        .filter(published_at__gt=now - GO_LIVE_WINDOW)
        .filter(published_at__gt=F("modified_at"))
        .values_list("pk", "published_at", "category__slug")
    )
    # Each go-live is seen by up to three runs of the window; the first refreshes the pages.
    timeout = int(GO_LIVE_WINDOW.total_seconds()) * 2
    categories = {
        category_slug
        for pk, published_at, category_slug in went_live
        if cache.add(f"went-live:{pk}:{published_at.isoformat()}", 1, timeout=timeout) is not False
    }
    if categories:
        invalidate(ARTICLES, *(category_articles(category_slug) for category_slug in categories))


@shared_task
def purge_pending_uploads():
    """Delete images kept from failed saves once their day is over."""
    return uploads.pending_uploads_purge()
