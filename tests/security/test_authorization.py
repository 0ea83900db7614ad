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

The rows live in tests/security/authorization/: `site_pages` (what readers do), `allauth_pages`
(signing in, addresses, passwords, the second factor) and `admin_pages` (the admin, with who
may do what in `admin_rights`); `matrix` says how a row is written, tried and its answer read.
"""

import pytest

from tests.security.authorization.admin_pages import admin_rows, admin_site_rows, revision_rows
from tests.security.authorization.admin_rights import (
    ADMIN_ACTIONS,
    ADMIN_OBJECTS,
    ADMIN_RIGHTS,
    base_actions,
    registry,
)
from tests.security.authorization.allauth_pages import allauth_rows
from tests.security.authorization.matrix import try_row
from tests.security.authorization.site_pages import site_rows
from tests.security.routes import routes
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

# The rows in groups, each tried on a world of its own.
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
    registered = registry()
    assert set(registered) == set(ADMIN_RIGHTS) == set(ADMIN_OBJECTS)
    actions = {
        (label, name)
        for label, model_admin in registered.items()
        for name in base_actions(model_admin)
    }
    assert actions == set(ADMIN_ACTIONS)
