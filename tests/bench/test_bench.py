"""The benchmark and the fault test, run end to end in their smoke modes (PostgreSQL pass only).

Each starts gunicorn and drives it with wrk or with client threads: some tens of
seconds, plus a few minutes the first time for collectstatic's compression.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import load_command_class
from django.db import connection

from bench import dataset
from bench.__main__ import combine_rounds
from bench.faults import PrivateRedis
from tests.tools import missing_tool

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def test_dataset_defaults_are_generate_datas():
    command = load_command_class("events", "generate_data")
    defaults = vars(command.create_parser("manage.py", "generate_data").parse_args([]))

    assert defaults["events"] == dataset.DEFAULT_EVENTS
    for name, count in dataset.PER_20000_EVENTS.items():
        assert defaults[name] == count


def wrk_figures(rps, p50_ms, p99_ms, errors=0):
    return {
        "requests": rps * 2, "rps": rps, "p50_ms": p50_ms, "p99_ms": p99_ms, "max_ms": p99_ms,
        "errors": errors, "not_2xx": 0, "socket_errors": errors,
    }  # fmt: skip


def test_a_page_is_measured_against_the_floor_round_by_round():
    floors = [1000, 500, 1000]  # the machine slowed down in the second round
    slices = [
        wrk_figures(800, 10, 30),
        wrk_figures(450, 20, 90, errors=1),
        wrk_figures(700, 12, 25),
    ]

    row = combine_rounds(floors, slices, seconds=2)

    assert row["ratio_to_floor"] == 0.8  # the median of 0.8, 0.9 and 0.7
    assert row["floor_rps"] == 1000
    assert row["requests"] == 3900
    assert row["rps"] == 650.0  # all the slices' requests over their 6 s
    assert (row["p50_ms"], row["p99_ms"], row["max_ms"]) == (12, 90, 90)
    assert (row["errors"], row["socket_errors"], row["not_2xx"]) == (1, 1, 0)


def test_smaller_data_sets_keep_the_proportions():
    arguments = dataset.generate_data_arguments(1000)

    assert arguments == [
        "--events", "1000", "--people", "250", "--organisations", "50",
        "--sessions", "2500", "--quotes", "5000", "--tags", "25",
    ]  # fmt: skip
    assert dataset.generate_data_arguments(20)[-1] == "10"  # at least 10 tags


def require(tool, package):
    if not shutil.which(tool):
        missing_tool(f"{tool} not found: install it with `apt-get install {package}`")


@pytest.fixture
def private_redis():
    require("redis-server", "redis-server")
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


def postgres_server_url():
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or "5432"
    return f"postgres://{settings['USER']}{password}@{host}:{port}/"


def run_module(*args, timeout=900):
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.postgres
def test_bench_smoke_measures_every_page_cold_and_warm(private_redis, tmp_path):
    require("wrk", "wrk")
    output = tmp_path / "bench.json"

    result = run_module(
        "bench", "--smoke", "--database-url", postgres_server_url(),
        "--cache-url", private_redis.url, "--json", str(output),
    )  # fmt: skip

    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(output.read_text())
    rows = figures["rows"]
    assert figures["language"] == "en"
    pages = [
        "floor /healthz", "home", "event list", "event list, 2 tags", "event page",
        "person page", "organisation page", "tag page", "quotes", "search",
    ]  # fmt: skip
    assert [(row["cache"], row["page"]) for row in rows] == [
        *(("cold", page) for page in pages),
        *(("warm", page) for page in pages),
    ]
    assert all(row["requests"] > 0 and row["errors"] == 0 for row in rows), rows
    assert all(row["queries"] == 0 for row in rows if row["cache"] == "warm")
    cold = {row["page"]: row["queries"] for row in rows if row["cache"] == "cold"}
    assert cold.pop("floor /healthz") == 0
    assert all(0 < queries <= 10 for queries in cold.values()), cold
    assert rows[0]["ratio_to_floor"] == 1.0
    # Every other page against the floor driven in alternation with it.
    assert all(row["floor_rps"] > 0 and row["ratio_to_floor"] > 0 for row in rows)
    assert figures["workers"] == len(figures["worker_memory_mib"]) > 0
    assert all(worker["rss"] > 0 for worker in figures["worker_memory_mib"])
    assert "req/s" in result.stdout
    assert "warm" in result.stdout


@pytest.mark.postgres
def test_bench_profile_gives_each_pages_time_and_its_queries(private_redis):
    result = run_module(
        "bench", "--smoke", "--profile", "--language", "ru", "--database-url",
        postgres_server_url(), "--cache-url", private_redis.url,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr[-3000:]
    assert "pages in ru," in result.stdout
    lines = result.stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("page ")))
    rows = {line[:20].strip(): line[20:].split() for line in lines[start + 1 :]}
    assert list(rows) == [
        "floor /healthz", "home", "event list", "event list, 2 tags", "event page",
        "person page", "organisation page", "tag page", "quotes", "search",
    ]  # fmt: skip
    assert rows["floor /healthz"][1:] == ["0.0"]  # no query
    for page, (wall, sql, *each) in rows.items():
        assert float(wall) > float(sql) >= 0, page
        assert len(each) <= 10, page  # the query budget
    assert len(rows["event list"]) == 2 + 6


@pytest.mark.postgres
def test_faults_smoke_passes_every_check(tmp_path):
    require("redis-server", "redis-server")
    if not (shutil.which("initdb") or list(Path("/usr/lib/postgresql").glob("*/bin/initdb"))):
        missing_tool("initdb not found: install it with `apt-get install postgresql`")
    output = tmp_path / "faults.json"

    result = run_module("bench.faults", "--smoke", "--json", str(output))

    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    figures = json.loads(output.read_text())
    assert all(figures["checks"].values()), figures["checks"]
    phases = {phase["phase"]: phase for phase in figures["phases"]}
    assert set(phases["steady"]["statuses"]) == {"200"}
    assert phases["postgres down"]["statuses"]["503"] > 0
    assert set(phases["redis down"]["statuses"]) == {"200"}
