"""Start a kernel N times through jupyter_client and count the starts that came up.

    kernel-starts.py [-n N] [--timeout T] [--kernel NAME] [--no-shutdown-check]

A start is ok when, within T seconds of launch, the kernel answers kernel_info on shell and iopub is
connected (jupyter_client's wait_for_ready, what nbclient waits for), and then (unless
--no-shutdown-check) a shutdown_request on control makes it exit by itself within SHUTDOWN_WITHIN
seconds: that proves the control channel was read too, which a kernel_info reply does not. Every kernel is
killed afterwards whatever happened. Without --kernel the kernel is ours (`java` in target/jupyter);
--kernel NAME is found as the user's Jupyter finds it (see kernelspecs.py). The last line is ``kernel starts: N ok, M failed``; the exit status is 1 when a start
failed. Also printed: seconds from launch to ready (mean, max) and, for our supervised `java` kernel, how
many restarts the supervisor made (its "[kernel-supervisor] start K of M: ..." lines in the kernel's log).
"""

import argparse
import collections
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client import KernelManager

import kernelspecs

ROOT = Path(__file__).resolve().parent.parent
SHUTDOWN_WITHIN = 10.0
RETRY_LINE = re.compile(r"^\[kernel-supervisor\] start \d+ of \d+: (.*)$", re.M)


def one_start(kernel, timeout, shutdown_check, log_path):
    """(ok, seconds to ready or None, why not, supervisor restarts)."""
    km = KernelManager(kernel_name=kernel)
    why = None
    ready_after = None
    with open(log_path, "w") as klog:
        t0 = time.monotonic()
        km.start_kernel(stdout=klog, stderr=klog, cwd=str(ROOT / "notebooks"))
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=timeout)
            ready_after = time.monotonic() - t0
            if shutdown_check:
                kc.shutdown()                         # shutdown_request on control
                deadline = time.monotonic() + SHUTDOWN_WITHIN
                while km.is_alive() and time.monotonic() < deadline:
                    time.sleep(0.05)
                if km.is_alive():
                    why = "ready after %.1f s, but did not exit within %.0f s of a shutdown_request " \
                          "(control channel not read)" % (ready_after, SHUTDOWN_WITHIN)
        except RuntimeError as e:
            why = str(e)
        finally:
            kc.stop_channels()
            if km.is_alive():
                km.shutdown_kernel(now=True)
            km.cleanup_resources()
    retries = RETRY_LINE.findall(Path(log_path).read_text(errors="replace"))
    return why is None, ready_after, why, retries


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=50, help="number of starts (default 50)")
    ap.add_argument("--timeout", type=float, default=30, help="seconds from launch to ready (default 30)")
    ap.add_argument("--kernel", metavar="NAME", help="a kernelspec of yours instead of ours")
    ap.add_argument("--no-shutdown-check", dest="shutdown_check", action="store_false",
                    help="do not check that the kernel obeys a shutdown_request")
    ap.add_argument("--keep-logs", metavar="DIR", help="keep each start's kernel log in DIR")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("-n must be at least 1, got %d" % args.n)
    if args.timeout <= 0:
        ap.error("--timeout must be positive, got %s" % args.timeout)

    kernel, resource_dir, _ = kernelspecs.use_kernel(args.kernel)
    print("kernel '%s' from %s" % (kernel, resource_dir), file=sys.stderr)
    log_dir = Path(args.keep_logs or tempfile.mkdtemp(prefix="kernel-starts-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    ok = failed = 0
    times, restarts = [], []
    for i in range(1, args.n + 1):
        log_path = log_dir / ("start-%03d.log" % i)
        good, after, why, retries = one_start(kernel, args.timeout, args.shutdown_check, log_path)
        restarts.extend(retries)
        if after is not None:
            times.append(after)
        if good:
            ok += 1
        else:
            failed += 1
        print("start %d/%d: %s%s%s" % (
            i, args.n, "ok" if good else "FAILED: " + why,
            " in %.1f s" % after if good else "",
            " (supervisor restarts: %d)" % len(retries) if retries else ""), file=sys.stderr, flush=True)
        if not args.keep_logs and good:
            log_path.unlink()
    if times:
        print("ready after: mean %.2f s, max %.2f s (%d starts)" % (statistics.mean(times), max(times), len(times)))
    print("supervisor restarts: %d" % len(restarts))
    for why, count in collections.Counter(restarts).most_common():
        print("  %d x %s" % (count, why))
    if failed and not args.keep_logs:
        print("logs of the failed starts: %s" % log_dir)
    elif not args.keep_logs:
        os.rmdir(log_dir)
    print("kernel starts: %d ok, %d failed" % (ok, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
