"""Readers' text: cleaning what they type, and showing it as safe HTML. No Django here."""

import re
import unicodedata
from html import escape

# Control characters other than tab and newline, and the bidirectional overrides that
# let a name or comment display differently from what it says. Zero-width joiners stay:
# emoji sequences and several scripts need them.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_WHITESPACE_RUN = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?'\"*"
_BRACKETS = {")": "(", "]": "["}
LINK_REL = "nofollow ugc noopener"
LINK_TEXT_MAX = 60


def clean_text(value):
    """Normalise a reader's text: one kind of newline, no control characters, NFC, trimmed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _UNWANTED.sub("", value)
    return unicodedata.normalize("NFC", value).strip()


def clean_line(value):
    """Clean a one-line value such as a name: every run of whitespace becomes one space."""
    return _WHITESPACE_RUN.sub(" ", clean_text(value)).strip()


def _trim_url(url):
    """Split punctuation that ends a sentence, or closes a bracket, off the end of a URL."""
    trailing = ""
    while url:
        last = url[-1]
        if last in _TRAILING_PUNCTUATION or (
            last in _BRACKETS and url.count(_BRACKETS[last]) < url.count(last)
        ):
            trailing = last + trailing
            url = url[:-1]
        else:
            break
    return url, trailing


def _link(url):
    href = url if "://" in url else f"https://{url}"
    text = url if len(url) <= LINK_TEXT_MAX else url[: LINK_TEXT_MAX - 1] + "…"
    return f'<a href="{escape(href)}" rel="{LINK_REL}">{escape(text)}</a>'


def _linkify(line):
    pieces, position = [], 0
    for match in _URL.finditer(line):
        url, trailing = _trim_url(match.group())
        if url.lower() in {"http://", "https://", "www."} or url.endswith("://"):
            continue
        pieces.append(escape(line[position : match.start()]))
        pieces.append(_link(url))
        position = match.start() + len(url)
    pieces.append(escape(line[position:]))
    return "".join(pieces)


def render_comment(text):
    """Turn a comment into HTML: escaped, paragraphs and line breaks kept, URLs linked."""
    paragraphs = _PARAGRAPH_BREAK.split(text.strip())
    return "\n".join(
        "<p>" + "<br>".join(_linkify(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )
