"""Load benchmark (`python -m bench`) and fault test (`python -m bench.faults`).

Both run the site as in production: gunicorn with gunicorn.conf.py, DEBUG off,
PostgreSQL and Redis, static files collected and served by whitenoise. Servers
listen on 127.0.0.1 only; every run is bounded in time.
"""
