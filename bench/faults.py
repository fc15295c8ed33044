"""Load and faults: `python -m bench.faults` (or `make faults`). See the README.

On a private PostgreSQL cluster and a private Redis server, started here on free
ports of 127.0.0.1 in a temporary folder (never the machine's shared servers),
the site runs under gunicorn with production settings while threads request a
mix of pages without pause. The phases, and what each must show:

1. steady (60 s): no 5xx at all.
2. PostgreSQL stopped: every answer is 200 (cached pages, /healthz) or the clean
   503 page (Retry-After: 30, no traceback), none slower than a few seconds.
3. PostgreSQL started again: the site recovers by itself, within seconds.
4. Redis stopped: pages keep coming, 200, uncached.

It prints a table per phase and exits non-zero if a check fails.
"""

import argparse
import contextlib
import http.client
import itertools
import json
import os
import shutil
import socket
import subprocess  # nosec B404
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import (
    WORK_DIR,
    BenchError,
    Gunicorn,
    collectstatic,
    free_port,
    log,
    manage,
    production_env,
    python_module,
    require,
)
from bench.dataset import generate_data_arguments

MAX_LATENCY_SECONDS = 5.0  # "not a hang beyond a few seconds"
RECOVERY_SECONDS = 15.0
STEADY, DB_DOWN, DB_BACK, REDIS_DOWN = "steady", "postgres down", "postgres back", "redis down"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench.faults", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--steady", type=int, default=60, help="seconds of steady load")
    parser.add_argument("--fault", type=int, default=15, help="seconds of each fault phase")
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--threads", type=int, default=8, help="concurrent clients")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--smoke", action="store_true", help="short phases and data, for CI")
    args = parser.parse_args(argv)
    if args.smoke:
        args.steady, args.fault, args.events = 5, 5, 20
    return args


def _postgres_tool(name):
    found = shutil.which(name) or sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        raise BenchError(f"{name} not found: install PostgreSQL (`apt-get install postgresql`)")
    return str(found if isinstance(found, str) else found[-1])


class PrivatePostgres:
    """A throw-away PostgreSQL cluster in `directory`, listening on 127.0.0.1:`port`."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.data = self.directory / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/secretariat_bench_faults"
        # PostgreSQL refuses to run as root: then as the postgres system user.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.directory, "postgres")

    def _run(self, *command):
        completed = subprocess.run(  # nosec B603
            [*self.as_user, *command], capture_output=True, text=True, timeout=120, check=False
        )
        if completed.returncode:
            raise BenchError(f"{' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")

    def init(self):
        self._run(
            _postgres_tool("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "--no-sync", "-E", "UTF8",
        )  # fmt: skip
        self.start()
        self._run(
            _postgres_tool("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
            "secretariat_bench_faults",
        )  # fmt: skip

    def start(self):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            _postgres_tool("pg_ctl"), "-D", str(self.data), "-o", options, "-w",
            "-l", str(self.directory / "postgres.log"), "start",
        )  # fmt: skip

    def stop(self, mode="fast"):
        self._run(_postgres_tool("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # nosec B603 B607
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(50):
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            time.sleep(0.1)
        raise BenchError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Load:
    """Threads requesting pages in turn, recording every answer with its phase."""

    def __init__(self, port, paths, threads):
        self.port = port
        self.paths = paths
        self.threads = threads
        self.phase = STEADY
        self.records = []
        self.in_flight = {}
        self.stopping = threading.Event()
        self.counter = itertools.count()
        self.lock = threading.Lock()

    def _request(self, path):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.getheader("Retry-After"), response.read()
        except OSError as error:
            return None, None, repr(error).encode()
        finally:
            connection.close()

    def _client(self, number):
        for path in itertools.cycle(self.paths[number % len(self.paths) :] + self.paths):
            if self.stopping.is_set():
                return
            if "{n}" in path:  # a new address each time: never in the page cache
                path = path.replace("{n}", str(next(self.counter)))
            phase = self.phase
            self.in_flight[number] = phase
            started = time.monotonic()
            status, retry_after, body = self._request(path)
            latency = time.monotonic() - started
            self.in_flight[number] = None
            with self.lock:
                self.records.append(
                    {
                        "phase": phase,
                        "path": path,
                        "at": started,
                        "latency": latency,
                        "status": status,
                        "clean_503": status == 503
                        and retry_after == "30"
                        and b"temporarily unavailable" in body
                        and b"Traceback" not in body,
                    }
                )

    def __enter__(self):
        self.workers = [
            threading.Thread(target=self._client, args=(number,), daemon=True)
            for number in range(self.threads)
        ]
        for worker in self.workers:
            worker.start()
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        for worker in self.workers:
            worker.join(timeout=60)

    def enter(self, phase):
        """Start `phase` once every request of the last one has been answered."""
        previous, self.phase = self.phase, "transition"
        deadline = time.monotonic() + 60
        while previous in self.in_flight.values() and time.monotonic() < deadline:
            time.sleep(0.01)
        return previous

    def set(self, phase):
        self.phase = phase


def _percentile(values, fraction):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(fraction * len(values)))]


def summarise(records, phase, seconds):
    rows = [r for r in records if r["phase"] == phase]
    latencies = [r["latency"] for r in rows]
    statuses = {}
    for row in rows:
        key = str(row["status"] or "socket error")
        statuses[key] = statuses.get(key, 0) + 1
    return {
        "phase": phase,
        "seconds": seconds,
        "requests": len(rows),
        "rps": round(len(rows) / seconds, 1) if seconds else 0,
        "statuses": statuses,
        "server_errors": sum(1 for r in rows if not r["status"] or r["status"] >= 500),
        "unclean_503": sum(1 for r in rows if r["status"] == 503 and not r["clean_503"]),
        "p50_ms": round(_percentile(latencies, 0.5) * 1000, 1),
        "p99_ms": round(_percentile(latencies, 0.99) * 1000, 1),
        "max_ms": round(max(latencies, default=0) * 1000, 1),
    }


def run(args):
    require("redis-server", "redis-server")
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="faults-", dir=WORK_DIR) as directory:
        postgres = PrivatePostgres(directory)
        redis_server = PrivateRedis()
        log(f"Private PostgreSQL on port {postgres.port}, Redis on port {redis_server.port}")
        postgres.init()
        try:
            redis_server.start()
            env = production_env(postgres.url, redis_server.url, API_RATE_LIMIT="1000000/minute")
            manage(env, "migrate", "--no-input", "-v0")
            manage(env, "generate_data", *generate_data_arguments(args.events))
            collectstatic(env)
            pages = json.loads(python_module(env, "bench.probe", "pages"))
            by_name = {page["name"]: page["path"] for page in pages}
            paths = [
                by_name["floor /healthz"],
                by_name["home"],
                by_name["event list"],
                by_name["event page"],
                by_name["person page"],
                "/en/search/?q=youth&n={n}",
                "/api/events/?n={n}",
            ]
            with Gunicorn(env, Path(directory) / "gunicorn.log") as server:
                result = _phases(args, server, postgres, redis_server, paths)
        finally:
            redis_server.stop()
            with contextlib.suppress(BenchError):
                postgres.stop(mode="immediate")
    result["wall_seconds"] = round(time.monotonic() - started)
    return result


def _phases(args, server, postgres, redis_server, paths):
    durations = {}
    with Load(server.port, paths, args.threads) as load:
        log(f"{STEADY}: {args.steady} s")
        time.sleep(args.steady)
        durations[STEADY] = args.steady

        load.enter(DB_DOWN)
        postgres.stop()
        load.set(DB_DOWN)
        log(f"{DB_DOWN}: {args.fault} s")
        time.sleep(args.fault)
        durations[DB_DOWN] = args.fault

        load.enter(DB_BACK)
        postgres.start()
        back_at = time.monotonic()
        load.set(DB_BACK)
        log(f"{DB_BACK}: {args.fault} s")
        time.sleep(args.fault)
        durations[DB_BACK] = args.fault

        load.enter(REDIS_DOWN)
        redis_server.stop()
        load.set(REDIS_DOWN)
        log(f"{REDIS_DOWN}: {args.fault} s")
        time.sleep(args.fault)
        durations[REDIS_DOWN] = args.fault
        load.enter("done")
    records = load.records

    phases = {phase: summarise(records, phase, seconds) for phase, seconds in durations.items()}
    after_restart = [r for r in records if r["phase"] == DB_BACK]
    failing = [r["at"] + r["latency"] for r in after_restart if r["status"] != 200]
    recovery = round(max(failing) - back_at, 2) if failing else 0.0
    checks = {
        "steady: no 5xx": phases[STEADY]["server_errors"] == 0 and phases[STEADY]["requests"] > 0,
        "postgres down: some 503 pages": phases[DB_DOWN]["statuses"].get("503", 0) > 0,
        "postgres down: only 200 or a clean 503": set(phases[DB_DOWN]["statuses"]) <= {"200", "503"}
        and phases[DB_DOWN]["unclean_503"] == 0,
        f"postgres down: max latency < {MAX_LATENCY_SECONDS:.0f} s": phases[DB_DOWN]["max_ms"]
        < MAX_LATENCY_SECONDS * 1000,
        f"postgres back: recovered within {RECOVERY_SECONDS:.0f} s": recovery < RECOVERY_SECONDS
        and any(r["status"] == 200 and "n=" in r["path"] for r in after_restart)
        and bool(after_restart)
        and after_restart[-1]["status"] == 200,
        "redis down: no 5xx": phases[REDIS_DOWN]["server_errors"] == 0
        and phases[REDIS_DOWN]["requests"] > 0,
        f"redis down: max latency < {MAX_LATENCY_SECONDS:.0f} s": phases[REDIS_DOWN]["max_ms"]
        < MAX_LATENCY_SECONDS * 1000,
    }
    return {
        "threads": args.threads,
        "paths": paths,
        "phases": list(phases.values()),
        "recovery_seconds": recovery,
        "checks": checks,
    }


def print_report(result):
    print(f"\nLoad and faults: {result['threads']} clients over {', '.join(result['paths'])}")
    print(f"{'phase':14} {'s':>3} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
          f"{'max ms':>7}  statuses")  # fmt: skip
    for p in result["phases"]:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(p["statuses"].items()))
        print(
            f"{p['phase']:14} {p['seconds']:3d} {p['requests']:8d} {p['rps']:7.1f} "
            f"{p['p50_ms']:7.1f} {p['p99_ms']:7.1f} {p['max_ms']:7.1f}  {statuses}"
        )
    print(f"Recovery after PostgreSQL returned: {result['recovery_seconds']} s")
    for check, passed in result["checks"].items():
        print(f"{'PASS' if passed else 'FAIL'}  {check}")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        result = run(args)
    except BenchError as error:
        log(f"faults: {error}")
        return 1
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0 if all(result["checks"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
