"""Who among the staff may do what in the admin: each model's pages and actions, the object
each is tried on, and what its add and change forms are filled in with."""

import datetime
import json

from allauth.account.models import EmailAddress
from django.contrib import admin

from articles.models import Page
from discussion.models import Ban
from tests.security.world import (
    ANONYMOUS,
    BANNED,
    EDITOR,
    MODERATOR,
    NO_MFA,
    OTHER,
    READER,
    ROLES,
    SUPERUSER,
    UNVERIFIED,
)

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


def base_actions(model_admin):
    """The names of the actions the admin offers on a model's list, to whoever may run them."""
    return [name for _, name, _ in model_admin._get_base_actions()]


def registry():
    """{"app.model": its ModelAdmin} for every model registered in the admin."""
    return {
        model._meta.label_lower: model_admin for model, model_admin in admin.site._registry.items()
    }
