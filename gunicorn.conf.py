"""gunicorn's settings for production: `gunicorn -c gunicorn.conf.py`; each from the environment."""

import multiprocessing
import os

wsgi_app = "secretariat.wsgi:application"

# Behind a reverse proxy on the same machine; set BIND=0.0.0.0:8000 in a container.
bind = os.environ.get("BIND", "127.0.0.1:8000")

# Synchronous: CPU work and quick queries. Capped: more only add memory and connections.
workers = int(os.environ.get("WEB_CONCURRENCY", 0)) or min(2 * multiprocessing.cpu_count() + 1, 8)

# Bounds what a slow leak can take; the jitter staggers the restarts.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 500))

# A stuck worker is replaced; database connections time out well before.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 20))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))

# Workers share the master's memory, and a broken configuration stops the master.
preload_app = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# gunicorn 24+ opens a control socket in the user's home directory; nothing uses it.
control_socket_disable = True
