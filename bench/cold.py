"""What goes cold per event: the table `pagecache.cold` works out from the declarations in
`pagecache/dependencies.py`. Needs no server: `make bench BENCH=cold` writes it again in a
second after a change to the declarations, as tests/pagecache/test_events.py asks."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pagecache import cold  # noqa: E402 (after the path is set)

INTRODUCTION = (
    "Worked out by `pagecache/cold.py` from the declarations in `pagecache/dependencies.py` "
    "(which scopes each cached page and part shows, which scopes each change names); "
    "`tests/pagecache/test_events.py` makes each change through its service and checks the "
    "scopes it names. *its*: the page of what the change acted on; *its category's*: the "
    "pages of the articles of its category; *every*: every page of the kind. A page made "
    "cold renders again only its parts whose scopes moved (`articles/home.py`, "
    "`articles/fragments.py`), puts the page together around them from its kept frame "
    "when that has not changed (`pagecache/frames.py`), and does so only once however "
    "many readers ask for it meanwhile."
)


def main():
    print("\n".join(["## What goes cold per event (`bench/cold.py`)", "", INTRODUCTION, ""]))
    print(cold.table())


if __name__ == "__main__":
    main()
