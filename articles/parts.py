"""Parts of pages that belong to apps above articles, filled by those apps in AppConfig.ready().

`articles` is the base of the domain and imports no app above it, yet its pages show parts of
theirs: the article page's forecast box and discussion, the home page's open predictions. The
readers' pages of `accounts` are in the same position: a profile shows the reader's comments
and forecasting record, the settings page the newsletter's section, the sign-in pages the
comments a reader wrote before signing in. Each such part has a slot
here; the page renders the slot, and the app the part belongs to registers what renders it:

    # predictions/apps.py, in PredictionsConfig.ready()
    parts.register("home.predictions", render_home_predictions)

A renderer takes the request and the slot's objects (keywords, listed in SLOTS) and returns
HTML; a view passes it on (`parts.render`), a template shows it with `{% page_part %}`
(`{% load parts %}`). A slot nobody fills renders as nothing: a site without that app shows
no such part.
Which scopes a cached part depends on is declared in `pagecache.dependencies`.
"""

from collections.abc import Callable

# The query parameter of the article page that says which page of its discussion to show.
DISCUSSION_PAGE_PARAMETER = "comments"

SLOTS = {
    "article.forecasts": "The “Our forecast” box under an article's body (article).",
    "article.discussion": (
        "The discussion under an article, with its forms for a signed-in reader (article); "
        f"the page of threads is the request's ?{DISCUSSION_PAGE_PARAMETER}=, and a page past "
        "the last raises pagecache.params.ShowInstead."
    ),
    "home.predictions": "The open predictions on the home page (no objects).",
    "profile.forecasts": "A reader's forecasting record on their public profile (reader).",
    "profile.comments": (
        "A reader's comments on their public profile (reader); the request's ?page= says "
        "which page, and a page past the last raises pagecache.params.ShowInstead."
    ),
    "settings.newsletter": "The newsletter section of a reader's account settings (none).",
    "sign-in.comments": "What a reader wrote before signing in, on the sign-in pages (none).",
}

_renderers: dict[str, Callable[..., str]] = {}


def register(slot: str, render: Callable[..., str]) -> None:
    """Fill `slot` with `render(request, **objects)`, which returns the part's HTML."""
    if slot not in SLOTS:
        raise ValueError(f"No page has a part called {slot!r}; the slots are in articles.parts.")
    _renderers[slot] = render


def render(slot: str, request, **objects) -> str:
    """The HTML of the part in `slot` for this request, or nothing when no app fills it."""
    renderer = _renderers.get(slot)
    return "" if renderer is None else renderer(request, **objects)


def filled() -> set[str]:
    """The slots some app fills."""
    return set(_renderers)
