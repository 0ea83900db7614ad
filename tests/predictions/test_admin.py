"""The predictions admin: append-only history, actions through the services, Editors' rights."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from pagecache import dependencies
from predictions.models import Prediction, ProbabilityUpdate, ReaderScore
from tests.accounts.factories import ReaderFactory, give_second_factor
from tests.pagecache.scopes import invalidated_by
from tests.predictions.factories import PredictionFactory, make_resolved

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="editor@example.com", password="pw")
    give_second_factor(admin)
    client.force_login(admin)
    return client


def act(client, action, *predictions):
    return client.post(
        reverse("admin:predictions_prediction_changelist"),
        {"action": action, "_selected_action": [p.pk for p in predictions]},
        follow=True,
    )


def test_changelist_and_change_form_load(editor_client, prediction):
    changelist = editor_client.get(reverse("admin:predictions_prediction_changelist"))
    assert changelist.status_code == 200
    assert "60 %" in changelist.content.decode()
    change = editor_client.get(reverse("admin:predictions_prediction_change", args=[prediction.pk]))
    page = change.content.decode()
    assert change.status_code == 200
    # Published updates are shown, never as editable inputs.
    assert "Because." in page
    assert 'name="probability_updates-0-probability"' not in page
    assert "probability_updates-0-DELETE" not in page


def test_adding_an_update_inline_goes_through_the_service(editor_client, prediction):
    url = reverse("admin:predictions_prediction_change", args=[prediction.pk])
    data = {
        "claim": prediction.claim,
        "slug": prediction.slug,
        "category": prediction.category_id,
        "resolution_criteria": prediction.resolution_criteria,
        "opened_at_0": prediction.opened_at.strftime("%Y-%m-%d"),
        "opened_at_1": prediction.opened_at.strftime("%H:%M:%S"),
        "closes_at_0": prediction.closes_at.strftime("%Y-%m-%d"),
        "closes_at_1": prediction.closes_at.strftime("%H:%M:%S"),
        "resolve_by": prediction.resolve_by.isoformat(),
        "resolution_note": "",
        "resolution_source": "",
        "probability_updates-TOTAL_FORMS": "2",
        "probability_updates-INITIAL_FORMS": "1",
        "probability_updates-MIN_NUM_FORMS": "0",
        "probability_updates-MAX_NUM_FORMS": "1000",
        "probability_updates-0-id": prediction.probability_updates.get().pk,
        "probability_updates-0-prediction": prediction.pk,
        "probability_updates-1-prediction": prediction.pk,
        "probability_updates-1-probability": "72",
        "probability_updates-1-rationale": "The regulator approved it.",
        "probability_updates-1-article": "",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(prediction.probability_updates.values_list("probability", flat=True)) == [60, 72]
    prediction.refresh_from_db()
    assert prediction.current_probability == 72


def test_out_of_range_inline_update_is_refused(editor_client, prediction):
    url = reverse("admin:predictions_prediction_change", args=[prediction.pk])
    data = {
        "claim": prediction.claim,
        "slug": prediction.slug,
        "category": prediction.category_id,
        "resolution_criteria": prediction.resolution_criteria,
        "opened_at_0": prediction.opened_at.strftime("%Y-%m-%d"),
        "opened_at_1": "00:00:00",
        "closes_at_0": prediction.closes_at.strftime("%Y-%m-%d"),
        "closes_at_1": "00:00:00",
        "resolve_by": prediction.resolve_by.isoformat(),
        "probability_updates-TOTAL_FORMS": "1",
        "probability_updates-INITIAL_FORMS": "0",
        "probability_updates-MIN_NUM_FORMS": "0",
        "probability_updates-MAX_NUM_FORMS": "1000",
        "probability_updates-0-prediction": prediction.pk,
        "probability_updates-0-probability": "100",
        "probability_updates-0-rationale": "Certain.",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert ProbabilityUpdate.objects.count() == 1


def test_resolve_annul_and_unresolve_actions_call_the_services(editor_client, prediction):
    ReaderScore.objects.all().delete()
    act(editor_client, "resolve_yes", prediction)
    prediction.refresh_from_db()
    assert prediction.status == Prediction.Status.RESOLVED_YES
    assert prediction.brier_at_close == pytest.approx(0.16)

    response = act(editor_client, "resolve_no", prediction)
    assert "Un-resolve the prediction before resolving it again" in response.content.decode()

    act(editor_client, "unresolve", prediction)
    prediction.refresh_from_db()
    assert prediction.status == Prediction.Status.OPEN
    assert prediction.brier_at_close is None

    act(editor_client, "annul", prediction)
    prediction.refresh_from_db()
    assert prediction.status == Prediction.Status.ANNULLED


def test_resolve_action_reports_a_prediction_it_cannot_score(editor_client):
    empty = PredictionFactory()
    response = act(editor_client, "resolve_no", empty)
    assert "no probability before the close" in response.content.decode()
    empty.refresh_from_db()
    assert empty.status == Prediction.Status.OPEN


def test_close_action(editor_client, prediction):
    act(editor_client, "close_now", prediction)
    prediction.refresh_from_db()
    assert prediction.status == Prediction.Status.CLOSED


def test_resolved_prediction_takes_no_inline_updates(editor_client):
    resolved = make_resolved(readers=[(ReaderFactory(), 50)])
    page = editor_client.get(reverse("admin:predictions_prediction_change", args=[resolved.pk]))
    assert "Add another probability update" not in page.content.decode()


def test_forecasts_admin_is_read_only(editor_client, prediction):
    response = editor_client.get(reverse("admin:predictions_forecast_changelist"))
    assert response.status_code == 200
    assert editor_client.get(reverse("admin:predictions_forecast_add")).status_code == 403


def test_editors_group_may_write_predictions_and_append_updates():
    codenames = set(
        Group.objects.get(name="Editors")
        .permissions.filter(content_type__app_label="predictions")
        .values_list("codename", flat=True)
    )
    assert {
        "add_prediction",
        "change_prediction",
        "add_probabilityupdate",
        "view_forecast",
    } <= codenames
    assert "delete_prediction" not in codenames
    assert "change_probabilityupdate" not in codenames
    assert "delete_probabilityupdate" not in codenames


def test_deleting_a_prediction_makes_the_pages_showing_it_stale(
    editor_client, prediction, django_capture_on_commit_callbacks
):
    scope = dependencies.prediction(prediction.slug)
    url = reverse("admin:predictions_prediction_delete", args=[prediction.pk])
    changed = invalidated_by(
        lambda: editor_client.post(url, {"post": "yes"}), django_capture_on_commit_callbacks, scope
    )
    assert not Prediction.objects.filter(pk=prediction.pk).exists()
    assert changed == {scope, dependencies.FORECASTS, dependencies.RECORDS}
