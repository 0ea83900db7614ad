"""What every cached page and page part shows, named as scopes: the one place they are declared.

A scope names something pages show: "the published articles, as lists show them", "one
article's page", "the newsroom's forecasts". Each cached page (PAGES, by URL name) and each
cached part of a page (PARTS) declares below the scopes it depends on. It is stored with
their versions (`pagecache.versions`) and stays current until one of them moves. A service
that changes what a scope covers names it once its transaction has committed:

    scopes = [dependencies.ARTICLES, dependencies.category_articles(category.slug)]
    transaction.on_commit(lambda: invalidate(*scopes))

and the pages and parts that depend on it are rendered again at their next request, while
the rest of the site stays cached. No scope covers every page: after a deploy that changed
templates, or a change to a site-wide setting, `manage.py forget_cached_pages` drops them all.

To cache a new page, add its URL name to PAGES with the scopes of everything it shows. To
show more on a page, add the scope of what it now shows to its entry, and make sure every
service that changes that data names the scope. `tests/pagecache/test_dependencies.py`
checks that every cached view is declared here, and `tests/articles/edits.py` that each edit
an editor or a reader can make shows on the pages that show what it changed.

Scopes name things by what the address of a page holds (a slug, a reader's number), so that
a page's scopes are known from its URL alone, before its view runs.
"""

# --- Scopes, and who changes them -------------------------------------------------------------

# The sections' names, descriptions and order: every page that names a category.
# Changed by: a category's save or deletion (articles.services).
CATEGORIES = "categories"

# The published articles as cards, lists, feeds, search results and sitemaps show them.
# Changed by: an article's publication, save or deletion, an author's rename, a scheduled
# article going live (articles.services, articles.tasks).
ARTICLES = "articles"

# The About and Privacy pages. Changed by: a page's save (articles.services).
SITE_PAGES = "site-pages"

# The newsroom's predictions and probabilities, wherever they show: the home page's box, the
# article pages' “Our forecast” boxes, the list of predictions and the track record.
# Changed by: a newsroom probability update, a close, a resolution, an annulment or its undoing,
# an admin save or deletion of a prediction (predictions.services, predictions.admin).
FORECASTS = "forecasts"

# The readers' figures on the list of predictions: their median and how many forecast.
# Changed by: a reader's forecast (predictions.services).
COMMUNITY = "community"

# Readers' scores and names as records show them: the leaderboard and every profile's record.
# Changed by: a resolution, annulment or its undoing; a reader's rename or account deletion.
RECORDS = "records"

# The digests that went out, as the newsletter's public archive lists them.
# Changed by: an issue created with recipients (newsletter.issuing).
DIGESTS = "digests"


def category_articles(slug):
    """One category's published articles: its page, its feed, and its articles' Related Coverage.

    Changed by: a save, publication or deletion of one of its articles, a rename of one of its
    articles' authors, its own save, one of its scheduled articles going live.
    """
    return f"category:{slug}"


def article(category_slug, slug):
    """The article at an address as its page shows it: its text, sections, authors, category.

    Changed by: a save of the article or of its sections, an author's rename, a save of its
    category (articles.services). A change of address names the old one too.
    """
    return f"article:{category_slug}/{slug}"


def author(slug):
    """One author's page: their name, biography and portrait (their articles are ARTICLES).

    Changed by: their save or deletion (articles.services). A new slug names the old one too.
    """
    return f"author:{slug}"


def related_pins(category_slug, slug):
    """The articles the article at an address pins in its Related Coverage, as cards show them.

    Changed by: a save or deletion of an article pinned there (articles.services); a change to
    the pins themselves is a change to the article's sections, which names `article`.
    """
    return f"related-pins:{category_slug}/{slug}"


def discussion(category_slug, slug):
    """The discussion under the article at an address, and its count of comments.

    Changed by: a comment posted, edited, deleted, hidden, approved or removed there; a
    commenter's rename, ban or account deletion (discussion and accounts services).
    """
    return f"discussion:{category_slug}/{slug}"


def prediction(slug):
    """One prediction's page: its history, the readers' line and its own details.

    Changed by: a reader's forecast on it and every newsroom change to it (predictions.services).
    """
    return f"prediction:{slug}"


def reader(pk):
    """One reader's public profile: their name, bio and comments.

    Changed by: their rename or account deletion, and their comments changing (accounts and
    discussion services).
    """
    return f"reader:{pk}"


# --- Pages, by URL name: the scopes each depends on, from the URL's arguments -----------------

# Each section of the sitemap (articles.sitemaps.SITEMAPS), by name: the pages of its section.
SITEMAP_SECTIONS = {
    "home": [],
    "categories": [CATEGORIES],
    "articles": [CATEGORIES, ARTICLES],
    # Authors with published articles; ARTICLES moves with an author's rename.
    "authors": [ARTICLES],
    "pages": [SITE_PAGES],
    "predictions": [FORECASTS],
    "prediction-pages": [],
    "newsletter-archive": [DIGESTS],
}

PAGES = {
    "articles:home": lambda: [CATEGORIES, ARTICLES, FORECASTS],
    "articles:category": lambda slug: [CATEGORIES, category_articles(slug)],
    # The page around its parts (below): each part's scopes, and its title and description.
    "articles:detail": lambda category, slug: [
        CATEGORIES,
        article(category, slug),
        discussion(category, slug),
        category_articles(category),
        related_pins(category, slug),
        FORECASTS,
    ],
    "articles:author": lambda slug: [CATEGORIES, ARTICLES, author(slug)],
    "articles:about": lambda: [SITE_PAGES],
    "articles:privacy": lambda: [SITE_PAGES],
    # Predictions are found too, with the newsroom's forecast.
    "articles:search": lambda: [CATEGORIES, ARTICLES, FORECASTS],
    "articles:feed": lambda: [CATEGORIES, ARTICLES],
    "articles:category_feed": lambda slug: [CATEGORIES, category_articles(slug)],
    # The index names every page of every section, with its latest change.
    "articles:sitemap": lambda: sorted({s for scopes in SITEMAP_SECTIONS.values() for s in scopes}),
    "articles:sitemap_section": lambda section: SITEMAP_SECTIONS.get(section, []),
    "articles:news_sitemap": lambda: [CATEGORIES, ARTICLES],
    "articles:robots_txt": lambda: [],
    # Cards name an article of each prediction, hence ARTICLES.
    "predictions:index": lambda: [CATEGORIES, FORECASTS, COMMUNITY, ARTICLES],
    "predictions:detail": lambda slug: [CATEGORIES, prediction(slug), ARTICLES],
    "predictions:track_record": lambda: [CATEGORIES, FORECASTS],
    "predictions:track_record_csv": lambda: [CATEGORIES, FORECASTS],
    "predictions:leaderboard": lambda: [FORECASTS, RECORDS],
    "predictions:methodology": lambda: [],
    # Comments name the articles they are on, hence ARTICLES.
    "accounts:profile": lambda pk: [reader(pk), RECORDS, ARTICLES],
    "newsletter:subscribe": lambda: [],
    "newsletter:subscribed": lambda: [],
    "newsletter:archive": lambda: [DIGESTS],
    # An issue shows its articles as they read now, and links to the issues beside it.
    "newsletter:issue": lambda frequency, run_key: [DIGESTS, CATEGORIES, ARTICLES],
    "security_txt": lambda: [],
    "security": lambda: [],
}

# --- Parts of pages, cached on their own (articles.fragments, .home, .category_page) ---------

# The article page's parts, from its address, and the home page's: a miss of the page renders
# again only the parts whose scopes moved.
PARTS = {
    # The article's row as the page reads it, with its count of comments.
    "article.record": lambda category, slug: [
        CATEGORIES,
        article(category, slug),
        discussion(category, slug),
    ],
    # Its head tags, its body and sections.
    "article.text": lambda category, slug: [CATEGORIES, article(category, slug)],
    # The category's latest articles, and those the editor pinned (the pins are a section).
    "article.related": lambda category, slug: [
        category_articles(category),
        related_pins(category, slug),
        article(category, slug),
    ],
    "article.forecasts": lambda category, slug: [FORECASTS],
    # As anonymous readers see it; `article` says whether comments are closed.
    "article.discussion": lambda category, slug: [
        article(category, slug),
        discussion(category, slug),
    ],
    # The home page's parts (articles.home). A category's section depends on its category
    # alone, so a change elsewhere leaves it cached; it is kept with the lead story it
    # leaves out too.
    "home.categories": lambda: [CATEGORIES],
    "home.lead": lambda: [CATEGORIES, ARTICLES],
    "home.section": lambda slug: [CATEGORIES, category_articles(slug)],
    "home.predictions": lambda: [CATEGORIES, FORECASTS],
    # A category's page as its view shows it (articles.category_page): the category and a
    # page of its cards, kept for a miss of the page while neither changed.
    "category.page": lambda slug: [CATEGORIES, category_articles(slug)],
}


def _article_listed(address):
    """An article that is, or was, among the published articles changed."""
    return [ARTICLES, category_articles(address[0]), article(*address)]


# --- Events: the scopes each change names once it has committed -------------------------------

# What the services name for the changes readers and editors make most, given what the change
# acts on (`on.address`: an article's (category slug, slug); `on.reader`: a reader's id;
# `on.prediction`: a prediction's slug). tests/pagecache/test_events.py makes each change
# through its service and checks that these scopes, and no others, moved; `pagecache.cold`
# turns them into the table of what goes cold in docs/benchmarks.md. Nothing here makes every
# page cold: only a deploy that changed templates, or a site-wide setting, does that
# (`manage.py forget_cached_pages`).
EVENTS = {
    "A comment": lambda on: [discussion(*on.address), reader(on.reader)],
    "A reader's forecast": lambda on: [prediction(on.prediction), COMMUNITY],
    "A newsroom probability update": lambda on: [FORECASTS, prediction(on.prediction)],
    "A resolution": lambda on: [FORECASTS, prediction(on.prediction), RECORDS],
    "An article published": lambda on: _article_listed(on.address),
    "An article edited": lambda on: _article_listed(on.address),
    "An About or Privacy page saved": lambda on: [SITE_PAGES],
    "A scheduled article going live": lambda on: [ARTICLES, category_articles(on.address[0])],
}


def page_scopes(url_name, kwargs):
    """The scopes the page at a URL name depends on, given the URL's arguments."""
    return PAGES[url_name](**kwargs)


def part_scopes(name, **address):
    """The scopes a cached part depends on, given its page's address."""
    return PARTS[name](**address)
