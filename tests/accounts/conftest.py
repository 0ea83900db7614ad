import pytest

from discussion import services
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def reader(db):
    return ReaderFactory(display_name="Ada Reader")


@pytest.fixture
def other_reader(db):
    return ReaderFactory(display_name="Grace Other")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def post():
    """Post a comment through the service, so counts stay in step."""

    def post(article, author, body="A thoughtful comment.", parent=None):
        return services.comment_create(article=article, author=author, body=body, parent=parent)

    return post
