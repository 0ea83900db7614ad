"""Factories for predictions and the few articles and readers they need."""

import datetime

import factory
from django.utils import timezone

from predictions import services
from predictions.models import Forecast, Prediction, ProbabilityUpdate
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import CategoryFactory


def category(slug="tech"):
    """One of the four categories the articles migration creates (recreated after a flush)."""
    return CategoryFactory(name=slug.title())


class PredictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Prediction

    claim = factory.Sequence(lambda n: f"Will event {n} happen?")
    slug = factory.Sequence(lambda n: f"event-{n}")
    category = factory.LazyFunction(category)
    resolution_criteria = "Yes if it happens."
    opened_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    resolve_by = factory.LazyFunction(lambda: (timezone.now() + datetime.timedelta(days=60)).date())


class ProbabilityUpdateFactory(factory.django.DjangoModelFactory):
    """A newsroom update appended by the service, which keeps the current probability."""

    class Meta:
        model = ProbabilityUpdate

    prediction = factory.SubFactory(PredictionFactory)
    probability = 60
    rationale = "Because."
    article = None
    created_at = factory.LazyAttribute(
        lambda o: o.prediction.opened_at + datetime.timedelta(days=1)
    )

    @classmethod
    def _create(cls, model_class, *, created_at, **kwargs):
        return services.probability_update_add(at=created_at, **kwargs)


class ForecastFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forecast

    prediction = factory.SubFactory(PredictionFactory)
    reader = factory.SubFactory(ReaderFactory)
    probability = 55


def make_resolved(*, outcome=True, probability=70, readers=(), category=None, **kwargs):
    """A prediction opened 40 days ago, closed 10 days ago, resolved by the service."""
    now = timezone.now()
    extra = {"category": category} if category else {}
    prediction = PredictionFactory(
        opened_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=10),
        **extra,
        **kwargs,
    )
    ProbabilityUpdateFactory(prediction=prediction, probability=probability)
    for number, (reader, percent) in enumerate(readers):
        services.forecast_submit(
            prediction=prediction,
            reader=reader,
            probability=percent,
            now=now - datetime.timedelta(days=30 - number),
        )
    return services.prediction_resolve(prediction=prediction, outcome=outcome)
