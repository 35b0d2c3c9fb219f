"""MPI screening: `mpirun -np 3 qmol screen` (one coordinator, two worker ranks) gives the summary
of the process pool row for row, a broken input included; SIGKILL of one worker rank, or of the
whole job, mid-run, then the same command again: a complete summary, every HDF5 file readable, no
duplicate rows. Skipped when mpirun is missing or qmol was built without MPI.
usage: test_mpi.py QMOL_EXECUTABLE"""
import csv
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
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
MOLECULES = os.path.join(SOURCE, "molecules")
MPIRUN = shutil.which("mpirun")
# CI runs as root, on a machine with fewer cores than ranks.
MPI = [MPIRUN, "--allow-run-as-root", "--oversubscribe", "-np", "3"] if MPIRUN else []
# Molecules of 1 to 5 heavy atoms: a second or less each, so that a run lasts several seconds.
SMALL_MOLECULES = ["CCCC butane", "OCCO glycol", "CC(=O)O acid", "CC(C)C isobutane",
                   "NCC(=O)O glycine", "C=CC=C butadiene", "CCC propane", "CCO ethanol",
                   "CC=O acetaldehyde", "C1CC1 cyclopropane", "CCN ethylamine", "CNC dimethylamine",
                   "CC#N acetonitrile", "OC=O formic", "CC ethane", "C methane"]
SETTINGS = """[molecule]
basis = "sto-3g"
[active_space]
electrons = 2
orbitals = 2
[ansatz]
kind = "uccsd"
[exact]
enabled = true
"""


def built_with_mpi():
    if not MPIRUN:
        return False
    d = tempfile.mkdtemp(prefix="qmol-mpi-probe-")
    with open(os.path.join(d, "s.toml"), "w") as f:
        f.write(SETTINGS)
    with open(os.path.join(d, "h2.xyz"), "w") as f:
        f.write("2\n\nH 0 0 0\nH 0 0 0.74\n")
    p = subprocess.run(MPI + [QMOL, "screen", os.path.join(d, "h2.xyz"), "--settings",
                              os.path.join(d, "s.toml"), "--out", os.path.join(d, "out")],
                       capture_output=True, text=True)
    return "coordinating 2 MPI worker ranks" in p.stderr


def processes(field, value):
    """The running processes whose /proc stat `field` (1: parent, 2: process group) is value
    (zombies left out: they have ended, a signal does nothing); /proc is read directly, fast
    enough to catch a molecule of a tenth of a second."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[field]) == value:
            found.append(int(entry))
    return found


def children(pid):
    return processes(1, pid)


def kill_first(find, seconds=60):
    """SIGKILL of the first process find() names, retried while it ends before the signal."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for victim in find():
            try:
                os.kill(victim, signal.SIGKILL)
                return True
            except ProcessLookupError:  # it finished meanwhile
                pass
        time.sleep(0.005)
    return False


def kill_a_child_of_a_rank(mpirun_pid):
    """A molecule's process: a child of a rank of mpirun."""
    return kill_first(lambda: [c for rank in children(mpirun_pid) for c in children(rank)])


def kill_busy_rank(mpirun_pid):
    """A worker rank while it computes: a rank with a child."""
    return kill_first(lambda: [rank for rank in children(mpirun_pid) if children(rank)])


@unittest.skipUnless(built_with_mpi(), "mpirun missing or qmol built without MPI")
class MpiScreen(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-mpi-")
        self.settings = self.write("settings.toml", SETTINGS)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def screen(self, inputs, out, mpi, code=None):
        p = subprocess.run((MPI if mpi else []) + [QMOL, "screen", *inputs, "--settings",
                                                   self.settings, "--out", out, "--jobs", "2"],
                           capture_output=True, text=True)
        if code is not None:
            self.assertEqual(p.returncode, code, p.stdout + p.stderr)
        return p

    def rows(self, out):
        with open(os.path.join(out, "summary.csv"), newline="") as f:
            return list(csv.DictReader(f))

    def test_same_summary_as_the_pool(self):
        smiles = self.write("set.smi", "C methane\nCC ethane\nC(C)(C)(C)(C)C broken\nO water\n"
                            "N ammonia\nCO methanol\n")
        inputs = [smiles, os.path.join(MOLECULES, "lih.xyz")]
        pool, mpi = os.path.join(self.dir, "pool"), os.path.join(self.dir, "mpi")
        self.screen(inputs, pool, mpi=False, code=1)
        p = self.screen(inputs, mpi, mpi=True, code=1)
        self.assertIn("coordinating 2 MPI worker ranks", p.stderr)
        a, b = self.rows(pool), self.rows(mpi)
        self.assertEqual(len(a), 7)
        for x, y in zip(a, b):
            self.assertRegex(x.pop("worker"), r"^pool:[01]$")
            self.assertRegex(y.pop("worker"), r"^mpi:[12]@")
            x.pop("seconds")
            y.pop("seconds")
            self.assertEqual(x, y)
        self.assertEqual([r["status"] for r in a].count("failed"), 1)
        self.assertEqual(p.stderr.count("error"), 0, p.stderr)  # one failed molecule, no error

    def kill_and_resume(self, kill_whole_job):
        smiles = self.write("small.smi", "\n".join(SMALL_MOLECULES) + "\n")
        out = os.path.join(self.dir, "out")
        job = subprocess.Popen(MPI + [QMOL, "screen", smiles, "--settings", self.settings,
                                      "--out", out], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
        records = os.path.join(out, "records")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (os.path.isdir(records) and os.listdir(records)):
            time.sleep(0.1)
        self.assertTrue(os.listdir(records), "no molecule finished")
        if kill_whole_job:
            os.killpg(job.pid, signal.SIGKILL)
        else:
            self.assertTrue(kill_busy_rank(job.pid), "no busy worker rank seen")
        job.wait(timeout=120)
        done_before = len(os.listdir(records))
        p = subprocess.run(MPI + [QMOL, "screen", smiles, "--settings", self.settings, "--out",
                                  out], capture_output=True, text=True, timeout=600)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("resuming: ", p.stderr)
        rows = self.rows(out)
        n = len(SMALL_MOLECULES)
        self.assertEqual(len(rows), n)
        self.assertEqual(len({r["input"] for r in rows}), n)  # no duplicates
        self.assertTrue(all(r["status"] == "ok" for r in rows), rows)
        self.assertGreater(done_before, 0)
        self.assertLess(done_before, n)  # killed mid-run
        for r in rows:
            with h5py.File(os.path.join(out, r["input"] + ".h5")) as f:
                self.assertAlmostEqual(f["scf/energy"][()], float(r["hf_energy"]), delta=1e-9)
        with h5py.File(os.path.join(out, "summary.h5")) as f:
            self.assertEqual(len(f["summary/input"]), n)
        self.assertEqual(processes(2, job.pid), [])  # nothing of the killed job left running

    def test_a_molecule_that_dies_is_retried_or_failed(self):
        # SIGKILL of the process computing one molecule (a child of a worker rank): the rank
        # lives on; with --retries 1 the molecule runs again, without it is failed, and the
        # other molecules finish either way.
        smiles = self.write("small.smi", "\n".join(SMALL_MOLECULES) + "\n")
        for retries, code in ((1, 0), (0, 1)):
            out = os.path.join(self.dir, "out-%d" % retries)
            job = subprocess.Popen(MPI + [QMOL, "screen", smiles, "--settings", self.settings,
                                          "--out", out, "--retries", str(retries)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
            self.assertTrue(kill_a_child_of_a_rank(job.pid), "no molecule process seen")
            _, err = job.communicate(timeout=120)
            self.assertEqual(job.returncode, code, err)
            rows = self.rows(out)
            self.assertEqual(len(rows), len(SMALL_MOLECULES))
            failed = [r for r in rows if r["status"] != "ok"]
            if retries:
                self.assertEqual(failed, [])
            else:
                self.assertEqual(len(failed), 1, failed)
                self.assertIn("worker died", failed[0]["message"])
                self.assertRegex(failed[0]["worker"], r"^mpi:[12]@")

    def test_kill_one_worker_rank_then_resume(self):
        self.kill_and_resume(kill_whole_job=False)

    def test_kill_the_whole_job_then_resume(self):
        self.kill_and_resume(kill_whole_job=True)


if __name__ == "__main__":
    unittest.main()
