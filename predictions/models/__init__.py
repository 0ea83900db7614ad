"""The predictions app's models: questions and their history, reader forecasts, scores, and
readers' requests for an email when a question resolves."""

from predictions.models.alert import ResolutionAlert
from predictions.models.forecast import CommunitySnapshot, Forecast
from predictions.models.prediction import COMMUNITY_MINIMUM, Prediction, ProbabilityUpdate
from predictions.models.score import LEADERBOARD_MINIMUM, ReaderRecord, ReaderScore

__all__ = [
    "COMMUNITY_MINIMUM",
    "LEADERBOARD_MINIMUM",
    "CommunitySnapshot",
    "Forecast",
    "Prediction",
    "ProbabilityUpdate",
    "ReaderRecord",
    "ReaderScore",
    "ResolutionAlert",
]
