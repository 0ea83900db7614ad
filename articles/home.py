"""The home page in parts, each cached with the versions of what it reads.

The home page shows the latest articles of every category, so any article's change makes
the page stale (`pagecache.dependencies.PAGES`). It is also kept in parts, so a miss of the
page renders again only the parts whose scopes moved (`pagecache.dependencies.PARTS`):

- the categories, in their order (`home.categories`);
- the lead story: the latest featured article, else the latest of all (`home.lead`);
- each category's section, its latest three without the lead story (`home.section`); it
  is kept with the lead story's id when the lead story is one of its own, so that a new
  lead story renders again only the sections it leaves and joins;
- the open predictions (`home.predictions`).

An article edit renders the lead story and its category's section again, from one query;
the other sections come from the cache. With nothing cached the page costs three queries:
the categories, the lead story with every section's articles, and the predictions. The page
around the parts is kept as a frame (`pagecache.frames`); it shows nothing but the parts.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles import parts
from articles.models import Article, Category
from pagecache import dependencies
from pagecache.compiled import Compiled
from pagecache.frames import Kept
from pagecache.pages import SHARED_MAX_AGE, public_request
from pagecache.versions import current_versions, version_key

PARTS = ("categories", "lead", "predictions")  # and a section for each category
SECTION_SIZE = 3
# Parts are checked against their scopes' versions; a day keeps the cache tidy.
TIMEOUT = 60 * 60 * 24
# The frame changes only with a deploy, but its footer shows the year: kept as long as a page.
FRAME_TIMEOUT = SHARED_MAX_AGE


# The page's queries, compiled once for each shape (pagecache.compiled): the ORM took
# longer to write them than the database to run them. The categories; the lead story's
# candidates and the stale sections' articles.
_categories = Compiled(lambda: Category.objects.all())
_candidates = Compiled(
    lambda lead, sections, *, now, **ids: (
        Article.objects.published(now)
        .for_cards()
        .home_candidates(ids.values(), SECTION_SIZE + 1, lead=lead)
    )
)


def _key(name):
    return f"home-page:{name}"


def _lead_order(article):
    """The lead story is the latest featured article, else the latest of all."""
    return (article.is_featured, article.published_at, article.pk)


def _newest(article):
    return (article.published_at, article.pk)


class _Versions:
    """The current versions of scopes, fetched with the parts stored under them."""

    def __init__(self):
        self.current = {}

    def fetch(self, scopes, part_keys):
        """Fetch `part_keys` and the versions of `scopes` not yet known, in one round trip."""
        keys = sorted({version_key(scope) for scope in scopes} - set(self.current))
        found = cache.get_many([*keys, *part_keys])
        self.current.update(zip(keys, current_versions(keys, found), strict=True))
        return found

    def of(self, scopes):
        return tuple(self.current[version_key(scope)] for scope in scopes)


def home_parts(request):
    """The HTML of the home page's lead story, predictions box and sections, and, when the
    page cache may keep the page, its frame (`pagecache.frames.Kept`)."""
    versions, stored = _Versions(), {}
    scopes = {name: dependencies.part_scopes(f"home.{name}") for name in PARTS}
    frame_key = _key("frame") if public_request(request) else None
    found = versions.fetch(
        [scope for names in scopes.values() for scope in names],
        [*map(_key, scopes), *filter(None, [frame_key])],
    )

    def current(name, part_scopes, extra=None):
        """The entry stored for a part if it is current, else None."""
        entry = found.get(_key(name))
        version = (versions.of(part_scopes), extra)
        return entry if entry is not None and entry["version"] == version else None

    entry = current("categories", scopes["categories"])
    if entry is None:
        entry = {"version": (versions.of(scopes["categories"]), None)}
        entry["categories"] = _categories()
        stored[_key("categories")] = entry
    categories = entry["categories"]

    section_scopes = {
        category.slug: dependencies.part_scopes("home.section", slug=category.slug)
        for category in categories
    }
    section_keys = {slug: _key(f"section:{slug}") for slug in section_scopes}
    found.update(
        versions.fetch(
            [scope for names in section_scopes.values() for scope in names], section_keys.values()
        )
    )

    def section(category, lead):
        """A category's section as stored, if current; a section leaves out the lead story,
        so it depends on which that is when it is one of its own."""
        left_out = lead["pk"] if lead["category"] == category.pk else None
        name = f"section:{category.slug}"
        return name, left_out, current(name, section_scopes[category.slug], left_out)

    lead = current("lead", scopes["lead"])
    # The articles to render from: if the lead story is stale, its candidates and every
    # section's (a new lead story may leave or join any section; the same query costs no
    # more), else the articles of the sections that are stale.
    stale = categories if lead is None else [c for c in categories if not section(c, lead)[2]]
    candidates = []
    if lead is None or stale:
        ids = {f"category_{n}": category.pk for n, category in enumerate(stale)}
        shape = (lead is None, len(ids))
        candidates = _candidates(*shape, now=timezone.now(), **ids)
    if lead is None:
        story = max(candidates, key=_lead_order, default=None)
        lead = {
            "version": (versions.of(scopes["lead"]), None),
            "pk": story and story.pk,
            "category": story and story.category_id,
            "content": render_to_string("articles/includes/_home_lead.html", {"lead": story}),
        }
        stored[_key("lead")] = lead

    sections = []
    for category in categories:
        name, left_out, entry = section(category, lead)
        if entry is None:
            articles = sorted(
                (a for a in candidates if a.category_id == category.pk and a.pk != left_out),
                key=_newest,
                reverse=True,
            )[:SECTION_SIZE]
            context = {"category": category, "articles": articles}
            entry = {
                "version": (versions.of(section_scopes[category.slug]), left_out),
                "content": render_to_string("articles/includes/_home_section.html", context),
            }
            stored[_key(name)] = entry
        sections.append(entry["content"])

    predictions = current("predictions", scopes["predictions"])
    if predictions is None:
        predictions = {"version": (versions.of(scopes["predictions"]), None)}
        predictions["content"] = parts.render("home.predictions", request)
        stored[_key("predictions")] = predictions
    if stored:
        cache.set_many(stored, timeout=TIMEOUT)
    frame = None
    if frame_key:
        frame = Kept(frame_key, (), found.get(frame_key), timeout=FRAME_TIMEOUT)
    shown = {
        "lead": lead["content"],
        "predictions": predictions["content"],
        "sections": mark_safe("".join(sections)),  # noqa: S308 (each is rendered HTML)
    }
    return shown, frame
