"""MATCHING_ENCODER_BACKEND: torch, ONNX Runtime or its int8 quantisation, and the fallbacks.

The ONNX files are exported once for the session, into a folder of their own, by two threads
starting at once as two worker processes would.
"""

import importlib
import threading
from pathlib import Path

import numpy as np
import onnxruntime  # noqa: F401  (a dependency: its absence must fail here, not skip)
import pytest
from django.core.exceptions import ImproperlyConfigured

from matching import encoder as encoder_module
from matching import encoder_onnx
from matching.encoder import (
    Encoder,
    EncoderUnavailable,
    encoder,
    encoder_load,
    encoder_reset,
    installed_model_version,
    model_path,
    model_version,
)

TEXTS = [
    "Backend engineer: REST APIs in Django, keeps Postgres databases fast.",
    "<b>Copywriter</b> &amp; landing pages for SaaS brands",
    "Übersetzung Deutsch-Japanisch, 日本語の翻訳",
    "",
    "kubernetes " * 400,  # longer than the model's 256 tokens: truncated the same way
]


@pytest.fixture(scope="session")
def onnx_exports(tmp_path_factory):
    """Both ONNX files in a fresh folder, asked for by two threads at once; how many exports ran."""
    from django.conf import settings

    folder = tmp_path_factory.mktemp("onnx")
    exports = []
    real = encoder_onnx._export_fp32

    def counted(*args):
        exports.append(args)
        real(*args)

    results = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "MATCHING_ONNX_DIR", str(folder), raising=False)
        patch.setattr(encoder_onnx, "_export_fp32", counted)
        threads = [
            threading.Thread(
                target=lambda: results.append(encoder_onnx.onnx_export(model_path(), "onnx-int8"))
            )
            for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return {"folder": folder, "exports": len(exports), "files": results}


@pytest.fixture
def backend(settings, onnx_exports):
    settings.MATCHING_ONNX_DIR = str(onnx_exports["folder"])
    encoder_reset()
    yield settings
    encoder_reset()


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1)


def test_two_processes_starting_at_once_export_once_and_leave_whole_files(onnx_exports):
    assert onnx_exports["exports"] == 1
    first, second = onnx_exports["files"]
    assert first == second
    assert first.name == "model_int8.onnx"
    names = sorted(p.name for p in first.parent.iterdir() if p.name != ".lock")
    assert names == ["model.onnx", "model_int8.onnx"]  # no temporary file left behind


def test_the_backend_setting_chooses_the_path(backend):
    backend.MATCHING_ENCODER_BACKEND = "torch"
    assert type(encoder()) is Encoder
    torch_version = installed_model_version()
    assert encoder().version == torch_version

    backend.MATCHING_ENCODER_BACKEND = "onnx"
    encoder_reset()
    assert isinstance(encoder(), encoder_onnx.OnnxEncoder)
    assert encoder().backend == "onnx"
    # The same vectors, so the stored ones stay valid: the same model version.
    assert encoder().version == installed_model_version() == torch_version

    backend.MATCHING_ENCODER_BACKEND = "onnx-int8"
    encoder_reset()
    assert encoder().backend == "onnx-int8"
    assert encoder().version == installed_model_version() == f"{torch_version}+int8"


def test_onnx_vectors_agree_with_torch(backend):
    path = model_path()
    backend.MATCHING_ENCODER_BACKEND = "torch"
    reference = encoder_load(path).encode(TEXTS)
    backend.MATCHING_ENCODER_BACKEND = "onnx"
    onnx = encoder_load(path)
    vectors = onnx.encode(TEXTS, batch_size=2)  # batches mixing lengths, and a lone last text
    assert vectors.shape == reference.shape == (len(TEXTS), 384)
    assert cosines(vectors, reference).min() >= 0.99
    assert np.allclose(onnx.encode(TEXTS[:1]), reference[:1], atol=1e-4)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(1.0, abs=1e-4)


def test_int8_vectors_stay_close_and_rank_the_same(backend):
    path = model_path()
    backend.MATCHING_ENCODER_BACKEND = "torch"
    reference = encoder_load(path).encode(TEXTS)
    backend.MATCHING_ENCODER_BACKEND = "onnx-int8"
    int8 = encoder_load(path)
    assert cosines(int8.encode(TEXTS), reference).min() >= 0.95
    query = int8.encode(["Django developer for a booking API on PostgreSQL"])[0]
    profiles = int8.encode(TEXTS[:3])
    assert int(np.argmax(profiles @ query)) == 0


def test_an_unknown_backend_is_refused(backend):
    backend.MATCHING_ENCODER_BACKEND = "tensorrt"
    with pytest.raises(ImproperlyConfigured, match="MATCHING_ENCODER_BACKEND must be one of"):
        encoder()


def test_an_unknown_backend_is_refused_at_start(monkeypatch):
    import marketplace.settings as module

    monkeypatch.setenv("MATCHING_ENCODER_BACKEND", "tensorrt")
    with pytest.raises(ImproperlyConfigured, match="MATCHING_ENCODER_BACKEND must be one of"):
        importlib.reload(module)
    monkeypatch.delenv("MATCHING_ENCODER_BACKEND")
    importlib.reload(module)


def test_without_onnxruntime_it_encodes_with_torch_and_says_so(backend, monkeypatch, caplog):
    torch_version = model_version(model_path())
    for module in (encoder_module, encoder_onnx):
        monkeypatch.setattr(module, "runtime_missing", lambda backend: "onnxruntime")
    backend.MATCHING_ENCODER_BACKEND = "onnx-int8"
    assert type(encoder()) is Encoder
    assert "the package onnxruntime is not installed; encoding with torch" in caplog.text
    # Web processes look for the vectors the workers store.
    assert installed_model_version() == encoder().version == torch_version


def test_a_failed_export_falls_back_to_torch_only_where_the_vectors_agree(
    backend, tmp_path, caplog
):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    backend.MATCHING_ONNX_DIR = str(blocked)
    backend.MATCHING_ENCODER_BACKEND = "onnx"
    assert type(encoder()) is Encoder
    assert "encoding with torch" in caplog.text
    backend.MATCHING_ENCODER_BACKEND = "onnx-int8"
    encoder_reset()
    with pytest.raises(EncoderUnavailable, match="MATCHING_ENCODER_BACKEND=torch"):
        encoder()


def test_an_interrupted_export_leaves_no_file_to_load(tmp_path):
    target = tmp_path / "model.onnx"

    def crash(path: Path):
        path.write_bytes(b"half a model")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        encoder_onnx._write_atomically(target, crash)
    assert list(tmp_path.iterdir()) == []
