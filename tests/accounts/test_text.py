"""Readers' text: cleaned on the way in; escaped, broken into lines and linked on the way out."""

from accounts.text import clean_line, clean_text, render_comment


def test_clean_text_normalises_newlines_and_trims():
    assert clean_text("  Hello\r\nworld\ragain  \n") == "Hello\nworld\nagain"


def test_clean_text_strips_nul_and_other_control_characters_but_keeps_tabs_and_newlines():
    assert clean_text("a\x00b\x07c\x1bd\x7fe\x85f\tg\nh") == "abcdef\tg\nh"


def test_clean_text_strips_bidirectional_overrides_but_keeps_emoji_joiners():
    family = "👩\u200d👩\u200d👧"
    assert clean_text(f"\u202egnp.exe{family}\u2066x\u2069") == f"gnp.exe{family}x"


def test_clean_line_collapses_whitespace():
    assert clean_line("  Ada \n\t Lovelace  ") == "Ada Lovelace"


def test_render_escapes_html():
    html = render_comment('<script>alert(1)</script> "><img src=x onerror=alert(1)>')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_render_keeps_line_breaks_and_paragraphs():
    assert render_comment("one\ntwo\n\nthree") == "<p>one<br>two</p>\n<p>three</p>"


def test_render_links_urls_with_nofollow_ugc_noopener():
    html = render_comment("See https://example.com/a?b=1&c=2.")
    assert html == (
        '<p>See <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow ugc noopener">'
        "https://example.com/a?b=1&amp;c=2</a>.</p>"
    )


def test_render_links_www_addresses_over_https():
    assert 'href="https://www.example.org"' in render_comment("at www.example.org")


def test_render_leaves_closing_bracket_outside_the_link_unless_balanced():
    html = render_comment("(see https://example.com/x) and https://en.wikipedia.org/wiki/A_(b)")
    assert 'href="https://example.com/x"' in html
    assert 'href="https://en.wikipedia.org/wiki/A_(b)"' in html


def test_render_cannot_break_out_of_the_href():
    html = render_comment('https://example.com/"onmouseover="alert(1)')
    assert 'href="https://example.com/"' in html
    assert '"onmouseover' not in html


def test_render_does_not_link_other_schemes():
    html = render_comment("javascript:alert(1) data:text/html,x")
    assert "<a" not in html


def test_render_shortens_long_link_text_but_not_the_href():
    url = "https://example.com/" + "a" * 100
    html = render_comment(url)
    assert f'href="{url}"' in html
    assert "…</a>" in html
