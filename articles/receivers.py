"""What articles do when the page cache tells them something (`pagecache.signals`)."""

from articles import services
from pagecache.signals import pages_forgotten


def _pages_forgotten(**kwargs):
    services.rendered_texts_forget()


def connect():
    """Connect the articles' receivers; ArticlesConfig.ready() calls it once."""
    pages_forgotten.connect(_pages_forgotten, dispatch_uid="articles-pages-forgotten")
