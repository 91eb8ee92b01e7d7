"""Run every bench/bench_*.py in turn and write bench/results.json (`make bench`).

Benchmarks print numbers; none of them passes or fails on time. Each also reports its main
figures through bench/report.py; this script gathers them into bench/results.json with the
machine (CPU model, cores, memory), the date, each benchmark's wall time and exit status, and
prints them as a table with their baselines and ratios.

    .venv/bin/python bench/run.py [--only matching,insights] [--output bench/results.json]

The exit status is non-zero only when a benchmark crashes (its figures so far are kept).
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    memory_gb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gb = round(int(line.split()[1]) / 1024**2, 1)
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def summary(results: dict) -> str:
    lines = [
        f"Gigwise benchmarks, {results['date']}: {results['machine']['cpu']}, "
        f"{results['machine']['cores']} cores, {results['machine']['memory_gb']} GB",
    ]
    for name, run in results["benchmarks"].items():
        status = "ok" if run["exit_code"] == 0 else f"CRASHED (exit {run['exit_code']})"
        lines.append(f"\n{name}: {run['wall_seconds']:.0f} s, {status}")
        for row in run["figures"]:
            text = f"  {row['name']}: {row['value']:,.4g} {row['unit']}"
            if "baseline" in row:
                ratio = f"{row['ratio']:.2f}x" if row.get("ratio") is not None else "n/a"
                text += f"  (baseline {row['baseline_name']}: {row['baseline']:,.4g}; {ratio})"
            if row.get("target"):
                text += f"  [target {row['target']}]"
            lines.append(text)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated names, e.g. matching,learning")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "results.json")
    args = parser.parse_args()
    wanted = {name.strip() for name in args.only.split(",") if name.strip()}
    scripts = [
        script
        for script in sorted(BENCH_DIR.glob("bench_*.py"))
        if not wanted or script.stem.removeprefix("bench_") in wanted
    ]
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "benchmarks": {},
    }
    with tempfile.TemporaryDirectory(prefix="gigwise-bench-figures-") as folder:
        for script in scripts:
            figures_file = Path(folder) / f"{script.stem}.jsonl"
            print(f"== {script.name}", flush=True)
            started = time.perf_counter()
            env = {**os.environ, "BENCH_FIGURES": str(figures_file)}
            result = subprocess.run([sys.executable, str(script)], check=False, env=env)
            wall = time.perf_counter() - started
            print(f"-- {script.name}: {wall:.1f} s wall", flush=True)
            figures = []
            if figures_file.exists():
                figures = [json.loads(line) for line in figures_file.read_text().splitlines()]
            results["benchmarks"][script.stem] = {
                "wall_seconds": round(wall, 1),
                "exit_code": result.returncode,
                "figures": figures,
            }
            # Written after each benchmark, so a crash or a timeout keeps what was measured.
            args.output.write_text(json.dumps(results, indent=2) + "\n")
    print("\n" + summary(results))
    print(f"\nWritten to {args.output}")
    crashed = [name for name, run in results["benchmarks"].items() if run["exit_code"]]
    if crashed:
        print(f"Crashed: {', '.join(crashed)}", file=sys.stderr)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
