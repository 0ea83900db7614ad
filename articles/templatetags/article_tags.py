import json

from django import template
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import structured_data
from articles.rendering import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render an editor's text (a small Markdown subset) as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 (nh3 has sanitised it)


def _srcset(sources):
    return ", ".join(f"{default_storage.url(name)} {width}w" for width, name in sources)


@register.inclusion_tag("articles/includes/_picture.html")
def hero_picture(article, sizes="100vw", loading="lazy", css_class=""):
    """The article's hero image as <picture>: WebP with a JPEG fallback, sized to avoid shifts."""
    renditions = article.hero_renditions or {}
    sources = renditions.get("sources") or {}
    jpeg = sources.get("jpeg") or []
    if not jpeg:
        return {"picture": None}
    fallback = min(jpeg, key=lambda source: abs(source[0] - 800))
    return {
        "picture": {
            "webp_srcset": _srcset(sources.get("webp") or []),
            "jpeg_srcset": _srcset(jpeg),
            "src": default_storage.url(fallback[1]),
            "width": renditions["width"],
            "height": renditions["height"],
            "alt": article.hero_alt,
            "sizes": sizes,
            "loading": loading,
            "css_class": css_class,
        }
    }


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
