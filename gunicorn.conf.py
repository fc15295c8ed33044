"""gunicorn's settings for production: `gunicorn -c gunicorn.conf.py`.

Every value may be changed from the environment, as the rest of the site's settings.
The app itself is stateless (sessions and content in PostgreSQL, cache in Redis,
media on shared storage), so more capacity is more processes or more machines
behind the proxy: see the README, "Running in production".
"""

import multiprocessing
import os

wsgi_app = "secretariat.wsgi:application"

# Behind a reverse proxy on the same machine; set BIND=0.0.0.0:8000 in a container.
bind = os.environ.get("BIND", "127.0.0.1:8000")

# Synchronous workers: the pages do CPU work and quick queries, no long waits.
# gunicorn's rule of thumb, 2 * CPUs + 1, capped: more processes than that only
# add memory and PostgreSQL connections.
workers = int(os.environ.get("WEB_CONCURRENCY", 0)) or min(2 * multiprocessing.cpu_count() + 1, 8)

# A worker is replaced after this many requests, staggered by the jitter so the
# workers do not restart together: bounds the memory any slow leak can take.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 500))

# A request still running after this many seconds has its worker killed and
# replaced. Database connections time out first (DATABASE_CONNECT_TIMEOUT).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# On a restart or deploy, workers get this long to finish the requests they hold.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 20))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))

# Load Django once in the master: workers share its memory pages and start fast,
# and a broken configuration stops the master before any worker starts.
preload_app = True

# Logs to the standard streams, for the process manager or container runtime.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# gunicorn 24+ opens a control socket in the user's home directory; nothing uses it.
control_socket_disable = True
