"""The demo newsroom: enough predictions for every page to show something, each question tied
to an article on its own subject with dates that agree, loaded idempotently."""

import html
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from predictions import demo, queries
from predictions.models import Forecast, Prediction, ProbabilityUpdate, ReaderScore

pytestmark = pytest.mark.django_db

# Words that say nothing about a question's subject.
COMMON = set(
    """a an and are as at be before by can does end for from get go has have how in into is it
    its more most next of on or out than that the their them then there this to under up was
    what when which who will with won would year years yes no not percent first""".split()  # noqa: SIM905
)


def subject_words(text):
    """The words of a text that name what it is about: no numbers, no common words."""
    words = re.findall(r"[a-z0-9]+", html.unescape(text).lower())
    return {w for w in words if len(w) > 1 and not w.isdigit() and w not in COMMON}


def test_seed_builds_predictions_resolutions_and_reader_forecasts_once():
    call_command("seed_demo", stdout=io.StringIO())
    assert Prediction.objects.count() >= 40
    assert Prediction.objects.resolved().count() >= 25
    assert Prediction.objects.annulled().exists()
    assert Prediction.objects.open().exists()
    assert set(Prediction.objects.values_list("category__slug", flat=True)) == {
        "tech",
        "sports",
        "finance",
        "gaming",
    }
    assert Forecast.objects.exists() and ReaderScore.objects.exists()
    history = Prediction.objects.first().probability_updates.all()
    assert len(history) >= 4
    assert (history.last().created_at - history.first().created_at).days >= 20
    totals = queries.track_record()["totals"]
    # Reasonably calibrated, not perfectly.
    assert 0.05 < totals["mean_brier"] < 0.22

    counts = (Prediction.objects.count(), Forecast.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Prediction.objects.count(), Forecast.objects.count()) == counts


def test_demo_questions_are_on_their_articles_subjects_with_dates_that_agree(client):
    call_command("seed_demo", stdout=io.StringIO())
    questions = demo.load()["with_articles"]
    assert_each_article_shows_its_own_questions(client, questions)
    assert_questions_share_subject_and_dates_with_their_articles(questions)
    assert_updates_cite_only_their_own_articles_once_published()


def assert_each_article_shows_its_own_questions(client, questions):
    for article in Article.objects.published():
        expected = {q["claim"]: q for q in questions if q["article"] == article.slug}
        assert expected, f"{article.slug} has no question of its own"
        page = client.get(article.get_absolute_url()).content.decode()
        box = page.split('class="forecast-panel"')[1].split("</aside>")[0]
        shown = re.findall(r'class="forecast-panel__claim">([^<]+)</a>', box)
        assert {html.unescape(claim) for claim in shown} == set(expected)
        for claim, entry in expected.items():
            # The box shows the newsroom's latest estimate, the article's own.
            latest = entry["history"][-1]["probability"]
            item = box.split(html.escape(claim))[1].split("</li>")[0]
            assert f"<strong>{latest}&thinsp;%</strong>" in item


def assert_questions_share_subject_and_dates_with_their_articles(questions):
    events = {entry["claim"]: entry.get("event") for entry in questions}
    linked = Prediction.objects.filter(articles__isnull=False).distinct()
    assert linked.count() == len(events)
    now = timezone.now()
    for prediction in linked.prefetch_related("articles__timeline_events"):
        for article in prediction.articles.all():
            assert article.category_id == prediction.category_id, prediction.claim
            about = f"{article.title} {article.headline} {article.summary}"
            shared = subject_words(prediction.claim) & subject_words(about)
            assert len(shared) >= 2, (prediction.claim, article.title, shared)
            # The article came out while the question was open, and informs it.
            assert prediction.opened_at <= now and article.published_at < prediction.closes_at
            if prediction.resolved_at:
                assert article.published_at <= prediction.resolved_at
            if event := events[prediction.claim]:
                entry = article.timeline_events.get(title=event)
                # Not answered before the event it turns on.
                assert prediction.resolve_by >= entry.date, prediction.claim
        updates = prediction.probability_updates.order_by("created_at")
        assert updates.first().created_at == prediction.opened_at
        assert updates.last().created_at <= min(now, prediction.closes_at)
        assert updates.filter(article__isnull=False).exists(), prediction.claim


def assert_updates_cite_only_their_own_articles_once_published():
    cited = ProbabilityUpdate.objects.filter(article__isnull=False).select_related(
        "article", "prediction"
    )
    assert cited.exists()
    for update in cited:
        assert update.prediction.articles.filter(pk=update.article_id).exists(), update.rationale
        assert update.article.published_at <= update.created_at < update.prediction.closes_at
    # The track record's questions are about no demo article, and cite none.
    assert not ProbabilityUpdate.objects.filter(
        article__isnull=False, prediction__articles__isnull=True
    ).exists()


def test_without_the_demo_articles_only_the_track_record_is_seeded_with_verified_readers():
    from allauth.account.models import EmailAddress

    demo.seed(stdout=io.StringIO())
    assert Prediction.objects.count() == sum(
        len(questions) for questions in demo.load()["track_record"].values()
    )
    assert not Prediction.objects.filter(articles__isnull=False).exists()
    assert (
        EmailAddress.objects.filter(email__endswith="@demo.veridact.example", verified=True).count()
        == demo.READER_COUNT
    )
