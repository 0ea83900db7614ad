import pytest

from tests.predictions.factories import (
    PredictionFactory,
    ProbabilityUpdateFactory,
    ReaderFactory,
)


@pytest.fixture
def reader(db):
    return ReaderFactory()


@pytest.fixture
def prediction(db):
    """An open prediction with a newsroom probability of 60 %."""
    prediction = PredictionFactory()
    ProbabilityUpdateFactory(prediction=prediction, probability=60)
    return prediction
