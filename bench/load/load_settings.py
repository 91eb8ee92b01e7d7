"""Gigwise's production settings for the load test, with the two changes a loopback run needs.

bench/load/run.py points DJANGO_SETTINGS_MODULE here for gunicorn, the Celery worker and the
set-up commands. Everything else comes from marketplace/settings.py and the environment
run.py sets (DEBUG off, PostgreSQL, Redis, plain HTTP on 127.0.0.1):

- STATIC_ROOT: `collectstatic` writes into the run's temporary folder, so the hashed file
  names of production (CompressedManifestStaticFilesStorage) are used without touching the
  working tree's `staticfiles/`.
- allauth's "login" limit (30 a minute per IP by default): the load test signs 50 people in
  from one address within ten seconds, which real people never do from one address.
  LOAD_LOGIN_RATE_LIMIT sets it for the run only; failed-login lockout (django-axes) stays.
"""

import os

from marketplace.settings import *  # noqa: F403
from marketplace.settings import ACCOUNT_RATE_LIMITS

STATIC_ROOT = os.environ["LOAD_STATIC_ROOT"]
ACCOUNT_RATE_LIMITS = {
    **ACCOUNT_RATE_LIMITS,
    "login": os.environ.get("LOAD_LOGIN_RATE_LIMIT", "30/m/ip"),
}
