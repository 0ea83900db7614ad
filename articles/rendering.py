"""Editors' text to safe HTML: a small Markdown subset, sanitised with nh3."""

import functools
import html

import nh3
from markdown_it import MarkdownIt

# Paragraphs, emphasis, links, lists, quotes, inline code and subheadings; no raw HTML,
# images or tables. nh3 then removes anything the allow-list does not name.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.disable(["image", "code", "fence", "hr", "html_block", "html_inline"])

ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "h3", "h4", "code", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def _demote_headings(html):
    # Article sections are h2; an editor's "#" heading must sit below them.
    for level in (2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    return html


# Rendering is pure, and the same few hundred texts are shown again and again.
@functools.lru_cache(maxsize=2048)
def render_markdown(text):
    """Render a small Markdown subset to sanitised HTML."""
    html = _demote_headings(_markdown.render(text or ""))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )


@functools.lru_cache(maxsize=2048)
def plain_text(text):
    """An editor's text without Markdown or HTML, for descriptions and structured data."""
    stripped = nh3.clean(_markdown.render(text or ""), tags=set())
    return " ".join(html.unescape(stripped).split())
