"""The load benchmark: `python -m bench` (or `make bench`). See the README, "Benchmark".

Builds (or reuses) the data set in PostgreSQL database secretariat_bench_<N>,
collects static files, and for each pass starts gunicorn with gunicorn.conf.py
and production settings on a free port of 127.0.0.1, then drives every page with
wrk: first with the page cache off (cold), then on and filled (warm). Prints
req/s, p50, p99, errors, SQL queries per request and the ratio to /healthz's
req/s, measured in alternation with each page, and the workers' memory at the
end; --json writes the same figures to a file.
"""

import argparse
import contextlib
import json
import os
import statistics
import subprocess  # nosec B404
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import redis

from bench import dataset
from bench.common import (
    BASE_DIR,
    PYTHON,
    WORK_DIR,
    BenchError,
    Gunicorn,
    collectstatic,
    http_get,
    log,
    production_env,
    python_module,
    require,
    wrk,
)

SMOKE_EVENTS = 30
COMPARE_SIZES = (1000, 20000)
# Warm, each page in this many slices against the floor; cold, in one (a slice
# drops the requests still running, and a cold page may take seconds).
WARM_ROUNDS = 5
ERROR_KEYS = ("errors", "not_2xx", "socket_errors")
SETTLED_SECONDS = 0.1
SETTLE_TIMEOUT_SECONDS = 60


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--events",
        type=int,
        default=dataset.DEFAULT_EVENTS,
        help="data set size (default: generate_data's, %(default)s)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/"),
        help="the PostgreSQL server; the database is secretariat_bench_<events> (%(default)s)",
    )
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13"),
        help="the Redis database for the cache, flushed at each pass (%(default)s)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--language",
        default="en",
        help="the pages' language: their /en/, /ru/ or /zh-hans/ addresses (%(default)s)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"a check that it all works: {SMOKE_EVENTS} events, 1 s per page",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="no load: each page's time and its queries' times, one request at a time",
    )
    parser.add_argument(
        "--compare",
        action="store_true",
        help="run at {} and {} events and print each page's p50 ratio".format(*COMPARE_SIZES),
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.events, args.duration = SMOKE_EVENTS, 1
    if args.events < 1 or args.duration < 1 or args.connections < 1:
        parser.error("--events, --duration and --connections must be positive")
    return args


def prepare(args):
    """(a function giving the server's environment for a database URL, the data set's URL).

    The data set is built if need be, and the static files collected.
    """
    WORK_DIR.mkdir(parents=True, exist_ok=True)

    def env_for(database_url, **overrides):
        return production_env(database_url, args.cache_url, **overrides)

    database_url = dataset.ensure(args.database_url, args.events, env_for)
    collectstatic(env_for(database_url))
    return env_for, database_url


def against_floor(floor_url, url, args, rounds):
    """`url`'s figures (`combine_rounds`), driven in `rounds` slices each after one of the floor.

    In alternation, because the machine's speed drifts within seconds.
    """
    rounds = min(rounds, args.duration)
    seconds = args.duration // rounds
    floors, slices = [], []
    for _ in range(rounds):
        settle(floor_url, args.connections)
        floors.append(wrk(floor_url, seconds, args.connections)["rps"])
        slices.append(wrk(url, seconds, args.connections))
    if not all(floors):
        raise BenchError(f"the floor answered nothing in a {seconds} s slice: {floors}")
    return combine_rounds(floors, slices, seconds)


def settle(floor_url, connections):
    """Wait until `connections` floor requests at once answer within SETTLED_SECONDS.

    Else the next slice would count the work wrk left queued as its own.
    """
    deadline = time.monotonic() + SETTLE_TIMEOUT_SECONDS
    with ThreadPoolExecutor(connections) as pool:
        while time.monotonic() < deadline:
            started = time.monotonic()
            list(pool.map(lambda _: http_get(floor_url), range(connections)))
            if time.monotonic() - started < SETTLED_SECONDS:
                return
    raise BenchError(f"the server was still busy after {SETTLE_TIMEOUT_SECONDS} s")


def combine_rounds(floors, slices, seconds):
    """One row of figures from alternating rounds: `floors` (req/s), `slices` (`wrk`'s figures).

    Sums over the slices, p50 their median, p99 their highest; `ratio_to_floor`
    the median page/floor ratio, `floor_rps` the median floor.
    """
    requests = sum(figures["requests"] for figures in slices)
    ratios = [figures["rps"] / floor for figures, floor in zip(slices, floors, strict=True)]
    return {
        "requests": requests,
        "rps": round(requests / (seconds * len(slices)), 1),
        "p50_ms": statistics.median(figures["p50_ms"] for figures in slices),
        "p99_ms": max(figures["p99_ms"] for figures in slices),
        "max_ms": max(figures["max_ms"] for figures in slices),
        **{key: sum(figures[key] for figures in slices) for key in ERROR_KEYS},
        "floor_rps": statistics.median(floors),
        "ratio_to_floor": round(statistics.median(ratios), 3),
    }


def run_pass(name, env, pages, args, log_path, rounds):
    """Start gunicorn with `env`, drive every page, return (rows, worker memory).

    The first page is the floor, driven alone; every other page against it, in
    `rounds` rounds (`against_floor`).
    """
    redis.Redis.from_url(args.cache_url).flushdb()
    rows = []
    with Gunicorn(env, log_path) as server:
        floor_url = server.base_url + pages[0]["path"]
        for page in pages:
            url = server.base_url + page["path"]
            status = http_get(url)[0]  # also fills the page cache on the warm pass
            if status != 200:
                raise BenchError(f"{page['name']} ({page['path']}) answered {status}, not 200")
            log(f"  {name:4} {page['name']}")
            if rows:
                figures = against_floor(floor_url, url, args, rounds)
            else:
                figures = wrk(url, args.duration, args.connections)
                figures.update(floor_rps=figures["rps"], ratio_to_floor=1.0)
            figures.update(
                page=page["name"], path=page["path"], cache=name, queries=page["queries"][name]
            )
            rows.append(figures)
        memory = server.worker_memory()
    return rows, memory


def print_table(result):
    print(
        f"\nSecretariat benchmark: {result['events']} events, pages in {result['language']}, "
        f"{result['connections']} connections, {result['duration']} s per page, "
        f"{result['workers']} gunicorn workers"
    )
    header = f"{'page':20} {'cache':5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
    print(header + f"{'errors':>7} {'queries':>7} {'/floor':>7}")
    for row in result["rows"]:
        ratio = f"{row['ratio_to_floor']:.0%}" if row["ratio_to_floor"] is not None else "-"
        print(
            f"{row['page']:20} {row['cache']:5} {row['rps']:8.0f} {row['p50_ms']:8.1f} "
            f"{row['p99_ms']:8.1f} {row['errors']:7d} {row['queries']:7d} {ratio:>7}"
        )
    memory = result["worker_memory_mib"]
    if memory:
        print(
            "Worker memory at the end (MiB): RSS "
            + ", ".join(f"{w['rss']:.0f}" for w in memory)
            + f" (max {max(w['rss'] for w in memory):.0f}); PSS "
            + ", ".join(f"{w['pss']:.0f}" for w in memory)
        )


def benchmark(args):
    require("wrk", "wrk")
    started = time.monotonic()
    env_for, database_url = prepare(args)
    env = env_for(database_url)
    redis.Redis.from_url(args.cache_url).flushdb()
    pages = json.loads(python_module(env, "bench.probe", "pages", args.language))

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-", dir=WORK_DIR) as logs:
        log("Cache cold (PAGE_CACHE_SECONDS=0):")
        cold, _ = run_pass(
            "cold",
            env_for(database_url, PAGE_CACHE_SECONDS=0),
            pages,
            args,
            Path(logs) / "cold.log",
            rounds=1,
        )
        log("Cache warm:")
        warm, memory = run_pass("warm", env, pages, args, Path(logs) / "warm.log", WARM_ROUNDS)
        rows = cold + warm
    return {
        "events": args.events,
        "language": args.language,
        "database": database_url.rsplit("/", 1)[1],
        "connections": args.connections,
        "duration": args.duration,
        "workers": len(memory),
        "rows": rows,
        "worker_memory_mib": memory,
        "wall_seconds": round(time.monotonic() - started),
    }


def profile(args):
    """Where each page's time goes on the data set, printed by bench.probe."""
    env_for, database_url = prepare(args)
    print(
        f"\nSecretariat profile: {args.events} events, pages in {args.language}, "
        "page cache off, medians of 5 requests"
    )
    print(python_module(env_for(database_url), "bench.probe", "profile", args.language), end="")


def compare(args):
    """Run the benchmark at both sizes in turn; print each page's p50 ratio."""
    results = {}
    for events in COMPARE_SIZES:
        with tempfile.NamedTemporaryFile(suffix=".json") as output:
            command = [PYTHON, "-m", "bench", "--events", str(events), "--json", output.name]
            command += ["--database-url", args.database_url, "--cache-url", args.cache_url]
            command += ["--language", args.language]
            command += ["--duration", str(args.duration), "--connections", str(args.connections)]
            subprocess.run(command, cwd=BASE_DIR, check=True)  # nosec B603
            results[events] = json.loads(Path(output.name).read_text())
    small, large = (results[events] for events in COMPARE_SIZES)
    print(f"\np50 at {COMPARE_SIZES[1]} events / p50 at {COMPARE_SIZES[0]} events")
    ratios = []
    for before, after in zip(small["rows"], large["rows"], strict=True):
        ratio = after["p50_ms"] / before["p50_ms"] if before["p50_ms"] else None
        ratios.append({"page": before["page"], "cache": before["cache"], "p50_ratio": ratio})
        shown = f"{ratio:.2f}x" if ratio is not None else "-"
        print(f"{before['page']:20} {before['cache']:5} {shown:>7}")
    return {"sizes": results, "p50_ratios": ratios}


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.profile:
            profile(args)
            return 0
        result = compare(args) if args.compare else benchmark(args)
    except (BenchError, subprocess.CalledProcessError) as error:
        log(f"bench: {error}")
        return 1
    if not args.compare:
        print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
