"""The people of the authorization matrix, each signed in on a browser of their own, and the
things they act on: an article with a discussion, predictions, subscribers, a digest issue."""

import dataclasses
import datetime
import re
import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import User
from articles.models import Author, Category, Page
from discussion import pending
from discussion import services as discussion_services
from discussion.models import Comment
from newsletter import issuing
from newsletter.models import Delivery, Subscriber
from pagecache.local import forget_local_pages
from predictions.models import Forecast, ResolutionAlert
from tests.accounts.factories import EditorFactory, ReaderFactory
from tests.articles.factories import ArticleFactory, complete_article
from tests.discussion.factories import CommentFactory
from tests.newsletter.factories import SubscriberFactory
from tests.predictions.factories import PredictionFactory, ProbabilityUpdateFactory, make_resolved

PASSWORD = "correct horse battery"

# The columns of the matrix, in order.
ANONYMOUS = "anonymous"
UNVERIFIED = "unverified"
READER = "reader"
OTHER = "other"
BANNED = "banned"
MODERATOR = "moderator"
EDITOR = "editor"
NO_MFA = "no-mfa"
SUPERUSER = "superuser"
ROLES = (ANONYMOUS, UNVERIFIED, READER, OTHER, BANNED, MODERATOR, EDITOR, NO_MFA, SUPERUSER)

# A moderator looks after the discussion and nothing else: the Editors group's rights on
# comments, reports and bans (accounts migration 0003, discussion since its 0001) and the
# readers they ban, without its articles or predictions.
MODERATOR_PERMISSIONS = [
    "view_comment",
    "moderate_comment",
    "view_moderationqueueitem",
    "view_report",
    "view_ban",
    "add_ban",
    "change_ban",
    "delete_ban",
    "view_user",
]


def _people():
    moderators = Group.objects.create(name="Moderators")
    moderators.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["accounts", "discussion"],
            codename__in=MODERATOR_PERMISSIONS,
        )
    )
    editors = Group.objects.get(name="Editors")
    banned = ReaderFactory(display_name="Banned Reader")
    discussion_services.reader_ban(user=banned, reason="Spam.")
    people = {
        ANONYMOUS: None,
        UNVERIFIED: ReaderFactory(display_name="Unverified Reader", verified=False),
        READER: ReaderFactory(display_name="Ada Reader"),
        OTHER: ReaderFactory(display_name="Grace Other"),
        BANNED: banned,
        MODERATOR: EditorFactory(display_name="Mo Derator"),
        EDITOR: EditorFactory(display_name="Desk Editor"),
        NO_MFA: EditorFactory(display_name="New Editor", second_factor=False),
        SUPERUSER: EditorFactory(display_name="Chief", is_superuser=True),
    }
    for role in (MODERATOR, EDITOR, SUPERUSER):
        # As setting up the authenticator app does, recovery codes come with it.
        RecoveryCodes.activate(people[role])
    people[MODERATOR].groups.add(moderators)
    people[EDITOR].groups.add(editors)
    people[NO_MFA].groups.add(editors)
    return people


def _browser(user, number):
    """A client signed in as `user` would be: with a password just now, and a code if set up."""
    client = Client(REMOTE_ADDR=f"198.51.100.{number + 1}", raise_request_exception=True)
    if user is not None:
        client.force_login(user)
        session = client.session
        records = [{"method": "password", "at": time.time(), "email": user.email}]
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is not None:
            records.append({"method": "mfa", "at": time.time(), "id": totp.pk, "type": "totp"})
        session[AUTHENTICATION_METHODS_SESSION_KEY] = records
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
        session.save()
    return client


@dataclasses.dataclass
class World:
    people: dict
    clients: dict
    article: object
    draft: object
    target: User
    comment: Comment
    hidden: Comment
    prediction: object
    closed: object
    resolved: object
    forecast: Forecast
    subscriber: Subscriber
    pending: Subscriber
    issue: object
    delivery: Delivery
    category: Category
    author: Author
    page: Page
    group: Group
    spare_authenticator: Authenticator

    def user(self, role):
        return self.people[role]


def build_world():
    """Everyone and everything the matrix needs; made once per test, changed by none of it."""
    people = _people()
    now = timezone.now()
    target = ReaderFactory(display_name="Target Reader")
    article = ArticleFactory()
    article.authors.add(Author.objects.create(name="Byline Analyst", slug="byline-analyst"))
    comment = discussion_services.comment_create(
        article=article, author=target, body="Plain words."
    )
    hidden = CommentFactory(
        article=article, author=ReaderFactory(), status=Comment.Status.HIDDEN, needs_review=True
    )
    prediction = PredictionFactory()
    ProbabilityUpdateFactory(prediction=prediction)
    ResolutionAlert.objects.create(prediction=prediction, reader=target)
    closed = PredictionFactory(closes_at=now - datetime.timedelta(days=1))
    ProbabilityUpdateFactory(prediction=closed)
    spare = ReaderFactory()
    for number in range(2):
        SubscriberFactory(email=f"digest-reader-{number}@example.com")
    issue = issuing.issue_create(frequency="daily", run="matrix")
    delivery = issue.deliveries.order_by("pk").first()
    Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.FAILED, attempts=5)
    ArticleFactory(published_at=timezone.now())  # news since that issue, for the next one
    world = World(
        people=people,
        clients={},
        article=article,
        draft=complete_article(draft=True),
        target=target,
        comment=comment,
        hidden=hidden,
        prediction=prediction,
        closed=closed,
        resolved=make_resolved(),
        forecast=Forecast.objects.create(prediction=prediction, reader=spare, probability=40),
        subscriber=SubscriberFactory(email="subscriber@example.com"),
        pending=SubscriberFactory(
            email="pending@example.com", status=Subscriber.Status.PENDING, consent_at=None
        ),
        issue=issue,
        delivery=delivery,
        category=Category.objects.create(
            name="Science", slug="science", description="Labs and launches.", order=9
        ),
        author=Author.objects.create(name="Spare Analyst", slug="spare-analyst"),
        page=Page.objects.get(slug="about"),
        group=Group.objects.create(name="Interns"),
        spare_authenticator=Authenticator.objects.create(
            user=spare, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        ),
    )
    world.clients = {
        role: _browser(user, number) for number, (role, user) in enumerate(people.items())
    }
    return world


def forget_limits():
    """Start a request with no limit counted and no page cached, as the suite's tests do."""
    if settings.REDIS_URL:
        cache.delete_pattern("*")
    else:
        cache.clear()
    caches["local"].clear()
    forget_local_pages()


# Who is signed in, and how; and what a reader wrote before signing in (discussion.pending).
SESSION_KEYS = ("_auth_user_id", AUTHENTICATION_METHODS_SESSION_KEY, pending.SESSION_KEY)
# Writes a request may make without changing anything a person would call a change: the
# session, the admin's log, an article's text kept as its page rendered it (a cache).
UNTRACKED_TABLES = {"django_session", "django_admin_log", "articles_renderedtext"}
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


class Changes:
    """What requests change while this is open: rows written, mail sent, the session."""

    def __init__(self, client):
        self.client = client
        self.tables = set()

    def _record(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        match = WRITE.match(sql)
        if match and match.group(1) not in UNTRACKED_TABLES:
            # An update or delete that matched no row changed nothing. (An insert's count is
            # not known before its RETURNING row is read, but an insert always adds one.)
            inserted = match.group(0).lstrip()[:6].upper() == "INSERT"
            if inserted or context["cursor"].rowcount:
                self.tables.add(match.group(1))
        return result

    def _state(self):
        # SESSION_KEYS: the session's other keys hold pages' passing state.
        session = self.client.session
        return len(mail.outbox), [session.get(key) for key in SESSION_KEYS]

    def __enter__(self):
        self._before = self._state()
        self._wrapper = connection.execute_wrapper(self._record)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc_info):
        self._wrapper.__exit__(*exc_info)
        if exc_info[0] is None:
            mails, session = self._state()
            if mails != self._before[0]:
                self.tables.add("(mail sent)")
            if session != self._before[1]:
                self.tables.add("(session)")
