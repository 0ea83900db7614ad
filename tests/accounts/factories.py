"""Factories for readers, comments and reports."""

import factory
from allauth.account.models import EmailAddress

from accounts.models import Comment, Report, User
from tests.articles.factories import ArticleFactory


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
