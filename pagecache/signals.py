"""What the page cache tells the apps above it; it imports none of them.

An app that keeps renderings of its own outside the cache (articles keeps each article's
text beside it) connects a receiver in its AppConfig.ready().
"""

from django.dispatch import Signal

# Every cached page and part was dropped (`manage.py forget_cached_pages`, a restore):
# what is kept elsewhere for the same purpose goes too, to be rendered again by the code
# and from the data now there.
pages_forgotten = Signal()
