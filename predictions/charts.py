"""Geometry for the server-rendered SVG charts: probability history and calibration.

Plain data in, plain numbers and strings out; templates draw the SVG, the stylesheet colours it.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime

WIDTH = 640
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 66, 16, 14, 40
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
Y_TICKS = (0, 25, 50, 75, 100)
# Half the width of a month's label ("Sep 2026") at the largest size the stylesheet draws the
# chart's text (on a phone), in the chart's units: a label closer than this to the right edge
# ends at its tick instead of centring on it, or it would run off the chart.
MONTH_LABEL_HALF_WIDTH = 52


@dataclass
class Marker:
    x: float
    label: str
    number: int = 0


@dataclass
class HistoryChart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_edge: int = HEIGHT - BOTTOM
    newsroom: str = ""
    community: str = ""
    newsroom_last: tuple | None = None
    y_ticks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    resolution: Marker | None = None
    fifty: float = 0.0


def _y(percent: float) -> float:
    return round(TOP + PLOT_H * (1 - percent / 100), 1)


def _step_points(points, x_of, end_x) -> str:
    """Return SVG polyline points for a step line: each value stands until the next."""
    coords = []
    for index, (time, percent) in enumerate(points):
        x, y = x_of(time), _y(percent)
        if index:
            coords.append(f"{x},{coords[-1].split(',')[1]}")
        coords.append(f"{x},{y}")
    if coords:
        coords.append(f"{end_x},{coords[-1].split(',')[1]}")
    return " ".join(coords)


def _month_ticks(start: datetime, end: datetime, x_of, most: int = 6) -> list:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        moment = start.replace(year=year, month=month, day=1, hour=0, minute=0, second=0)
        moment = moment.replace(microsecond=0)
        if start <= moment <= end:
            months.append(moment)
        month += 1
        if month > 12:
            year, month = year + 1, 1
    step = max(1, math.ceil(len(months) / most))
    ticks = [{"x": x_of(moment), "label": moment.strftime("%b %Y")} for moment in months[::step]]
    ticks = ticks or [{"x": x_of(start), "label": start.strftime("%d %b %Y")}]
    for tick in ticks:
        tick["anchor"] = "end" if tick["x"] + MONTH_LABEL_HALF_WIDTH > WIDTH else "middle"
    return ticks


def history_chart(*, start, end, newsroom, community, articles, resolution=None) -> HistoryChart:
    """Lay out the probability history between `start` and `end`.

    `newsroom` and `community` are (time, percent) sorted by time; `articles` are
    (time, title); `resolution` is (time, label) or None.
    """
    span = max((end - start).total_seconds(), 1.0)

    def x_of(time):
        share = min(1.0, max(0.0, (time - start).total_seconds() / span))
        return round(LEFT + PLOT_W * share, 1)

    end_x = x_of(end)
    chart = HistoryChart(
        newsroom=_step_points(newsroom, x_of, end_x),
        community=_step_points(community, x_of, end_x),
        y_ticks=[{"y": _y(tick), "label": f"{tick}%"} for tick in Y_TICKS],
        x_ticks=_month_ticks(start, end, x_of),
        fifty=_y(50),
    )
    if newsroom:
        chart.newsroom_last = (end_x, _y(newsroom[-1][1]))
    chart.articles = [
        Marker(x_of(time), title, number)
        for number, (time, title) in enumerate(articles, start=1)
        if start <= time <= end
    ]
    if resolution is not None:
        chart.resolution = Marker(x_of(resolution[0]), resolution[1])
    return chart


# Calibration chart: forecast (x) against observed frequency (y), both 0–100 %.

CAL_SIZE = 320
# The plot is square, with room on the left for the axis title and labels clear of the
# largest point (radius 12), and below for the labels and the title, at a phone's larger type.
CAL_LEFT, CAL_TOP, CAL_RIGHT = 62, 14, 16
CAL_PLOT = CAL_SIZE - CAL_LEFT - CAL_RIGHT


def _cal(value: float) -> float:
    return round(CAL_LEFT + CAL_PLOT * value, 1)


def _cal_y(value: float) -> float:
    return round(CAL_TOP + CAL_PLOT * (1 - value), 1)


def calibration_chart(bins) -> dict:
    """Lay out calibration bins: points sized by count, with their Wilson bands."""
    largest = max((b.count for b in bins), default=1)
    points = []
    for b in bins:
        low, high = b.interval
        points.append(
            {
                "bin": b,
                "cx": _cal(b.mean_forecast),
                "cy": _cal_y(b.observed),
                # Area proportional to count, so radius grows with its square root.
                "r": round(3 + 9 * math.sqrt(b.count / largest), 1),
                "band_top": _cal_y(high),
                "band_bottom": _cal_y(low),
            }
        )
    ticks = [
        {"at": _cal(v / 100), "at_y": _cal_y(v / 100), "label": f"{v}"} for v in range(0, 101, 20)
    ]
    return {
        "size": CAL_SIZE,
        "left": CAL_LEFT,
        "right": CAL_LEFT + CAL_PLOT,
        "top": CAL_TOP,
        "bottom": CAL_TOP + CAL_PLOT,
        "middle_x": CAL_LEFT + CAL_PLOT // 2,
        "middle_y": CAL_TOP + CAL_PLOT // 2,
        "points": points,
        "ticks": ticks,
    }
