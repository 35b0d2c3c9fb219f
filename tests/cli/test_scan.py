"""`qmol scan`: an H2 bond scan from 0.5 to 2.5 Angstrom agrees point by point with separate runs,
and warm starts take fewer VQE iterations than cold ones (both counts printed).
usage: test_scan.py QMOL_EXECUTABLE"""
import csv
import os
import subprocess
import sys
import tempfile
import unittest

import h5py

QMOL = sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol"
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
COLUMNS = ["point", "coordinate", "hf_energy", "vqe_energy", "exact_energy", "casscf_energy",
           "vqe_dipole_debye", "vqe_iterations",
           "status", "message"]

JOB = """[molecule]
atoms = \"\"\"
H 0.0 0.0 0.0
H 0.0 0.0 {distance}
\"\"\"
basis = "sto-3g"

[ansatz]
kind = "uccsd"

[exact]
enabled = true
"""
SCAN = "\n[scan]\nbond = [0, 1]\nfrom = 0.5\nto = 2.5\npoints = 9\n"


class Scan(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-scan-")

    def write(self, name, content):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(content)
        return path

    def test_h2_scan_matches_separate_runs(self):
        job = self.write("h2-scan.toml", JOB.format(distance=0.735) + SCAN)
        out = os.path.join(self.dir, "scan")
        p = subprocess.run([QMOL, "scan", job, "--out", out], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr + p.stdout[-3000:])
        with open(os.path.join(out, "scan.csv"), newline="") as f:
            reader = csv.DictReader(f)
            self.assertEqual(reader.fieldnames, COLUMNS)
            rows = list(reader)
        self.assertEqual(len(rows), 9)
        with h5py.File(os.path.join(out, "scan.h5"), "r") as f:
            self.assertEqual(sorted(f["points"]), ["%03d" % i for i in range(9)])
            self.assertEqual(list(f["summary/vqe_iterations"][()]), [int(r["vqe_iterations"]) for r in rows])
            self.assertEqual(f["summary/coordinate"].attrs["units"], "angstrom")

        warm_iterations = cold_iterations = 0
        for row in rows:
            self.assertEqual(row["status"], "ok")
            self.assertEqual(row["message"], "")
            distance = float(row["coordinate"])
            single = self.write("point%s.toml" % row["point"], JOB.format(distance=repr(distance)))
            h5 = os.path.join(self.dir, "point%s.h5" % row["point"])
            p = subprocess.run([QMOL, "run", single, "--hdf5", h5], capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            with h5py.File(h5, "r") as f:
                self.assertAlmostEqual(float(row["hf_energy"]), f["scf/energy"][()], delta=1e-8)
                self.assertAlmostEqual(float(row["exact_energy"]), f["exact/energy"][()], delta=1e-8)
                self.assertAlmostEqual(float(row["vqe_energy"]), f["vqe/energy"][()], delta=1e-6)
                cold_iterations += int(f["vqe/iterations"][()])
            warm_iterations += int(row["vqe_iterations"])
        print("VQE iterations over the 9-point H2 scan: warm start %d, cold start %d"
              % (warm_iterations, cold_iterations))
        self.assertLess(warm_iterations, cold_iterations)

        # The same call again resumes a finished scan: nothing is recomputed.
        p = subprocess.run([QMOL, "scan", job, "--out", out], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("resuming: 9 of 9 points already done", p.stdout)
        self.assertNotIn("== scan point", p.stdout)

        try:
            import matplotlib  # noqa: F401
        except ImportError:
            return
        png = os.path.join(self.dir, "scan.png")
        p = subprocess.run(["/usr/bin/python3", os.path.join(SOURCE, "examples", "plot_scan.py"),
                            os.path.join(out, "scan.csv"), "-o", png], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(png, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_geometry_frames(self):
        frames = self.write("frames.xyz", "".join(
            "2\nframe\nH 0 0 0\nH 0 0 %.3f\n" % d for d in (0.6, 0.7, 0.8)))
        job = self.write("frames.toml", JOB.format(distance=0.7)
                         + '\n[scan]\ngeometries = "%s"\n' % frames)
        out = os.path.join(self.dir, "frames")
        p = subprocess.run([QMOL, "scan", job, "--out", out], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(os.path.join(out, "scan.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([r["status"] for r in rows], ["ok"] * 3)
        energies = [float(r["hf_energy"]) for r in rows]
        self.assertEqual(len(set(energies)), 3)

    def test_failed_point_is_recorded_and_the_scan_goes_on(self):
        # The middle frame is caffeine: its integrals alone exceed --memory, so that point fails.
        with open(os.path.join(SOURCE, "molecules", "caffeine.xyz")) as f:
            caffeine = f.read()
        frames = self.write("frames.xyz", "2\nframe\nH 0 0 0\nH 0 0 0.7\n" + caffeine
                            + "2\nframe\nH 0 0 0\nH 0 0 0.8\n")
        job = self.write("frames.toml", JOB.format(distance=0.7)
                         + '\n[scan]\ngeometries = "%s"\n' % frames)
        out = os.path.join(self.dir, "failing")
        args = [QMOL, "scan", job, "--out", out, "--memory", "20M"]
        p = subprocess.run(args, capture_output=True, text=True)
        self.assertEqual(p.returncode, 1, p.stderr)
        with open(os.path.join(out, "scan.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([r["status"] for r in rows], ["ok", "failed", "ok"])
        self.assertIn("memory limit", rows[1]["message"])
        self.assertEqual(rows[1]["hf_energy"], "")
        self.assertEqual(rows[2]["message"], "")
        with h5py.File(os.path.join(out, "scan.h5"), "r") as f:
            self.assertEqual(sorted(f["points"]), ["000", "001", "002"])
            self.assertNotIn("scf", f["points/001"])
            message = f["summary/message"][1]
            if isinstance(message, bytes):
                message = message.decode()
            self.assertIn("memory limit", message)
        self.assertIn("failed: ", p.stdout)  # the final table gives the reason
        # A failure is final: the same call again skips it and still exits 1.
        p = subprocess.run(args, capture_output=True, text=True)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("resuming: 3 of 3 points already done", p.stdout)


if __name__ == "__main__":
    unittest.main()
