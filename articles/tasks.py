from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from articles import services
from articles.fragments import category_scope
from articles.models import Article
from veridact.caching import invalidate

# Beat runs the task every minute; the overlap covers a late or skipped run.
GO_LIVE_WINDOW = timedelta(minutes=3)


@shared_task
def refresh_pages_for_scheduled_articles():
    """Refresh cached pages when a scheduled article has just gone live."""
    now = timezone.now()
    went_live = Article.objects.published().filter(published_at__gt=now - GO_LIVE_WINDOW)
    categories = set(went_live.values_list("category__slug", flat=True))
    if categories:
        invalidate(scopes=[category_scope(category_slug) for category_slug in categories])


@shared_task
def purge_pending_uploads():
    """Delete images kept from failed saves once their day is over."""
    return services.pending_uploads_purge()
