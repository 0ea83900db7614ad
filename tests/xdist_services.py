"""Each pytest-xdist worker gets a Redis database of its own: loaded with `-p` (pyproject.toml),
before Django reads its settings.

The workers share the PostgreSQL server (pytest-django gives each a test database of its
own) and the Redis server. Sharing a Redis database, one worker's test would empty the
other's cache and a Celery worker started by one would take the other's tasks. Worker N
uses the database after REDIS_URL's by N (wrapping past 15), and the processes its tests
start inherit it.
"""

import os
from urllib.parse import urlsplit, urlunsplit

REDIS_DATABASES = 16


def _own_database(url, worker):
    parts = urlsplit(url)
    first = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(first + worker) % REDIS_DATABASES}"))


_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1…; unset without xdist
if _worker and os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = _own_database(os.environ["REDIS_URL"], int(_worker[2:]))
