"""The revisions' differences between two texts (articles.textdiff, plain Python)."""

from articles.textdiff import ADDED, REMOVED, SAME, text_diff, word_diff


def test_word_diff_marks_the_words_replaced():
    assert word_diff("The chip ships in June.", "The chip ships in July.") == [
        (SAME, "The chip ships in "),
        (REMOVED, "June."),
        (ADDED, "July."),
    ]


def test_word_diff_of_nothing_and_something():
    assert word_diff("", "New text") == [(ADDED, "New text")]
    assert word_diff("Old text", "") == [(REMOVED, "Old text")]
    assert word_diff("", "") == []


def test_text_diff_keeps_whole_lines_whole_and_compares_a_changed_line_by_words():
    before = "When? — By June.\nWho decides? — The regulator.\nWhy? — Because."
    after = "When? — By July.\nWhy? — Because."
    assert text_diff(before, after) == [
        (REMOVED, "When? — By June.\nWho decides? — The regulator.\n"),
        (ADDED, "When? — By July.\n"),
        (SAME, "Why? — Because."),
    ]


def test_text_diff_of_a_line_changed_in_place():
    assert text_diff("One\nTwo three\nFour", "One\nTwo 3\nFour") == [
        (SAME, "One\n"),
        (SAME, "Two "),
        (REMOVED, "three"),
        (ADDED, "3"),
        (SAME, "\n"),
        (SAME, "Four"),
    ]


def test_text_diff_puts_the_text_back_together():
    before, after = "a b\nc d e\nf", "a b\nc x e\ng\nf"
    runs = text_diff(before, after)
    assert "".join(text for kind, text in runs if kind != REMOVED) == after
    assert "".join(text for kind, text in runs if kind != ADDED) == before
