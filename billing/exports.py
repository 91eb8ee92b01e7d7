"""Where ZIPs of invoice PDFs are kept: a private folder that no URL serves.

The folder sits in MEDIA_ROOT/private (the volume web and workers share) unless
BILLING_EXPORT_ROOT says otherwise; Gigwise never serves MEDIA_ROOT itself, and a web server in
front of it must not serve this folder. Files are handed out only by the download view, to the
person whose job made them.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def export_storage() -> FileSystemStorage:
    root = getattr(settings, "BILLING_EXPORT_ROOT", None) or (
        Path(settings.MEDIA_ROOT) / "private" / "invoice-exports"
    )
    return FileSystemStorage(location=root, base_url=None)


def export_name(*, job_id: int) -> str:
    return f"job-{job_id}.zip"
