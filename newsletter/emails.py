"""Build the outbox's emails and the digests, these from one rendering per category set.

A digest looks the same for every subscriber who gets the same set of categories, except for
the recipient, the Message-ID and the two personal links. So each set is rendered once, with
placeholders, and serialised once; each subscriber's message is that template with the
placeholders replaced, which costs microseconds instead of a template rendering.
"""

import contextlib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from newsletter import tokens
from newsletter.models import Notice

TO = "newsletter-recipient@placeholder.invalid"
MESSAGE_ID = "<newsletter-message-id@placeholder.invalid>"
UNSUBSCRIBE_URL = "https://placeholder.invalid/newsletter-unsubscribe-url"
PREFERENCES_URL = "https://placeholder.invalid/newsletter-preferences-url"
_PLACEHOLDERS = (TO, MESSAGE_ID, UNSUBSCRIBE_URL, PREFERENCES_URL)
_TO, _MESSAGE_ID, _UNSUBSCRIBE_URL, _PREFERENCES_URL = (p.encode() for p in _PLACEHOLDERS)
_PLACEHOLDER_BYTES = re.compile(
    b"(" + b"|".join(re.escape(p.encode()) for p in _PLACEHOLDERS) + b")"
)
_LEADING_DOT = re.compile(rb"(?m)^\.")


def smtp_data(message: bytes) -> bytes:
    """Make message bytes SMTP DATA: CRLF at the end, leading dots doubled (RFC 5321 4.5.2)."""
    if not message.endswith(b"\r\n"):
        message += b"\r\n"
    return _LEADING_DOT.sub(b"..", message)


def site_host() -> str:
    return _host(settings.SITE_URL)


@functools.lru_cache(maxsize=4)
def _host(url: str) -> str:
    return urlsplit(url).hostname or "localhost"


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@functools.cache
def _link_prefixes() -> tuple[str, str, str, str]:
    """Return (before, after) around the token for unsubscribe and preferences URLs."""
    marker = "TOKEN"
    unsubscribe = _absolute(reverse("newsletter:unsubscribe", args=[marker])).split(marker)
    preferences = _absolute(reverse("newsletter:preferences", args=[marker])).split(marker)
    return unsubscribe[0], unsubscribe[1], preferences[0], preferences[1]


def unsubscribe_url(subscriber_id: int) -> str:
    before, after, _, _ = _link_prefixes()
    return f"{before}{tokens.unsubscribe_token(subscriber_id)}{after}"


def preferences_url(subscriber_id: int) -> str:
    _, _, before, after = _link_prefixes()
    return f"{before}{tokens.preferences_token(subscriber_id)}{after}"


def confirm_url(subscriber) -> str:
    return _absolute(reverse("newsletter:confirm", args=[tokens.confirm_token(subscriber)]))


def list_headers(frequency: str, unsubscribe: str) -> dict[str, str]:
    """RFC 2369 / RFC 8058 headers: one-click unsubscribe and the list's identity."""
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{settings.SITE_NAME} {frequency} digest <{frequency}.digest.{site_host()}>",
    }


def _context(**extra):
    return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **extra}


def templated_email(*, subject, templates, context, to, headers=None) -> EmailMultiAlternatives:
    """Render `templates` + ".txt" and ".html" into an email with the site's context."""
    context = _context(**context)
    text = render_to_string(f"{templates}.txt", context)
    html = render_to_string(f"{templates}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    return message


def _message(*, template, **kwargs) -> EmailMultiAlternatives:
    return templated_email(templates=f"newsletter/email/{template}", **kwargs)


def message_data(message: EmailMessage) -> dict:
    """Keep what it takes to send a rendered email again, as JSON for the outbox."""
    if message.attachments:
        raise ValueError("The outbox keeps emails without attachments.")
    return {
        "subject": message.subject,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "body": message.body,
        "content_subtype": message.content_subtype,
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def message_sent_data(data: dict) -> dict:
    """What the outbox keeps of an email once it is sent: no bodies, which hold one-time links."""
    return {key: data[key] for key in ("subject", "from_email", "to") if key in data}


def _kept_email(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


# Builders of the emails other apps send readers through the outbox, by notice kind.
_notice_builders: dict[str, Callable[[Notice], EmailMessage | None]] = {}


def register_notice_builder(kind: str, builder: Callable[[Notice], EmailMessage | None]) -> None:
    """Have `builder` build the outbox's emails of `kind`, or say (None) one is not wanted now.

    Apps call it from `AppConfig.ready()`, so every process that sends has their builders.
    """
    _notice_builders[kind] = builder


def notice_email(notice: Notice) -> EmailMessage | None:
    """Build an outbox email: a newsletter notice from its subscriber, a kept email, or another
    app's email by its builder (None when that app no longer wants it sent)."""
    if notice.kind in Notice.KEPT:
        return _kept_email(notice.message)
    if notice.kind in Notice.BUILT:
        return _notice_builders[notice.kind](notice)
    subscriber = notice.subscriber
    context = _context(
        email=subscriber.email,
        email_title=settings.SITE_NAME,
        preheader="",
    )
    if notice.kind == Notice.Kind.CONFIRM:
        context.update(
            confirm_url=confirm_url(subscriber),
            valid_days=settings.NEWSLETTER_CONFIRM_MAX_AGE // 86400,
            preheader="One click to confirm your subscription.",
        )
        subject = f"Confirm your {settings.SITE_NAME} newsletter subscription"
        return _message(subject=subject, template="confirm", context=context, to=subscriber.email)
    unsubscribe = unsubscribe_url(subscriber.pk)
    context.update(unsubscribe_url=unsubscribe, preferences_url=preferences_url(subscriber.pk))
    if notice.kind == Notice.Kind.ALREADY_SUBSCRIBED:
        subject = f"You are already subscribed to {settings.SITE_NAME}"
        return _message(subject=subject, template="already", context=context, to=subscriber.email)
    names = [category.name for category in subscriber.categories.all()]
    context.update(
        frequency=subscriber.get_frequency_display().lower(),
        categories=", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
        if names
        else "every category",
        preheader="You are subscribed.",
    )
    return _message(
        subject=f"Welcome to the {settings.SITE_NAME} newsletter",
        template="welcome",
        context=context,
        to=subscriber.email,
        headers=list_headers(subscriber.frequency, unsubscribe),
    )


@dataclass(frozen=True)
class DigestArticle:
    """What a digest shows of an article, read once per issue."""

    title: str
    summary: str
    absolute_url: str
    category_id: int
    category: object


@dataclass(frozen=True)
class PersonalDigest:
    """One subscriber's digest as text: what the Django mail backends send."""

    subject: str
    text: str
    html: str
    headers: dict


class DigestRenderer:
    """Render an issue once per category set and fill in each subscriber's details."""

    def __init__(self, *, issue, articles):
        self.issue = issue
        self.articles = [
            DigestArticle(
                title=article.title,
                summary=article.summary,
                absolute_url=_absolute(article.get_absolute_url()),
                category_id=article.category_id,
                category=article.category,
            )
            for article in articles
        ]
        self._parts = {}
        self._templates = {}

    @staticmethod
    def message_id(*, issue_id: int, delivery_id: int) -> str:
        return f"<digest.{issue_id}.{delivery_id}@{site_host()}>"

    def articles_for(self, category_key: str) -> list[DigestArticle]:
        wanted = {int(part) for part in category_key.split(",") if part}
        return [article for article in self.articles if article.category_id in wanted]

    def subject_for(self, articles) -> str:
        frequency = self.issue.get_frequency_display().lower()
        top = articles[0].title
        more = len(articles) - 1
        if more:
            return f"{top} — and {more} more in your {frequency} {settings.SITE_NAME} digest"
        return f"{top} — your {frequency} {settings.SITE_NAME} digest"

    def parts(self, category_key: str) -> PersonalDigest:
        """Return subject, text, HTML and headers with placeholders for one category set."""
        if category_key not in self._parts:
            articles = self.articles_for(category_key)
            if not articles:
                raise ValueError(
                    f"issue {self.issue.pk} has no article in categories {category_key}"
                )
            subject = self.subject_for(articles)
            context = _context(
                articles=articles,
                frequency=self.issue.get_frequency_display().lower(),
                window_end=self.issue.window_end,
                web_url=_absolute(self.issue.get_absolute_url()),
                email_title=subject,
                preheader=articles[0].summary[:120],
                unsubscribe_url=UNSUBSCRIBE_URL,
                preferences_url=PREFERENCES_URL,
            )
            self._parts[category_key] = PersonalDigest(
                subject=subject,
                text=render_to_string("newsletter/email/digest.txt", context),
                html=render_to_string("newsletter/email/digest.html", context),
                headers={
                    "Message-ID": MESSAGE_ID,
                    **list_headers(self.issue.frequency, UNSUBSCRIBE_URL),
                },
            )
        return self._parts[category_key]

    def prepare(self, category_keys) -> None:
        """Render these category sets now, if not yet, so that sending them needs no query."""
        for key in category_keys:
            with contextlib.suppress(ValueError):  # no article: raised when it is sent
                self._template(key)

    def _template(self, category_key: str) -> list[bytes] | None:
        """The SMTP DATA of a category set, split around its placeholders (which sit at the
        odd positions), or None if a placeholder did not survive serialisation."""
        if category_key not in self._templates:
            raw = self._django_message(self.parts(category_key), TO).message()
            data = smtp_data(raw.as_bytes(linesep="\r\n"))
            # A line over 998 characters switches a part to quoted-printable, which may
            # split a placeholder; then every message is built from scratch instead.
            intact = all(data.count(p.encode()) >= 1 for p in _PLACEHOLDERS)
            # Placeholders never start a line, so dot-stuffing the template is enough.
            self._templates[category_key] = _PLACEHOLDER_BYTES.split(data) if intact else None
        return self._templates[category_key]

    def _django_message(self, parts: PersonalDigest, to: str) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=parts.subject,
            body=parts.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers=parts.headers,
        )
        message.attach_alternative(parts.html, "text/html")
        return message

    def _values(self, *, issue_id, delivery_id, subscriber_id, email):
        return {
            TO: email,
            MESSAGE_ID: self.message_id(issue_id=issue_id, delivery_id=delivery_id),
            UNSUBSCRIBE_URL: unsubscribe_url(subscriber_id),
            PREFERENCES_URL: preferences_url(subscriber_id),
        }

    def email_message(self, *, delivery_id, subscriber_id, email, category_key):
        """Build one subscriber's digest as a Django email message."""
        values = self._values(
            issue_id=self.issue.pk,
            delivery_id=delivery_id,
            subscriber_id=subscriber_id,
            email=email,
        )
        parts = self.parts(category_key)

        def fill(text):
            for placeholder, value in values.items():
                text = text.replace(placeholder, value)
            return text

        personal = PersonalDigest(
            subject=parts.subject,
            text=fill(parts.text),
            html=fill(parts.html),
            headers={name: fill(value) for name, value in parts.headers.items()},
        )
        return self._django_message(personal, email)

    def message_bytes(self, *, delivery_id, subscriber_id, email, category_key) -> bytes:
        """Build one subscriber's digest as SMTP DATA: CRLF lines, leading dots doubled."""
        plain = email.isascii() and "\r" not in email and "\n" not in email
        template = self._template(category_key) if plain else None
        if template is None:
            message = self.email_message(
                delivery_id=delivery_id,
                subscriber_id=subscriber_id,
                email=email,
                category_key=category_key,
            )
            return smtp_data(message.message().as_bytes(linesep="\r\n"))
        values = {
            _TO: email.encode(),
            _MESSAGE_ID: self.message_id(issue_id=self.issue.pk, delivery_id=delivery_id).encode(),
            _UNSUBSCRIBE_URL: unsubscribe_url(subscriber_id).encode(),
            _PREFERENCES_URL: preferences_url(subscriber_id).encode(),
        }
        parts = template[:]
        for index in range(1, len(parts), 2):
            parts[index] = values[parts[index]]
        return b"".join(parts)
