"""Uploaded files never take more than UPLOAD_MAX_BYTES of memory or disk, whatever is sent.

Django keeps each uploaded file whole (in memory, or in a temporary file past
FILE_UPLOAD_MAX_MEMORY_SIZE) before any form can look at its size. This handler runs first
(FILE_UPLOAD_HANDLERS) and passes on only the first UPLOAD_MAX_BYTES + 1 bytes of each file: the
rest is read from the request and dropped. The file still reports the size that was sent, so the
form refuses it with the true figure ("The photo is 37.2 MB; choose one of at most 5 MB").

The request body itself is limited in front of Django (the proxy's client_max_body_size, see
docs/SECURITY.md); this keeps a worker safe where no proxy does.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler

# The largest file any form accepts: the profile photo (accounts.photos.PHOTO_MAX_BYTES).
DEFAULT_UPLOAD_MAX_BYTES = 5 * 1024 * 1024


def upload_max_bytes() -> int:
    return getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_UPLOAD_MAX_BYTES)


class LimitedUploadHandler(FileUploadHandler):
    """Keep at most UPLOAD_MAX_BYTES + 1 bytes of each file (enough to know it is too large)."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.kept = 0
        self.limit = upload_max_bytes() + 1

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.kept >= self.limit:
            return None  # the next handlers never see the rest
        chunk = raw_data[: self.limit - self.kept]
        self.kept += len(chunk)
        return chunk

    def file_complete(self, file_size: int):
        """The next handlers' file, telling the size that was sent rather than the size kept."""
        if file_size <= self.kept:
            return None  # nothing was cut: the next handler completes the file as usual
        handlers = list(self.request.upload_handlers)
        for handler in handlers[handlers.index(self) + 1 :]:
            upload = handler.file_complete(self.kept)
            if upload is not None:
                upload.size = file_size
                return upload
        return None
