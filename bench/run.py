"""Run every bench/bench_*.py in turn and print their figures (`make bench`).

Benchmarks print numbers; none of them passes or fails on time. The exit status is non-zero
only when a benchmark crashes.
"""

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for script in sorted(BENCH_DIR.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script), *sys.argv[1:]], check=False)
        print(f"-- {script.name}: {time.perf_counter() - started:.1f} s wall", flush=True)
        if result.returncode:
            failed.append(script.name)
    if failed:
        print(f"Crashed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
