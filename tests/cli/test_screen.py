"""`qmol screen`: broken inputs fail alone with their reason, the summary is complete, the exit
code says whether all succeeded; a screening killed part way (SIGKILL) resumes to a complete
summary with every HDF5 file readable.
usage: test_screen.py QMOL_EXECUTABLE"""
import csv
import glob
import os
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
COLUMNS = ["input", "molecule", "formula", "smiles", "n_electrons", "n_qubits", "hf_energy", "vqe_energy",
           "exact_energy", "casscf_energy", "vqe_dipole_debye", "error_mEh", "status", "message",
           "seconds", "worker"]
SETTINGS = """[molecule]
basis = "sto-3g"

[ansatz]
kind = "uccsd"

[exact]
enabled = true
"""


def h2(distance):
    return "2\nH2\nH 0 0 0\nH 0 0 %.4f\n" % distance


def running(pid):
    """Whether process pid exists and is not a zombie."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


class Screen(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-screen-")
        self.settings = self.write("settings.toml", SETTINGS)

    def write(self, name, content):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(content)
        return path

    def summary(self, out):
        with open(os.path.join(out, "summary.csv"), newline="") as f:
            reader = csv.DictReader(f)
            self.assertEqual(reader.fieldnames, COLUMNS)
            return list(reader)

    def test_broken_inputs(self):
        self.write("lib/h2.xyz", h2(0.735))
        self.write("lib/h2-long.xyz", h2(1.2))
        self.write("lib/bad-element.xyz", "2\nbroken\nH 0 0 0\nQq 0 0 0.7\n")
        self.write("lib/bad-count.xyz", "5\ntoo few atoms\nH 0 0 0\n")
        self.write("lib/notes.txt", "ignored: not a molecule file")
        listing = self.write("list.csv", "file,charge,multiplicity\n"
                             "lib/h2.xyz,1,2\n"  # H2+: a doublet
                             "lib/nowhere.xyz,,\n"
                             "%s,,\n" % os.path.join(MOLECULES, "caffeine.xyz"))
        out = os.path.join(self.dir, "out")
        p = subprocess.run([QMOL, "screen", os.path.join(self.dir, "lib"), listing,
                            "--settings", self.settings, "--out", out, "--jobs", "2",
                            "--memory", "20M"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 1, p.stderr)
        rows = {r["input"]: r for r in self.summary(out)}
        self.assertEqual(len(rows), 7, list(rows))
        for name in ("h2", "h2-long", "h2-2"):
            self.assertEqual(rows[name]["status"], "ok", rows[name])
            self.assertTrue(os.path.exists(os.path.join(out, name + ".h5")))
        self.assertEqual(rows["h2"]["formula"], "H2")
        self.assertEqual(rows["h2"]["n_qubits"], "4")
        self.assertLess(abs(float(rows["h2"]["error_mEh"])), 1e-3)
        self.assertEqual(rows["h2-2"]["n_electrons"], "1")  # the CSV charge was applied
        self.assertIn("Qq", rows["bad-element"]["message"])
        self.assertEqual(rows["nowhere"]["status"], "failed")
        self.assertIn("no such file", rows["nowhere"]["message"])
        self.assertEqual(rows["bad-count"]["status"], "failed")
        self.assertEqual(rows["caffeine"]["status"], "failed")  # over the memory limit
        self.assertIn("memory", rows["caffeine"]["message"].lower())
        for r in rows.values():
            if r["status"] == "failed":
                self.assertTrue(r["message"], r)
        with h5py.File(os.path.join(out, "summary.h5"), "r") as f:
            self.assertEqual(len(f["summary/input"]), 7)
            self.assertEqual(len(f["summary/worker"]), 7)
        self.assertIn("failed", p.stderr)  # progress lines name the failures
        # Who computed each molecule: one of the two pool slots (entries that fail before a
        # worker starts, like a bad CSV row, still ran in one).
        for r in rows.values():
            self.assertIn(r["worker"], ("pool:0", "pool:1"), r)

    def test_largest_molecules_start_first(self):
        # One worker: the progress lines (one per molecule, stderr is not a TTY) come in the order
        # the molecules ran, most heavy atoms first, input order among equals.
        smiles = self.write("set.smi", "C methane\nCCO ethanol\n[H][H] hydrogen\nCC(=O)O acid\n")
        self.write("lib/h2.xyz", h2(0.735))
        out = os.path.join(self.dir, "out")
        settings = self.write("small.toml", SETTINGS + "\n[active_space]\nelectrons = 2\n"
                              "orbitals = 2\n")
        p = subprocess.run([QMOL, "screen", smiles, os.path.join(self.dir, "lib", "h2.xyz"),
                            "--settings", settings, "--out", out, "--jobs", "1"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        order = [n for line in p.stderr.splitlines() for n in
                 ("methane", "ethanol", "hydrogen", "acid", "h2") if " %s " % n in " %s " % line
                 and "ok" in line]
        self.assertEqual(order, ["acid", "ethanol", "methane", "hydrogen", "h2"], p.stderr)
        self.assertEqual([r["input"] for r in self.summary(out)],
                         ["methane", "ethanol", "hydrogen", "acid", "h2"])

    def test_all_ok_exits_zero(self):
        a = self.write("a.xyz", h2(0.7))
        out = os.path.join(self.dir, "out")
        p = subprocess.run([QMOL, "screen", a, "--settings", self.settings, "--out", out],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual([r["status"] for r in self.summary(out)], ["ok"])

    def test_kill_and_resume(self):
        inputs = [self.write("m%02d.xyz" % i, h2(0.6 + 0.1 * i)) for i in range(10)]
        inputs.append(os.path.join(MOLECULES, "lih.xyz"))
        out = os.path.join(self.dir, "out")
        args = [QMOL, "screen", *inputs, "--settings", self.settings, "--out", out, "--jobs", "2"]
        first = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        records = os.path.join(out, "records")
        deadline = time.time() + 60
        while time.time() < deadline and first.poll() is None:
            if os.path.isdir(records) and len(glob.glob(os.path.join(records, "*.json"))) >= 2:
                break
            time.sleep(0.01)
        killed_early = first.poll() is None
        first.send_signal(signal.SIGKILL)
        first.wait()
        done_before = len(glob.glob(os.path.join(records, "*.json")))
        print("killed after %d of %d molecules%s" % (done_before, len(inputs),
              "" if killed_early else " (the first run had already finished)"))
        # The workers die with their parent (PR_SET_PDEATHSIG); wait until those that left a
        # temporary file are gone (or zombies), which can take a while on a loaded machine.
        for _ in range(200):
            pids = [int(t.rsplit(".tmp-", 1)[1])
                    for t in glob.glob(os.path.join(out, "**", "*.tmp-*"), recursive=True)]
            if not any(running(pid) for pid in pids):
                break
            time.sleep(0.05)

        p = subprocess.run(args, capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        if killed_early and done_before:
            self.assertIn("resuming", p.stderr)
        rows = self.summary(out)
        self.assertEqual([r["input"] for r in rows], ["m%02d" % i for i in range(10)] + ["lih"])
        self.assertEqual({r["status"] for r in rows}, {"ok"})
        for r in rows:
            with h5py.File(os.path.join(out, r["input"] + ".h5"), "r") as f:
                self.assertAlmostEqual(f["vqe/energy"][()], float(r["vqe_energy"]), delta=1e-9)
        self.assertEqual(glob.glob(os.path.join(out, "**", "*.tmp-*"), recursive=True), [])

    def test_other_settings_need_force(self):
        a = self.write("a.xyz", h2(0.7))
        out = os.path.join(self.dir, "out")
        args = [QMOL, "screen", a, "--settings", self.settings, "--out", out]
        self.assertEqual(subprocess.run(args, capture_output=True).returncode, 0)
        first = self.summary(out)
        other = self.write("other.toml", SETTINGS.replace("[ansatz]\nkind = \"uccsd\"\n", ""))
        p = subprocess.run([QMOL, "screen", a, "--settings", other, "--out", out],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("another settings", p.stderr)
        self.assertIn("--force", p.stderr)
        self.assertEqual(self.summary(out), first)
        p = subprocess.run([QMOL, "screen", a, "--settings", other, "--out", out, "--force"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        rows = self.summary(out)
        self.assertEqual(rows[0]["vqe_energy"], "")  # recomputed without the ansatz
        self.assertEqual(rows[0]["hf_energy"], first[0]["hf_energy"])


if __name__ == "__main__":
    unittest.main()
