"""Which scopes a change invalidated, read from the versions in the cache."""

from django.core.cache import cache

from pagecache import dependencies
from pagecache.versions import version_key

SITE_WIDE = [
    dependencies.CATEGORIES,
    dependencies.ARTICLES,
    dependencies.SITE_PAGES,
    dependencies.FORECASTS,
    dependencies.COMMUNITY,
    dependencies.RECORDS,
]


def invalidated_by(change, capture, *scopes):
    """Run `change` in a transaction that commits; return which scopes' versions moved.

    Looks at every scope of the site as a whole, and at the `scopes` named (an article's,
    a reader's). `capture` is pytest-django's `django_capture_on_commit_callbacks`.
    """
    watched = [*SITE_WIDE, *scopes]
    before = {scope: cache.get(version_key(scope)) for scope in watched}
    with capture(execute=True):
        change()
    return {scope for scope in watched if cache.get(version_key(scope)) != before[scope]}
