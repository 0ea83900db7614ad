"""A page's frame: its template rendered around its parts, kept to put the page together
again without the template engine.

A page kept in parts (`articles.fragments`) still went through its template whenever the
page cache missed: base.html, its blocks and fragments cost as much as fetching every part.
The frame is that template rendered once with a marker where each part goes, split at the
markers; putting the page together is joining the pieces and the parts. The page keeps it
like a part, against the versions of what its template shows besides the parts, and only
for the pages the page cache would keep (an anonymous reader's with no flash message: a
signed-in reader's shows their name and a CSRF token).

The template must show each part as it is, `{{ parts.name }}`, escaped as any value is
(a filter or a test on a part would see the marker).
"""

from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

# Where a part goes. Django's form fields refuse NUL, so no text a template shows holds it.
_MARK = "\x00"


class Kept:
    """A page's frame as the cache keeps it under `key`: `pieces` when it is current at
    `version` (the versions of what the template shows besides the parts), else None."""

    def __init__(self, key, version, entry, *, timeout):
        self.key, self.version, self.timeout = key, version, timeout
        current = entry is not None and entry["version"] == version
        self.pieces = entry["pieces"] if current else None

    def keep(self, pieces):
        cache.set(self.key, {"version": self.version, "pieces": pieces}, timeout=self.timeout)


def render_page(request, template_name, context, parts, frame=None):
    """The page `template_name` shows with `context` and `parts` (the HTML of each, which it
    reads as `parts.name`): put together from `frame` (a Kept) when it is current, else
    rendered, and its frame kept."""
    if frame is None:
        html = render_to_string(template_name, {**context, "parts": parts}, request)
    elif frame.pieces is not None and set(frame.pieces[1::2]) <= parts.keys():
        html = assemble(frame.pieces, parts)
    else:
        html, pieces = _render(template_name, context, parts, request)
        if pieces is not None:
            frame.keep(pieces)
    return HttpResponse(html)


def _render(template_name, context, parts, request):
    """The page and its frame: a list of pieces, or None when the page cannot have one."""
    markers = {name: mark_safe(f"{_MARK}{name}{_MARK}") for name in parts}  # noqa: S308
    frame = render_to_string(template_name, {**context, "parts": markers}, request).split(_MARK)
    if len(frame) % 2 == 0 or not set(frame[1::2]) <= parts.keys():
        # Something besides the markers held a NUL: render the page as it is, unframed.
        return render_to_string(template_name, {**context, "parts": parts}, request), None
    return assemble(frame, parts), frame


def assemble(frame, parts):
    """The page: the frame's pieces with each part in its place, escaped as the template
    would have escaped it (parts that are HTML are marked safe)."""
    pieces = list(frame)
    pieces[1::2] = [conditional_escape(parts[name]) for name in frame[1::2]]
    return "".join(pieces)
