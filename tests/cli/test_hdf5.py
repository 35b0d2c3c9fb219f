"""`qmol run JOB --hdf5 FILE`: a complete, self-describing file; every number equal to the JSON
summary of the same run; units on every dataset; --force; examples/read_results.py reads it.
usage: test_hdf5.py QMOL_EXECUTABLE"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

QMOL = sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol"
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BOHR_IN_ANGSTROM = 0.52917721067  # CODATA 2014, as qmol/core/units.h

H2_JOB = """[molecule]
atoms = \"\"\"
H 0.0 0.0 0.0
H 0.0 0.0 0.735
\"\"\"
basis = "sto-3g"

[ansatz]
kind = "uccsd"

[exact]
enabled = true
"""


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


class Hdf5Output(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-hdf5-")
        self.job = os.path.join(self.dir, "h2.toml")
        with open(self.job, "w") as f:
            f.write(H2_JOB)

    def qmol(self, *args, code=0):
        p = subprocess.run([QMOL, *args], capture_output=True, text=True)
        self.assertEqual(p.returncode, code, p.stderr + p.stdout[-2000:])
        return p

    def test_file_matches_json_and_has_units_everywhere(self):
        h5 = os.path.join(self.dir, "h2.h5")
        js = os.path.join(self.dir, "h2.json")
        self.qmol("run", self.job, "--hdf5", h5, "--json", js)
        summary = json.load(open(js))
        with h5py.File(h5, "r") as f:
            for key in ("qmol_version", "git_commit", "created"):
                self.assertTrue(text(f.attrs[key]), key)
            self.assertEqual(text(f.attrs["format"]), "qmol-results")
            self.assertRegex(text(f.attrs["created"]), r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
            missing = []
            f.visititems(lambda path, obj: missing.append(path)
                         if isinstance(obj, h5py.Dataset) and "units" not in obj.attrs else None)
            self.assertEqual(missing, [], "datasets without a units attribute")
            self.assertEqual(text(f["job_text"][()]), H2_JOB)
            self.assertEqual(text(f["scf/energy"].attrs["units"]), "hartree")
            self.assertEqual(text(f["molecule/positions_bohr"].attrs["units"]), "bohr")
            self.assertEqual(text(f["scf/dipole"].attrs["units"]), "debye")
            np.testing.assert_allclose(f["molecule/positions_angstrom"][()],
                                       f["molecule/positions_bohr"][()] * BOHR_IN_ANGSTROM,
                                       rtol=0, atol=1e-14)
            self.assertAlmostEqual(f["molecule/positions_angstrom"][1, 2], 0.735, delta=1e-12)
            # Bit-for-bit equal to the JSON summary (both print doubles exactly).
            self.assertEqual(f["scf/energy"][()], summary["scf"]["energy"])
            self.assertEqual(list(f["scf/orbital_energies_alpha"][()]), summary["scf"]["orbital_energies"])
            self.assertEqual(f["exact/energy"][()], summary["exact"]["energy"])
            self.assertEqual(f["vqe/energy"][()], summary["vqe"]["energy"])
            self.assertEqual(list(f["vqe/parameters"][()]), summary["vqe"]["parameters"])
            self.assertEqual(f["vqe/iterations"][()], summary["vqe"]["iterations"])
            self.assertEqual(f["active_space/core_energy"][()], summary["active_space"]["core_energy"])
            self.assertEqual(f["basis/n_functions"][()], 2)
            self.assertEqual(text(f["basis/name"][()]), "sto-3g")
            n = f["hamiltonian/one_body"].shape[0]
            self.assertEqual(f["hamiltonian/two_body"].shape, (n, n, n, n))
            self.assertEqual(f["qubit_hamiltonian/x_masks"].shape[0],
                             f["qubit_hamiltonian/n_terms"][()])
            self.assertEqual(text(f["qubit_hamiltonian/mapping"][()]), "jordan-wigner")
            self.assertEqual(len(f["vqe/energy_history"]), len(summary["vqe"]["history"]))
            self.assertIn("gradient_norm_history", f["vqe"])
            self.assertEqual(len(f["ansatz/parameter_labels"]), f["ansatz/n_parameters"][()])
            self.assertAlmostEqual(f["vqe/energy"][()], f["exact/energy"][()], delta=1e-6)
            self.assertIn("scf", f["timings"])
        self.assertEqual(glob.glob(os.path.join(self.dir, "*.tmp-*")), [])

        p = subprocess.run(["/usr/bin/python3", os.path.join(SOURCE, "examples", "read_results.py"),
                            h5, "--datasets"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("VQE", p.stdout)
        self.assertIn("%.10f" % summary["vqe"]["energy"], p.stdout)
        self.assertIn("/hamiltonian/two_body", p.stdout)

    def test_existing_file_needs_force(self):
        h5 = os.path.join(self.dir, "h2.h5")
        self.qmol("run", self.job, "--hdf5", h5)
        before = os.path.getmtime(h5)
        p = subprocess.run([QMOL, "run", self.job, "--hdf5", h5], capture_output=True, text=True)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("--force", p.stderr)
        self.assertEqual(os.path.getmtime(h5), before)
        self.qmol("run", self.job, "--hdf5", h5, "--force")
        with h5py.File(h5, "r") as f:
            self.assertIn("vqe", f)

    def test_output_section(self):
        with open(self.job, "a") as f:
            f.write('\n[output]\nhdf5 = "from-job.h5"\n')
        self.qmol("run", self.job)
        with h5py.File(os.path.join(self.dir, "from-job.h5"), "r") as f:
            self.assertIn("exact", f)


if __name__ == "__main__":
    unittest.main()
