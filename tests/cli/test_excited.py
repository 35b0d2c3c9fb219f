"""[excited] through the command line: VQD and SSVQE against [exact] roots in the JSON and HDF5
outputs, and every bad input as one line `error: FILE:LINE: ...`, exit code 2, no output file.
usage: test_excited.py QMOL_EXECUTABLE"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

QMOL = sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol"
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))

H2 = """[molecule]
atoms = \"\"\"
H 0.0 0.0 0.0
H 0.0 0.0 0.735
\"\"\"
basis = "sto-3g"
"""
ANSATZ = '[ansatz]\nkind = "kupccgsd"\nk = 2\n'


class Excited(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-excited-")
        self.json = os.path.join(self.dir, "out.json")
        self.h5 = os.path.join(self.dir, "out.h5")

    def job(self, text):
        path = os.path.join(self.dir, "job.toml")
        with open(path, "w") as f:
            f.write(text)
        return path

    def run_qmol(self, path, *extra):
        return subprocess.run([QMOL, "run", path, "--json", self.json] + list(extra),
                              capture_output=True, text=True)

    def expect_bad(self, text, line, *fragments):
        path = self.job(text)
        p = self.run_qmol(path)
        lines = p.stderr.strip().splitlines()
        self.assertEqual(p.returncode, 2, p.stderr + p.stdout)
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertTrue(lines[0].startswith("error: %s:%d: " % (path, line)), lines[0])
        for f in fragments:
            self.assertIn(f, lines[0])
        self.assertFalse(os.path.exists(self.json), "an output file was written")
        # Before any work: nothing of the SCF was reported.
        self.assertNotIn("SCF", p.stdout)
        return lines[0]

    # Line numbers: H2 takes lines 1-6, ANSATZ 7-9, [excited] starts at line 10.
    def test_unknown_method(self):
        self.expect_bad(H2 + ANSATZ + '[excited]\nmethod = "vqe"\nstates = 2\n', 11,
                        "excited.method", "vqd", "ssvqe")

    def test_no_states(self):
        self.expect_bad(H2 + ANSATZ + '[excited]\nstates = 0\n', 11, "excited.states = 0",
                        "at least 1")

    def test_states_missing(self):
        self.expect_bad(H2 + ANSATZ + '[excited]\nmethod = "vqd"\n', 10, "needs states")

    def test_more_states_than_the_space_holds(self):
        # Two orbitals, two electrons: three singlets.
        self.expect_bad(H2 + ANSATZ + '[excited]\nstates = 4\n', 11, "excited.states = 4",
                        "only 3 state(s) of spin S = 0")
        # Without the spin filter, the four determinants of Ms = 0.
        self.expect_bad(H2 + ANSATZ + '[excited]\nstates = 5\nspin = "any"\n', 11,
                        "excited.states = 5", "only 4 state(s) in their Sz sector")

    def test_needs_an_ansatz(self):
        self.expect_bad(H2 + '[excited]\nstates = 2\n', 8, "[excited]", "add an [ansatz]")

    def test_unknown_key(self):
        self.expect_bad(H2 + ANSATZ + '[excited]\nstates = 2\nroots = 2\n', 12, "roots")

    def test_bad_penalties(self):
        self.expect_bad(H2 + ANSATZ + '[excited]\nstates = 2\noverlap_penalty = -1\n', 12,
                        "excited.overlap_penalty")
        self.expect_bad(H2 + ANSATZ + '[excited]\nstates = 2\nspin = "any"\nspin_penalty = 1\n',
                        13, "excited.spin_penalty", "spin = \"target\"")
        self.expect_bad(H2 + ANSATZ +
                        '[excited]\nmethod = "ssvqe"\nstates = 2\noverlap_penalty = 1\n', 13,
                        "excited.overlap_penalty", "vqd")

    def test_ssvqe_statevector_needs_jordan_wigner(self):
        self.expect_bad(H2 + '[hamiltonian]\nmapping = "parity"\n' + ANSATZ +
                        '[vqe]\nengine = "statevector"\n[excited]\nmethod = "ssvqe"\nstates = 2\n',
                        15, "jordan-wigner")

    def test_unknown_section_lists_excited(self):
        path = self.job(H2 + '[excite]\nstates = 2\n')
        p = self.run_qmol(path)
        self.assertEqual(p.returncode, 2)
        self.assertIn("excited,", p.stderr)

    def check_against_exact(self, method, engine):
        text = (H2 + ANSATZ + '[vqe]\nengine = "%s"\n[exact]\nroots = 3\n[excited]\n'
                'method = "%s"\nstates = 3\n' % (engine, method))
        p = self.run_qmol(self.job(text), "--hdf5", self.h5)
        self.assertEqual(p.returncode, 0, p.stderr + p.stdout)
        with open(self.json) as f:
            out = json.load(f)
        e, x = out["excited"], out["exact"]
        self.assertEqual(e["method"], method)
        self.assertEqual(e["states"], 3)
        self.assertEqual(len(e["energies"]), 3)
        for k in range(3):
            self.assertAlmostEqual(e["energies"][k], x["energies"][k], delta=1e-6)
            self.assertAlmostEqual(e["s_squared"][k], 0.0, delta=1e-6)
            self.assertAlmostEqual(e["excitation_energies_ev"][k],
                                   (x["energies"][k] - x["energies"][0]) * 27.21138602,
                                   delta=1e-4)
        self.assertEqual(e["excitation_energies_ev"][0], 0.0)
        self.assertGreater(e["excitation_energies_ev"][1], 1.0)  # H2's first singlet, ~ 17 eV
        self.assertEqual(e["warnings"], [])
        self.assertAlmostEqual(e["energies"][0], out["vqe"]["energy"], delta=1e-6)
        import h5py  # Debian's python3-h5py
        with h5py.File(self.h5, "r") as h5:
            g = h5["excited"]
            self.assertEqual(g["parameters"].shape, (3, out["vqe"]["n_parameters"]))
            self.assertEqual(list(g["energies"][()]), e["energies"])
            self.assertEqual(list(g["excitation_energies_ev"][()]), e["excitation_energies_ev"])
            self.assertEqual(list(g["s_squared"][()]), e["s_squared"])

    def test_vqd_determinant(self):
        self.check_against_exact("vqd", "determinant")

    def test_vqd_statevector(self):
        self.check_against_exact("vqd", "statevector")

    def test_ssvqe_determinant(self):
        self.check_against_exact("ssvqe", "determinant")

    def test_ssvqe_statevector(self):
        self.check_against_exact("ssvqe", "statevector")

    def test_example_job(self):
        path = os.path.join(SOURCE, "molecules", "lih-excited.toml")
        p = subprocess.run([QMOL, "run", path, "--json", self.json], capture_output=True,
                           text=True)
        self.assertEqual(p.returncode, 0, p.stderr + p.stdout)
        with open(self.json) as f:
            out = json.load(f)
        e, x = out["excited"], out["exact"]
        self.assertEqual(e["states"], 3)
        for k in range(3):
            self.assertAlmostEqual(e["energies"][k], x["energies"][k], delta=1e-6)
        self.assertEqual(e["warnings"], [])


if __name__ == "__main__":
    unittest.main()
