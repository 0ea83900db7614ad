"""The authorization matrix: every URL the site answers, and every admin action, tried by
everyone who might try it, and what each of them must get.

Each row is one request (a page, a form's post, an admin action) and its expected answer for
each column of people, in this order:

    anonymous   nobody signed in
    unverified  a reader whose address is not verified
    reader      a reader in good standing: the author of what an "own" row acts on
    other       another reader: never the author of what they act on
    banned      a reader banned from the discussion
    moderator   staff with a second factor who may moderate the discussion and nothing else
    editor      staff with a second factor in the Editors group
    no-mfa      an editor who has not set up a second factor (STAFF_MFA_REQUIRED)
    superuser   an administrator with a second factor

Where a row acts on "own" things (a comment to edit or delete), everyone acts on their own,
except `other`, who acts on the reader's. The answers:

    done     the request changed something (a row, the mail sent, the session)
    shown    a page, nothing changed
    moved    a redirect elsewhere than below, nothing changed
    login    sent to sign in, nothing changed
    mfa      sent to set up a second factor, nothing changed
    denied   403, nothing changed
    missing  404; invalid 400; gone 410, nothing changed

A URL pattern without a row, or an admin action without one, fails the coverage tests: a new
page or action gets its row in the same change that adds it.
"""

import dataclasses
import datetime
import json
import re
from collections.abc import Callable
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import pytest
import reversion
from allauth.account.forms import EmailAwarePasswordResetTokenGenerator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import resolve, reverse
from reversion.models import Version

from articles.models import Page
from discussion.models import Ban
from newsletter import tokens
from predictions import alerts
from tests.accounts.factories import totp_code
from tests.articles.factories import complete_article
from tests.discussion.factories import CommentFactory
from tests.newsletter.factories import SubscriberFactory
from tests.security.forms import form_data
from tests.security.routes import route_of, routes
from tests.security.world import (
    ANONYMOUS,
    BANNED,
    EDITOR,
    MODERATOR,
    NO_MFA,
    OTHER,
    PASSWORD,
    READER,
    ROLES,
    SUPERUSER,
    UNVERIFIED,
    Changes,
    build_world,
    forget_limits,
)

pytestmark = pytest.mark.django_db


@dataclasses.dataclass(frozen=True)
class Row:
    """One request, and the answer each column must get (a string of nine words)."""

    name: str  # the URL's name, or its route when the pattern has none
    method: str
    expected: str
    call: Callable  # (world, role, client, prepared) -> (path, data)
    prepare: Callable | None = None  # (world) -> what every role's call shares
    label: str = ""

    @property
    def route(self):
        return self.name if "/" in self.name else route_of(self.name)

    def __str__(self):
        return self.label or f"{self.method.upper()} {self.name}"


def answers(expected):
    words = expected.split()
    assert len(words) == len(ROLES), expected
    return dict(zip(ROLES, words, strict=True))


def everyone(answer, *, no_mfa="mfa"):
    return " ".join(no_mfa if role == NO_MFA else answer for role in ROLES)


def fixed(path, data=None):
    """A call that is the same for everyone."""
    return lambda world, role, client, prepared: (path(world) if callable(path) else path, data)


# The site: reading, the discussion, the reader's account, the newsletter, forecasts


def _others_comment(world, role):
    author = world.user(READER if role == OTHER else OTHER)
    return CommentFactory(article=world.article, author=author)


def _own_comment(world, role):
    author = world.user(READER if role in (ANONYMOUS, OTHER) else role)
    # Made directly, shown whatever its author's standing: an editor may have approved it.
    return CommentFactory(article=world.article, author=author)


def _comment_action(name, comment_of, data=None):
    def call(world, role, client, prepared):
        comment = comment_of(world, role)
        return reverse(f"discussion:{name}", args=[comment.article_id, comment.pk]), data

    return call


def _own_subscription(world, role):
    """A confirmed subscription of the role's own, for those who can have one."""
    user = world.user(role)
    if user is not None and role != UNVERIFIED:
        SubscriberFactory(email=user.email, user=user)


def _with(setup, path, data=None):
    """A call that first sets up what the role acts on; `data` may be made from the world."""

    def call(world, role, client, prepared):
        setup(world, role)
        return path, data(world) if callable(data) else data

    return call


def _preferences(world):
    return {"frequency": "weekly", "categories": [world.category.pk]}


SITE_READS = [
    ("articles:home", lambda w: reverse("articles:home")),
    ("articles:about", lambda w: reverse("articles:about")),
    ("articles:privacy", lambda w: reverse("articles:privacy")),
    ("articles:search", lambda w: reverse("articles:search") + "?q=event"),
    ("articles:feed", lambda w: reverse("articles:feed")),
    ("articles:category_feed", lambda w: reverse("articles:category_feed", args=["tech"])),
    ("articles:sitemap", lambda w: reverse("articles:sitemap")),
    ("articles:sitemap_section", lambda w: reverse("articles:sitemap_section", args=["articles"])),
    ("articles:news_sitemap", lambda w: reverse("articles:news_sitemap")),
    ("articles:robots_txt", lambda w: reverse("articles:robots_txt")),
    ("articles:category", lambda w: reverse("articles:category", args=["tech"])),
    ("articles:detail", lambda w: w.article.get_absolute_url()),
    ("articles:author", lambda w: w.article.authors.get().get_absolute_url()),
    ("predictions:index", lambda w: reverse("predictions:index")),
    ("predictions:track_record", lambda w: reverse("predictions:track_record")),
    ("predictions:track_record_csv", lambda w: reverse("predictions:track_record_csv")),
    ("predictions:leaderboard", lambda w: reverse("predictions:leaderboard")),
    ("predictions:methodology", lambda w: reverse("predictions:methodology")),
    ("predictions:detail", lambda w: w.prediction.get_absolute_url()),
    ("accounts:profile", lambda w: reverse("accounts:profile", args=[w.target.pk])),
    ("newsletter:subscribed", lambda w: reverse("newsletter:subscribed")),
    ("newsletter:archive", lambda w: reverse("newsletter:archive")),
    (
        "newsletter:issue",
        lambda w: reverse("newsletter:issue", args=[w.issue.frequency, w.issue.run_key]),
    ),
    ("security", lambda w: reverse("security")),
    ("security_txt", lambda w: reverse("security_txt")),
]


def site_rows():
    return [
        *[Row(name, "get", everyone("shown"), fixed(path)) for name, path in SITE_READS],
        Row("healthz", "get", everyone("shown", no_mfa="shown"), fixed("/healthz")),
        Row("readyz", "get", everyone("shown", no_mfa="shown"), fixed("/readyz")),
        Row("security_txt_top_level", "get", everyone("moved"), fixed("/security.txt")),
        Row(
            "discussion:comment_permalink",
            "get",
            everyone("moved"),
            _comment_action("comment_permalink", lambda w, r: w.comment),
        ),
        # A reader yet to confirm their address has it kept, posted at the confirmation.
        Row(
            "discussion:comment_post",
            "post",
            "login  done   done   done   denied done   done   mfa    done",
            fixed(
                lambda w: reverse("discussion:comment_post", args=[w.article.pk]), {"body": "Hi"}
            ),
        ),
        # Kept in the session of a reader yet to sign in; signed-in readers are shown their text
        # in their own form (with its token), nothing kept.
        Row(
            "discussion:comment_draft",
            "post",
            "done   shown  shown  shown  shown  shown  shown  mfa    shown",
            fixed(
                lambda w: reverse("discussion:comment_draft", args=[w.article.pk]), {"body": "Hi"}
            ),
        ),
        # Where signing in returns to: with nothing written before, back to the discussion.
        Row(
            "discussion:comment_pending",
            "get",
            "login  moved  moved  moved  moved  moved  moved  mfa    moved",
            fixed(lambda w: reverse("discussion:comment_pending", args=[w.article.pk])),
        ),
        Row(
            "discussion:comment_reply",
            "post",
            "login  denied done   done   denied done   done   mfa    done",
            _comment_action("comment_reply", lambda w, r: w.comment, {"body": "A reply."}),
        ),
        Row(
            "discussion:comment_edit",
            "post",
            "login  denied done   denied denied done   done   mfa    done",
            _comment_action("comment_edit", _own_comment, {"body": "Edited."}),
        ),
        Row(
            "discussion:comment_delete",
            "post",
            "login  done   done   denied done   done   done   mfa    done",
            _comment_action("comment_delete", _own_comment),
        ),
        Row(
            "discussion:comment_report",
            "post",
            "login  denied done   done   denied done   done   mfa    done",
            _comment_action("comment_report", _others_comment, {"reason": "spam"}),
        ),
        Row(
            "accounts:settings",
            "post",
            "login  done   done   done   done   done   done   mfa    done",
            fixed(reverse("accounts:settings"), {"display_name": "New Name", "bio": "Hello."}),
        ),
        Row(
            "accounts:delete",
            "post",
            "login  done   done   done   done   denied denied mfa    denied",
            fixed(reverse("accounts:delete"), {"password": PASSWORD}),
        ),
        Row(
            "newsletter:subscribe",
            "post",
            everyone("done"),
            lambda w, role, c, p: (
                reverse("newsletter:subscribe"),
                {"email": f"{role}@new.example"},
            ),
        ),
        Row(
            "newsletter:confirm",
            "post",
            everyone("done"),
            fixed(lambda w: reverse("newsletter:confirm", args=[tokens.confirm_token(w.pending)])),
        ),
        Row(
            "newsletter:preferences",
            "post",
            everyone("done"),
            lambda w, r, c, p: (
                reverse("newsletter:preferences", args=[tokens.preferences_token(w.subscriber.pk)]),
                _preferences(w),
            ),
        ),
        Row(
            "newsletter:unsubscribe",
            "post",
            everyone("done"),
            fixed(
                lambda w: reverse(
                    "newsletter:unsubscribe", args=[tokens.unsubscribe_token(w.subscriber.pk)]
                )
            ),
        ),
        Row(
            "predictions:resolution_emails_stop",
            "post",
            everyone("done"),
            fixed(
                lambda w: reverse(
                    "predictions:resolution_emails_stop", args=[alerts.stop_token(w.target.pk)]
                )
            ),
        ),
        Row(
            "newsletter:account",
            "get",
            "login  shown  shown  shown  shown  shown  shown  mfa    shown",
            fixed(reverse("newsletter:account")),
        ),
        Row(
            "newsletter:account_subscribe",
            "post",
            "login  moved  done   done   done   done   done   mfa    done",
            fixed(reverse("newsletter:account_subscribe")),
        ),
        Row(
            "newsletter:account_preferences",
            "post",
            "login  moved  done   done   done   done   done   mfa    done",
            _with(_own_subscription, reverse("newsletter:account_preferences"), _preferences),
        ),
        Row(
            "newsletter:account_unsubscribe",
            "post",
            "login  moved  done   done   done   done   done   mfa    done",
            _with(_own_subscription, reverse("newsletter:account_unsubscribe")),
        ),
        Row(
            "predictions:forecast",
            "post",
            "login  invalid done  done   done   done   done   mfa    done",
            fixed(
                lambda w: reverse("predictions:forecast", args=[w.prediction.slug]),
                {"probability": "60"},
            ),
        ),
    ]


# Allauth's pages: signing in and out, addresses, passwords, the second factor


def _totp_secret(user):
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return authenticator and authenticator.data["secret"]


def _after_reauthenticating(call):
    """Confirm the password first, as allauth asks before anyone touches a second factor."""

    def confirmed(world, role, client, prepared):
        if world.user(role) is not None:
            client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        return call(world, role, client, prepared)

    return confirmed


def _activate_totp(world, role, client, prepared):
    """Open the set-up page as a person would, and answer with the key it shows."""
    page = client.get(reverse("mfa_activate_totp"))
    found = re.search(r'<code class="mfa-secret">([A-Z2-7]+)</code>', page.content.decode())
    code = totp_code(found.group(1)) if found else "123456"
    return reverse("mfa_activate_totp"), {"code": code}


def _mfa_code(world, role, client, prepared):
    secret = _totp_secret(world.user(role)) if world.user(role) else None
    return reverse("mfa_reauthenticate"), {"code": totp_code(secret) if secret else "123456"}


def _reset_from_key(world, role, client, prepared):
    """Follow the emailed link (which keeps the key in the session), then set the password."""
    user = world.target
    key = EmailAwarePasswordResetTokenGenerator().make_token(user)
    link = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )
    response = client.get(link)
    path = response["Location"] if response.status_code == 302 else link
    return path, {"password1": "a new long passphrase", "password2": "a new long passphrase"}


def _confirm_email(world, role, client, prepared):
    address = EmailAddress.objects.get(user=world.user(UNVERIFIED))
    return reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key]), None


def allauth_rows():
    new_password = {"password1": "a new long passphrase", "password2": "a new long passphrase"}
    return [
        Row(
            "account_login",
            "post",
            "done   moved  moved  moved  moved  moved  moved  moved  moved",
            lambda w, r, c, p: (
                reverse("account_login"),
                {"login": w.target.email, "password": PASSWORD},
            ),
        ),
        Row(
            "mfa_authenticate",
            "post",
            "login  moved  moved  moved  moved  moved  moved  moved  moved",
            fixed(reverse("mfa_authenticate"), {"code": "123456"}),
        ),
        Row(
            "account_logout",
            "post",
            "moved  done   done   done   done   done   done   done   done",
            fixed(reverse("account_logout")),
        ),
        Row(
            "account_inactive",
            "get",
            everyone("shown", no_mfa="shown"),
            fixed(reverse("account_inactive")),
        ),
        Row(
            "account_signup",
            "post",
            "done   moved  moved  moved  moved  moved  moved  moved  moved",
            fixed(
                reverse("account_signup"),
                {"email": "newcomer@example.com", "display_name": "Newcomer", **new_password},
            ),
        ),
        Row(
            "account_reauthenticate",
            "post",
            "login  done   done   done   done   done   done   done   done",
            fixed(reverse("account_reauthenticate"), {"password": PASSWORD}),
        ),
        Row(
            "account_request_reauthentication_code",
            "post",
            "login  reauth shown  shown  shown  shown  shown  shown  shown",
            fixed(reverse("account_request_reauthentication_code")),
        ),
        Row(
            "account_confirm_reauthentication_code",
            "post",
            "login  moved  moved  moved  moved  moved  moved  moved  moved",
            fixed(reverse("account_confirm_reauthentication_code"), {"code": "ABCDEF"}),
        ),
        Row(
            "account_email",
            "post",
            "login  done   done   done   done   shown  shown  done   shown",
            lambda w, role, c, p: (
                reverse("account_email"),
                {"email": f"second-{role}@example.com", "action_add": ""},
            ),
        ),
        Row(
            "account_email_verification_sent",
            "get",
            everyone("shown", no_mfa="shown"),
            fixed(reverse("account_email_verification_sent")),
        ),
        Row(
            "account_change_password",
            "post",
            "login  done   done   done   done   done   done   done   done",
            fixed(reverse("account_change_password"), {"oldpassword": PASSWORD, **new_password}),
        ),
        Row(
            "account_set_password",
            "post",
            "login  moved  moved  moved  moved  moved  moved  moved  moved",
            fixed(reverse("account_set_password"), new_password),
        ),
        Row(
            "account_reset_password",
            "post",
            "done   done   done   done   done   done   done   done   done",
            lambda w, r, c, p: (reverse("account_reset_password"), {"email": w.target.email}),
        ),
        Row(
            "account_confirm_login_code",
            "post",
            "login  moved  moved  moved  moved  moved  moved  moved  moved",
            fixed(reverse("account_confirm_login_code"), {"code": "ABCDEF"}),
        ),
        Row(
            "account_confirm_email",
            "post",
            "done   done   done   done   done   done   done   done   done",
            _confirm_email,
        ),
        Row(
            "account_reset_password_from_key",
            "post",
            "done   done   done   done   done   done   done   done   done",
            _reset_from_key,
        ),
        Row(
            "account_reset_password_from_key_done",
            "get",
            everyone("shown", no_mfa="shown"),
            fixed(reverse("account_reset_password_from_key_done")),
        ),
        Row(
            "account_reset_password_done",
            "get",
            everyone("shown", no_mfa="shown"),
            fixed(reverse("account_reset_password_done")),
        ),
        Row(
            "mfa_index",
            "get",
            "login  shown  shown  shown  shown  shown  shown  shown  shown",
            fixed(reverse("mfa_index")),
        ),
        Row(
            "mfa_reauthenticate",
            "post",
            "login  reauth reauth reauth reauth done   done   reauth done",
            _mfa_code,
        ),
        Row(
            "mfa_activate_totp",
            "post",
            "login  moved  done   done   done   moved  moved  done   moved",
            _after_reauthenticating(_activate_totp),
        ),
        Row(
            "mfa_deactivate_totp",
            "post",
            "login  missing missing missing missing shown shown  missing shown",
            _after_reauthenticating(fixed(reverse("mfa_deactivate_totp"))),
        ),
        Row(
            "mfa_view_recovery_codes",
            "get",
            "login  missing missing missing missing done  done   missing done",
            _after_reauthenticating(fixed(reverse("mfa_view_recovery_codes"))),
        ),
        Row(
            "mfa_generate_recovery_codes",
            "post",
            "login  shown  shown  shown  shown  done   done   shown  done",
            _after_reauthenticating(fixed(reverse("mfa_generate_recovery_codes"))),
        ),
        Row(
            "mfa_download_recovery_codes",
            "get",
            "login  missing missing missing missing done  done   missing done",
            _after_reauthenticating(fixed(reverse("mfa_download_recovery_codes"))),
        ),
    ]


# The admin: its own pages, then each registered model's, then each action

# Who among the staff may view, add, change and delete each model in the admin:
# m(oderator), e(ditor), s(uperuser). What the Editors group and the Moderators' rights allow,
# and what each ModelAdmin allows anyone (comments and forecasts are never edited there).
ADMIN_RIGHTS = {
    #                               view    add    change  delete
    "auth.group": ("s", "s", "s", "s"),
    "account.emailaddress": ("s", "s", "s", "s"),
    "mfa.authenticator": ("s", "s", "s", "s"),
    "accounts.user": ("mes", "s", "s", "s"),
    "discussion.comment": ("mes", "", "", ""),
    "discussion.moderationqueueitem": ("mes", "", "", ""),
    "discussion.ban": ("mes", "mes", "mes", "mes"),
    "articles.category": ("es", "es", "es", "es"),
    "articles.author": ("es", "es", "es", "es"),
    "articles.article": ("es", "es", "es", "es"),
    "articles.page": ("es", "es", "es", "es"),
    "predictions.prediction": ("es", "es", "es", "s"),
    "predictions.forecast": ("es", "", "", ""),
    "newsletter.subscriber": ("es", "s", "s", "s"),
    "newsletter.digestissue": ("es", "", "s", "s"),
    "newsletter.delivery": ("es", "", "s", "s"),
}

# Who may run each admin action, on which object. An action someone may not run is not
# offered to them: the admin answers "No action selected" (moved) if they may see the list.
ADMIN_ACTIONS = {
    ("auth.group", "delete_selected"): ("s", lambda w: w.group),
    ("account.emailaddress", "delete_selected"): ("s", lambda w: _address(w.target)),
    ("account.emailaddress", "make_verified"): ("s", lambda w: _address(w.user(UNVERIFIED))),
    ("mfa.authenticator", "delete_selected"): ("s", lambda w: w.spare_authenticator),
    ("accounts.user", "delete_selected"): ("s", lambda w: w.target),
    ("accounts.user", "ban_from_commenting"): ("mes", lambda w: w.target),
    **{
        (model, action): ("mes", lambda w: w.hidden)
        for model in ("discussion.comment", "discussion.moderationqueueitem")
        for action in ("approve", "hide", "remove", "ban_authors")
    },
    ("discussion.comment", "delete_selected"): ("", lambda w: w.hidden),
    ("discussion.moderationqueueitem", "delete_selected"): ("", lambda w: w.hidden),
    ("discussion.ban", "delete_selected"): ("mes", lambda w: _ban(w)),
    ("articles.category", "delete_selected"): ("es", lambda w: w.category),
    ("articles.author", "delete_selected"): ("es", lambda w: w.author),
    ("articles.article", "delete_selected"): ("es", lambda w: w.draft),
    ("articles.article", "publish_now"): ("es", lambda w: w.draft),
    ("articles.article", "unpublish"): ("es", lambda w: w.article),
    ("articles.page", "delete_selected"): ("es", lambda w: w.page),
    ("predictions.prediction", "delete_selected"): ("s", lambda w: w.closed),
    ("predictions.prediction", "resolve_yes"): ("es", lambda w: w.closed),
    ("predictions.prediction", "resolve_no"): ("es", lambda w: w.closed),
    ("predictions.prediction", "annul"): ("es", lambda w: w.closed),
    ("predictions.prediction", "unresolve"): ("es", lambda w: w.resolved),
    ("predictions.prediction", "close_now"): ("es", lambda w: w.prediction),
    ("predictions.forecast", "delete_selected"): ("", lambda w: w.forecast),
    ("newsletter.subscriber", "delete_selected"): ("s", lambda w: w.subscriber),
    ("newsletter.subscriber", "export_csv"): ("es", lambda w: w.subscriber),
    ("newsletter.digestissue", "delete_selected"): ("s", lambda w: w.issue),
    ("newsletter.digestissue", "send_test"): ("es", lambda w: w.issue),
    ("newsletter.digestissue", "retry_failed"): ("s", lambda w: w.issue),
    ("newsletter.delivery", "delete_selected"): ("s", lambda w: w.delivery),
}
# Actions that change nothing: those who may run them are shown their result.
READING_ACTIONS = {("newsletter.subscriber", "export_csv")}


def _address(user):
    return EmailAddress.objects.get(user=user)


def _ban(world):
    return Ban.objects.get(user=world.user(BANNED))


# The object each model's change, delete and history pages are tried on.
ADMIN_OBJECTS = {
    "auth.group": lambda w: w.group,
    "account.emailaddress": lambda w: _address(w.target),
    "mfa.authenticator": lambda w: w.spare_authenticator,
    "accounts.user": lambda w: w.target,
    "discussion.comment": lambda w: w.comment,
    "discussion.moderationqueueitem": lambda w: w.hidden,
    "discussion.ban": _ban,
    "articles.category": lambda w: w.category,
    "articles.author": lambda w: w.author,
    "articles.article": lambda w: w.draft,
    "articles.page": lambda w: w.page,
    # A prediction readers forecast is annulled, never deleted: the admin refuses.
    "predictions.prediction": lambda w: w.closed,
    "predictions.forecast": lambda w: w.forecast,
    "newsletter.subscriber": lambda w: w.subscriber,
    "newsletter.digestissue": lambda w: w.issue,
    "newsletter.delivery": lambda w: w.delivery,
}


def _now_fields(name):
    now = datetime.datetime.now(tz=datetime.UTC)
    return {f"{name}_0": now.strftime("%Y-%m-%d"), f"{name}_1": now.strftime("%H:%M:%S")}


# What the add form is filled in with, over what it shows; and the one field a change alters.
ADMIN_ADD = {
    "auth.group": lambda w: {"name": "Fact-checkers"},
    "account.emailaddress": lambda w: {"user": w.target.pk, "email": "second@example.com"},
    "mfa.authenticator": lambda w: {
        "user": w.target.pk,
        "type": "totp",
        "data": json.dumps({"secret": "JBSWY3DPEHPK3PXP"}),
        **_now_fields("last_used_at"),
    },
    "accounts.user": lambda w: {
        "email": "hired@example.com",
        "display_name": "Hired",
        "usable_password": "true",
        "password1": "a new long passphrase",
        "password2": "a new long passphrase",
    },
    "discussion.ban": lambda w: {"user": w.user(OTHER).pk, "reason": "Abuse."},
    "articles.category": lambda w: {
        "name": "Weather",
        "slug": "weather",
        "description": "Storms ahead.",
        "order": "5",
    },
    "articles.author": lambda w: {"name": "New Analyst", "slug": "new-analyst"},
    "articles.article": lambda w: {
        "title": "Will it rain in 2030?",
        "slug": "rain-2030",
        "category": w.category.pk,
        "headline": "Probably.",
        "summary": "A summary.",
        "outlook": "An outlook.",
        "status": "draft",
    },
    "articles.page": lambda w: {"slug": "privacy", "title": "Privacy", "body": "Little."},
    "predictions.prediction": lambda w: {
        "claim": "Will it snow in 2031?",
        "slug": "snow-2031",
        "category": w.category.pk,
        "resolution_criteria": "Yes if it snows.",
        **_now_fields("opened_at"),
        "closes_at_0": "2031-01-01",
        "closes_at_1": "00:00:00",
        "resolve_by": "2031-02-01",
    },
    "newsletter.subscriber": lambda w: {
        "email": "added@example.com",
        "status": "pending",
        "frequency": "daily",
        "categories": [w.category.pk],
    },
}
ADMIN_CHANGE = {
    "auth.group": {"name": "Interns and juniors"},
    "account.emailaddress": {"email": "moved@example.com"},
    "mfa.authenticator": {
        "data": json.dumps({"secret": "KRSXG5CTMVRXEZLU"}),
        **_now_fields("last_used_at"),
    },
    "accounts.user": {"display_name": "Renamed"},
    "discussion.ban": {"reason": "Changed reason."},
    "articles.category": {"description": "Changed description."},
    "articles.author": {"name": "Renamed Analyst"},
    "articles.article": {"headline": "Changed headline."},
    "articles.page": {"title": "Changed title"},
    "predictions.prediction": {"claim": "Changed claim?"},
    "newsletter.subscriber": {"frequency": "weekly"},
}
# What must be out of the way before an add: a page of each kind exists already.
ADMIN_ADD_SETUP = {"articles.page": lambda w: Page.objects.filter(slug="privacy").delete()}


def admin_answers(rights, *, allowed, refused="denied", viewers=""):
    """A row's answers from the staff who may (`rights`) and those who may only look."""
    cells = {ANONYMOUS: "login", NO_MFA: "mfa"}
    for role in (UNVERIFIED, READER, OTHER, BANNED):
        cells[role] = "denied"
    for role, letter in ((MODERATOR, "m"), (EDITOR, "e"), (SUPERUSER, "s")):
        if letter in rights:
            cells[role] = allowed
        elif letter in viewers:
            cells[role] = refused(letter) if callable(refused) else refused
        else:
            cells[role] = "denied"
    return " ".join(cells[role] for role in ROLES)


def _superuser_form(world, path, form_id):
    response = world.clients[SUPERUSER].get(path)
    if response.status_code != 200:
        return {}
    return form_data(response.content.decode(), form_id)


def _model_rows(label, model_admin):
    app, model = label.split(".")
    opts = model_admin.model._meta
    view, adders, changers, deleters = ADMIN_RIGHTS[label]
    target = ADMIN_OBJECTS[label]
    prefix = f"admin:{opts.app_label}_{opts.model_name}"

    def url(name, world):
        return reverse(f"{prefix}_{name}", args=[target(world).pk])

    def prepare_add(world):
        data = _superuser_form(world, reverse(f"{prefix}_add"), f"{opts.model_name}_form")
        return {**data, **ADMIN_ADD.get(label, lambda w: {})(world), "_save": "Save"}

    def add(world, role, client, prepared):
        if label in ADMIN_ADD_SETUP:
            ADMIN_ADD_SETUP[label](world)
        return reverse(f"{prefix}_add"), prepared

    def prepare_change(world):
        data = _superuser_form(world, url("change", world), f"{opts.model_name}_form")
        return {**data, **ADMIN_CHANGE.get(label, {}), "_save": "Save"}

    return [
        Row(
            f"{prefix}_changelist",
            "get",
            admin_answers(view, allowed="shown"),
            fixed(reverse(f"{prefix}_changelist")),
        ),
        Row(
            f"{prefix}_add",
            "post",
            admin_answers(adders, allowed="done"),
            add,
            prepare=prepare_add,
        ),
        Row(
            f"{prefix}_change",
            "get",
            admin_answers(view, allowed="shown"),
            lambda w, r, c, p: (url("change", w), None),
            label=f"GET {prefix}_change",
        ),
        Row(
            f"{prefix}_change",
            "post",
            admin_answers(changers, allowed="done"),
            lambda w, r, c, prepared: (url("change", w), prepared),
            prepare=prepare_change,
        ),
        Row(
            f"{prefix}_delete",
            "post",
            admin_answers(deleters, allowed="done"),
            lambda w, r, c, p: (url("delete", w), {"post": "yes"}),
        ),
        Row(
            f"{prefix}_history",
            "get",
            admin_answers(view, allowed="shown"),
            lambda w, r, c, p: (url("history", w), None),
        ),
        Row(
            f"admin/{app}/{model}/<path:object_id>/",
            "get",
            admin_answers("mes", allowed="moved"),
            lambda w, r, c, p: (f"/admin/{app}/{model}/{target(w).pk}/", None),
        ),
    ]


def _action_rows(label, model_admin):
    opts = model_admin.model._meta
    view = ADMIN_RIGHTS[label][0]

    def refused(letter):
        # "No action selected" back on the list; with no action to offer, the list has no
        # action form, and the post just shows it.
        offered = any(letter in ADMIN_ACTIONS[(label, name)][0] for name in actions)
        return "moved" if offered else "shown"

    rows = []
    actions = _base_actions(model_admin)
    for action in actions:
        rights, target = ADMIN_ACTIONS[(label, action)]
        allowed = "shown" if (label, action) in READING_ACTIONS else "done"

        def call(world, role, client, prepared, target=target, action=action):
            data = {"action": action, "_selected_action": [target(world).pk], "post": "yes"}
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), data

        rows.append(
            Row(
                f"admin:{opts.app_label}_{opts.model_name}_changelist",
                "post",
                admin_answers(rights, allowed=allowed, refused=refused, viewers=view),
                call,
                label=f"action {label}.{action}",
            )
        )
    return rows


def _base_actions(model_admin):
    return [name for _, name, _ in model_admin._get_base_actions()]


def _registry():
    return {
        model._meta.label_lower: model_admin for model, model_admin in admin.site._registry.items()
    }


def _autocomplete(world):
    query = "?app_label=discussion&model_name=ban&field_name=user&term=Reader"
    return reverse("admin:autocomplete") + query


def _view_on_site(world):
    content_type = ContentType.objects.get_for_model(world.article)
    return reverse("admin:view_on_site", args=[content_type.pk, world.article.pk])


def admin_site_rows():
    change = {
        "old_password": PASSWORD,
        "new_password1": "a new long passphrase",
        "new_password2": "a new long passphrase",
    }
    return [
        Row(
            "admin:index",
            "get",
            "login  denied denied denied denied shown  shown  mfa    shown",
            fixed("/admin/"),
        ),
        Row(
            "admin:login",
            "post",
            "login  denied denied denied denied moved  moved  mfa    moved",
            lambda w, r, c, p: (
                reverse("admin:login"),
                {"username": w.user(SUPERUSER).email, "password": PASSWORD},
            ),
        ),
        Row(
            "admin:logout",
            "post",
            "moved  moved  moved  moved  moved  done   done   mfa    done",
            fixed(reverse("admin:logout")),
        ),
        Row(
            "admin:password_change",
            "post",
            "login  denied denied denied denied done   done   mfa    done",
            fixed(reverse("admin:password_change"), change),
        ),
        Row(
            "admin:password_change_done",
            "get",
            "login  denied denied denied denied shown  shown  mfa    shown",
            fixed(reverse("admin:password_change_done")),
        ),
        Row(
            "admin:autocomplete",
            "get",
            "login  denied denied denied denied shown  shown  mfa    shown",
            fixed(_autocomplete),
        ),
        Row(
            "admin:jsi18n",
            "get",
            "login  denied denied denied denied shown  shown  mfa    shown",
            fixed(reverse("admin:jsi18n")),
        ),
        Row(
            "admin:view_on_site",
            "get",
            "login  denied denied denied denied moved  moved  mfa    moved",
            fixed(_view_on_site),
        ),
        Row(
            "admin:app_list",
            "get",
            "login  denied denied denied denied missing shown mfa    shown",
            fixed("/admin/articles/"),
        ),
        Row(
            "admin:auth_user_password_change",
            "post",
            "login  denied denied denied denied denied denied mfa    done",
            lambda w, r, c, p: (
                reverse("admin:auth_user_password_change", args=[w.target.pk]),
                {"password1": "a new long passphrase", "password2": "a new long passphrase"},
            ),
        ),
        Row(
            "admin:newsletter_digestissue_preview",
            "get",
            "login  denied denied denied denied denied shown  mfa    shown",
            fixed(reverse("admin:newsletter_digestissue_preview") + "?frequency=daily"),
        ),
        Row(
            "admin:newsletter_digestissue_preview",
            "post",
            "login  denied denied denied denied denied done   mfa    done",
            fixed(
                reverse("admin:newsletter_digestissue_preview"),
                {"frequency": "daily", "audience": ""},
            ),
            label="POST admin:newsletter_digestissue_preview (a test to oneself)",
        ),
        Row(
            "admin:newsletter_digestissue_preview_email",
            "get",
            "login  denied denied denied denied denied shown  mfa    shown",
            fixed(reverse("admin:newsletter_digestissue_preview_email") + "?frequency=daily"),
        ),
        Row(
            "admin/(?P<url>.*)$",
            "get",
            "login  denied denied denied denied missing missing mfa missing",
            fixed("/admin/nowhere/"),
        ),
    ]


def _revision_of_draft(world):
    """A revision of the draft, as an admin save keeps one."""
    with reversion.create_revision():
        world.draft.save()
    return Version.objects.get_for_object(world.draft).first().pk


def _deleted_article(world):
    """The revision of an article since deleted, which the admin can recover."""
    article = complete_article(headline="Deleted, to recover.")
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).first().pk
    article.delete()
    return version


def revision_rows():
    """The article's revisions (django-reversion): who changed what, restoring, recovering."""
    prefix = "admin:articles_article"

    def revision(world, prepared):
        return reverse(f"{prefix}_revision", args=[world.draft.pk, prepared["version"]])

    def prepare_revision(world):
        version = _revision_of_draft(world)
        data = _superuser_form(
            world, reverse(f"{prefix}_revision", args=[world.draft.pk, version]), "article_form"
        )
        return {"version": version, "data": {**data, "_save": "Save"}}

    def prepare_recover(world):
        version = _deleted_article(world)
        data = _superuser_form(world, reverse(f"{prefix}_recover", args=[version]), "article_form")
        return {"version": version, "data": {**data, "_save": "Save"}}

    return [
        Row(
            f"{prefix}_revision_changes",
            "get",
            admin_answers("es", allowed="shown"),
            lambda w, r, c, p: (
                reverse(f"{prefix}_revision_changes", args=[w.draft.pk, p["version"]]),
                None,
            ),
            prepare=prepare_revision,
        ),
        # django-reversion shows a revision by restoring it in a transaction it rolls back:
        # the writes this sees are undone (tests/articles/test_revisions.py: looking changes
        # nothing).
        Row(
            f"{prefix}_revision",
            "get",
            admin_answers("es", allowed="done"),
            lambda w, r, c, p: (revision(w, p), None),
            prepare=prepare_revision,
        ),
        Row(
            f"{prefix}_revision",
            "post",
            admin_answers("es", allowed="done"),
            lambda w, r, c, p: (revision(w, p), p["data"]),
            prepare=prepare_revision,
            label=f"POST {prefix}_revision (restore)",
        ),
        Row(
            f"{prefix}_recoverlist",
            "get",
            admin_answers("es", allowed="shown"),
            fixed(reverse(f"{prefix}_recoverlist")),
        ),
        Row(
            f"{prefix}_recover",
            "post",
            admin_answers("es", allowed="done"),
            lambda w, r, c, p: (reverse(f"{prefix}_recover", args=[p["version"]]), p["data"]),
            prepare=prepare_recover,
            label=f"POST {prefix}_recover",
        ),
    ]


def admin_rows(labels):
    registry = _registry()
    rows = []
    for label in labels:
        rows += _model_rows(label, registry[label]) + _action_rows(label, registry[label])
    return rows


GROUPS = {
    "site": site_rows,
    "allauth": allauth_rows,
    "admin": admin_site_rows,
    "admin-people": lambda: admin_rows(
        ["auth.group", "account.emailaddress", "mfa.authenticator", "accounts.user"]
    ),
    "admin-discussion": lambda: admin_rows(
        ["discussion.comment", "discussion.moderationqueueitem", "discussion.ban"]
    ),
    "admin-articles": lambda: (
        admin_rows(["articles.category", "articles.author", "articles.article", "articles.page"])
        + revision_rows()
    ),
    "admin-predictions": lambda: admin_rows(["predictions.prediction", "predictions.forecast"]),
    "admin-newsletter": lambda: admin_rows(
        ["newsletter.subscriber", "newsletter.digestissue", "newsletter.delivery"]
    ),
}


# Reading an answer


def _kind(response):
    status = response.status_code
    if status in {301, 302, 303, 307, 308}:
        target = urlsplit(response["Location"]).path
        names = {
            reverse("account_login"): "login",
            reverse("mfa_activate_totp"): "mfa",
            reverse("account_reauthenticate"): "reauth",
            reverse("mfa_reauthenticate"): "reauth",
        }
        return names.get(target, "moved")
    return {
        200: "shown",
        400: "invalid",
        403: "denied",
        404: "missing",
        405: "method",
        410: "gone",
        429: "limited",
    }.get(status, str(status))


def answer(client, response, changed):
    kind = _kind(response)
    if kind == "moved" and urlsplit(response["Location"]).path == reverse("admin:login"):
        # The admin sends everyone it turns away to its login, which says what to do.
        kind = _kind(client.get(response["Location"]))
    if changed:
        return "done" if kind in {"shown", "moved", "login", "reauth"} else f"{kind}+changed"
    return kind


def try_row(world, row):
    """Make the row's request as each column; return the answers that are not the expected."""
    prepared = row.prepare(world) if row.prepare else None
    wrong = []
    for role, expected in answers(row.expected).items():
        client = world.clients[role]
        cookies = SimpleCookie(client.cookies)
        with transaction.atomic():
            forget_limits()
            path, data = row.call(world, role, client, prepared)
            assert resolve(urlsplit(path).path).route == row.route, (str(row), path)
            try:
                with Changes(client) as changed:
                    response = getattr(client, row.method)(path, data)
            except Exception as error:  # the test client re-raises what became a 500
                got, what = "500", repr(error)
            else:
                got, what = answer(client, response, changed.tables), sorted(changed.tables)
            transaction.set_rollback(True)
        client.cookies = cookies
        if got != expected:
            wrong.append(f"{row} as {role}: expected {expected}, got {got} {what}")
    return wrong


@pytest.fixture
def mfa_required(settings):
    settings.STAFF_MFA_REQUIRED = True


@pytest.mark.parametrize("group", GROUPS)
def test_authorization_matrix(group, mfa_required):
    world = build_world()
    wrong = [line for row in GROUPS[group]() for line in try_row(world, row)]
    assert not wrong, "\n".join(wrong)


# Coverage: a new URL, admin model or admin action without a row fails here


def test_every_url_pattern_has_a_row():
    covered = {row.route for rows in GROUPS.values() for row in rows()}
    missing = [route for route in routes() if route not in covered]
    assert not missing, "URL patterns without a row in the matrix:\n" + "\n".join(missing)


def test_every_admin_model_and_action_has_a_row():
    registry = _registry()
    assert set(registry) == set(ADMIN_RIGHTS) == set(ADMIN_OBJECTS)
    actions = {
        (label, name)
        for label, model_admin in registry.items()
        for name in _base_actions(model_admin)
    }
    assert actions == set(ADMIN_ACTIONS)
