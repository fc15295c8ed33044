"""Settings for the Secretariat site, read from the environment (or `.env`).

Defaults suit development (SQLite, local-memory cache, DEBUG on). With DEBUG
off the site refuses to start until SECRET_KEY and ALLOWED_HOSTS are set.
"""

import datetime
import re
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

# A development-only key: never accepted when DEBUG is off (see below).
_DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"  # nosec B105
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

if DEBUG:
    SECRET_KEY = SECRET_KEY or _DEVELOPMENT_SECRET_KEY
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
else:
    if not SECRET_KEY or SECRET_KEY == _DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or too short: with DEBUG off, set the SECRET_KEY "
            "environment variable to a random string of at least 32 characters."
        )
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is missing: with DEBUG off, set the ALLOWED_HOSTS environment "
            "variable to the comma-separated host names the site answers to (not '*')."
        )

INSTALLED_APPS = [
    # Before the admin: its translation.py modules register the translated fields.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # For the redirects app, where slug_history stores old paths.
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_countries",
    "taggit",
    "reversion",
    "reversion_compare",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "sorl.thumbnail",
    "tags",
    "people",
    "events",
    "slug_history",
    "feeds",
    "audit",
    "backup",
    "search",
    "topics",
    "api",
    # After the other apps: at commit, the page cache is cleared after the search
    # index is rebuilt (receivers connect in this order).
    "secretariat",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "secretariat.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "secretariat.middleware.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: see secretariat.page_cache.
    "secretariat.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "slug_history.middleware.SlugRedirectMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "secretariat.urls"
WSGI_APPLICATION = "secretariat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Only PostgreSQL and SQLite; errors never repeat the address (it may hold a password).
_DATABASE_URL_HELP = (
    "set it to postgres://user:password@host:5432/name or sqlite:////absolute/path/db.sqlite3, "
    "or unset it for the development database."
)
_DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}").strip()
if not _DATABASE_URL:
    raise ImproperlyConfigured(f"DATABASE_URL is set but empty: {_DATABASE_URL_HELP}")
try:
    # Its warning about an unknown scheme would print the address, password included.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Engine not recognized from url")
        _database = environ.Env.db_url_config(_DATABASE_URL)
except ValueError as error:  # from urllib, e.g. a port that is not a number
    raise ImproperlyConfigured(
        f"DATABASE_URL cannot be read ({error}): {_DATABASE_URL_HELP}"
    ) from None
if _database.get("ENGINE") not in {"django.db.backends.postgresql", "django.db.backends.sqlite3"}:
    _scheme = urlsplit(_DATABASE_URL).scheme
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a PostgreSQL or SQLite address (its scheme is "
        f"{_scheme + '://' if _scheme else 'missing'}): {_DATABASE_URL_HELP}"
    )
DATABASES = {"default": _database}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# When PostgreSQL is down, a request fails fast (503) instead of holding a worker.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", DATABASE_CONNECT_TIMEOUT
    )
    # Names' typo tolerance (`%>`): pg_trgm's default, 0.6, misses common misspellings.
    # JIT pays off only on long analytical queries; every query here is short.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} -c pg_trgm.word_similarity_threshold=0.4 -c jit=off"
    )

# django-environ picks Django's RedisCache for redis://; ours is a drop-in for it.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://secretariat")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "secretariat.cache.RedisCache"
    # When Redis is down, fail at once rather than hang: the cache reads as empty.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=0.25, socket_timeout=0.25
    )

# The page cache's longest keeping (0: off). A change clears only the cache of the
# process that made it: with DEBUG off it needs a shared cache (Redis).
_PROCESS_CACHE = CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
_PAGE_CACHE_NEEDS_SHARED = _PROCESS_CACHE and not DEBUG
PAGE_CACHE_SECONDS = env.int(
    "PAGE_CACHE_SECONDS", default=0 if _PAGE_CACHE_NEEDS_SHARED else 60 * 60
)
if PAGE_CACHE_SECONDS and _PAGE_CACHE_NEEDS_SHARED:
    raise ImproperlyConfigured(
        "PAGE_CACHE_SECONDS needs a cache shared by every process: with DEBUG off, set "
        "CACHE_URL to Redis (e.g. redis://127.0.0.1:6379/0), or PAGE_CACHE_SECONDS to 0."
    )
# s-maxage for a proxy or CDN in front. 0: it revalidates every time (304 while
# unchanged); more: a change reaches visitors up to that many seconds late.
PROXY_CACHE_SECONDS = env.int("PROXY_CACHE_SECONDS", default=0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Backups (backup/archive.py) keep times to the microsecond.
SERIALIZATION_MODULES = {"jsonl-exact": "backup.serialization"}

# Sign-in failures counted per username and address, so that no one can lock a
# colleague out from elsewhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(hours=env.float("AXES_COOLOFF_HOURS", default=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "secretariat.admin.sign_in_paused"
AXES_CLIENT_IP_CALLABLE = "secretariat.http.client_address"

# Only staff have sessions: a working day.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The record's texts, one column per language (django-modeltranslation). Which
# language a reader is shown when a text is missing is decided in
# secretariat/languages.py, per record, not by the library's global fallback.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ru", "zh-hans")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "ru", "zh-hans")
# A record's original language, not English, is the one it must have: see the models' clean().
MODELTRANSLATION_REQUIRED_LANGUAGES = ()
MODELTRANSLATION_AUTO_POPULATE = False
# Sent on a link followed from elsewhere, not with another site's frames or forms.
LANGUAGE_COOKIE_SAMESITE = "Lax"
FORMAT_MODULE_PATH = ["secretariat.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed, compressed names need `collectstatic`, which development does without.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# favicon.ico and the like, served by whitenoise at no query (CSP img-src 'self').
WHITENOISE_ROOT = BASE_DIR / "site_root"
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Uploads refused above these (secretariat.images): a small file can unpack into gigabytes.
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=40_000_000)
# Renditions' names and sizes kept in the database, read through the cache.
THUMBNAIL_PREFIX = "renditions/"
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
THUMBNAIL_UPSCALE = False
THUMBNAIL_PRESERVE_FORMAT = True
THUMBNAIL_DEBUG = False

# Every page, the admin's included: nothing inline or evaluated, no frames or plugins;
# only this site, and STATIC_URL's or MEDIA_URL's host when elsewhere.
_static, _media = (
    [f"{parts.scheme}://{parts.netloc}"] if parts.netloc else []
    for parts in (urlsplit(STATIC_URL), urlsplit(MEDIA_URL))
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *_static],
        "style-src": [SELF, *_static],
        "font-src": [SELF, *_static],
        "img-src": [SELF, *_static, *_media],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

ADMIN_URL = env.str("ADMIN_URL", default="admin/")

# The Site's domain is set to SITE_DOMAIN on every `migrate` ("View on site" links).
SITE_ID = 1
SITE_DOMAIN = env.str(
    "SITE_DOMAIN",
    default="127.0.0.1:8000" if DEBUG else ALLOWED_HOSTS[0].lstrip("."),
)

# So that taggit's helpers agree with tags.models.normalise_tag_name.
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "tags.models.parse_tags"
TAGGIT_STRING_FROM_TAGS = "tags.models.join_tags"

# Proxies in front: X-Forwarded-For is read that many hops back (0: the connection's).
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

# Per client address; counted in the cache, so shared by servers only with Redis.
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="120/minute")
if not re.fullmatch(r"[0-9]+/(s|sec|second|m|min|minute|h|hour|d|day)", API_RATE_LIMIT):
    raise ImproperlyConfigured(
        "API_RATE_LIMIT must be a number of requests per period, e.g. 120/minute or 5000/day."
    )
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_RATE_LIMIT},
    "NUM_PROXIES": NUM_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SCO Secretariat record API",
    "DESCRIPTION": (
        "The public record of the SCO Secretariat, read-only: published events with "
        "their sessions, participants, organisations, statements and visits; people; "
        "organisations; tags. Lists take the same filters as the site's pages."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "REDOC_DIST": "SIDECAR",
    # Several models have a `kind` and share `Role`: name each enum once.
    "ENUM_NAME_OVERRIDES": {
        "EventKindEnum": "events.models.Event.Kind",
        "QuoteKindEnum": "events.models.Quote.Kind",
        "OrganisationKindEnum": "people.models.Organisation.Kind",
        "RoleEnum": "events.models.Role",
        "OrganisationRoleEnum": "events.models.OrganisationRole",
        "LanguageEnum": "secretariat.languages.CODES",
    },
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # The load balancer's check comes over plain HTTP from inside.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # No script here reads the CSRF token from the cookie: forms carry it.
    CSRF_COOKIE_HTTPONLY = True
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Allows, does not make, a submission to the browsers' HTTPS-only list.
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO").upper()},
}
