"""What the benchmark and the fault test share: the environment, servers, and wrk.

Commands run from argument lists, never through a shell (hence the `nosec` notes).
"""

import contextlib
import fcntl
import json
import os
import secrets
import shutil
import socket
import subprocess  # nosec B404
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WORK_DIR = Path(tempfile.gettempdir()) / "secretariat-bench"
STATIC_ROOT = WORK_DIR / "static"
REPORT_LUA = Path(__file__).with_name("report.lua")


class BenchError(Exception):
    """A step failed; the message says which and why."""


def log(message):
    print(message, file=sys.stderr, flush=True)


def require(tool, package):
    if not shutil.which(tool):
        raise BenchError(f"{tool} not found: install it with `apt-get install {package}`")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def with_database(url, name):
    """`url` (a PostgreSQL server's URL, with or without a database) naming database `name`."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise BenchError(f"--database-url must be a PostgreSQL URL, not {url!r}")
    return urlunsplit(parts._replace(path=f"/{name}"))


def production_env(database_url, cache_url, **overrides):
    """The environment of a production server on 127.0.0.1 (over plain HTTP)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_", "PAGE_CACHE", "WEB_CONCURRENCY"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="secretariat.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        CONN_MAX_AGE="60",
        STATIC_ROOT=str(STATIC_ROOT),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def _python(env, args, timeout):
    """Run the project's Python with `args`; raise BenchError with its output if it fails."""
    completed = subprocess.run(  # nosec B603
        [PYTHON, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode:
        raise BenchError(f"{' '.join(args)} failed:\n{completed.stderr[-3000:]}")
    return completed.stdout


def manage(env, *args, timeout=3600):
    """Run a management command."""
    return _python(env, ["manage.py", *args], timeout)


def python_module(env, module, *args, timeout=600):
    return _python(env, ["-m", module, *args], timeout)


def collectstatic(env):
    """Collect static files as production does, once per change of the sources' fingerprint.

    Concurrent runs take turns under a lock; none empties the folder under another.
    """
    fingerprint = python_module(env, "bench.probe", "static-fingerprint").strip()
    stamp = STATIC_ROOT / ".bench-fingerprint"
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    with open(WORK_DIR / "static.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp.exists() and stamp.read_text() == fingerprint:
            return
        log("collectstatic (hashed, compressed; minutes the first time)…")
        if STATIC_ROOT.exists():
            shutil.rmtree(STATIC_ROOT)
        manage(env, "collectstatic", "--no-input", "-v0")
        stamp.write_text(fingerprint)


def http_get(url, timeout=10):
    """(status, headers, body) of a GET, whatever the status."""
    request = urllib.request.Request(url)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec B310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Gunicorn:
    """gunicorn with the repository's gunicorn.conf.py, on a free port of 127.0.0.1."""

    def __init__(self, env, log_path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "BIND": f"127.0.0.1:{self.port}"}
        self.log_path = log_path
        self.process = None

    def __enter__(self):
        self.log_file = open(self.log_path, "ab")
        self.process = subprocess.Popen(  # nosec B603
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited at start: see {self.log_path}")
            with contextlib.suppress(OSError):
                if http_get(f"{self.base_url}/healthz", timeout=2)[0] == 200:
                    return self
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise BenchError(f"gunicorn did not answer /healthz within 60 s: see {self.log_path}")

    def __exit__(self, *exc_info):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def worker_memory(self):
        """Each worker's resident memory (RSS) and proportional share (PSS), in MiB."""
        workers = []
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                figures = {}
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    name, _, value = line.partition(":")
                    if name in ("Rss", "Pss"):
                        figures[name.lower()] = round(int(value.split()[0]) / 1024, 1)
                workers.append({"pid": pid, **figures})
        return workers


def wrk(url, duration, connections, threads=2):
    """Drive `url` with wrk for `duration` seconds; the figures as a dict."""
    completed = subprocess.run(  # nosec B603 B607
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "5s",
            "--latency",
            "-s",
            str(REPORT_LUA),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=False,
    )
    for line in completed.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            figures = json.loads(line.removeprefix("WRK_JSON "))
            break
    else:
        raise BenchError(f"wrk gave no figures for {url}:\n{completed.stdout}{completed.stderr}")
    seconds = figures["duration_us"] / 1e6
    socket_errors = sum(figures[key] for key in ("connect", "read", "write", "timeout"))
    return {
        "requests": figures["requests"],
        "rps": round(figures["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(figures["p50_us"] / 1000, 2),
        "p99_ms": round(figures["p99_us"] / 1000, 2),
        "max_ms": round(figures["max_us"] / 1000, 2),
        "errors": figures["not_2xx"] + socket_errors,
        "not_2xx": figures["not_2xx"],
        "socket_errors": socket_errors,
    }
