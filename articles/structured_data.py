"""schema.org JSON-LD: NewsArticle, FAQPage and BreadcrumbList for article pages, ProfilePage
for author pages."""

from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.urls import reverse

from articles.models import DEFAULT_BYLINE
from articles.rendering import plain_text


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def hero_image_url(article, width=1200):
    """The absolute URL of the JPEG rendition closest to `width`, or None."""
    sources = (article.hero_renditions or {}).get("sources", {}).get("jpeg") or []
    if not sources:
        return None
    chosen = min(sources, key=lambda source: abs(source[0] - width))
    # Local media has a path on this site; media on S3 or a CDN is absolute already.
    return urljoin(settings.SITE_URL, default_storage.url(chosen[1]))


def _publisher():
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
        "logo": {"@type": "ImageObject", "url": absolute(static("img/favicon.svg"))},
    }


def _person(author):
    return {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}


def profile_page(author):
    """The author page's ProfilePage, naming the person it is about."""
    person = _person(author)
    if author.bio:
        person["description"] = author.bio
    if author.portrait:
        person["image"] = urljoin(settings.SITE_URL, author.portrait.url)
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": absolute(author.get_absolute_url()),
        "mainEntity": person,
    }


def news_article(article):
    authors = list(article.authors.all())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "alternativeHeadline": article.headline,
        "description": article.summary,
        "articleSection": article.category.name,
        "url": absolute(article.get_absolute_url()),
        "mainEntityOfPage": absolute(article.get_absolute_url()),
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": (article.last_modified or article.modified_at).isoformat(),
        "author": [_person(author) for author in authors]
        or [{"@type": "Organization", "name": DEFAULT_BYLINE}],
        "publisher": _publisher(),
    }
    image = hero_image_url(article)
    if image:
        data["image"] = {
            "@type": "ImageObject",
            "url": image,
            "caption": article.hero_alt,
            "creditText": article.hero_credit,
        }
    return data


def faq_page(article):
    items = list(article.faq_items.all())
    if not items:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(item.answer)},
            }
            for item in items
        ],
    }


def breadcrumbs(article):
    trail = [
        ("Home", reverse("articles:home")),
        (article.category.name, article.category.get_absolute_url()),
        (article.title, article.get_absolute_url()),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def for_article(article):
    """Every JSON-LD document the article page carries."""
    return [doc for doc in (news_article(article), faq_page(article), breadcrumbs(article)) if doc]
