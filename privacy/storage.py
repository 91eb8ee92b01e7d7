"""Where data-export ZIPs are kept: a private folder that no URL serves.

MEDIA_ROOT/private/data-exports (the volume web and workers share) unless PRIVACY_EXPORT_ROOT
says otherwise. Gigwise never serves MEDIA_ROOT itself, and a web server in front of it must not
serve this folder: a ZIP is handed out only by the download view, to the person it is about.
"""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage

# How long a built export can be downloaded; then the beat task deletes the file.
EXPORT_KEPT_DAYS = 7


def export_kept() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "PRIVACY_EXPORT_KEPT_DAYS", EXPORT_KEPT_DAYS))


def export_storage() -> FileSystemStorage:
    root = getattr(settings, "PRIVACY_EXPORT_ROOT", None) or (
        Path(settings.MEDIA_ROOT) / "private" / "data-exports"
    )
    return FileSystemStorage(location=root, base_url=None)


def export_name(*, job_id: int) -> str:
    return f"job-{job_id}.zip"
