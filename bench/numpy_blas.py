"""The NumPy peer at its best: which BLAS it runs on, which OpenBLAS kernel, and the machine's DGEMM peak.

    numpy_blas.py probe          # JSON: blas library, version, kernel (architecture), threads
    numpy_blas.py best-coretype  # line 1: the OPENBLAS_CORETYPE to use, empty when OpenBLAS's own pick is right;
                                 # line 2: what was measured (each candidate kernel's DGEMM rate)
    numpy_blas.py trial [N]      # JSON: this environment's kernel, its 1-thread DGEMM GFLOP per CPU second, whether
                                 # a product is right
    numpy_blas.py peak [N]       # JSON: DGEMM GFLOP/s of numpy.dot on N x N (default 2000), 1 thread and all

Run with Debian's /usr/bin/python3 and python3-threadpoolctl. bench/run calls it with the environment NumPy's
benchmark runs get, so what it reports is what those runs use.
"""
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

# Tiers of OpenBLAS kernels for double precision, best first: the CPU flags a tier needs (Linux /proc/cpuinfo,
# the same names on Intel and AMD) and the OPENBLAS_CORETYPE names of its kernels. Debian's 0.3.21 does not recognise
# some AVX-512 CPUs and then falls back to its generic Prescott kernel (a Xeon here: 15 against 76 GFLOP/s), and it
# has no Zen 4 kernel (it picks Cooperlake on an EPYC 9004, whose AVX-512 and bf16 flags match).
TIERS = [
    ({"avx512f", "avx512dq", "avx512bw", "avx512vl"}, ["SkylakeX", "Cooperlake"]),
    ({"avx2", "fma"}, ["Haswell", "Zen"]),
    ({"avx"}, ["Sandybridge"]),
]
# best-coretype overrides OpenBLAS's own pick only when a candidate is this much faster, so that noise between kernels
# of one family on a shared machine does not flip the choice from run to run.
MARGIN = 1.10
TRIAL_N, TRIAL_ROUNDS = 1000, 3


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


def candidates(flags):
    """The OPENBLAS_CORETYPE values this CPU can run, best tier first."""
    return [name for needs, names in TIERS if needs <= flags for name in names]


def probe():
    b = blas()
    return {"numpy": np.__version__, "blas": b.get("internal_api", "none"), "version": b.get("version"),
            "kernel": b.get("architecture"), "threads": b.get("num_threads"), "library": b.get("filepath"),
            "coretype_env": os.environ.get("OPENBLAS_CORETYPE")}


def gflops(n, threads, reps=5, clock=time.perf_counter):
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
    with threadpool_limits(limits=threads, user_api="blas"):
        a @ b
        best = min(_timed(lambda: a @ b, clock) for _ in range(reps))
    return 2.0 * n ** 3 / best / 1e9


def _timed(f, clock):
    t = clock()
    f()
    return clock() - t


def correct(n=300, rows=(0, 7, 299), product=np.dot):
    """Whether product (BLAS's) agrees with rows of the product summed by plain ufuncs (no BLAS) to 1e-12 relative."""
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
    c = product(a, b)
    for i in rows:
        r = np.zeros(n)
        for k in range(n):
            r += a[i, k] * b[k]
        if not np.max(np.abs(r - c[i])) <= 1e-12 * np.max(np.abs(r)) * n:
            return False
    return True


def trial(n=TRIAL_N):
    # Per CPU second of the one thread: on a shared machine wall time mostly measures the other processes.
    return {"kernel": probe()["kernel"], "gflops_1": gflops(n, 1, reps=3, clock=time.process_time), "correct": correct()}


def best_coretype():
    """(the OPENBLAS_CORETYPE to set or "", a line saying what was measured): every kernel this CPU can run, each in
    a fresh Python, interleaved over a few rounds; the fastest correct one by median, OpenBLAS's own pick unless
    another is MARGIN faster."""
    cands = [None] + candidates(cpu_flags())
    rates, kernels = {c: [] for c in cands}, {}
    for _ in range(TRIAL_ROUNDS):
        for c in cands:
            env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
            if c: env["OPENBLAS_CORETYPE"] = c
            p = subprocess.run([sys.executable, __file__, "trial"], env=env, capture_output=True, text=True)
            if p.returncode != 0:            # a kernel this CPU cannot run (SIGILL) drops out
                continue
            t = json.loads(p.stdout)
            kernels[c] = t["kernel"]
            if t["correct"]:
                rates[c].append(t["gflops_1"])
    med = {c: statistics.median(v) for c, v in rates.items() if len(v) == TRIAL_ROUNDS}
    seen = ", ".join(f"{c or 'unset'} -> {kernels[c]} {med[c]:.1f}" for c in cands if c in med)
    wrong = [c or 'unset' for c in cands if c not in med]
    return choose(med, kernels), (f"1-thread DGEMM n = {TRIAL_N}, GFLOP per CPU second, median of {TRIAL_ROUNDS} "
                                  f"(OPENBLAS_CORETYPE -> kernel): {seen}" + (f"; failed or wrong: {', '.join(wrong)}" if wrong else ""))


def choose(rates, kernels):
    """The OPENBLAS_CORETYPE to set ("" for OpenBLAS's own pick, key None): the fastest correct candidate, if it is
    another kernel and MARGIN faster than OpenBLAS's own pick."""
    if None not in rates:
        sys.exit("numpy_blas.py: NumPy's BLAS with OpenBLAS's own kernel choice failed or computed a wrong product")
    best = max(rates, key=rates.get)
    return best if best and rates[best] > MARGIN * rates[None] and kernels[best] != kernels[None] else ""


def main(argv):
    cmd = argv[1] if len(argv) > 1 else "probe"
    if cmd == "probe":
        print(json.dumps(probe()))
    elif cmd == "best-coretype":
        print("\n".join(best_coretype()))
    elif cmd == "trial":
        print(json.dumps(trial(int(argv[2]) if len(argv) > 2 else TRIAL_N)))
    elif cmd == "peak":
        n = int(argv[2]) if len(argv) > 2 else 2000
        cores = os.cpu_count() or 1
        print(json.dumps({"n": n, "gflops_1": gflops(n, 1), "gflops_all": gflops(n, cores), "cores": cores,
                          **probe()}))
    else:
        sys.exit("numpy_blas.py: unknown command %r (probe, best-coretype, trial, peak)" % cmd)


if __name__ == "__main__":
    main(sys.argv)
