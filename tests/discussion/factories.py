"""Factories for comments, reports and established readers."""

from datetime import timedelta

import factory
from django.utils import timezone

from discussion.models import Comment, Report
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory


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


class EstablishedReaderFactory(ReaderFactory):
    """A reader whose reports are trusted: a month-old account with three comments shown."""

    date_joined = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))

    @factory.post_generation
    def comments(reader, create, extracted, **kwargs):
        if create:
            CommentFactory.create_batch(3 if extracted is None else extracted, author=reader)
