"""Every change editors and readers make to what a page shows, made as they make it (through
the services), with the pages that must show it at once.

EDITS change what an article page shows, each putting NEW_TEXT on it. PAGE_EDITS go further:
each acts on a World (an article with everything that hangs on it, the pages around it) and
names the pages that must show its `shows` text afterwards. tests/pagecache/test_edits.py
warms those pages in the cache, makes each change and reads them again; it also renders every
cached page and checks that each model whose rows a page reads has an edit here.
"""

import dataclasses
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from articles import services
from articles.models import Page, RelatedArticle
from discussion import services as discussion_services
from newsletter import issuing
from predictions import services as predictions_services
from predictions.models import Prediction
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    FAQItemFactory,
    ScenarioFactory,
    TimelineEventFactory,
    complete_article,
)
from tests.newsletter.factories import SubscriberFactory
from tests.predictions.factories import PredictionFactory, ProbabilityUpdateFactory

NEW_TEXT = "A new title"


def rename_article(article):
    article.title = NEW_TEXT
    services.article_save(article=article)


def rename_author(article):
    author = article.authors.first()
    author.name = NEW_TEXT
    services.author_save(author=author)


def rename_category(article):
    article.category.name = NEW_TEXT
    services.category_save(category=article.category)


def _with_section(article, make):
    services.article_save(article=article, save_related=make)


def add_scenario(article):
    _with_section(article, lambda: ScenarioFactory(article=article, title=NEW_TEXT))


def add_timeline_event(article):
    _with_section(article, lambda: TimelineEventFactory(article=article, title=NEW_TEXT))


def add_faq_item(article):
    _with_section(article, lambda: FAQItemFactory(article=article, question=NEW_TEXT))


def add_author(article):
    _with_section(article, lambda: article.authors.add(AuthorFactory(name=NEW_TEXT)))


EDITS = [
    rename_article,
    rename_author,
    rename_category,
    add_scenario,
    add_timeline_event,
    add_faq_item,
    add_author,
]


@dataclasses.dataclass
class World:
    """An article and what hangs on it: its author, a reader who commented on it, an article
    that pins it, a prediction it informs, an About page and a subscriber of its category."""

    article: object
    pinning: object
    reader: object
    prediction: object

    @classmethod
    def make(cls):
        tech = CategoryFactory(name="Tech")
        article = complete_article(category=tech, title="The story")
        pinning = ArticleFactory(category=CategoryFactory(name="Sports"), title="The pinning")
        RelatedArticle.objects.create(article=pinning, related=article)
        reader = ReaderFactory(display_name="Ada Reader")
        discussion_services.comment_create(article=article, author=reader, body="First.")
        prediction = PredictionFactory(claim="The question?", category=tech)
        prediction.articles.add(article)
        ProbabilityUpdateFactory(prediction=prediction, probability=40)
        Page.objects.update_or_create(slug="about", defaults={"title": "About", "body": "Us."})
        SubscriberFactory(categories=["tech"])
        return cls(article=article, pinning=pinning, reader=reader, prediction=prediction)

    def url(self, name):
        """The address of one of the world's pages, by a short name."""
        article, prediction = self.article, self.prediction
        return {
            "home": reverse("articles:home"),
            "category": article.category.get_absolute_url(),
            "article": article.get_absolute_url(),
            "pinning": self.pinning.get_absolute_url(),
            "author": article.authors.first().get_absolute_url(),
            "about": reverse("articles:about"),
            "search": f"{reverse('articles:search')}?q={quote(NEW_TEXT)}",
            "feed": reverse("articles:feed"),
            "category feed": reverse("articles:category_feed", args=[article.category.slug]),
            "news sitemap": reverse("articles:news_sitemap"),
            "predictions": reverse("predictions:index"),
            "prediction": prediction.get_absolute_url(),
            "track record csv": reverse("predictions:track_record_csv"),
            "profile": self.reader.get_absolute_url(),
            "digests": reverse("newsletter:archive"),
        }[name]


@dataclasses.dataclass
class Edit:
    """A change, the models it writes, and the pages that show it at once (`shows` there)."""

    name: str
    change: Callable[[World], object]
    models: tuple
    pages: tuple
    shows: Callable[[World], str] = lambda world: NEW_TEXT


def _pin_a_new_article(world):
    pinned = ArticleFactory(category=CategoryFactory(name="Finance"), title=NEW_TEXT)
    services.article_save(
        article=world.pinning,
        save_related=lambda: RelatedArticle.objects.create(
            article=world.pinning, related=pinned, order=0
        ),
    )


def _save_page(world):
    page = Page.objects.get(slug="about")
    page.body = NEW_TEXT
    services.page_save(page=page)


def _edit_claim(world):
    world.prediction.claim = NEW_TEXT
    predictions_services.prediction_save(prediction=world.prediction)


def _forecast(world):
    predictions_services.forecast_submit(
        prediction=world.prediction, reader=world.reader, probability=70
    )


def _resolve(world):
    prediction = world.prediction
    Prediction.objects.filter(pk=prediction.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    prediction.refresh_from_db()
    predictions_services.prediction_resolve(prediction=prediction, outcome=True)


def _send_a_digest(world):
    issuing.issue_create(frequency="daily", run="edits-digest")


ARTICLE_LISTS = ("home", "category", "feed", "category feed", "news sitemap")

PAGE_EDITS = [
    Edit(
        "an article renamed",
        lambda world: rename_article(world.article),
        models=("articles.Article",),
        pages=(
            "article",
            *ARTICLE_LISTS,
            "author",
            "pinning",
            "prediction",
            "predictions",
            "profile",
        ),
    ),
    Edit(
        "an article renamed, as search finds it",
        lambda world: rename_article(world.article),
        models=("articles.Article",),
        pages=("search",),
        shows=lambda world: world.article.get_absolute_url(),
    ),
    Edit(
        "an author renamed",
        lambda world: rename_author(world.article),
        models=("articles.Author",),
        pages=("article", "author", "feed"),
    ),
    Edit(
        "an author added",
        lambda world: add_author(world.article),
        models=("articles.Article_authors",),
        pages=("article", "feed"),
    ),
    Edit(
        "a category renamed",
        lambda world: rename_category(world.article),
        models=("articles.Category",),
        pages=("home", "category", "article", "category feed", "predictions"),
    ),
    Edit(
        "a scenario added",
        lambda world: add_scenario(world.article),
        models=("articles.Scenario",),
        pages=("article",),
    ),
    Edit(
        "a timeline event added",
        lambda world: add_timeline_event(world.article),
        models=("articles.TimelineEvent",),
        pages=("article",),
    ),
    Edit(
        "an FAQ item added",
        lambda world: add_faq_item(world.article),
        models=("articles.FAQItem",),
        pages=("article",),
    ),
    Edit(
        "an article pinned to Related Coverage",
        _pin_a_new_article,
        models=("articles.RelatedArticle",),
        pages=("pinning",),
    ),
    Edit(
        "an About page saved",
        _save_page,
        models=("articles.Page",),
        pages=("about",),
    ),
    Edit(
        "a comment posted",
        lambda world: discussion_services.comment_create(
            article=world.article, author=world.reader, body=NEW_TEXT
        ),
        models=("discussion.Comment",),
        pages=("article", "profile"),
    ),
    Edit(
        "a reader renamed",
        lambda world: account_services.profile_update(
            user=world.reader, display_name=NEW_TEXT, bio=""
        ),
        models=("accounts.User",),
        pages=("article", "profile"),
    ),
    Edit(
        "a prediction's claim edited",
        _edit_claim,
        models=("predictions.Prediction",),
        pages=("prediction", "predictions", "home", "article"),
    ),
    Edit(
        "a newsroom probability update",
        lambda world: predictions_services.probability_update_add(
            prediction=world.prediction, probability=55, rationale=NEW_TEXT
        ),
        models=("predictions.ProbabilityUpdate",),
        pages=("prediction",),
    ),
    Edit(
        "a reader's forecast",
        _forecast,
        models=("predictions.CommunitySnapshot",),
        pages=("predictions",),
        shows=lambda world: "1 reader forecast",
    ),
    Edit(
        "a resolution",
        _resolve,
        models=("predictions.ReaderScore", "predictions.ReaderRecord"),
        pages=("track record csv",),
        shows=lambda world: world.prediction.slug,
    ),
    Edit(
        "a digest sent",
        _send_a_digest,
        models=("newsletter.DigestIssue",),
        pages=("digests",),
        shows=lambda world: reverse("newsletter:issue", args=["daily", "edits-digest"]),
    ),
]

# What pages read that no reader or editor changes on them: who reads, and how the site runs.
NOT_CONTENT = {
    "accounts.User_groups",
    "auth.Group",
    "auth.Permission",
    "contenttypes.ContentType",
    "sessions.Session",
    "account.EmailAddress",
    "articles.ArticleAddress",
    "articles.CategoryAddress",
    "newsletter.Subscriber",
    "newsletter.Subscriber_categories",
    "newsletter.Delivery",
}
# Models read with others and changed by the same edits: what a digest holds, the
# prediction's articles (the claim's edit saves them), an article's text as rendered.
COVERED_WITH = {
    "articles.RenderedText": "articles.Article",
    "newsletter.DigestIssue_articles": "newsletter.DigestIssue",
    "predictions.Prediction_articles": "predictions.Prediction",
}
