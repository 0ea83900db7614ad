"""Archive scale: the pages whose cost grew with the archive, at 10,000 and 1,000,000 articles.

Loads the demo site into one PostgreSQL database for each size, then copies of its published
articles up to the size (one INSERT … SELECT over generate_series, the copies published every
five minutes before the demo's, so the newest pages still show the demo). A copy keeps its
original's title, headline, summary, image and category, and a search document of its title,
headline, summary and Outlook; its longer sections are left empty to keep a million rows to
a few gigabytes. Each page is rendered through Django's test client with DEBUG off and no
cache at all (bench.settings_uncached), once to warm up and then RENDERS times, at each size
in turn, for ROUNDS rounds; the table gives the median of the rounds' medians and their
range. The bare view, rendered the same way in the same rounds, is the baseline. Prints a
Markdown section; the databases are dropped at the end (BENCH_KEEP=1 keeps them).
"""

import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "veridact_bench_archive"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10000,1000000").split(",")]
RENDERS = int(os.environ.get("BENCH_RENDERS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
COMMON_WORD = "market"  # in 10 of the 16 demo articles: a search matching most of the archive
TWO_WORDS = "federal reserve"  # in one of them, both words always together
TARGETS = {  # milliseconds, from issue 13
    "Home": 15,
    "Category, first page": 15,
    "Category, deep page": 15,
    f"Search “{COMMON_WORD}”": 50,
    "sitemap.xml (the index)": 1000,
    "Article sitemap, each page (slowest)": 1000,
}

ENVIRON = {
    "DATABASE_URL": f"{PG}/{DATABASE}_{SIZES[0]}",  # `use()` moves between the sizes
    "REDIS_URL": "",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "testserver",
    "ALLOW_INSECURE_SITE_URL": "true",
    "EMAIL_URL": "consolemail://",
    "LOG_LEVEL": "ERROR",
    "DJANGO_SETTINGS_MODULE": "bench.settings_uncached",
}

# What a copy takes other than its original's values (every other column is copied).
COPY_VALUES = {
    "slug": "d.slug || '-' || n",
    "outlook": "''",
    "background": "''",
    "precedents": "''",
    "why_it_matters": "''",
    "status": "'published'",
    "published_at": "d.oldest - n * interval '5 minutes'",
    "updated_at": "NULL",
    "is_featured": "n %% 5000 = 0",
    "comment_count": "0",
    "created_at": "now()",
    "modified_at": "now()",
    "search_document": "d.document",
}
# The demo's published articles, copied `stop - start + 1` times round-robin. Typed: the
# parameters are bound on the server (PREPARED_STATEMENTS), where two smallints leave
# generate_series ambiguous.
COPY = """
INSERT INTO articles_article ({columns})
SELECT {values}
FROM generate_series(%(start)s::bigint, %(stop)s::bigint) AS n
JOIN bench_demo AS d ON d.k = n %% %(originals)s::bigint
"""
DEMO = """
CREATE TABLE bench_demo AS
SELECT row_number() OVER (ORDER BY id) - 1 AS k, *,
    min(published_at) OVER () AS oldest,
    setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', headline || ' ' || summary), 'B')
    || setweight(to_tsvector('english', outlook), 'C') AS document
FROM articles_article WHERE status = 'published'
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(*command):
    subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        env={**os.environ, **ENVIRON},
        check=True,
        stdout=sys.stderr,
    )


def database(size):
    return f"{DATABASE}_{size}"


def prepare(name):
    for statement in (
        f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
        f"CREATE DATABASE {name}",
    ):
        run("psql", "-q", f"{PG}/test", "-c", statement)
    environ = {**os.environ, **ENVIRON, "DATABASE_URL": f"{PG}/{name}"}
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=environ,
            check=True,
            stdout=sys.stderr,
        )


def use(name):
    """Point Django's connection at another of the benchmark's databases."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name


def load(cursor, total):
    """Copy the demo's articles until `total` are published; return the seconds it took."""
    cursor.execute("SELECT to_regclass('bench_demo') IS NOT NULL")
    if not cursor.fetchone()[0]:
        cursor.execute(DEMO)  # the demo's own articles, before any copy
    cursor.execute("SELECT count(*) FROM bench_demo")
    (originals,) = cursor.fetchone()
    cursor.execute("SELECT count(*) FROM articles_article WHERE status = 'published'")
    (published,) = cursor.fetchone()
    cursor.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'articles_article' AND column_name <> 'id' ORDER BY ordinal_position"
    )
    columns = [name for (name,) in cursor.fetchall()]
    values = [COPY_VALUES.get(name, f"d.{name}") for name in columns]
    copy = COPY.format(columns=", ".join(columns), values=", ".join(values))
    started = time.perf_counter()
    copies = published - originals
    cursor.execute(copy, {"start": copies + 1, "stop": total - originals, "originals": originals})
    cursor.execute("VACUUM ANALYZE articles_article")
    return time.perf_counter() - started


def pages(cursor):
    """The addresses to render, by name."""
    from articles.models import Category
    from articles.sitemaps import SITEMAPS

    category = Category.objects.order_by("order", "name").first()
    cursor.execute(
        "SELECT count(*) FROM articles_article WHERE category_id = %s AND status = 'published'",
        [category.pk],
    )
    (count,) = cursor.fetchone()
    # The page that starts nine tenths of the way down the category.
    cursor.execute(
        "SELECT id FROM articles_article WHERE category_id = %s AND status = 'published' "
        "ORDER BY published_at DESC, id DESC OFFSET %s LIMIT 1",
        [category.pk, count * 9 // 10],
    )
    (deep,) = cursor.fetchone()
    article_pages = list(SITEMAPS["articles"]().pages())
    addresses = {
        "Bare Django view (baseline)": "/bench/bare/",
        "Home": "/",
        "Category, first page": category.get_absolute_url(),
        "Category, deep page": f"{category.get_absolute_url()}?before={deep}",
        f"Search “{COMMON_WORD}”": f"/search/?q={COMMON_WORD}",
        f"Search “{TWO_WORDS}”": f"/search/?q={TWO_WORDS.replace(' ', '+')}",
        "sitemap.xml (the index)": "/sitemap.xml",
        "News sitemap": "/news-sitemap.xml",
        "Latest articles feed": "/feeds/",
    }
    for number in article_pages:
        addresses[f"Article sitemap, page {number}"] = (
            f"/sitemap-articles.xml?p={number}" if number > 1 else "/sitemap-articles.xml"
        )
    return addresses, category.name, count


def render(client, path):
    """Milliseconds (wall and CPU) of RENDERS renders after a warm-up; the last's queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu = [], []
    for attempt in range(RENDERS + 1):
        with CaptureQueriesContext(connection) as queries:
            started, processor = time.perf_counter(), time.process_time()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            used = (time.process_time() - processor) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        if attempt:
            times.append(elapsed)
            cpu.append(used)
    return {
        "time": statistics.median(times),
        "cpu": statistics.median(cpu),
        "queries": len(queries),
    }


def figure(rounds):
    """The median of the rounds' medians, their range, and the median CPU time."""
    times = [one["time"] for one in rounds]
    cpu = statistics.median(one["cpu"] for one in rounds)
    return f"{statistics.median(times):.1f} ({min(times):.1f}–{max(times):.1f}; CPU {cpu:.1f})"


def main():
    os.environ.update(ENVIRON)
    sys.path.insert(0, str(ROOT))
    for size in SIZES:
        prepare(database(size))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    results, loads, categories, addresses = {}, {}, {}, {}
    try:
        for size in SIZES:
            use(database(size))
            with connection.cursor() as cursor:
                log(f"Loading {size:,} published articles")
                loads[size] = load(cursor, size)
                addresses[size], *categories[size] = pages(cursor)
        # The sizes in turns, round after round: the machine's load moves from minute to
        # minute, and each size gets its share of it.
        machine_load = [os.getloadavg()[0]]
        for round_number in range(1, ROUNDS + 1):
            for size in SIZES:
                use(database(size))
                for name, path in addresses[size].items():
                    log(f"round {round_number}, {size:,}: {name} {path}")
                    results.setdefault((size, name), []).append(render(client, path))
        machine_load.append(os.getloadavg()[0])
    finally:
        connection.close()
        if os.environ.get("BENCH_KEEP") != "1":
            for size in SIZES:
                name = database(size)
                run("psql", "-q", f"{PG}/test", "-c", f"DROP DATABASE {name} WITH (FORCE)")
    print(report(results, loads, categories, machine_load))


def report(results, loads, categories, machine_load):
    small, large = SIZES[0], SIZES[-1]
    names = [name for size, name in results if size == large]
    sitemap_pages = [name for name in names if name.startswith("Article sitemap, page")]

    def median(size, name):
        return statistics.median(one["time"] for one in results[size, name])

    rows = []
    for name in names:
        if name in sitemap_pages[1:-1]:
            continue
        cells = [figure(results[size, name]) if (size, name) in results else "—" for size in SIZES]
        queries = "/".join(
            str(results[size, name][-1]["queries"]) for size in SIZES if (size, name) in results
        )
        ratio = (
            f"{median(large, name) / median(small, name):.2f}" if (small, name) in results else "—"
        )
        rows.append([name, *cells, queries, ratio, *verdict(name, median(large, name))])
    slowest = max(sitemap_pages, key=lambda name: median(large, name))
    rows.append(
        [
            "Article sitemap, each page (slowest)",
            figure(results[small, "Article sitemap, page 1"]),
            f"{figure(results[large, slowest])}, {slowest.rsplit(' ', 1)[-1]} of "
            f"{len(sitemap_pages)}",
            str(results[large, slowest][-1]["queries"]),
            "—",
            *verdict("Article sitemap, each page (slowest)", median(large, slowest)),
        ]
    )
    header = ["Page", *(f"{size:,} articles (ms)" for size in SIZES), "Queries", "Ratio"]
    lines = [
        "## Archive scale (`bench/archive.py`)",
        "",
        f"PostgreSQL databases `{DATABASE}_<size>` with the demo site and copies of its articles, "
        + ", ".join(f"{size:,} published ({loads[size]:.0f} s to load)" for size in SIZES)
        + f"; the first category ({categories[large][0]}) holds "
        f"{categories[small][1]:,} and {categories[large][1]:,}. Single renders through "
        f"Django's test client, DEBUG off, no cache at all; in each of {ROUNDS} rounds, taking "
        f"the sizes in turn, the median of {RENDERS} renders after a warm-up; each cell is the "
        "median of the rounds' medians with their range, and the median CPU time the rendering "
        "process used (the database's work is in its own process). *Ratio*: "
        "the median at "
        f"{large:,} over the median at {small:,}. The deep category page starts nine "
        "tenths of the way down the category (`?before=`). The machine's load average "
        f"(1 min) was {machine_load[0]:.1f} before the renders and {machine_load[1]:.1f} after, "
        f"on {os.cpu_count()} cores; the bare view's row, rendered the same way in the same "
        "run, shows how loaded it was.",
        "",
        "| " + " | ".join([*header, "Target", "Met"]) + " |",
        "|---|" + "---:|" * (len(header) - 1) + "---:|---|",
        *("| " + " | ".join(row) + " |" for row in rows),
        "",
        f"- Article sitemap pages at {large:,}: "
        + ", ".join(f"{median(large, name):.0f}" for name in sitemap_pages)
        + " ms (medians, page 1 first).",
    ]
    return "\n".join(lines)


def verdict(name, milliseconds):
    target = TARGETS.get(name)
    if target is None:
        return ["", ""]
    return [f"≤ {target:,} ms", "yes" if milliseconds <= target else "**no**"]


if __name__ == "__main__":
    main()
