"""Masthead's one settings module, read from the environment (12-factor).

The embedded profile (the default) needs nothing: SQLite under ``var/``, a
secret key generated into ``var/``, local-memory cache, database task queue,
emails written to ``var/mail/``.  ``MASTHEAD_ENV=production`` switches on the
production profile, which must pass ``manage.py check --deploy``.  Every
variable read here is listed in the README.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from masthead.config import admins_from_env, email_settings_from_url, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR / "masthead"
VAR_DIR = Path(os.environ.get("MASTHEAD_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = os.environ.get("MASTHEAD_ENV", "embedded") == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when MASTHEAD_ENV=production.")
    # Embedded profile: generate once and keep it, so sessions and signed links survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when MASTHEAD_ENV=production.")

# The public address of the site, used for absolute links in emails and feeds.
MASTHEAD_BASE_URL = os.environ.get("MASTHEAD_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = MASTHEAD_BASE_URL
WAGTAIL_SITE_NAME = os.environ.get("MASTHEAD_SITE_NAME", "The Masthead Courier")

INSTALLED_APPS = [
    "masthead.core",
    "masthead.images",
    "masthead.newsroom",
    "masthead.narration",
    "masthead.newsletters",
    "masthead.distribution",
    "masthead.search",
    "masthead.caching",
    "masthead.imports",
    "masthead.live",
    "masthead.corrections",
    "wagtail.contrib.forms",
    "masthead.core.wagtail_apps.RedirectsConfig",  # these four: Wagtail's, without the API v3 we never mount
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "masthead.core.wagtail_apps.SnippetsConfig",
    "masthead.core.wagtail_apps.DocumentsConfig",
    "masthead.core.wagtail_apps.ImagesConfig",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "masthead.core.wagtail_apps.DjangoAdminConfig",  # Django's admin without autodiscovery: it is not mounted
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "axes",
]

MIDDLEWARE = [
    "masthead.core.health.ProbeMiddleware",  # /health/ and /ready/: before the HTTPS redirect and the Host check
    "masthead.core.middleware.ReaderURLconfMiddleware",  # readers' addresses without the admin's URLconf
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # masthead/core/security.py: outside the caching middlewares, so a page served from any cache gets them too.
    "masthead.core.security.MastheadCSPMiddleware",
    "masthead.core.security.PermissionsPolicyMiddleware",
    # masthead/caching: a reader page this process rendered under the current publish version, sent again whole.
    "masthead.caching.page_memory.PageMemoryMiddleware",
    # masthead/caching: compress what the policy below marks, which sees every cookie the rest sets.
    "masthead.caching.compression.CompressionMiddleware",
    "masthead.caching.policy.CachePolicyMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "masthead.core.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "masthead.imports.middleware.WordPressQueryRedirectMiddleware",
    "masthead.newsroom.publish_version.PublishVersionMiddleware",
    "masthead.newsroom.routing.CachedPageRouteMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a locked-out sign-in into our 429
]

ROOT_URLCONF = "masthead.urls"
WSGI_APPLICATION = "masthead.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "masthead.core.context_processors.newsroom",
                "masthead.newsroom.context_processors.masthead",
            ],
        },
    },
]

# --- Database: SQLite file under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'masthead.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; a busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if not PRODUCTION else 60
    # A file, not memory, so tests can hand the database to a real worker process.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and background tasks: embedded by default, Redis/RQ when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Task queues, most urgent first. Narration (minutes of CPU per article, days for an imported archive) has a queue
# and a worker process of its own (Procfile's `narrator`), so mail, purges and scheduled publishing never wait
# behind it. `manage.py worker --queues default` serves one; without --queues a worker serves all, in this order.
TASK_QUEUES = ["default", "narration"]
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, except that an unreachable Redis degrades the site instead of ending it.
            "BACKEND": "masthead.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "masthead"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    INSTALLED_APPS.append("django_rq")
    # Each site's RQ queue carries its CACHE_KEY_PREFIX, so sites sharing one Redis never run each other's tasks;
    # a task enqueued while Redis is away waits in the database (masthead/core/task_backend.py).
    RQ_QUEUE_PREFIX = f"{CACHES['default']['KEY_PREFIX']}:"
    RQ_QUEUES = {f"{RQ_QUEUE_PREFIX}{name}": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600} for name in TASK_QUEUES}
    TASKS = {
        "default": {
            "BACKEND": "masthead.core.task_backend.SiteRQBackend",
            "QUEUES": TASK_QUEUES,
            "OPTIONS": {"QUEUE_PREFIX": RQ_QUEUE_PREFIX},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "masthead"}}
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
# Wagtail looks renditions up in this cache alias before the database.
# Its keys carry the site's CACHE_KEY_PREFIX too: two sites sharing one Redis must not swap renditions.
CACHES["renditions"] = {
    **CACHES["default"],
    "KEY_PREFIX": f"{CACHES['default'].get('KEY_PREFIX', 'masthead')}-renditions",
    "TIMEOUT": 60 * 60 * 24,
}
if CACHES["renditions"]["BACKEND"].endswith("LocMemCache"):
    CACHES["renditions"]["LOCATION"] = "renditions"

# --- HTTP caching (masthead/caching/README.md): what a shared cache in front may keep, and purges on publish.
MASTHEAD_CACHE_SECONDS = int(os.environ.get("MASTHEAD_CACHE_SECONDS", "30"))
MASTHEAD_CACHE_STALE_SECONDS = int(os.environ.get("MASTHEAD_CACHE_STALE_SECONDS", "30"))
MASTHEAD_CACHE_STALE_IF_ERROR_SECONDS = int(os.environ.get("MASTHEAD_CACHE_STALE_IF_ERROR_SECONDS", "86400"))
MASTHEAD_PURGE_ATTEMPTS = int(os.environ.get("MASTHEAD_PURGE_ATTEMPTS", "6"))
WAGTAILFRONTENDCACHE = {}
if purge_url := os.environ.get("MASTHEAD_PURGE_URL", ""):  # Varnish (deploy/varnish/) or nginx with cache_purge
    WAGTAILFRONTENDCACHE["proxy"] = {"BACKEND": "masthead.caching.backends.CheckedHTTPBackend", "LOCATION": purge_url}
if os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }

# --- Email: EMAIL_URL (smtp://, smtp+tls://, smtp+ssl://, file://, console://); default .eml files in var/mail/.
vars().update(email_settings_from_url(os.environ.get("EMAIL_URL", ""), default_dir=VAR_DIR / "mail"))
# An email service's tracking webhooks (bounces, complaints) answer only with this basic-auth secret ("user:pass").
ANYMAIL = vars().get("ANYMAIL", {})
if os.environ.get("ANYMAIL_WEBHOOK_SECRET"):
    ANYMAIL["WEBHOOK_SECRET"] = os.environ["ANYMAIL_WEBHOOK_SECRET"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Masthead <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Auth
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A path, not the URL name: an anonymous reader's request resolves against masthead/reader_urls.py, which has no
# admin names, and a page an editor made private redirects such a reader here.
LOGIN_URL = "/admin/login/"
# Sign-in throttling (django-axes): after MASTHEAD_LOGIN_FAILURE_LIMIT failures an account, and separately an IP
# address, is locked out for MASTHEAD_LOGIN_LOCKOUT_MINUTES; administrators see and lift locks in the admin
# (Settings > Sign-in lockouts).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("MASTHEAD_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("MASTHEAD_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: one account, or one address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "masthead.core.errors.login_locked_out"
AXES_ENABLE_ADMIN = False  # Masthead's editors use Wagtail's admin, where the lockouts are listed
AXES_VERBOSE = False
CSRF_FAILURE_VIEW = "masthead.core.errors.csrf_failure"  # the readable 403, not Django's page for developers

# --- Internationalisation: the newsroom's own time zone for every date a reader sees.
LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# --- Static and media files: served by Masthead itself (WhiteNoise for static), never a CDN.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing folder before collectstatic
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if PRODUCTION else 0
# Media on an S3-compatible service instead of MEDIA_ROOT: one setting, the bucket (masthead/caching/storage.py).
# Credentials come from boto3's own environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, or a role).
MEDIA_S3_PUBLIC_URLS = env_bool("MEDIA_S3_PUBLIC_URLS", default=False)
if media_bucket := os.environ.get("MEDIA_S3_BUCKET", ""):
    STORAGES["default"] = {
        "BACKEND": "masthead.caching.storage.ProxiedS3Storage",
        "OPTIONS": {
            "bucket_name": media_bucket,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,  # a new upload never replaces a file a cached page still links to
            "querystring_auth": False,
        },
    }

# --- Wagtail
WAGTAILIMAGES_IMAGE_MODEL = "images.CreditedImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "masthead.images.forms.CheckedImageForm"  # a damaged upload is a form error
# SEARCH_CONFIG pins PostgreSQL's text search configuration, so a query's tsquery is built once per query (not
# once per row) and does not depend on the server's default_text_search_config; SQLite ignores it.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English")]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls home
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars from gravatar.com would be a request to another host
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp", "svg"]  # svg: newsroom logos
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed"}]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Newsroom
MASTHEAD_NEWSROOM_LANGUAGE = os.environ.get("MASTHEAD_NEWSROOM_LANGUAGE", "en")
MASTHEAD_LIST_CACHE_SECONDS = int(os.environ.get("MASTHEAD_LIST_CACHE_SECONDS", "300"))
# Routes, page objects and rendered fragments are keyed by the publish version (read from the default cache,
# shared through Redis in production) and by what they show, so nothing under a key ever changes: each process
# keeps them in its own memory, and a publication anywhere changes every key at once.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": MASTHEAD_LIST_CACHE_SECONDS,
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("MASTHEAD_FRAGMENT_CACHE_ENTRIES", "2000"))},
}
# Whole reader pages each web process keeps (compressed, as sent) under the publish version: masthead/caching.
# On in the production profile, where a proxy in front keeps them as long; elsewhere a page shows every change.
MASTHEAD_PAGE_MEMORY_ENTRIES = int(os.environ.get("MASTHEAD_PAGE_MEMORY_ENTRIES", "300" if PRODUCTION else "0"))
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": MASTHEAD_PAGE_MEMORY_ENTRIES or 300},
}
# Feeds carry whole articles ("full") or standfirsts only ("excerpt"); see masthead/distribution/README.md.
MASTHEAD_FEED_CONTENT = os.environ.get("MASTHEAD_FEED_CONTENT", "full")
# How often a reader's open live page asks for new entries (masthead/live/README.md).
MASTHEAD_LIVE_POLL_SECONDS = int(os.environ.get("MASTHEAD_LIVE_POLL_SECONDS", "12"))

# --- Newsletters (masthead/newsletters/README.md describes each)
NEWSLETTERS_CONFIRM_DAYS = 7
NEWSLETTERS_MIN_FILL_SECONDS = float(os.environ.get("NEWSLETTERS_MIN_FILL_SECONDS", "2"))
NEWSLETTERS_SIGNUP_RATE_PER_IP = os.environ.get("NEWSLETTERS_SIGNUP_RATE_PER_IP", "20/h")
NEWSLETTERS_SIGNUP_RATE_PER_ADDRESS = os.environ.get("NEWSLETTERS_SIGNUP_RATE_PER_ADDRESS", "5/h")
NEWSLETTERS_TRUST_X_FORWARDED_FOR = env_bool("NEWSLETTERS_TRUST_X_FORWARDED_FOR", default=False)
# Sign-in lockouts read the client address as the sign-up limits do: the socket's, unless a proxy of ours is trusted.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
if NEWSLETTERS_TRUST_X_FORWARDED_FOR:
    AXES_IPWARE_META_PRECEDENCE_ORDER.insert(0, "HTTP_X_FORWARDED_FOR")
NEWSLETTERS_BATCH_SIZE = int(os.environ.get("NEWSLETTERS_BATCH_SIZE", "1000"))
# Senders per worker (threads, each with its own SMTP and database connection; PostgreSQL only): each may leave one
# message "unknown" after a crash. More than one lets PostgreSQL flush several "sending" marks in one WAL write.
NEWSLETTERS_SEND_CONNECTIONS = max(1, int(os.environ.get("NEWSLETTERS_SEND_CONNECTIONS", "1") or 1))
NEWSLETTERS_MAX_ATTEMPTS = int(os.environ.get("NEWSLETTERS_MAX_ATTEMPTS", "5"))
NEWSLETTERS_CLAIM_LEASE_SECONDS = int(os.environ.get("NEWSLETTERS_CLAIM_LEASE_SECONDS", "120"))
NEWSLETTERS_UNSUBSCRIBE_MAILTO = os.environ.get("NEWSLETTERS_UNSUBSCRIBE_MAILTO", "")
# Sending (issue 11): VERP return path domain, pace, the postal address every issue's footer must carry.
NEWSLETTERS_BOUNCE_DOMAIN = os.environ.get("NEWSLETTERS_BOUNCE_DOMAIN", "")
NEWSLETTERS_SEND_RATE = int(os.environ.get("NEWSLETTERS_SEND_RATE", "0") or 0)
# Required before a first send. The embedded profile writing to its local outbox (no EMAIL_URL) gets a marked
# placeholder, so `make run` can send the demo's issues; anything that really mails must set the newsroom's own.
_OUTBOX_ONLY = not PRODUCTION and not os.environ.get("EMAIL_URL")
NEWSLETTERS_POSTAL_ADDRESS = os.environ.get(
    "NEWSLETTERS_POSTAL_ADDRESS",
    "Demo newsroom, 1 Example Street, Exampleton (set NEWSLETTERS_POSTAL_ADDRESS)" if _OUTBOX_ONLY else "",
)
# Bounces and complaints: the mailbox the return path delivers to, and when soft bounces suppress an address.
NEWSLETTERS_BOUNCE_MAILBOX = os.environ.get("NEWSLETTERS_BOUNCE_MAILBOX", "")
NEWSLETTERS_SOFT_BOUNCE_LIMIT = int(os.environ.get("NEWSLETTERS_SOFT_BOUNCE_LIMIT", "3"))
NEWSLETTERS_SOFT_BOUNCE_DAYS = int(os.environ.get("NEWSLETTERS_SOFT_BOUNCE_DAYS", "14"))

# --- Narration (see masthead/narration/README.md)
MASTHEAD_NARRATION_ENGINE = os.environ.get("MASTHEAD_NARRATION_ENGINE", "masthead.narration.engines.PiperEngine")
MASTHEAD_NARRATION_DEMO_ARTICLES = int(os.environ.get("MASTHEAD_NARRATION_DEMO_ARTICLES", "3"))
MASTHEAD_PODCAST_EMAIL = os.environ.get("MASTHEAD_PODCAST_EMAIL", "")

# --- Security: strict in production; the embedded profile stays on plain http://127.0.0.1.
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview uses a same-origin frame
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Content-Security-Policy (django-csp; masthead/core/security.py). Reader pages are shared through the proxy's cache,
# so no nonce: scripts and styles are static files only, and JSON-LD blocks are data, not scripts.
# MASTHEAD_CSP_FRAME_HOSTS: origins an embed may frame, e.g. "https://www.youtube-nocookie.com" (none by default:
# embeds render as link cards).
MASTHEAD_CSP_FRAME_HOSTS = env_list("MASTHEAD_CSP_FRAME_HOSTS", default=[])
_csp_everywhere = {
    "default-src": [SELF],
    "connect-src": [SELF],
    "font-src": [SELF],
    "media-src": [SELF],
    "manifest-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],  # Wagtail's preview frames our own pages
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_csp_everywhere,
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-src": MASTHEAD_CSP_FRAME_HOSTS or [NONE],
        "worker-src": [NONE],
    }
}
# Wagtail's admin renders inline scripts and style attributes of its own; it still reaches no other host.
MASTHEAD_ADMIN_CSP_PATHS = ["/admin/"]
MASTHEAD_ADMIN_CSP = {
    "DIRECTIVES": {
        **_csp_everywhere,
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "font-src": [SELF, "data:"],
        "frame-src": [SELF, *MASTHEAD_CSP_FRAME_HOSTS],  # the preview panel
        "worker-src": [SELF, "blob:"],
    }
}
# Browser features no page uses are refused to the page and to any frame. Sharing and copying a link (the live page)
# are left at their default, this origin only.
MASTHEAD_PERMISSIONS_POLICY = dict.fromkeys(
    [
        "accelerometer",
        "autoplay",  # the narration player starts on a click
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "identity-credentials-get",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "storage-access",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    ],
    [],
)
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[MASTHEAD_BASE_URL])
    SILENCED_SYSTEM_CHECKS = [
        "security.W019",  # SAMEORIGIN, not DENY: Wagtail's live preview shows our own pages in a frame
        *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),  # preloading is a domain owner's choice
    ]

# --- Errors: mailed to ADMINS ("Jo Editor <jo@example.org>, ops@example.org") at most once per 10 minutes each,
# and logged to standard error: JSON lines in production (LOG_FORMAT=json), readable text otherwise.
ADMINS = admins_from_env(os.environ.get("ADMINS", ""))
EMAIL_SUBJECT_PREFIX = f"[{WAGTAIL_SITE_NAME}] "
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING")
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "masthead.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "once_per_interval": {"()": "masthead.core.logging.OncePerInterval", "seconds": 600},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "once_per_interval"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Server errors (django.request) and Masthead's own errors (a failing clock job) reach a person.
        "django": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL, "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django_tasks": {"level": "INFO"},
        "masthead": {"handlers": ["mail_admins"], "level": "INFO"},
    },
}
