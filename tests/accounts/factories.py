"""Factories for readers, comments and the minimal articles they hang on."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Comment, Report, User
from articles.models import Article, Category


class ReaderFactory(factory.django.DjangoModelFactory):
    """A reader with a verified email address (pass verified=False for one without)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    display_name = factory.Sequence(lambda n: f"Reader {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def verified(reader, create, extracted, **kwargs):
        if create:
            reader.save()
            EmailAddress.objects.create(
                user=reader, email=reader.email, primary=True, verified=extracted is not False
            )


class ArticleFactory(factory.django.DjangoModelFactory):
    """A minimal published article in the Tech category (created by migration)."""

    class Meta:
        model = Article

    # The Tech category comes from a migration; a transactional test may have flushed it.
    category = factory.LazyFunction(
        lambda: Category.objects.get_or_create(
            slug="tech", defaults={"name": "Tech", "description": "Tech."}
        )[0]
    )
    title = factory.Sequence(lambda n: f"Will launch {n} ship on time?")
    slug = factory.Sequence(lambda n: f"launch-{n}")
    headline = "Probably, with a short slip."
    summary = "What we expect and why."
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
        )


class CommentFactory(factory.django.DjangoModelFactory):
    """A visible comment; counts on the article are the caller's business (see `post`)."""

    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(ReaderFactory)
    body = factory.Sequence(lambda n: f"Comment number {n}.")


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    comment = factory.SubFactory(CommentFactory)
    reporter = factory.SubFactory(ReaderFactory)
