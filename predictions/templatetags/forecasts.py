from django import template
from django.template.defaultfilters import floatformat, pluralize
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

from pagecache.compiled import Compiled
from predictions import queries
from predictions.models import Prediction

register = template.Library()


# The boxes on every article's page and on the home page, compiled once (pagecache.compiled).
_for_article = Compiled(lambda *, article: Prediction.objects.for_article(article))
_for_home = Compiled(lambda *, now: Prediction.objects.for_home(now=now))


@register.inclusion_tag("predictions/includes/_article_forecasts.html")
def article_forecasts(article):
    """The “Our forecast” box on an article page: the predictions it informs."""
    return {"article": article, "predictions": _for_article(article=article.pk)}


@register.inclusion_tag("predictions/includes/_home_predictions.html")
def home_predictions():
    """Open predictions for the home page."""
    return {"predictions": _for_home(now=timezone.now())}


@register.inclusion_tag("predictions/includes/_reader_record.html")
def reader_record(reader):
    """A reader's forecasting record and calibration, for their public profile."""
    return {"reader": reader, **queries.reader_record(reader)}


@register.filter
def percent(fraction, digits=0):
    """Show a fraction (0.42) as a percentage (“42”)."""
    if fraction is None:
        return "—"
    return f"{fraction * 100:.{int(digits)}f}"


_STATUS_LABELS = {
    Prediction.Status.RESOLVED_YES: "Resolved YES",
    Prediction.Status.RESOLVED_NO: "Resolved NO",
    Prediction.Status.CLOSED: "Awaiting resolution",
    Prediction.Status.ANNULLED: "Annulled",
    Prediction.Status.OPEN: "Open",
}


@register.simple_tag
def status_badge(prediction):
    """The status readers see, as a badge (an open prediction past its close: closed)."""
    status = prediction.public_status
    return format_html(
        '<span class="status-badge status-badge--{}">{}</span>', status, _STATUS_LABELS[status]
    )


def _change_badge(prediction):
    """How many points the newsroom's probability moved in the change window, or nothing."""
    change = prediction.change
    if change is None:
        return ""
    if change > 0:
        direction, arrow, figure, words = "up", "▲", f"+{change}", "points, up"
    elif change < 0:
        direction, arrow, figure, words = "down", "▼", str(change), "points, down"
    else:
        direction, arrow, figure, words = "flat", "→", "0", "points, unchanged"
    return format_html(
        '<span class="change change--{}"><span aria-hidden="true">{}</span> {}'
        '<span class="visually-hidden"> {}</span> <span class="change__window">in 7 days</span>'
        "</span>",
        direction,
        arrow,
        figure,
        words,
    )


def _newsroom_figure(prediction):
    """The newsroom's current probability (“42 %”), or a dash before its first."""
    probability = prediction.current_probability
    return format_html("{}&thinsp;%", probability) if probability is not None else "—"


def _closing_time(prediction):
    """When the prediction closes, as the date filter shows it in the site's time zone."""
    closes = timezone.localtime(prediction.closes_at)
    return format_html(
        '<time datetime="{}">{}</time>', format_date(closes, "c"), format_date(closes, "j M Y")
    )


def _card_figures(prediction):
    if prediction.is_resolved:
        return format_html(
            '<p class="prediction-card__probability"><span class="big-number">{}&thinsp;%</span> '
            '<span class="muted">at close</span></p><p>{}</p>'
            '<p class="muted">Brier {} · log score {}</p>',
            prediction.final_probability,
            status_badge(prediction),
            floatformat(prediction.brier_at_close, 3),
            floatformat(prediction.log_score_at_close, 1),
        )
    if prediction.is_annulled:
        return format_html('<p>{}</p><p class="muted">Not scored.</p>', status_badge(prediction))
    community = prediction.community_percent
    count = prediction.forecaster_count
    return format_html(
        '<p class="prediction-card__probability"><span class="big-number">{}</span> '
        '<span class="muted">newsroom</span> {}</p>'
        '<p class="muted">{}{} reader{} forecast{}</p>'
        '<p>{} <span class="muted">{} {}</span></p>',
        _newsroom_figure(prediction),
        _change_badge(prediction),
        format_html("Readers’ median {}&thinsp;% · ", community) if community is not None else "",
        count,
        pluralize(count),
        pluralize(count, "s,"),
        status_badge(prediction),
        "closes" if prediction.public_status == Prediction.Status.OPEN else "closed",
        _closing_time(prediction),
    )


@register.simple_tag
def prediction_card(prediction):
    """A prediction's card in the list of predictions (needs `for_cards()`).

    Built here rather than by a template include: a page of cards spent most of its render
    in the template engine, and every reader's forecast renders the list again.
    """
    article = next(iter(prediction.published_articles), None)
    return format_html(
        '<article class="prediction-card" data-category="{slug}">'
        '<p class="eyebrow eyebrow--{slug}">{category}</p>'
        '<h3 class="prediction-card__claim"><a href="{url}">{claim}</a></h3>'
        '<div class="prediction-card__figures">{figures}</div>{article}</article>',
        slug=prediction.category.slug,
        category=prediction.category.name,
        url=prediction.get_absolute_url(),
        claim=prediction.claim,
        figures=_card_figures(prediction),
        article=format_html(
            '<p class="prediction-card__article">Read: <a href="{}">{}</a></p>',
            article.get_absolute_url(),
            article.title,
        )
        if article
        else "",
    )


@register.simple_tag
def home_prediction(prediction):
    """An open prediction in the home page's box (needs `for_home()`): a tag, as the cards
    are, for the page with nothing cached spent a tenth of its time on this box's template."""
    return format_html(
        '<li class="home-predictions__item">'
        '<p class="eyebrow eyebrow--{}">{}</p><a href="{}">{}</a>'
        '<p class="home-predictions__figure"><strong>{}</strong> <span class="muted">closes '
        "{}</span></p></li>",
        prediction.category.slug,
        prediction.category.name,
        prediction.get_absolute_url(),
        prediction.claim,
        _newsroom_figure(prediction),
        _closing_time(prediction),
    )
