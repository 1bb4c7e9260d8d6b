"""m4d settings: one file, driven by environment variables, secure by default.

SQLite in the data directory is the embedded default; DATABASE_URL switches to PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from m4d.lib import hosts, iati_schema
from m4d.lib.datadir import data_dir, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()


def env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("M4D_DEBUG")
SECRET_KEY = os.environ.get("M4D_SECRET_KEY") or secret_key(DATA_DIR)
# Every absolute link the platform writes (e-mails above all) starts with this address, never with
# the request's Host header; the host names served are derived from it unless M4D_ALLOWED_HOSTS says.
# The name e-mails are signed with and their subjects start with ("[m4d] …").
M4D_SITE_NAME = os.environ.get("M4D_SITE_NAME", "m4d").strip() or "m4d"
# The about page: where the source code is published, and the licence the data is reused under.
M4D_SOURCE_URL = os.environ.get("M4D_SOURCE_URL", "").strip()
M4D_DATA_LICENCE = os.environ.get("M4D_DATA_LICENCE", "CC BY 4.0").strip()
M4D_DATA_LICENCE_URL = os.environ.get(
    "M4D_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
).strip()
M4D_BASE_URL = hosts.base_url(os.environ.get("M4D_BASE_URL", "http://localhost:8000"))
ALLOWED_HOSTS = hosts.allowed_hosts(M4D_BASE_URL, os.environ.get("M4D_ALLOWED_HOSTS", ""))
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("M4D_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "m4d.accounts",  # before allauth: our templates override allauth's
    "allauth",
    "allauth.account",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "m4d.core",
    "m4d.places",
    "m4d.organisations",
    "m4d.projects",
    "m4d.toolbox",
    "m4d.plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "m4d.core.middleware.QueryLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "m4d.accounts.middleware.ApiTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "m4d.core.cache.PublicPageCacheMiddleware",
    # French punctuation spacing and quotes in every HTML page (core.typography, decision 0015);
    # inside the page cache, so that cached pages are stored typeset.
    "m4d.core.typography.TypographyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "m4d.config.urls"
WSGI_APPLICATION = "m4d.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'm4d.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run while the worker writes; IMMEDIATE avoids lock upgrades failing mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("M4D_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "m4d.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # `key` is one account from one address (accounts.adapter); `ip` is the ceiling of an address
    # across accounts, high enough for an office or a NAT sharing it and below allauth's "login"
    # flood guard (30/m/ip), which answers a bare 429 page.
    "login_failed": os.environ.get("M4D_LOGIN_RATE", "20/5m/ip,5/5m/key"),
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
}

# allauth's login and sign-up rate limits must be shared by every web process: a database cache.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "m4d_cache"}
}
if env_flag("M4D_BEHIND_PROXY_TLS"):
    ALLAUTH_TRUSTED_PROXY_COUNT = 1
# API writes per token (or person, or address) and period: "60/m", "1000/h" (m4d.accounts.api).
M4D_API_WRITE_RATE = os.environ.get("M4D_API_WRITE_RATE", "60/m")

EMAIL_BACKEND = os.environ.get(
    "M4D_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("M4D_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("M4D_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("M4D_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("M4D_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("M4D_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("M4D_FROM_EMAIL", "m4d <noreply@localhost>")
# Days an organisation's e-mailed invitation link stays valid after it was (re)sent (decision 0010).
M4D_INVITATION_DAYS = int(os.environ.get("M4D_INVITATION_DAYS", "14"))

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
# Registry content is French first (the handbook); English columns fall back to French when empty.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr")
LOCALE_PATHS: list = []  # each app ships its own locale/ folder
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns at every start when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "m4d.core.storage.StaticStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
# Tests and `m4d serve` before collectstatic still find files next to the apps.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 3600

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Behind TLS (production) these are on; plain-HTTP local use (`m4d serve`) keeps them off.
HTTPS = env_flag("M4D_HTTPS")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and not env_flag("M4D_BEHIND_PROXY_TLS")
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_flag("M4D_BEHIND_PROXY_TLS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The IATI reporting organisation written into exports. No default identifier: until one is set,
# exports use a placeholder that is no real organisation's and say so (m4d.projects.iati).
M4D_IATI_REPORTING_ORG = {
    "ref": os.environ.get("M4D_IATI_REPORTING_REF", ""),
    "type": os.environ.get("M4D_IATI_REPORTING_TYPE", "40"),
    "name": os.environ.get("M4D_IATI_REPORTING_NAME", "m4d: JMDI project registry"),
}
# The IATI 2.03 XSDs (iati-activities-schema.xsd, iati-common.xsd, xml.xsd) used to check imports;
# read from disk, never fetched. They ship with the package; the variable is an optional override.
M4D_IATI_SCHEMA_DIR = Path(os.environ.get("M4D_IATI_SCHEMA_DIR") or iati_schema.SHIPPED_DIR)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("M4D_LOG_LEVEL", "WARNING")},
}

# Organisation logos (decision 0012): checked by content, at most this many bytes and pixels
# (decoded), reduced to fit in a square of M4D_LOGO_BOX pixels, stored in MEDIA_ROOT/logos and
# served by the organisations app at M4D_LOGO_URL.
M4D_LOGO_MAX_BYTES = int(os.environ.get("M4D_LOGO_MAX_BYTES", str(2 * 1024 * 1024)))
M4D_LOGO_MAX_PIXELS = int(os.environ.get("M4D_LOGO_MAX_PIXELS", "25000000"))
M4D_LOGO_BOX = int(os.environ.get("M4D_LOGO_BOX", "400"))
M4D_LOGO_URL = "/organisations/logos/"
