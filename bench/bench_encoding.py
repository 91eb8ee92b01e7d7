"""Encoding: each encoder backend's speed, its agreement with torch, and its matching quality.

1. Texts per second for profile-length texts with MATCHING_ENCODER_BACKEND torch (the
   sentence-transformers path, the baseline), onnx and onnx-int8, in batches of 64 and 16; the
   backends take turns over several rounds so that a busy moment of the machine hits all of them.
   Texts per CPU-second beside it: on a shared machine it moves less than the wall figure, and it
   is what a fleet of workers filling its cores gets.
   The ONNX files are exported into a fresh folder, so the first export's cost shows too.
2. Cosine between each backend's vectors and torch's for the same texts.
3. nDCG@10 from the evaluation (the code path of `evaluate_matching`) on our dev set and the
   shared sample, once per backend, in a throw-away SQLite database with the taxonomy.

    DEBUG=1 .venv/bin/python bench/bench_encoding.py [--texts 256] [--rounds 3] [--skip-eval]

Prints figures; it never passes or fails on time.
"""

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from report import figure
from throwaway_db import django_on_throwaway_db

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ("torch", "onnx", "onnx-int8")
BATCHES = (64, 16)
BASE = "torch (sentence-transformers) in batches of 64"
DATASETS = (
    ROOT / "eval" / "matching_dev.json",
    ROOT.parent / "shared" / "eval" / "matching_sample.json",
)


def profile_texts(count: int) -> list[str]:
    people = json.loads((ROOT / "eval" / "matching_dev.json").read_text())["freelancers"]
    texts = [f"{p['headline']}. Skills: {', '.join(p['skills'])}. {p['bio']}" for p in people]
    return (texts * (count // len(texts) + 1))[:count]


def encoders(path: Path) -> dict:
    from django.conf import settings

    from matching.encoder import encoder_load

    loaded = {}
    for backend in BACKENDS:
        settings.MATCHING_ENCODER_BACKEND = backend
        started = time.perf_counter()
        loaded[backend] = encoder_load(path)
        seconds = time.perf_counter() - started
        print(f"  {backend:10} ready in {seconds:5.1f} s  ({loaded[backend].version})")
        if loaded[backend].backend != backend:
            print(f"  {backend} is not available here: it fell back to {loaded[backend].backend}")
    return loaded


def bench_speed(loaded: dict, texts: list[str], rounds: int) -> dict:
    import numpy as np

    wall: dict[tuple[str, int], list[float]] = {}
    cpu: dict[tuple[str, int], list[float]] = {}
    for model in loaded.values():
        model.encode(texts[:32])  # first calls allocate; not what a worker pays per batch
    for _ in range(rounds):
        for backend, model in loaded.items():
            for batch in BATCHES:
                model.max_batch = batch  # ONNX caps batches at 16 unless told otherwise
                started, used = time.perf_counter(), time.process_time()
                model.encode(texts, batch_size=batch)
                wall.setdefault((backend, batch), []).append(time.perf_counter() - started)
                cpu.setdefault((backend, batch), []).append(time.process_time() - used)
    n = len(texts)
    base = n / statistics.median(wall[("torch", 64)])
    base_cpu = n / statistics.median(cpu[("torch", 64)])
    words = statistics.mean(len(t.split()) for t in texts)
    print(f"\nspeed, {n} texts of {words:.0f} words, median of {rounds} rounds (torch@64 = 1.00x):")
    print("  backend    batch   texts/s (wall)  ratio  range      texts per CPU-second  ratio")
    rates = {}
    for key, seconds in wall.items():
        rate, per_cpu = n / statistics.median(seconds), n / statistics.median(cpu[key])
        rates[f"{key[0]}@{key[1]}"] = rate
        spread = f"{n / max(seconds):.0f}-{n / min(seconds):.0f}"
        print(
            f"  {key[0]:10} {key[1]:5} {rate:12.1f}  {rate / base:7.2f}x  {spread:9}"
            f" {per_cpu:14.1f} {per_cpu / base_cpu:13.2f}x"
        )
        if key != ("torch", 64):
            target = "" if key[0] == "torch" else ">= 1.3x the default path"
            name = f"encoding, {key[0]} in batches of {key[1]}"
            figure(name, rate, "texts/s", baseline=base, baseline_name=BASE, target=target)
            figure(f"{name}, per CPU-second", per_cpu, "texts/CPU-s", baseline=base_cpu,
                   baseline_name=BASE, target=target)  # fmt: skip
    reference = loaded["torch"].encode(texts[:128])
    print("\nagreement with torch (cosine of the same text's vectors, 128 texts):")
    for backend in BACKENDS[1:]:
        cosine = (reference * loaded[backend].encode(texts[:128])).sum(axis=1)
        print(f"  {backend:10} mean {np.mean(cosine):.6f}  min {np.min(cosine):.6f}")
    return rates


def bench_quality() -> None:
    from django.conf import settings
    from django.core.management import call_command

    from matching.encoder import encoder_reset
    from matching.evaluation.run import evaluate
    from matching.index import vector_index_reset

    call_command("migrate", verbosity=0)
    call_command("import_skills", verbosity=0)
    print("\nnDCG@10 (evaluate_matching's code path), by backend:")
    for dataset in DATASETS:
        if not dataset.is_file():
            print(f"  {dataset} is missing: skipped")
            continue
        data = json.loads(dataset.read_text())
        base = None
        for backend in BACKENDS:
            settings.MATCHING_ENCODER_BACKEND = backend
            encoder_reset()
            vector_index_reset()
            result = evaluate(data)
            ndcg = (result["employer"]["ndcg@10"], result["freelancer"]["ndcg@10"])
            base = base or ndcg
            for side, value, was in zip(("employer", "freelancer"), ndcg, base, strict=True):
                if backend != "torch":
                    figure(f"nDCG@10 change, {dataset.name}, {backend}, {side}", value - was,
                           "nDCG", target="loss <= 0.01")  # fmt: skip
            change = f"change {ndcg[0] - base[0]:+.4f} / {ndcg[1] - base[1]:+.4f}"
            print(
                f"  {dataset.name:22} {backend:10} employer {ndcg[0]:.4f}  freelancer "
                f"{ndcg[1]:.4f}  {change}  ({result['model']}, {result['seconds']:.0f} s)"
            )
    encoder_reset()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # 256 texts a round: each measurement takes 2.5-5 s, and three rounds of 512 put the whole
    # make bench (which may seed the large demo first) near its 30 minutes.
    parser.add_argument("--texts", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-eval", action="store_true")
    args = parser.parse_args()

    workdir = django_on_throwaway_db()  # noqa: F841 (the database lives in it)
    exports = tempfile.TemporaryDirectory(prefix="gigwise-onnx-")
    from django.conf import settings

    from matching.encoder import model_path

    settings.MATCHING_ONNX_DIR = exports.name
    print("encoders (the ONNX ones exported first, into a fresh folder):")
    loaded = encoders(model_path())
    bench_speed(loaded, profile_texts(args.texts), args.rounds)
    del loaded
    if not args.skip_eval:
        bench_quality()
    exports.cleanup()


if __name__ == "__main__":
    main()
