"""Other apps fill the parts of articles' and accounts' pages that belong to them."""

import pytest
from django.test import RequestFactory

from articles import parts


def test_every_slot_is_filled_by_an_installed_app():
    assert parts.filled() == set(parts.SLOTS)


def test_a_slot_no_page_has_cannot_be_filled():
    with pytest.raises(ValueError, match="No page has a part called 'article.sidebar'"):
        parts.register("article.sidebar", lambda request: "<aside></aside>")


def test_a_slot_nobody_fills_shows_nothing(monkeypatch):
    monkeypatch.setattr(parts, "_renderers", {})
    assert parts.render("home.predictions", RequestFactory().get("/")) == ""
