"""The benchmark's data sets: one PostgreSQL database per size, built once and reused."""

import time

import psycopg2
from psycopg2 import sql

from bench.common import log, manage, with_database

# generate_data's defaults (tests/bench check they agree): 20,000 events and, per
# event, these many of the rest. Smaller sets keep the proportions.
DEFAULT_EVENTS = 20000
PER_20000_EVENTS = {
    "people": 5000,
    "organisations": 1000,
    "sessions": 50000,
    "quotes": 100000,
    "tags": 500,
}
MINIMUM = {"people": 20, "organisations": 10, "tags": 10}
MARKER_TABLE = "bench_dataset"


def generate_data_arguments(events):
    arguments = ["--events", str(events)]
    for name, at_default in PER_20000_EVENTS.items():
        count = max(MINIMUM.get(name, 0), round(at_default * events / DEFAULT_EVENTS))
        arguments += [f"--{name}", str(count)]
    return arguments


def _connect(url):
    connection = psycopg2.connect(url, connect_timeout=10)
    connection.autocommit = True
    return connection


def _complete(url, events):
    """Whether the database at `url` holds a finished data set of `events` events."""
    try:
        connection = _connect(url)
    except psycopg2.OperationalError:
        return False
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [MARKER_TABLE])
        if cursor.fetchone()[0] is None:
            return False
        cursor.execute(sql.SQL("SELECT events FROM {}").format(sql.Identifier(MARKER_TABLE)))
        row = cursor.fetchone()
    connection.close()
    return row is not None and row[0] == events


def ensure(server_url, events, env_for):
    """The URL of database secretariat_bench_<events>, built now unless already complete.

    `env_for(database_url)` gives the environment for management commands. A
    database left half-built by an interrupted run has no marker row and is
    dropped and built again.
    """
    name = f"secretariat_bench_{events}"
    url = with_database(server_url, name)
    env = env_for(url)
    if _complete(url, events):
        log(f"Reusing database {name}")
        manage(env, "migrate", "--no-input", "-v0")
        return url

    started = time.monotonic()
    log(f"Building database {name} ({events} events)…")
    admin = _connect(with_database(server_url, "postgres"))
    with admin.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "generate_data", *generate_data_arguments(events))
    connection = _connect(url)
    # generate_data has analysed the tables (the planner's statistics) itself.
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("CREATE TABLE {} (events integer NOT NULL, built timestamptz NOT NULL)").format(
                sql.Identifier(MARKER_TABLE)
            )
        )
        cursor.execute(
            sql.SQL("INSERT INTO {} VALUES (%s, now())").format(sql.Identifier(MARKER_TABLE)),
            [events],
        )
    connection.close()
    log(f"Built {name} in {time.monotonic() - started:.0f} s")
    return url
