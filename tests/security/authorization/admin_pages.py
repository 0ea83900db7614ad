"""The matrix's rows for the admin: its own pages, then each registered model's pages and
actions, then an article's revisions."""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from reversion.models import Version

from tests.articles.factories import complete_article
from tests.security.authorization.admin_rights import (
    ADMIN_ACTIONS,
    ADMIN_ADD,
    ADMIN_ADD_SETUP,
    ADMIN_CHANGE,
    ADMIN_OBJECTS,
    ADMIN_RIGHTS,
    READING_ACTIONS,
    admin_answers,
    base_actions,
    registry,
)
from tests.security.authorization.matrix import Row, fixed
from tests.security.forms import form_data
from tests.security.world import PASSWORD, SUPERUSER


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
    actions = base_actions(model_admin)
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
    registered = registry()
    rows = []
    for label in labels:
        rows += _model_rows(label, registered[label]) + _action_rows(label, registered[label])
    return rows
