import json

from django import template
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.encoding import filepath_to_uri
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles import structured_data
from articles.rendering import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render an editor's text (a small Markdown subset) as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 (nh3 has sanitised it)


_PROBE = "renditions/probe.jpg"


def _media_url():
    """A function giving a media file's address: the storage's own, or (when the storage's
    addresses are its base address and the name, as on disk and a public bucket are) the
    same without asking the storage each time; a picture has a dozen renditions."""
    probe = default_storage.url(_PROBE)
    if not probe.endswith(_PROBE):  # signed or otherwise computed: ask each time
        return default_storage.url
    base = probe.removesuffix(_PROBE)
    return lambda name: base + filepath_to_uri(name)


def _srcset(sources, url):
    return ", ".join(f"{url(name)} {width}w" for width, name in sources)


@register.simple_tag
def hero_picture(article, sizes="100vw", loading="lazy", css_class=""):
    """The article's hero image as <picture>: WebP with a JPEG fallback, sized to avoid shifts."""
    renditions = article.hero_renditions or {}
    sources = renditions.get("sources") or {}
    jpeg = sources.get("jpeg") or []
    if not jpeg:
        return ""
    fallback = min(jpeg, key=lambda source: abs(source[0] - 800))
    webp = sources.get("webp") or []
    url = _media_url()
    return format_html(
        '<picture class="{}">{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" '
        'alt="{}" loading="{}" decoding="async"{}></picture>',
        css_class,
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', _srcset(webp, url), sizes)
        if webp
        else "",
        url(fallback[1]),
        _srcset(jpeg, url),
        sizes,
        renditions["width"],
        renditions["height"],
        article.hero_alt,
        loading,
        mark_safe(' fetchpriority="high"') if loading == "eager" else "",
    )


CARD_IMAGE_SIZES = "(min-width: 56rem) 22rem, (min-width: 36rem) 45vw, 100vw"
CARD_SUMMARY_WORDS = 36


@register.simple_tag
def article_card(article, loading="lazy"):
    """An article's card (needs `for_cards()`).

    Built here rather than by a template include: a page of twelve includes spent more time
    in the template engine than in the rest of its render.
    """
    published = timezone.localtime(article.published_at)
    return format_html(
        '<article class="card card--{category_slug}">'
        '<a class="card__link" href="{url}">{picture}'
        '<p class="eyebrow card__category">{category}</p>'
        '<h3 class="card__title">{title}</h3></a>'
        '<p class="card__summary">{summary}</p>'
        '<p class="card__meta"><time datetime="{iso}">{date}</time></p></article>',
        category_slug=article.category.slug,
        url=article.get_absolute_url(),
        picture=hero_picture(article, CARD_IMAGE_SIZES, loading, "card__image"),
        category=article.category.name,
        title=article.title,
        summary=Truncator(article.summary).words(CARD_SUMMARY_WORDS, truncate=" …"),
        iso=published.isoformat(),  # what the date filter's "c" writes
        date=f"{published.day} {MONTHS[published.month]} {published.year}",  # "j F Y"
    )


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Embed a JSON-LD document; like json_script, escaped so it cannot close the tag."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 (escaped above)
    )


@register.simple_tag
def hero_image_url(article, width=1200):
    """The absolute URL of the hero image for social cards, or an empty string."""
    return structured_data.hero_image_url(article, width) or ""
