"""'Download my data': a ZIP of everything Gigwise holds about a person, built into a Job row.

The ZIP has one JSON file per section (privacy/sections.py), `manifest.json` (what each file is,
how many rows, when the link expires) and `index.html` to read it all in a browser, plus the
profile photo if there is one. It is kept in a private folder and handed out only to the
person, for a week (storage.EXPORT_KEPT_DAYS), then the beat task deletes it.
"""

import datetime as dt
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files import File
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format

from accounts.models import FreelancerProfile, User
from ops.services.outbox import enqueue
from projects.models import Job
from projects.services.jobs import job_advance, job_create, job_start, job_succeed

from ..sections import SECTIONS, Section
from ..selectors import EXPORT_KIND, data_exports_for
from ..storage import export_kept, export_name, export_storage

FORMAT_VERSION = 1
TITLE = "Your data from Gigwise"
# index.html shows this many rows of a section; the JSON file has them all.
INDEX_ROWS = 500
INDEX_CELL = 300
# Kept in memory below this size, spilled to a temporary file above it.
SPOOL_BYTES = 16 * 1024 * 1024


@transaction.atomic
def data_export_create(*, user: User) -> Job:
    """Start building the person's export; while one is still building, that one is returned."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one request at a time
    unfinished = data_exports_for(user=user).exclude(
        state__in=[Job.State.SUCCEEDED, Job.State.FAILED]
    )
    if (job := unfinished.first()) is not None:
        return job
    from ..tasks import data_export_build  # the tasks module imports this one

    job = job_create(user=user, kind=EXPORT_KIND, title=TITLE, total=len(SECTIONS))
    enqueue(data_export_build, job.pk)
    return job


@dataclass
class Built:
    section: Section
    rows: list[dict]

    @property
    def file(self) -> str:
        return f"{self.section.name}.json"


def _cell(value) -> str:
    text = "" if value is None else value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= INDEX_CELL else f"{text[:INDEX_CELL]}…"


def _index_table(built: Built) -> dict:
    columns: list[str] = []
    for row in built.rows[:INDEX_ROWS]:
        columns += [key for key in row if key not in columns]
    return {
        "built": built,
        "columns": columns,
        "rows": [[_cell(row.get(c)) for c in columns] for row in built.rows[:INDEX_ROWS]],
        "cut": max(len(built.rows) - INDEX_ROWS, 0),
    }


def _photo_add(archive: zipfile.ZipFile, user: User) -> list[str]:
    """The profile photo, as uploaded and re-encoded (the JSON has only its name)."""
    profile = FreelancerProfile.objects.filter(user=user).first()
    if profile is None or not profile.photo or not profile.photo.storage.exists(profile.photo.name):
        return []
    name = f"files/profile-photo{PurePath(profile.photo.name).suffix}"
    with profile.photo.storage.open(profile.photo.name, "rb") as photo:
        archive.writestr(name, photo.read())
    return [name]


def _write(archive: zipfile.ZipFile, name: str, data) -> None:
    archive.writestr(name, json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False))


def _label(section: Section) -> str | None:
    return section.model._meta.label if section.model else None


def _manifest(user: User, built: list[Built], files: list[str], started: dt.datetime) -> dict:
    return {
        "format": "gigwise-data-export",
        "version": FORMAT_VERSION,
        "user_id": user.pk,
        "generated_at": started.isoformat(),
        "link_expires_at": (started + export_kept()).isoformat(),
        "sections": [
            {
                "name": b.section.name,
                "title": b.section.title,
                "file": b.file,
                "model": _label(b.section),
                "rows": len(b.rows),
            }
            for b in built
        ],
        "files": files,
    }


def _archive_write(archive: zipfile.ZipFile, *, job_id: int, user: User) -> list[Built]:
    started = timezone.now()
    built = []
    for count, section in enumerate(SECTIONS, start=1):
        part = Built(section, list(section.records(user)))
        _write(archive, part.file, {
            "section": section.name, "title": section.title, "about": section.about,
            "model": _label(section), "count": len(part.rows), "rows": part.rows,
        })  # fmt: skip
        built.append(part)
        job_advance(job_id=job_id, done=count)
    files = _photo_add(archive, user)
    manifest = _manifest(user, built, files, started)
    _write(archive, "manifest.json", manifest)
    context = {
        "manifest": manifest,
        "tables": [_index_table(part) for part in built],
        "files": files,
        "index_rows": INDEX_ROWS,
    }
    archive.writestr("index.html", render_to_string("privacy/export_index.html", context))
    return built


def data_export_run(*, job_id: int) -> None:
    """Gather every section into the ZIP, advancing the job; safe to run again (starts over)."""
    job = Job.objects.filter(pk=job_id, kind=EXPORT_KIND).select_related("user").first()
    if job is None or job.is_finished or job_start(job_id=job_id, total=len(SECTIONS)) is None:
        return
    storage, name = export_storage(), export_name(job_id=job_id)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as buffer:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            built = _archive_write(archive, job_id=job_id, user=job.user)
        size = buffer.tell()
        buffer.seek(0)
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, File(buffer, name=name))
    rows = sum(len(part.rows) for part in built)
    summary = f"{number_format(rows, force_grouping=True)} rows in {len(built)} sections, "
    job_succeed(
        job_id=job_id,
        result={
            "summary": f"{summary}{_size(size)}.",
            "rows": rows,
            "sections": len(built),
            "bytes": size,
            "api_download_url": reverse("api:privacy-export-download", args=[job_id]),
        },
        result_url=reverse("privacy:export-download", args=[job_id]),
    )


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(size // 1024, 1)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def data_exports_expire(*, now: dt.datetime | None = None) -> int:
    """Delete the ZIPs whose link has expired; returns how many. Running it twice deletes nothing.

    The job keeps its summary and loses its link, so nobody follows it to a missing file.
    """
    now = now or timezone.now()
    storage = export_storage()
    expired = Job.objects.filter(
        kind=EXPORT_KIND, state=Job.State.SUCCEEDED, finished_at__lte=now - export_kept()
    ).exclude(result_url="")
    deleted = 0
    for job_id in expired.values_list("pk", flat=True):
        name = export_name(job_id=job_id)
        if storage.exists(name):
            storage.delete(name)
            deleted += 1
    expired.update(result_url="")
    return deleted + _orphans_delete(storage)


def _orphans_delete(storage) -> int:
    """ZIPs whose job is gone: an export that finished while its person was being purged."""
    if not storage.exists(""):
        return 0
    names = {
        int(name[4:-4]): name
        for name in storage.listdir("")[1]
        if name.startswith("job-") and name.endswith(".zip") and name[4:-4].isdigit()
    }
    known = set(Job.objects.filter(pk__in=names).values_list("pk", flat=True))
    for job_id in set(names) - known:
        storage.delete(names[job_id])
    return len(set(names) - known)
