"""deploy/gunicorn.conf.py: the settings compose's, the Dockerfile's and the benchmarks'
gunicorn runs with."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"


def output(command, environ):
    """What `command` prints, run from the project's folder with `environ`."""
    result = subprocess.run(
        command, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout


def resolved_settings(environ):
    """gunicorn's settings as it resolves them from the file and `environ`."""
    printed = output(
        [BIN / "gunicorn", "--config", CONFIG, "--print-config", "veridact.wsgi"], environ
    )
    pairs = (line.split(" = ", 1) for line in printed.splitlines() if " = " in line)
    return {name.strip(): value.strip() for name, value in pairs}


def test_gunicorn_runs_threaded_workers_sized_by_the_environment():
    settings = resolved_settings({**os.environ, "WEB_CONCURRENCY": "3", "WEB_THREADS": "6"})

    assert settings["worker_class"] == "gthread"
    assert settings["workers"] == "3"
    assert settings["threads"] == "6"
    assert settings["post_worker_init"] == "<post_worker_init()>"
    assert settings["control_socket_disable"] == "True"


def test_gunicorn_defaults_to_a_worker_per_core_with_four_threads():
    sizes = {"WEB_CONCURRENCY", "WEB_THREADS"}
    settings = resolved_settings({k: v for k, v in os.environ.items() if k not in sizes})

    assert settings["workers"] == str(os.cpu_count())
    assert settings["threads"] == "4"


def test_a_started_worker_leaves_the_loaded_application_out_of_garbage_collection():
    # What gunicorn calls in each worker once it has loaded the application.
    script = (
        "import gc, runpy\n"
        "import veridact.wsgi\n"
        f"runpy.run_path({str(CONFIG)!r})['post_worker_init'](None)\n"
        "print(gc.get_freeze_count())\n"
    )
    environ = {**os.environ, "SECRET_KEY": "gunicorn-config-check", "DEBUG": "true"}
    frozen = output([sys.executable, "-c", script], environ)

    assert int(frozen.strip()) > 10_000
