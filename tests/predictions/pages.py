"""What the tests of the predictions pages share: reading a page, open predictions with a
history, counting a page's queries."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from predictions import services
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory
from tests.predictions.factories import PredictionFactory, ProbabilityUpdateFactory


def html(response):
    """The page's HTML as text."""
    return response.content.decode()


def build_open(count, updates=3, forecasters=0):
    """Make `count` open predictions, each with a linked article, updates and forecasts."""
    now = timezone.now()
    made = []
    for _ in range(count):
        p = PredictionFactory()
        p.articles.add(ArticleFactory())
        for step in range(updates):
            ProbabilityUpdateFactory(
                prediction=p,
                probability=40 + step,
                created_at=now - datetime.timedelta(days=20 - step),
            )
        for _ in range(forecasters):
            services.forecast_submit(prediction=p, reader=ReaderFactory(), probability=55)
        made.append(p)
    return made


def queries_for(client, url):
    """Count the queries a page costs with the page cache emptied."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)
