"""What goes cold per event: the pages and parts each change makes stale, worked out from the
declarations in `pagecache.dependencies` (EVENTS, PAGES, PARTS). `bench/pages.py` writes the
table into docs/benchmarks.md, and tests/pagecache/test_events.py checks it is still there.

A page with arguments is looked at three times: as the page of what the change acted on
("its"), as the page of a neighbour (another article of the same category) and as the page
of something else entirely ("every" when that one goes cold too).
"""

from types import SimpleNamespace

from pagecache import dependencies

# What every event acts on: an article of Tech, a reader, a prediction.
ON = SimpleNamespace(address=("tech", "a-story"), reader=7, prediction="a-question")
_ADDRESS, _NEIGHBOUR, _ELSEWHERE = (
    {"category": "tech", "slug": "a-story"},
    {"category": "tech", "slug": "another-story"},
    {"category": "sports", "slug": "a-match"},
)
# For each page or part with arguments: those of its own page, of a neighbour, of another.
_ARGUMENTS = {
    "articles:category": ({"slug": "tech"}, None, {"slug": "sports"}),
    "articles:category_feed": ({"slug": "tech"}, None, {"slug": "sports"}),
    "articles:detail": (_ADDRESS, _NEIGHBOUR, _ELSEWHERE),
    "articles:author": ({"slug": "an-author"}, None, {"slug": "another-author"}),
    "predictions:detail": ({"slug": "a-question"}, None, {"slug": "another-question"}),
    "accounts:profile": ({"pk": 7}, None, {"pk": 8}),
    "newsletter:issue": (
        {"frequency": "daily", "run_key": "one"},
        None,
        {"frequency": "weekly", "run_key": "two"},
    ),
    "home.section": ({"slug": "tech"}, None, {"slug": "sports"}),
    "category.page": ({"slug": "tech"}, None, {"slug": "sports"}),
    **dict.fromkeys(
        [name for name in dependencies.PARTS if name.startswith("article.")],
        (_ADDRESS, _NEIGHBOUR, _ELSEWHERE),
    ),
}
DEPLOY = "A deploy that changed templates, or a site-wide setting (`manage.py forget_cached_pages`)"


def _cold(scopes_of, name, changed):
    """How much of a page or part goes cold: '' (none), 'its', 'its category's' or 'every'."""
    if name == "articles:sitemap_section":
        sections = [
            section
            for section, section_scopes in dependencies.SITEMAP_SECTIONS.items()
            if changed & set(section_scopes)
        ]
        return ", ".join(sections)
    own, neighbour, elsewhere = _ARGUMENTS.get(name, ({}, None, {}))
    if not changed & set(scopes_of(name, own)):
        return ""
    if changed & set(scopes_of(name, elsewhere)):
        return "every"
    if neighbour is not None and changed & set(scopes_of(name, neighbour)):
        return "its category's"
    return "its"


def _listing(names, scopes_of, changed):
    shown = []
    for name in names:
        extent = _cold(scopes_of, name, changed)
        if not extent:
            continue
        bare = not _ARGUMENTS.get(name) and name != "articles:sitemap_section"
        shown.append(f"`{name}`" if bare else f"`{name}` ({extent})")
    return ", ".join(shown) or "none"


def rows():
    """(event, the scopes it names, the pages it makes cold, the parts rendered again)."""
    table = []
    for event, scopes in dependencies.EVENTS.items():
        changed = set(scopes(ON))
        table.append(
            (
                event,
                ", ".join(f"`{scope}`" for scope in scopes(ON)),
                _listing(
                    sorted(dependencies.PAGES),
                    lambda name, kwargs: dependencies.page_scopes(name, kwargs),
                    changed,
                ),
                _listing(
                    sorted(dependencies.PARTS),
                    lambda name, kwargs: dependencies.part_scopes(name, **kwargs),
                    changed,
                ),
            )
        )
    table.append((DEPLOY, "every scope's pages", "every page", "every part"))
    return table


def table():
    """The Markdown table of what goes cold per event."""
    lines = [
        "| Event (on `tech/a-story`, reader 7, `a-question`) | Scopes it names "
        "| Pages made cold | Parts rendered again |",
        "|---|---|---|---|",
    ]
    lines += [f"| {' | '.join(row)} |" for row in rows()]
    return "\n".join(lines)
