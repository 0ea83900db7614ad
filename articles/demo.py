"""Demo newsroom: authors, 16 articles with every section, artwork, and an editor account.

The articles are Markdown files in `demo_content/<category>/<slug>.md`: YAML front matter
for the short fields, scenarios, timeline and FAQ, and a `## ` section per long text.
"""

import datetime
import hashlib
import io
import math
import random
import re
import secrets
from pathlib import Path

import frontmatter
import reversion
import yaml
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from articles import services
from articles.models import Article, Author, Category
from articles.section_forms import parse_partial_date

EDITOR_EMAIL = "editor@demo.veridact.example"
ARTWORK_SIZE = (1600, 900)
CONTENT = Path(__file__).resolve().parent / "demo_content"
# The demo is written as of this day. Seeding moves its dates by the days since, so the
# newest article is hours old whenever it runs; timeline dates stay, being part of the text.
AS_OF = datetime.date(2026, 12, 1)
SECTIONS = {
    "Outlook": "outlook",
    "Background": "background",
    "Precedents": "precedents",
    "Why it matters": "why_it_matters",
}
HEADING = re.compile(r"^## (.+)$", re.MULTILINE)


def demo_time(day: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """Return the moment a demo date stands for when the demo is seeded at `now`."""
    return now - datetime.timedelta(days=(AS_OF - day).days)


def load_authors() -> list[dict]:
    """Read the demo authors."""
    return yaml.safe_load((CONTENT / "authors.yaml").read_text(encoding="utf-8"))


def load_articles() -> list[dict]:
    """Read every demo article: its front matter, its sections, its category and slug."""
    articles = []
    for path in sorted(CONTENT.glob("*/*.md")):
        post = frontmatter.load(path)
        _, *parts = HEADING.split(post.content)
        titles, texts = parts[::2], parts[1::2]
        sections = {SECTIONS[t]: text.strip() for t, text in zip(titles, texts, strict=True)}
        articles.append(
            {**post.metadata, **sections, "category": path.parent.name, "slug": path.stem}
        )
    return articles


def _hex_to_rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _mix(colour, other, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))


def make_artwork(seed_text, colour):
    """Abstract category-coloured artwork: a gradient, rings and a rising forecast line."""
    rng = random.Random(hashlib.sha256(seed_text.encode()).digest())  # noqa: S311 (artwork)
    width, height = ARTWORK_SIZE
    base = _hex_to_rgb(colour)
    dark, light = _mix(base, (10, 14, 20), 0.55), _mix(base, (255, 255, 255), 0.35)
    image = Image.new("RGB", ARTWORK_SIZE, dark)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(dark, base, y / height))
    for _ in range(5):
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(120, 420)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=light, width=rng.randint(2, 6))
    for x in range(0, width, 80):
        draw.line([(x, 0), (x, height)], fill=_mix(dark, base, 0.7), width=1)
    points, level = [], height * 0.7
    for step in range(21):
        level = min(height * 0.9, max(height * 0.15, level - rng.uniform(-40, 70)))
        points.append((step * width / 20, level + 30 * math.sin(step)))
    draw.line(points, fill=(250, 246, 238), width=10, joint="curve")
    last = points[-1]
    draw.ellipse([last[0] - 22, last[1] - 22, last[0] + 22, last[1] + 22], fill=(250, 246, 238))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=f"{seed_text}.png")


def _seed_authors():
    return {
        entry["slug"]: Author.objects.get_or_create(
            slug=entry["slug"], defaults={"name": entry["name"], "bio": entry["bio"]}
        )[0]
        for entry in load_authors()
    }


def _seed_article(entry, *, category, authors, now):
    published_at = demo_time(entry["published"], now) - datetime.timedelta(hours=2)
    updated = entry.get("updated")
    article = Article.objects.create(
        category=category,
        slug=entry["slug"],
        title=entry["title"],
        headline=entry["headline"],
        summary=entry["summary"],
        outlook=entry["outlook"],
        background=entry["background"],
        precedents=entry["precedents"],
        why_it_matters=entry.get("why_it_matters", ""),
        hero_alt=f"Abstract {category.name.lower()} artwork: rings and a rising forecast line",
        hero_credit="Image: courtesy of Veridact Studio",
        is_featured=entry.get("featured", False),
        updated_at=demo_time(updated, now) if updated else None,
        update_note=entry.get("update_note", ""),
    )
    article.authors.set([authors[slug] for slug in entry["authors"]])
    for order, scenario in enumerate(entry["scenarios"]):
        article.scenarios.create(order=order, **scenario)
    for order, event in enumerate(entry["timeline"], start=1):
        # An exact date left unquoted in the front matter reads as a date; the others as text.
        date, precision = parse_partial_date(str(event["date"]))
        article.timeline_events.create(
            order=order,
            date=date,
            precision=precision,
            title=event["title"],
            description=event["description"],
        )
    for order, item in enumerate(entry["faq"]):
        article.faq_items.create(order=order, question=item["question"], answer=item["answer"])
    article.hero_image.save(
        f"{entry['slug']}.png",
        make_artwork(f"{category.slug}-{entry['slug']}", category.accent_colour),
        save=True,
    )
    services.article_set_hero_image(article=article)
    services.article_publish(article=article, at=published_at)
    return article


def _seed_editor(stdout):
    User = get_user_model()
    if User.objects.filter(email=EDITOR_EMAIL).exists():
        return
    password = secrets.token_urlsafe(12)
    editor = User.objects.create_user(
        email=EDITOR_EMAIL, password=password, display_name="Demo Editor", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    EmailAddress.objects.create(user=editor, email=EDITOR_EMAIL, verified=True, primary=True)
    stdout.write(
        f"Demo editor (shown once): sign in at /admin/ as {EDITOR_EMAIL} with password {password}"
    )


def seed(*, stdout):
    """Create the demo authors, articles and editor; existing ones are left alone."""
    now = timezone.now()
    authors = _seed_authors()
    categories = {category.slug: category for category in Category.objects.all()}
    created = []
    entries = load_articles()
    for entry in entries:
        category = categories[entry["category"]]
        if Article.objects.filter(category=category, slug=entry["slug"]).exists():
            continue
        # Its first revision, as an editor's first save in the admin would keep it.
        with reversion.create_revision():
            reversion.set_comment("Written for the demo.")
            created.append(_seed_article(entry, category=category, authors=authors, now=now))
    services.article_index_for_search(article_ids=[article.pk for article in created])
    stdout.write(f"Articles: {len(created)} created, {len(entries) - len(created)} already there.")
    _seed_editor(stdout)
