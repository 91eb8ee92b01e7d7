"""The encoder's ONNX Runtime path: the shipped weights exported once to ONNX, then run without
PyTorch at encode time.

sentence-transformers' own ``backend="onnx"`` goes through optimum-onnx, whose only release
requires transformers < 4.58 while sentence-transformers 6 requires transformers 5: the two
cannot be installed together. So the export is done here, with ``torch.onnx`` from the weights on
disk (never a download), with the model's pooling and the L2 normalisation inside the graph, and
ONNX Runtime runs it. ``onnx-int8`` adds ONNX Runtime's dynamic int8 quantisation of the weights.

The files go to ``MATCHING_ONNX_DIR`` (default ``var/onnx`` in the project folder), one folder
per model, exported by the first process that needs them and reused by every later one. A lock
file keeps two processes from exporting at once, and each file is written under a temporary
name and renamed, so a reader never sees half a file.
"""

import contextlib
import hashlib
import importlib.util
import json
import logging
import os
import tempfile
import warnings
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

BACKENDS = ("torch", "onnx", "onnx-int8")
DEFAULT_BACKEND = "onnx"
# Bumped when the exported graph changes, so that old exports are not reused.
EXPORT_REVISION = "2"
POOLING_MODES = {
    "pooling_mode_mean_tokens": "mean",
    "pooling_mode_cls_token": "cls",
    "pooling_mode_max_tokens": "max",
}


class OnnxUnavailable(RuntimeError):
    """This model or this machine cannot use the ONNX path (the caller falls back to torch)."""


def configured_backend() -> str:
    """The MATCHING_ENCODER_BACKEND setting; an unknown value is a configuration error."""
    backend = getattr(settings, "MATCHING_ENCODER_BACKEND", DEFAULT_BACKEND)
    if backend not in BACKENDS:
        raise ImproperlyConfigured(
            f"MATCHING_ENCODER_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}."
        )
    return backend


def runtime_missing(backend: str) -> str | None:
    """The package a backend needs and this machine lacks, or None."""
    needed = {"torch": (), "onnx": ("onnxruntime",), "onnx-int8": ("onnxruntime", "onnx")}
    for package in needed[backend]:
        if importlib.util.find_spec(package) is None:
            return package
    return None


def effective_backend(model_path: Path) -> str:
    """The configured backend, or torch when its runtime is missing or the model is unusual.

    Only reads a few small files: web processes call it to know which stored vectors to use.
    """
    backend = configured_backend()
    if backend == "torch" or runtime_missing(backend):
        return "torch"
    try:
        pooling_mode(model_path)
    except (OnnxUnavailable, OSError, ValueError, KeyError):
        return "torch"
    return backend


def version_suffix(backend: str) -> str:
    """Added to the model version: int8 vectors differ from torch's, fp32 ONNX ones do not."""
    return "+int8" if backend == "onnx-int8" else ""


def onnx_dir() -> Path:
    configured = getattr(settings, "MATCHING_ONNX_DIR", "")
    return Path(configured) if configured else Path(settings.BASE_DIR) / "var" / "onnx"


def export_folder(model_path: Path) -> Path:
    """One folder per model: its name, and a digest of where it is and what its files are."""
    digest = hashlib.sha256(f"{EXPORT_REVISION}|{model_path.resolve()}".encode())
    for file in sorted(model_path.glob("*")):
        if file.is_file():
            stat = file.stat()
            digest.update(f"|{file.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    name = model_path.name if model_path.name != "model" else model_path.parent.name
    return onnx_dir() / f"{name}-{digest.hexdigest()[:12]}"


def pooling_mode(model_path: Path) -> str:
    """The model's pooling (mean, cls or max), read from its sentence-transformers modules."""
    modules = json.loads((model_path / "modules.json").read_text())
    kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
    if kinds not in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"]):
        raise OnnxUnavailable(f"unsupported module chain {kinds} (Transformer, Pooling expected)")
    pooling = next(m for m in modules if m["type"].endswith("Pooling"))
    config = json.loads((model_path / pooling["path"] / "config.json").read_text())
    modes = [mode for key, mode in POOLING_MODES.items() if config.get(key)]
    if len(modes) != 1 or config.get("pooling_mode_mean_sqrt_len_tokens"):
        raise OnnxUnavailable(f"unsupported pooling {config}")
    return modes[0]


def max_length(model_path: Path) -> int:
    config = model_path / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text()).get("max_seq_length") or 512)
    return 512


@contextlib.contextmanager
def _export_lock(folder: Path):
    """Only one process exports a folder at a time; the others wait, then find the files."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: the renames alone keep files whole
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_atomically(target: Path, write) -> None:
    """Call write(temporary path) next to target, then rename it into place."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    try:
        write(Path(temporary))
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide it from a worker of another user
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _export_fp32(model_path: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    mode = pooling_mode(model_path)
    model = AutoModel.from_pretrained(
        model_path, local_files_only=True, attn_implementation="eager"
    )
    model.eval()

    class Pooled(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            if mode == "mean":
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            elif mode == "max":
                pooled = hidden.masked_fill(mask == 0, -1e9).max(1).values
            else:
                pooled = hidden[:, 0]
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    tokenizer = AutoTokenizer.from_pretrained(model_path, local_files_only=True)
    sample = tokenizer(["a short text", "a somewhat longer sample text"], padding=True)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    args = tuple(
        torch.tensor(sample[n]) if n in sample else torch.zeros_like(torch.tensor(sample[names[0]]))
        for n in names
    )
    axes = {n: {0: "batch", 1: "sequence"} for n in names}
    # The tracer warns about shape checks it freezes; the vectors are checked against torch's
    # (tests/matching/test_encoder_backends.py), so the warnings would only alarm a log reader.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Pooled(),
            args,
            str(target),
            input_names=names,
            output_names=["sentence_embedding"],
            dynamic_axes={**axes, "sentence_embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )


class _QuietInfo(logging.Filter):
    """ONNX Runtime's quantiser logs a line per tensor on the root logger: keep its warnings."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


def _quantize(source: Path, target: Path) -> None:
    quiet = _QuietInfo()
    logging.getLogger().addFilter(quiet)
    try:
        _quantize_dynamic(source, target)
    finally:
        logging.getLogger().removeFilter(quiet)


def _quantize_dynamic(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Unsigned weights, one scale per output channel: u8 x u8 cannot saturate on AVX2 without
    # VNNI as u8 x s8 can, and per-channel scales kept the evaluation's nDCG@10 within 0.008 of
    # torch's where signed, reduced-range weights lost 0.012 (bench/bench_encoding.py).
    quantize_dynamic(
        str(source),
        str(target),
        weight_type=QuantType.QUInt8,
        per_channel=True,
        op_types_to_quantize=["MatMul", "Gemm"],
    )


def onnx_export(model_path: Path, backend: str) -> Path:
    """The ONNX file for a model and backend, exported now unless an earlier process did."""
    folder = export_folder(model_path)
    fp32 = folder / "model.onnx"
    target = folder / ("model_int8.onnx" if backend == "onnx-int8" else "model.onnx")
    if target.is_file():
        return target
    with _export_lock(folder):
        if not fp32.is_file():
            logger.info("Exporting %s to ONNX in %s (once)", model_path, folder)
            _write_atomically(fp32, lambda path: _export_fp32(model_path, path))
        if not target.is_file():
            _write_atomically(target, lambda path: _quantize(fp32, path))
    return target


class OnnxEncoder:
    """The same vectors as the torch Encoder, from ONNX Runtime; the same interface."""

    # Texts given to the runtime at once, whatever batch a caller asks for: batches of 16 pad
    # less than batches of 64 and went faster (bench/bench_encoding.py); torch does not gain.
    max_batch = 16

    def __init__(self, path: Path, *, backend: str, version: str):
        missing = runtime_missing(backend)
        if missing:
            raise OnnxUnavailable(f"the package {missing} is not installed")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import onnxruntime
        from transformers import AutoTokenizer

        file = onnx_export(path, backend)
        self.path = path
        self.backend = backend
        self.version = version
        self.max_length = max_length(path)
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Threads that spin between batches burn the cores the web processes and other workers
        # share; measured as fast or faster without it on this 2-core machine.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(
            str(file), options, providers=["CPUExecutionProvider"]
        )
        self.dimensions = int(self.session.get_outputs()[0].shape[1] or self._probe())

    def _probe(self) -> int:
        return self._run(["x"]).shape[1]

    def _run(self, texts: list[str]) -> np.ndarray:
        tokens = self.tokenizer(
            [text.strip() for text in texts],
            padding=True,
            truncation="longest_first",
            max_length=self.max_length,
            return_tensors="np",
        )
        feed = {
            "input_ids": tokens["input_ids"].astype(np.int64),
            "attention_mask": tokens["attention_mask"].astype(np.int64),
        }
        types = tokens.get("token_type_ids")
        feed["token_type_ids"] = (
            np.zeros_like(feed["input_ids"]) if types is None else types.astype(np.int64)
        )
        return self.session.run(None, feed)[0]

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        # Longest first, as sentence-transformers does, so that each batch pads little.
        order = np.argsort([-len(text) for text in texts], kind="stable")
        out = np.empty((len(texts), self.dimensions), dtype=np.float32)
        batch_size = max(1, min(batch_size, self.max_batch))
        for start in range(0, len(texts), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self._run([texts[i] for i in chunk])
        return out
