"""Tests of kernel-supervisor.py against a small fake kernel that can be told to come up deaf.

The fake kernel binds the five ports of its connection file like any kernel; for its first EXITS starts
(counted in a file) it then exits with status 5, for its first DEAF starts it reads nothing, like
rapaio-jupyter-kernel with a dead shell loop (or all loops dead, then it exits). From its start LOOP_FROM
on it has a thread named Loop (as rapaio's loop threads are named); in its first DROPS starts it ignores the
first kernel_info, as rapaio does with one that comes before its handlers are in place. It records its
scheduling policy at start in the file policy. Otherwise
it answers kernel_info, echoes heartbeats, exits with status 7 on shutdown_request and with status 3 on
SIGTERM. A frontend here is jupyter_client's BlockingKernelClient on the connection file Jupyter would
give the supervisor. Run by environment/test:

    /usr/bin/python3 -m unittest discover -s environment -p 'test_*.py'
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file

SUPERVISOR = Path(__file__).resolve().parent / "kernel-supervisor.py"

FAKE_KERNEL = r'''
import json, os, signal, sys, time
import zmq
from jupyter_client.session import Session

import ctypes, threading
connection_file, state_dir = sys.argv[1], sys.argv[2]
deaf, exits, loop_from, drops = (int(a) for a in sys.argv[3:7])
starts_file = os.path.join(state_dir, "starts")
start = (int(open(starts_file).read()) if os.path.exists(starts_file) else 0) + 1
open(starts_file, "w").write(str(start))
open(os.path.join(state_dir, "pid"), "w").write(str(os.getpid()))
open(os.path.join(state_dir, "policy"), "w").write(str(os.sched_getscheduler(0)))
if start >= loop_from:
    def loop():
        ctypes.CDLL(None).prctl(15, b"Loop")          # PR_SET_NAME: this thread's comm
        while True:
            time.sleep(1)
    threading.Thread(target=loop, daemon=True).start()
signal.signal(signal.SIGTERM, lambda *_: os._exit(3))

info = json.load(open(connection_file))
session = Session(key=info["key"].encode(), signature_scheme=info["signature_scheme"])
ctx = zmq.Context()
socks = {}
for name, kind in (("shell", zmq.ROUTER), ("control", zmq.ROUTER), ("stdin", zmq.ROUTER),
                   ("hb", zmq.REP), ("iopub", zmq.PUB)):
    socks[name] = ctx.socket(kind)
    socks[name].bind("tcp://%s:%d" % (info["ip"], info[name + "_port"]))
if start <= exits:
    os._exit(5)
if start <= deaf:
    while True:
        time.sleep(1)
dropped = 0
poller = zmq.Poller()
for name in ("shell", "control", "hb"):
    poller.register(socks[name], zmq.POLLIN)
while True:
    for sock, _ in poller.poll():
        if sock is socks["hb"]:
            sock.send(sock.recv())
            continue
        idents, msg = session.recv(sock, mode=0)
        kind = msg["header"]["msg_type"]
        if kind == "kernel_info_request" and start <= drops and not dropped:
            dropped = 1
            continue
        session.send(socks["iopub"], "status", {"execution_state": "busy"}, parent=msg)
        if kind == "kernel_info_request":
            session.send(sock, "kernel_info_reply", {"status": "ok", "protocol_version": "5.3",
                         "implementation": "fake", "language_info": {"name": "fake"}}, parent=msg, ident=idents)
        session.send(socks["iopub"], "status", {"execution_state": "idle"}, parent=msg)
        if kind == "shutdown_request":
            session.send(sock, "shutdown_reply", {"status": "ok", "restart": False}, parent=msg, ident=idents)
            time.sleep(0.2)
            os._exit(7)
'''


class SupervisedFakeKernel(unittest.TestCase):

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="supervisor-test-"))
        self.fake = self.dir / "fake_kernel.py"
        self.fake.write_text(FAKE_KERNEL)
        self.connection_file, _ = write_connection_file(str(self.dir / "kernel.json"), ip="127.0.0.1",
                                                        key=b"test-key")
        self.proc = None
        self.client = None

    def tearDown(self):
        if self.client is not None:
            self.client.stop_channels()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        pid = self.kernel_pid()
        if pid and alive(pid):
            os.kill(pid, signal.SIGKILL)

    def supervise(self, deaf, *options, exits=0, loop_from=1, drops=0, answer_within=1):
        self.proc = subprocess.Popen(
            [sys.executable, str(SUPERVISOR), "--answer-within", str(answer_within), *options,
             self.connection_file, "--", sys.executable, str(self.fake), self.connection_file, str(self.dir),
             str(deaf), str(exits), str(loop_from), str(drops)],
            stderr=subprocess.PIPE, text=True, start_new_session=True)   # as jupyter_client starts kernels

    def starts(self):
        path = self.dir / "starts"
        return int(path.read_text()) if path.exists() else 0

    def kernel_pid(self):
        path = self.dir / "pid"
        return int(path.read_text()) if path.exists() else None

    def frontend(self):
        """A client on the connection file Jupyter gave the supervisor; ready once kernel_info is answered."""
        self.client = BlockingKernelClient(connection_file=self.connection_file)
        self.client.load_connection_file()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=30)
        return self.client

    def answered_after_starts(self, n):
        """The frontend is served after n kernel starts; it shuts the kernel down (status 7). Returns stderr."""
        kc = self.frontend()
        self.assertEqual(n, self.starts())
        kc.shutdown()
        rc, err = self.finish()
        self.assertEqual(7, rc, err)
        return err

    def finish(self, timeout=20):
        rc = self.proc.wait(timeout=timeout)
        return rc, self.proc.stderr.read()

    def test_deaf_starts_are_replaced_and_the_frontend_only_meets_the_one_that_answers(self):
        self.supervise(2)
        kc = self.frontend()
        self.assertEqual(3, self.starts())
        reply = kc.kernel_info(reply=True, timeout=10)
        self.assertEqual("fake", reply["content"]["implementation"])
        kc.shutdown()
        rc, err = self.finish()
        self.assertEqual(7, rc, err)                       # the kernel's own exit status
        self.assertEqual(2, err.count("no kernel_info reply on shell within"), err)
        self.assertIn("answered", err)
        self.assertEqual([], list(self.dir.glob("supervised-*.json")), "private connection file left behind")

    def test_a_kernel_that_exits_before_answering_is_started_again(self):
        self.supervise(0, exits=1)
        err = self.answered_after_starts(2)
        self.assertIn("start 1 of 10: it exited with status 5 before it answered", err)

    def test_sigterm_reaches_the_kernel_once_and_its_status_is_ours(self):
        self.supervise(0)
        self.frontend()
        os.killpg(self.proc.pid, signal.SIGTERM)           # what jupyter_client sends to the group
        rc, err = self.finish()
        self.assertEqual(3, rc, err)
        self.assertFalse(alive(self.kernel_pid()))

    def test_sigkill_of_the_supervisor_takes_the_kernel_with_it(self):
        self.supervise(0)
        self.frontend()
        pid = self.kernel_pid()
        self.proc.kill()
        self.proc.wait()
        deadline = time.monotonic() + 5
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertFalse(alive(pid), "the kernel outlived its supervisor")

    def test_gives_up_after_the_allowed_starts_and_kills_the_last(self):
        self.supervise(99, "--attempts", "2")
        rc, err = self.finish(timeout=30)
        self.assertEqual(1, rc, err)
        self.assertEqual(2, self.starts())
        self.assertIn("giving up", err)
        self.assertFalse(alive(self.kernel_pid()))

    def test_a_missing_thread_counts_as_deaf(self):
        self.supervise(0, "--attempts", "2", "--require-thread", "no-such-thread=1")
        rc, err = self.finish(timeout=30)
        self.assertEqual(1, rc, err)
        self.assertEqual(2, self.starts())
        self.assertIn("only 0 of 1 threads named no-such-thread alive", err)

    def test_a_loop_thread_that_never_shows_is_deaf_without_waiting_for_the_answer_window(self):
        # Start 1 never has its Loop thread and is deaf: found by the thread, not by the 2 s window; start 2
        # has it and is deaf: timed out in 2 s, the window not doubled by start 1; start 3 answers.
        self.supervise(2, "--require-thread", "Loop=1", loop_from=2, answer_within=2)
        err = self.answered_after_starts(3)
        self.assertIn("start 1 of 10: only 0 of 1 threads named Loop alive; killed it", err)
        self.assertIn("start 2 of 10: no kernel_info reply on shell within 2 s; killed it", err)
        self.assertIn("(start 3 of 10); relaying", err)

    def test_a_dropped_kernel_info_is_asked_again_instead_of_restarting_the_kernel(self):
        self.supervise(0, drops=1, answer_within=5)
        err = self.answered_after_starts(1)
        self.assertNotIn("killed it", err)

    def test_start_batch_starts_the_kernel_as_sched_batch_and_hands_it_over_as_sched_other(self):
        self.supervise(0, "--start-batch")
        self.frontend()
        self.assertEqual(os.SCHED_BATCH, int((self.dir / "policy").read_text()))
        pid = self.kernel_pid()
        for tid in os.listdir("/proc/%d/task" % pid):
            self.assertEqual(os.SCHED_OTHER, os.sched_getscheduler(int(tid)), "thread %s" % tid)

    def test_without_start_batch_the_policy_is_left_alone(self):
        self.supervise(0)
        self.frontend()
        self.assertEqual(os.sched_getscheduler(0), int((self.dir / "policy").read_text()))

    def test_bad_option_is_named(self):
        r = subprocess.run([sys.executable, str(SUPERVISOR), "--attempts", "0", self.connection_file, "--", "x",
                            self.connection_file], capture_output=True, text=True)
        self.assertEqual(2, r.returncode)
        self.assertIn("--attempts must be at least 1, got 0", r.stderr)


def alive(pid):
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:                                   # a zombie (dead, not yet reaped) is not alive
        return json.dumps(Path("/proc/%d/stat" % pid).read_text().split()[2]) != '"Z"'
    except OSError:
        return False


if __name__ == "__main__":
    unittest.main()
