"""Start a Jupyter kernel, let the frontend talk to it only once it answers; start another when it does not.

The `java` kernelspec written by environment/setup runs the rapaio kernel through this file:

    kernel-supervisor.py [options] CONNECTION_FILE -- KERNEL_ARGV...

(KERNEL_ARGV names CONNECTION_FILE where the kernel takes its connection file.)

Why: rapaio-jupyter-kernel 3.0.1 sometimes comes up deaf. Its LoopThread.start() calls super.start()
before it sets running = true, so a channel's loop can see running == false and end at once (the shell,
control or heartbeat socket is then never read again), and Channels.connect binds the sockets before it
fills its handler map, so a request landing in between is dropped or kills the shell thread. No message
says so; only a fresh JVM helps. A frontend cannot tell this from a slow start and waits (Notebook 6.4:
60 s before it asks again).

Why a relay and not just a check beside the kernel: the frontend's kernel_info reaches a fresh kernel the
moment its shell port listens, so it often gets its answer before any check could run, and then starts
work on a kernel whose control loop may be dead (seen here: ready, but deaf to shutdown_request); killing
that kernel afterwards would lose the frontend's first cell. So the frontend never meets an unchecked
kernel:
  1. we bind the connection file's five ports ourselves (waiting up to --ports-free-within for a
     predecessor to release them); whatever the frontend sends meanwhile waits in our sockets;
  2. we launch KERNEL_ARGV with a private connection file (same key, fresh ports), in its own process
     group and marked to die with us (PR_SET_PDEATHSIG);
  3. once its five ports listen, we check that it answers kernel_info on shell within --answer-within
     seconds and that its channel threads (--require-thread) are alive. We ask again every RESEND_SECONDS
     (rapaio drops, as "Unhandled message", a request that comes before its handler map is full, which
     on a loaded machine takes longer than SETTLE_SECONDS), and a required thread still missing
     THREAD_GRACE_SECONDS after the ports listen is a dead loop: no need to wait for a reply that
     cannot come. Our request comes from our own
     session, on sockets the frontend never sees, so neither side gets the other's replies, and the
     busy/idle it causes on iopub reaches nobody;
  4. on failure (including an exit) we log why to stderr (the kernel log), kill it and go back to 2,
     at most --attempts times (the answer window doubles only after a start that timed out, in case the
     machine is just slow), then exit with its status (or 1); on success we relay shell, control,
     stdin and iopub both ways (libzmq's proxy, in C; identities pass through, so replies find their
     frontend) until the kernel exits.
We answer the heartbeat ourselves, from the start to the end: it says the kernel process lives, which we
know (we exit with it), and rapaio's own heartbeat loop is one more that can end at start-up, a loss
no frontend would notice otherwise (a start needs no restart for it).

With --start-batch the kernel starts under SCHED_BATCH (no wakeup preemption), and goes back to SCHED_OTHER
once checked: rapaio's dead loops come from a freshly started thread reading its flag before its starter
set it, which a wakeup preemption makes likely on a busy machine. Measured here (2 cores): rapaio launched
alone under load 7-18, 10 of 20 starts with a dead loop as SCHED_OTHER, 0 of 35 as SCHED_BATCH; in the
browser test, 10 failed starts of 30 before (clean-clone CI), 1 of 66 in three runs with --start-batch.

We forward SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 to the kernel (it is in its own group, so
a signal Jupyter sends to our group reaches it exactly once, through us) and exit with the kernel's status,
re-raising the signal that killed it. SIGKILL cannot be forwarded: the kernel then dies by PR_SET_PDEATHSIG.
"""

import argparse
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from queue import Empty

import zmq

PR_SET_PDEATHSIG = 1
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2)
# channel -> (our socket facing the frontend, our socket facing the kernel)
RELAYS = {
    "shell": (zmq.ROUTER, zmq.DEALER),
    "control": (zmq.ROUTER, zmq.DEALER),
    "stdin": (zmq.ROUTER, zmq.DEALER),
    "iopub": (zmq.PUB, zmq.SUB),
}
# Once the last port listens a kernel fills its handler map within milliseconds; asking earlier is the
# early request that rapaio drops.
SETTLE_SECONDS = 0.3
# How often we repeat kernel_info until the kernel answers one (an early one may have been dropped).
RESEND_SECONDS = 0.5
# After its ports listen (each loop thread is started right after its socket binds), how long a kernel may
# take to show every required loop thread (a busy machine is slow; seen here: within 0.3 s at load 18).
THREAD_GRACE_SECONDS = 1.0
NO_REPLY = "no kernel_info reply on shell"


def log(msg):
    print("[kernel-supervisor] %s" % msg, file=sys.stderr, flush=True)


def listening_ports():
    """TCP ports in LISTEN state on this machine (Linux /proc/net/tcp*), or None where unreadable."""
    ports = set()
    found = False
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    parts = line.split()
                    if parts[3] == "0A":
                        ports.add(int(parts[1].rsplit(":", 1)[1], 16))
            found = True
        except (OSError, ValueError, IndexError, StopIteration):
            continue
    return ports if found else None


def thread_names(pid):
    """Names of the threads of process pid (the JVM names its native threads after Java's), or None."""
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return None
    names = []
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                names.append(f.read().strip())
        except OSError:
            pass                  # the thread ended while we looked
    return names


def url(info, channel):
    return "%s://%s:%d" % (info["transport"], info["ip"], info[channel + "_port"])


class Supervisor:
    def __init__(self, args):
        self.args = args
        with open(args.connection_file) as f:
            self.public = json.load(f)
        if self.public.get("transport", "tcp") != "tcp":
            raise SystemExit("kernel-supervisor: only tcp transport is supported, the connection file "
                             "says %r" % self.public.get("transport"))
        self.ctx = zmq.Context()
        self.front = {}               # channel -> bound socket the frontend talks to
        self.proc = None
        self.private_file = None
        self.stopping = None          # the signal that asked us to stop, if any

    # ---------------------------------------------------------------------------------- signals

    def on_signal(self, signum, _frame):
        if signum != signal.SIGINT:   # SIGINT interrupts a cell; the others end the kernel
            self.stopping = signum
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.kill(self.proc.pid, signum)
            except ProcessLookupError:
                pass

    # ---------------------------------------------------------------------------------- our ports

    def bind_front(self):
        deadline = time.monotonic() + self.args.ports_free_within
        for channel, kind in [(c, k[0]) for c, k in RELAYS.items()] + [("hb", zmq.ROUTER)]:
            sock = self.ctx.socket(kind)
            sock.linger = 1000        # a last reply (shutdown_reply) still leaves when we exit
            while True:
                try:
                    sock.bind(url(self.public, channel))
                    break
                except zmq.ZMQError as e:
                    if e.errno != zmq.EADDRINUSE or time.monotonic() > deadline:
                        raise SystemExit("kernel-supervisor: cannot listen on %s (%s)"
                                         % (url(self.public, channel), e))
                    time.sleep(0.1)   # a predecessor killed a moment ago may still hold it
            self.front[channel] = sock

    def echo_heartbeat(self):
        """Answer the frontend's heartbeat pings (REQ -> our ROUTER: identity, empty frame, ping)."""
        hb = self.front["hb"]

        def echo():
            try:
                while True:
                    hb.send_multipart(hb.recv_multipart())
            except zmq.ZMQError:
                pass                  # the context is going away: we are exiting

        threading.Thread(target=echo, name="hb-echo", daemon=True).start()

    def relay(self, private):
        """Connect to the checked kernel and pass every channel through, both ways, until we exit."""
        back = {}
        identity = os.urandom(8)     # one identity on shell, control and stdin: rapaio answers control
        for channel, (_, kind) in RELAYS.items():  # on shell and asks for input on stdin with the
            sock = self.ctx.socket(kind)           # identities of the shell request
            if kind == zmq.SUB:
                sock.setsockopt(zmq.SUBSCRIBE, b"")
            else:
                sock.setsockopt(zmq.IDENTITY, identity)
            sock.connect(url(private, channel))
            back[channel] = sock
        time.sleep(0.1)               # let iopub subscribe before the first queued request goes through
        for channel in RELAYS:
            threading.Thread(target=self._proxy, args=(self.front[channel], back[channel]),
                             name="relay-" + channel, daemon=True).start()

    @staticmethod
    def _proxy(front, back):
        try:
            zmq.proxy(front, back)
        except zmq.ZMQError:
            pass                      # the context is going away: we are exiting

    # ---------------------------------------------------------------------------------- one start

    def write_private_file(self):
        """The kernel's own connection file: ours with five fresh free ports (mode 0600, like Jupyter's)."""
        private = dict(self.public)
        held = []
        for channel in list(RELAYS) + ["hb"]:   # hold all five until all are picked, so they differ
            s = socket.socket()
            s.bind((self.public["ip"], 0))
            held.append(s)
            private[channel + "_port"] = s.getsockname()[1]
        for s in held:
            s.close()
        fd, path = tempfile.mkstemp(prefix="supervised-", suffix=".json",
                                    dir=os.path.dirname(os.path.abspath(self.args.connection_file)))
        with os.fdopen(fd, "w") as f:
            json.dump(private, f, indent=2)
        self.remove_private_file()
        self.private_file = path
        return private

    def launch(self):
        private = self.write_private_file()
        path = self.private_file
        argv = [path if a == self.args.connection_file else a for a in self.args.kernel]
        parent = os.getpid()
        libc = ctypes.CDLL(None, use_errno=True)

        batch = self.args.start_batch

        def in_child():
            os.setpgid(0, 0)                                  # signals reach it only through us
            if batch:                                         # its threads inherit it (see the docstring)
                os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)      # and it dies when we do, however we die
            if os.getppid() != parent:                        # we died before prctl took effect
                os._exit(1)

        self.proc = subprocess.Popen(argv, preexec_fn=in_child)
        import jupyter_client  # noqa: F401 - for the check; takes a while, so while the JVM starts
        return private

    def remove_private_file(self):
        if self.private_file:
            try:
                os.unlink(self.private_file)
            except OSError:
                pass
            self.private_file = None

    def wait_listening(self, private, timeout):
        """True once every port listens; False on timeout or when the kernel exits first."""
        wanted = {private[c + "_port"] for c in RELAYS.keys() | {"hb"}}
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.stopping is None:
            if self.proc.poll() is not None:
                return False
            ports = listening_ports()
            if ports is None:          # cannot see sockets here: just give it time
                time.sleep(3)
                return True
            if wanted <= ports:
                return True
            time.sleep(0.05)
        return False

    def threads_missing(self):
        names = thread_names(self.proc.pid) if self.args.require_thread else None
        if names is None:
            return None                # nothing required, or no /proc: the messages decide
        missing = ["%d of %d threads named %s" % (names.count(n), c, n)
                   for n, c in self.args.require_thread if names.count(n) < c]
        return ("only " + ", ".join(missing) + " alive") if missing else None

    def end_batch(self):
        """Put every thread of the checked kernel (and of its child processes) back on SCHED_OTHER."""
        for _ in range(2):                 # a thread started during the first pass may have inherited batch
            pids = [self.proc.pid]
            while pids:
                pid = pids.pop()
                for tid in os.listdir("/proc/%d/task" % pid) if os.path.isdir("/proc/%d" % pid) else []:
                    try:
                        os.sched_setscheduler(int(tid), os.SCHED_OTHER, os.sched_param(0))
                        with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                            pids.extend(int(c) for c in f.read().split())
                    except OSError:
                        pass               # the thread ended while we looked

    def answers(self, timeout):
        """None when the kernel answers kernel_info on shell within timeout seconds and its required
        threads live; else why not (at once when a required thread is gone, and THREAD_GRACE_SECONDS
        after the ports listen when one never showed)."""
        from jupyter_client import BlockingKernelClient

        kc = BlockingKernelClient(connection_file=self.private_file)
        kc.load_connection_file()
        kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        start = time.monotonic()
        deadline = start + timeout
        seen = {}
        asked = set()
        next_ask = start
        try:
            while True:
                now = time.monotonic()
                left = deadline - now
                if left <= 0 or self.proc.poll() is not None or self.stopping is not None:
                    return NO_REPLY + " within %.0f s" % timeout
                if now >= next_ask:
                    asked.add(kc.kernel_info())
                    next_ask = now + RESEND_SECONDS
                # A loop thread seen alive and then gone is dead, and so is one never seen after the grace.
                dead = self.threads_gone(seen)
                if dead is None and now - start >= THREAD_GRACE_SECONDS:
                    dead = self.threads_missing()
                if dead:
                    return dead
                try:
                    reply = kc.get_shell_msg(timeout=max(0.01, min(left, next_ask - now, 0.2)))
                except Empty:
                    continue
                if reply.get("parent_header", {}).get("msg_id") in asked:
                    break
        finally:
            kc.stop_channels()
        # The reply means the kernel got past starting its channels; a loop still missing a moment later is dead.
        grace = time.monotonic() + THREAD_GRACE_SECONDS
        while True:
            missing = self.threads_missing()
            if missing is None or time.monotonic() >= grace:
                return missing
            time.sleep(0.05)

    def threads_gone(self, seen):
        """Why the kernel is deaf when a required thread counted before has ended since, else None."""
        names = thread_names(self.proc.pid) if self.args.require_thread else None
        if names is None:
            return None
        for n, _ in self.args.require_thread:
            now = names.count(n)
            if now < seen.get(n, 0):
                return "a thread named %s ended while starting (%d of %d left)" % (n, now, seen[n])
            seen[n] = max(now, seen.get(n, 0))
        return None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()

    # ---------------------------------------------------------------------------------- main

    def run(self):
        a = self.args
        for sig in FORWARDED:
            signal.signal(sig, self.on_signal)
        self.bind_front()
        self.echo_heartbeat()
        answer_within = a.answer_within
        for attempt in range(1, a.attempts + 1):
            t0 = time.monotonic()
            private = self.launch()
            if self.stopping is not None:      # asked to stop while we were launching
                os.kill(self.proc.pid, self.stopping)
                return self.finish()
            if self.wait_listening(private, a.listen_within):
                time.sleep(SETTLE_SECONDS)
                why = self.answers(answer_within)
            else:
                why = "its ports did not all listen within %.0f s" % a.listen_within
            if self.stopping is not None:
                return self.finish()
            rc = self.proc.poll()
            if rc is not None:                 # rapaio does so when all its loops ended at once
                why = "it exited with status %d before it answered" % rc
            if why is None:
                if a.start_batch:
                    self.end_batch()
                log("kernel pid %d answered %.1f s after launch (start %d of %d); relaying"
                    % (self.proc.pid, time.monotonic() - t0, attempt, a.attempts))
                self.relay(private)
                return self.finish()
            self.kill()
            if attempt == a.attempts:
                log("start %d of %d: %s; giving up" % (attempt, a.attempts, why))
                self.remove_private_file()
                return rc if rc and rc > 0 else 1
            log("start %d of %d: %s; killed it, starting a new kernel" % (attempt, a.attempts, why))
            if why.startswith(NO_REPLY):       # only a silent kernel hints at a slow machine; a dead loop does not
                answer_within = min(2 * answer_within, 60)
        return 1

    def finish(self):
        """Wait for the kernel (signals keep being forwarded) and return its exit status."""
        rc = self.proc.wait()
        self.remove_private_file()
        time.sleep(0.1)                # let the relay pass on what the kernel sent last
        if rc < 0:                     # killed by a signal: die the same way, so callers see it
            for sig in FORWARDED:
                signal.signal(sig, signal.SIG_DFL)
            os.kill(os.getpid(), -rc)
            return 128 - rc
        return rc


def thread_requirement(text):
    name, sep, count = text.rpartition("=")
    if not sep or not name or not count.isdigit() or int(count) < 1:
        raise argparse.ArgumentTypeError("expected NAME=COUNT with COUNT >= 1 (e.g. Shell-0=2), got %r" % text)
    return name, int(count)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("connection_file")
    ap.add_argument("kernel", nargs=argparse.REMAINDER, help="-- then the kernel's own argv")
    ap.add_argument("--attempts", type=int, default=10, help="starts before giving up (default 10)")
    ap.add_argument("--listen-within", type=float, default=120,
                    help="seconds from launch until the kernel's ports listen (default 120: a loaded machine)")
    ap.add_argument("--answer-within", type=float, default=5,
                    help="seconds for the kernel_info reply once its ports listen (default 5, doubled after "
                    "a start that timed out)")
    ap.add_argument("--ports-free-within", type=float, default=10,
                    help="seconds to wait for a predecessor to release the connection file's ports (default 10)")
    ap.add_argument("--require-thread", type=thread_requirement, action="append", default=[],
                    metavar="NAME=COUNT", help="threads the kernel process must have once it answered "
                    "(rapaio: Shell-0=2, its shell and control loops)")
    ap.add_argument("--start-batch", action="store_true",
                    help="start the kernel under SCHED_BATCH, back to SCHED_OTHER once it answered (rapaio: "
                    "makes its dead-loop race rare)")
    args = ap.parse_args(argv)
    if args.kernel and args.kernel[0] == "--":
        args.kernel = args.kernel[1:]
    if not args.kernel:
        ap.error("no kernel command after --")
    if args.connection_file not in args.kernel:
        ap.error("the kernel command does not name the connection file %s" % args.connection_file)
    if args.attempts < 1:
        ap.error("--attempts must be at least 1, got %d" % args.attempts)
    for name in ("listen_within", "answer_within", "ports_free_within"):
        if getattr(args, name) <= 0:
            ap.error("--%s must be positive, got %s" % (name.replace("_", "-"), getattr(args, name)))
    try:
        rc = Supervisor(args).run()
    except SystemExit as e:            # a clear error of ours (e.g. a port we cannot bind)
        if e.code not in (None, 0):
            print(e.code, file=sys.stderr)
        rc = 1 if e.code not in (None, 0) else 0
    sys.stderr.flush()
    os._exit(rc)                       # not sys.exit: relay threads still hold sockets of our context


if __name__ == "__main__":
    main()
