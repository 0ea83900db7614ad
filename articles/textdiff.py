"""Differences between two texts for the revisions' “what changed”, line by line and within a
changed line word by word; plain Python."""

import difflib
import re

# Words with the space after them, so that a diff put back together reads as the text did.
_TOKENS = re.compile(r"\S+[^\S\n]*|\s+")

SAME, ADDED, REMOVED = "same", "added", "removed"


def _runs(before, after):
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        yield operation, before[old_start:old_end], after[new_start:new_end]


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The text in runs of (SAME, ADDED or REMOVED, text), removed runs included."""
    runs = []
    for operation, old, new in _runs(_TOKENS.findall(before), _TOKENS.findall(after)):
        if operation == "equal":
            runs.append((SAME, "".join(new)))
            continue
        if old:
            runs.append((REMOVED, "".join(old)))
        if new:
            runs.append((ADDED, "".join(new)))
    return runs


def text_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Like word_diff, but whole lines first: a line removed or added is one run, and only a
    line changed in place is compared word by word (an FAQ item, a timeline event)."""
    runs = []
    # Every line with its end, the last one's too, so that lines compare by their text alone.
    # (Texts saved before the admin stored plain newlines have CRLFs: not a change.)
    old_lines = [f"{line}\n" for line in (before or "").replace("\r\n", "\n").splitlines()]
    new_lines = [f"{line}\n" for line in (after or "").replace("\r\n", "\n").splitlines()]
    for operation, old, new in _runs(old_lines, new_lines):
        if operation == "equal":
            runs.append((SAME, "".join(new)))
        elif operation == "replace" and len(old) == len(new):
            for old_line, new_line in zip(old, new, strict=True):
                runs.extend(word_diff(old_line, new_line))
        else:
            if old:
                runs.append((REMOVED, "".join(old)))
            if new:
                runs.append((ADDED, "".join(new)))
    if runs:  # the end the last line was given above
        kind, text = runs.pop()
        if text := text.removesuffix("\n"):
            runs.append((kind, text))
    return runs
