from articles.rendering import plain_text, render_markdown


def test_markdown_subset_renders_paragraphs_emphasis_links_and_lists():
    html = render_markdown("One *two* **three**.\n\nSee [this](https://example.org).\n\n- a\n- b")
    assert "<p>One <em>two</em> <strong>three</strong>.</p>" in html
    assert '<a href="https://example.org" rel="noopener">this</a>' in html
    assert "<ul>\n<li>a</li>" in html


def test_raw_html_and_scripts_are_never_rendered():
    html = render_markdown('<script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_dangerous_link_schemes_are_dropped():
    html = render_markdown("[click](javascript:alert(1))")
    assert "javascript:" not in html.split("[click]")[0]
    assert "<a" not in html


def test_editor_headings_sit_below_section_headings():
    assert render_markdown("# Big\n\n## Smaller") == "<h3>Big</h3>\n<h4>Smaller</h4>\n"


def test_plain_text_strips_markup_and_entities():
    assert plain_text("By **June** & *July*.\n\nThen more.") == "By June & July. Then more."
