"""gunicorn's settings for every web host: compose, the Dockerfile and the benchmarks.

Threaded workers (gthread), one per core and four threads each: a cached page is answered
in well under a millisecond, so a few threads keep a core busy while others wait on
PostgreSQL or Redis, and keep-alive connections cost a worker nothing while idle.
`WEB_CONCURRENCY` and `WEB_THREADS` change the counts for a host of another size.
"""

import gc
import os

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
threads = int(os.environ.get("WEB_THREADS", "4"))
# gunicorn 27's control socket (gunicornc) sits at one path per user, so a second master on
# the host takes it over; nothing here uses it.
control_socket_disable = True


def post_worker_init(worker):
    """Leave the objects of the loaded application out of every later garbage collection.

    A full collection visits every object still alive; in a worker most of them are the
    modules, settings and templates loaded once at start. Frozen, they are skipped, and a
    full collection, which stops every thread of the worker, takes less than half as long
    (31-44 ms against 78-109 ms, measured in workers under the load benchmark's mix).
    """
    gc.collect()
    gc.freeze()
