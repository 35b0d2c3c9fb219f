"""`qmol scan` saves every point as it completes: a scan interrupted by SIGINT or SIGKILL part way
keeps its finished points (and, with stdout in a file, the log of everything printed), and the same
command again resumes it: every point once, each value equal to an uninterrupted scan's, status
ok. A different job in the same directory is refused unless --force.
usage: test_scan_resume.py QMOL_EXECUTABLE"""
import csv
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import h5py

QMOL = sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol"
POINTS = 10
JOB = """[molecule]
atoms = \"\"\"
Li 0 0 0
H 0 0 1.6
\"\"\"
basis = "sto-3g"

[ansatz]
kind = "uccsd"

[exact]
enabled = true

[scan]
bond = [0, 1]
from = 1.0
to = 3.4
points = %d
""" % POINTS
KILL_AFTER = 3  # points finished before the signal


def rows(out):
    path = os.path.join(out, "scan.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def summary(out):
    with h5py.File(os.path.join(out, "scan.h5"), "r") as f:
        table = {k: list(f["summary"][k][()]) for k in f["summary"]}
        table["groups"] = sorted(f["points"])
        table["vqe_parameters"] = [list(f["points"][g]["vqe/parameters"][()])
                                   for g in sorted(f["points"])]
        return table


class ScanResume(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="qmol-scan-resume-")
        cls.job = os.path.join(cls.dir, "lih-scan.toml")
        with open(cls.job, "w") as f:
            f.write(JOB)
        cls.reference = os.path.join(cls.dir, "reference")
        p = subprocess.run([QMOL, "scan", cls.job, "--out", cls.reference, "--quiet"],
                           capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        cls.reference_rows = rows(cls.reference)
        cls.reference_summary = summary(cls.reference)

    def interrupt(self, name, sig):
        """Starts the scan with stdout in a log file, signals it after KILL_AFTER points; returns
        the output directory, the log and the points done at the signal."""
        out = os.path.join(self.dir, name)
        log = os.path.join(self.dir, name + ".log")
        with open(log, "w") as stdout, open(log + ".stderr", "w") as stderr:
            p = subprocess.Popen([QMOL, "scan", self.job, "--out", out], stdout=stdout,
                                 stderr=stderr)
        deadline = time.monotonic() + 120
        while len(rows(out)) < KILL_AFTER and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        self.assertIsNone(p.poll(), "the scan ended before it could be interrupted")
        # While the scan runs, the log already holds the report of every finished point: output
        # is written line by line, not in blocks when the process ends.
        done = len(rows(out))
        with open(log) as f:
            running_log = f.read()
        self.assertGreaterEqual(running_log.count("VQE error (mEh)"), done, running_log[-2000:])
        self.assertIn("== scan point %d of %d" % (done, POINTS), running_log)
        p.send_signal(sig)
        p.wait(timeout=60)
        self.assertEqual(p.returncode, -sig)
        finished = rows(out)
        self.assertGreaterEqual(len(finished), done)
        self.assertLess(len(finished), POINTS)
        self.assertEqual([r["status"] for r in finished], ["ok"] * len(finished))
        self.assertEqual(finished, self.reference_rows[:len(finished)])
        with h5py.File(os.path.join(out, "scan.h5"), "r") as f:  # complete and readable
            self.assertEqual(len(f["points"]), len(finished))
        with open(log) as f:
            self.assertGreaterEqual(f.read().count("VQE error (mEh)"), len(finished))
        return out, len(finished)

    def resume(self, out, done):
        p = subprocess.run([QMOL, "scan", self.job, "--out", out], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr + p.stdout[-2000:])
        self.assertIn("resuming: %d of %d points already done" % (done, POINTS), p.stdout)
        self.assertEqual(p.stdout.count("== scan point"), POINTS - done)  # only the rest ran
        resumed = rows(out)
        self.assertEqual([r["point"] for r in resumed], [str(i) for i in range(POINTS)])
        self.assertEqual({r["status"] for r in resumed}, {"ok"})
        self.assertEqual(resumed, self.reference_rows)  # to the printed 1e-10
        table = summary(out)
        for key, values in self.reference_summary.items():
            # Bit for bit (repr: shortest round-trip text; NaN, a stage that did not run, is "nan").
            self.assertEqual([repr(v) for v in table[key]], [repr(v) for v in values], key)
        self.assertEqual(glob.glob(os.path.join(out, "**", "*.tmp-*"), recursive=True), [])

    def test_sigint_then_resume(self):
        self.resume(*self.interrupt("sigint", signal.SIGINT))

    def test_sigkill_then_resume(self):
        self.resume(*self.interrupt("sigkill", signal.SIGKILL))

    def test_finished_scan_resumes_to_nothing_and_another_job_needs_force(self):
        out = os.path.join(self.dir, "again")
        shutil.copytree(self.reference, out)
        p = subprocess.run([QMOL, "scan", self.job, "--out", out], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("== scan point", p.stdout)
        self.assertEqual(rows(out), self.reference_rows)

        other = os.path.join(self.dir, "other.toml")
        with open(other, "w") as f:
            f.write(JOB.replace("points = %d" % POINTS, "points = 3"))
        before = os.path.getmtime(os.path.join(out, "scan.csv"))
        p = subprocess.run([QMOL, "scan", other, "--out", out], capture_output=True, text=True)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("another job", p.stderr)
        self.assertIn("--force", p.stderr)
        self.assertEqual(os.path.getmtime(os.path.join(out, "scan.csv")), before)
        p = subprocess.run([QMOL, "scan", other, "--out", out, "--force", "--quiet"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual([r["coordinate"] for r in rows(out)], ["1.000000", "2.200000", "3.400000"])
        self.assertEqual(sorted(os.listdir(os.path.join(out, "points"))),
                         ["000.h5", "001.h5", "002.h5"])  # the other job's points are gone


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
