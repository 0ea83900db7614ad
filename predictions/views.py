import csv
import re

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from articles.models import Category
from limits import rates
from pagecache.pages import cache_public_page
from pagecache.params import ShowInstead, choice, existing_page, page_number, slug
from predictions import alerts, charts, queries
from predictions.forms import ForecastForm
from predictions.models import LEADERBOARD_MINIMUM, Forecast, Prediction, ReaderRecord
from predictions.services import PredictionError, forecast_submit, reader_can_forecast

STATUS_FILTERS = [
    ("open", "Open"),
    ("closed", "Awaiting resolution"),
    ("resolved", "Resolved"),
    ("annulled", "Annulled"),
]
PAGE_SIZE = 24
LEADERBOARD_SIZE = 100
# A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection),
# so such text gets a leading quote. A plain decimal number (a negative log score) runs
# nothing and stays a number that the spreadsheet can sum.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


@cache_public_page(
    query={
        "status": choice(*dict(STATUS_FILTERS), default="open"),
        "category": slug,
        "page": page_number,
    }
)
def index(request):
    categories = list(Category.objects.all())
    category = next((c for c in categories if c.slug == request.GET.get("category")), None)
    if category is None and "category" in request.GET:
        raise ShowInstead(category=None, page=None)
    status = request.GET.get("status", "open")
    predictions = Prediction.objects.with_status(status).for_cards()
    if category:
        predictions = predictions.filter(category=category)
    if status in {"resolved", "annulled"}:
        predictions = predictions.order_by("-resolved_at", "-pk")
    page = existing_page(Paginator(predictions, PAGE_SIZE), request.GET.get("page"))
    query = {"status": status, **({"category": category.slug} if category else {})}
    return render(
        request,
        "predictions/index.html",
        {
            "page": page,
            "categories": categories,
            "category": category,
            "status": status,
            "status_filters": STATUS_FILTERS,
            "query": urlencode(query),
        },
    )


def _description(prediction, current):
    """What the prediction's page says in one line to search results and link previews."""
    if prediction.is_resolved:
        stand = (
            f"{prediction.get_status_display()}: our probability at close was "
            f"{prediction.final_probability} %."
        )
    elif prediction.is_annulled:
        stand = "Annulled, never scored."
    elif current:
        stand = f"Our forecast: {current.probability} %."
    else:
        stand = "No forecast yet."
    return f"{prediction.claim} {stand}"


def _detail_context(request, prediction, form=None):
    updates = list(prediction.probability_updates.for_log())
    snapshots = list(prediction.community_snapshots.values_list("created_at", "probability"))
    articles = list(
        prediction.articles.published().select_related("category").order_by("published_at")
    )
    now = timezone.now()
    start = min([prediction.opened_at, *(u.created_at for u in updates[:1])])
    end = prediction.resolved_at or min(now, prediction.closes_at)
    end = max(end, start)
    resolution = None
    if prediction.resolved_at:
        label = prediction.get_status_display()
        resolution = (prediction.resolved_at, label)
    chart = charts.history_chart(
        start=start,
        end=end,
        newsroom=[(u.created_at, u.probability) for u in updates],
        community=[(time, p) for time, p in snapshots],
        articles=[(a.published_at, a.title) for a in articles],
        resolution=resolution,
    )
    context = {
        "prediction": prediction,
        "description": _description(prediction, updates[-1] if updates else None),
        "updates": updates,
        "current": updates[-1] if updates else None,
        "first": updates[0] if updates else None,
        "snapshots": snapshots,
        "community_last": round(snapshots[-1][1]) if snapshots else None,
        "articles": articles,
        "chart": chart,
        "is_open": prediction.is_open(now),
    }
    if request.user.is_authenticated:
        context["last_forecast"] = (
            Forecast.objects.current().filter(prediction=prediction, reader=request.user).first()
        )
        context["can_forecast"] = reader_can_forecast(request.user)
        if form is None:
            last = context["last_forecast"]
            form = ForecastForm(
                initial={
                    "probability": last.probability if last else None,
                    "notify": alerts.reader_wants_email(prediction=prediction, reader=request.user),
                }
            )
        context["form"] = form
    return context


@cache_public_page()
def detail(request, slug):
    prediction = get_object_or_404(Prediction.objects.select_related("category"), slug=slug)
    return render(request, "predictions/detail.html", _detail_context(request, prediction))


@require_POST
def forecast(request, slug):
    prediction = get_object_or_404(Prediction.objects.select_related("category"), slug=slug)
    if not request.user.is_authenticated:
        login = reverse("account_login")
        return redirect(f"{login}?{urlencode({'next': prediction.get_absolute_url()})}")
    form = ForecastForm(request.POST)
    if form.is_valid():
        exceeded = rates.consume("forecast", user=request.user.pk)
        if exceeded is not None:
            context = _detail_context(request, prediction, form=form)
            return rates.too_many_requests(request, exceeded, "predictions/detail.html", context)
        try:
            forecast_submit(
                prediction=prediction,
                reader=request.user,
                probability=form.cleaned_data["probability"],
                alert=form.cleaned_data["notify"],
            )
        except PredictionError as error:
            form.add_error(None, str(error))
        else:
            # A forecast is taken only while the prediction is open, so its email choice is kept.
            then = (
                " We will email you your score when it resolves."
                if form.cleaned_data["notify"]
                else ""
            )
            messages.success(
                request,
                f"Your forecast of {form.cleaned_data['probability']} % is recorded.{then}",
            )
            return redirect(prediction)
    context = _detail_context(request, prediction, form=form)
    return render(request, "predictions/detail.html", context, status=400)


@cache_public_page()
def track_record(request):
    return render(request, "predictions/track_record.html", queries.track_record())


def spreadsheet_cell(value):
    """Quote a text cell a spreadsheet would run as a formula; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return f"'{value}"
    return value


@cache_public_page()
def track_record_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="veridact-track-record.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "slug",
            "claim",
            "category",
            "opened_at",
            "closes_at",
            "resolved_at",
            "outcome",
            "final_probability",
            "community_probability",
            "brier_at_close",
            "brier_time_averaged",
            "log_score_at_close",
            "probability_history",
            "url",
        ]
    )
    for p in queries.resolved_with_history():
        history = ";".join(
            f"{u.created_at:%Y-%m-%dT%H:%MZ}={u.probability}" for u in p.probability_updates.all()
        )
        row = [
            p.slug,
            p.claim,
            p.category.name,
            p.opened_at.isoformat(),
            p.closes_at.isoformat(),
            p.resolved_at.isoformat(),
            "yes" if p.outcome else "no",
            p.final_probability,
            "" if p.community_percent is None else p.community_percent,
            f"{p.brier_at_close:.4f}",
            f"{p.brier_time_averaged:.4f}",
            f"{p.log_score_at_close:.1f}",
            history,
            f"{settings.SITE_URL}{p.get_absolute_url()}",
        ]
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return response


@cache_public_page()
def leaderboard(request):
    records = list(ReaderRecord.objects.leaderboard()[:LEADERBOARD_SIZE])
    resolved = Prediction.objects.resolved().count()
    return render(
        request,
        "predictions/leaderboard.html",
        {"records": records, "resolved": resolved, "minimum": LEADERBOARD_MINIMUM},
    )


@cache_public_page()
def methodology(request):
    return render(request, "predictions/methodology.html")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def resolution_emails_stop(request, token):
    """GET asks to confirm; a POST (RFC 8058 one-click included) stops a reader's resolution
    emails. Exempt from CSRF: the signed token in the link is what authenticates it."""
    reader_id = alerts.read_stop_token(token)
    if reader_id is None:
        return render(
            request, "predictions/resolution_emails_stop.html", {"invalid": True}, status=400
        )
    if request.method == "POST":
        alerts.resolution_emails_stop(reader_id=reader_id)
        return render(request, "predictions/resolution_emails_stop.html", {"done": True})
    return render(request, "predictions/resolution_emails_stop.html", {"done": False})
