"""The NumPy peer at its best: which BLAS it runs on, which OpenBLAS kernel, and the machine's DGEMM peak.

    numpy_blas.py probe          # JSON: blas library, version, kernel (architecture), threads
    numpy_blas.py best-coretype  # the OPENBLAS_CORETYPE that suits this CPU, or nothing when the default is right
    numpy_blas.py peak [N]       # JSON: DGEMM GFLOP/s of numpy.dot on N x N (default 2000), 1 thread and all

Run with Debian's /usr/bin/python3 and python3-threadpoolctl. bench/run calls it with the environment NumPy's
benchmark runs get, so what it reports is what those runs use.
"""
import json
import os
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

# Tiers of OpenBLAS kernels for double precision, best first: the CPU flags a tier needs (Linux /proc/cpuinfo),
# the OPENBLAS_CORETYPE that selects its base kernel, and the kernel names OpenBLAS reports within the tier
# (Cooperlake and SapphireRapids differ from SkylakeX only in bf16/AMX paths, not in DGEMM). Debian's 0.3.21 does
# not recognise some AVX-512 CPUs and then falls back to its generic Prescott kernel.
TIERS = [
    ({"avx512f", "avx512dq", "avx512bw", "avx512vl"}, "SkylakeX", {"SkylakeX", "Cooperlake", "SapphireRapids"}),
    ({"avx2", "fma"}, "Haswell", {"Haswell", "Zen"}),
    ({"avx"}, "Sandybridge", {"Sandybridge"}),
]


def blas():
    libs = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    return libs[0] if libs else {}


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def cpu_tier(flags):
    """Index into TIERS of the best tier this CPU supports (len(TIERS) when none)."""
    return next((i for i, (needs, _, _) in enumerate(TIERS) if needs <= flags), len(TIERS))


def kernel_tier(kernel):
    return next((i for i, (_, _, names) in enumerate(TIERS) if kernel in names), len(TIERS))


def probe():
    b = blas()
    return {"numpy": np.__version__, "blas": b.get("internal_api", "none"), "version": b.get("version"),
            "kernel": b.get("architecture"), "threads": b.get("num_threads"), "library": b.get("filepath"),
            "coretype_env": os.environ.get("OPENBLAS_CORETYPE")}


def gflops(n, threads, reps=5):
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
    with threadpool_limits(limits=threads, user_api="blas"):
        a @ b
        best = min(_timed(lambda: a @ b) for _ in range(reps))
    return 2.0 * n ** 3 / best / 1e9


def _timed(f):
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def main(argv):
    cmd = argv[1] if len(argv) > 1 else "probe"
    if cmd == "probe":
        print(json.dumps(probe()))
    elif cmd == "best-coretype":
        p, tier = probe(), cpu_tier(cpu_flags())
        # Only an OpenBLAS that picked a kernel below what the CPU supports needs telling.
        if p["blas"] == "openblas" and tier < len(TIERS) and kernel_tier(p["kernel"]) > tier:
            print(TIERS[tier][1])
    elif cmd == "peak":
        n = int(argv[2]) if len(argv) > 2 else 2000
        cores = os.cpu_count() or 1
        print(json.dumps({"n": n, "gflops_1": gflops(n, 1), "gflops_all": gflops(n, cores), "cores": cores,
                          **probe()}))
    else:
        sys.exit("numpy_blas.py: unknown command %r (probe, best-coretype, peak)" % cmd)


if __name__ == "__main__":
    main(sys.argv)
