"""The matrix's rows for the site readers use: reading, the discussion, the reader's account,
the newsletter, forecasts."""

from django.urls import reverse

from newsletter import tokens
from predictions import alerts
from tests.discussion.factories import CommentFactory
from tests.newsletter.factories import SubscriberFactory
from tests.security.authorization.matrix import Row, everyone, fixed
from tests.security.world import ANONYMOUS, OTHER, PASSWORD, READER, UNVERIFIED


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
