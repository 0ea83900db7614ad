"""The demo seed: readers with verified addresses (accounts) and a few discussions, once."""

import io

import pytest
from allauth.account.models import EmailAddress

from accounts import demo as accounts_demo
from accounts.models import User
from discussion import demo
from discussion.models import Comment
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_seed_without_articles_creates_readers_only():
    out = io.StringIO()
    accounts_demo.seed(stdout=out)
    demo.seed(stdout=out)
    assert User.objects.filter(email__endswith="@demo.veridact.example").count() == 12
    assert not Comment.objects.exists()
    assert "No published articles yet" in out.getvalue()


def test_seed_creates_verified_readers_and_threads_with_replies_once():
    articles = ArticleFactory.create_batch(4)
    for _ in range(2):
        accounts_demo.seed(stdout=io.StringIO())
        demo.seed(stdout=io.StringIO())
    readers = User.objects.filter(
        email__startswith="reader", email__endswith="@demo.veridact.example"
    )
    assert readers.count() == 12
    assert sorted(readers.values_list("email", flat=True))[0] == "reader10@demo.veridact.example"
    assert all(reader.display_name and reader.bio for reader in readers)
    assert EmailAddress.objects.filter(user__in=readers, verified=True, primary=True).count() == 12
    assert Comment.objects.filter(parent__isnull=False).exists()
    total = Comment.objects.count()
    assert total == 9
    counted = sum(type(a).objects.get(pk=a.pk).comment_count for a in articles)
    assert counted == total
