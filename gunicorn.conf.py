"""gunicorn's settings file (read from the working directory): its own lines in Gigwise's format.

gunicorn logs before Django is loaded (booting, workers started and killed) through its loggers
`gunicorn.error` and `gunicorn.access`. Here they get the same formatter as Django's lines
(marketplace/logs.py), so every line on standard error is one JSON object with LOG_FORMAT=json.
gunicorn's access log is left out even when `--access-logfile` asks for it: django-structlog's
request_finished line records each request once, with its request id and without the secrets
a raw access line would show (tokens in URLs).
"""

import logging
import os

from marketplace.logs import LOG_FORMATS

# Python's warnings ("No directory at: staticfiles/") as log lines too, not bare text.
logging.captureWarnings(True)

_debug = os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
_format = os.environ.get("LOG_FORMAT") or ("console" if _debug else "json")

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "structured": {
            "()": "marketplace.logs.structured_formatter",
            "log_format": _format if _format in LOG_FORMATS else "json",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "structured",
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "gunicorn.error": {"handlers": [], "propagate": True},
        "gunicorn.access": {"handlers": [], "propagate": False, "level": "WARNING"},
    },
}
