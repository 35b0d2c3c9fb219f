"""Orbital optimization through the command line: CASSCF ([orbital_optimization] solver = "exact")
against Psi4's CASSCF energies and dipoles (tests/data/psi4_casscf.py), OO-VQE against CASSCF where
UCCSD is exact, the JSON and HDF5 results, and the bad inputs refused before any work.
usage: test_orbital_optimization.py QMOL_EXECUTABLE"""
import csv
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
with open(os.path.join(SOURCE, "tests", "data", "psi4_casscf.json")) as f:
    PSI4 = json.load(f)


def molecule(xyz, basis, multiplicity=1):
    return '[molecule]\ngeometry = "%s"\nbasis = "%s"\nmultiplicity = %d\n' % (
        os.path.join(SOURCE, "molecules", xyz), basis, multiplicity)


class OrbitalOptimization(unittest.TestCase):
    def run_qmol(self, text):
        d = tempfile.mkdtemp(prefix="qmol-oo-")
        job, out, h5 = (os.path.join(d, n) for n in ("job.toml", "out.json", "out.h5"))
        with open(job, "w") as f:
            f.write(text + '[output]\nhdf5 = "%s"\n' % h5)
        p = subprocess.run([QMOL, "run", job, "--json", out], capture_output=True, text=True)
        return p, job, out, h5

    def run_job(self, text):
        p, _, out, h5 = self.run_qmol(text)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        with open(out) as f:
            return json.load(f), h5py.File(h5, "r")

    def test_casscf_matches_psi4(self):
        for name, frozen_core in (("h2o-ccpvdz-cas66", "false"), ("n2-631g-fc-cas66", "true"),
                                  ("ch2-triplet-631g-cas66", "false")):
            ref = PSI4[name]
            text = (molecule(ref["xyz"].split("/")[1], ref["basis"], ref["multiplicity"]) +
                    "[scf]\nreference = \"%s\"\n" % ref["reference"] +
                    "[active_space]\nfrozen_core = %s\nelectrons = %d\norbitals = %d\n" %
                    (frozen_core, ref["active_electrons"], ref["active"]) +
                    "[orbital_optimization]\nsolver = \"exact\"\ngradient_tolerance = 1e-7\n"
                    "[exact]\n")
            with self.subTest(name):
                r, f = self.run_job(text)
                o = r["orbital_optimization"]
                self.assertTrue(o["converged"])
                self.assertEqual(o["solver"], "exact")
                self.assertEqual(o["n_frozen"], ref["frozen_docc"])
                self.assertEqual(o["n_inactive"], ref["restricted_docc"])
                self.assertAlmostEqual(o["energy"], ref["energy"], delta=1e-8)
                self.assertAlmostEqual(r["exact"]["energy"], ref["energy"], delta=1e-8)
                self.assertEqual(o["iterations"], len(o["energies"]))
                np.testing.assert_allclose(r["exact"]["dipole_debye"], ref["dipole_debye"],
                                           atol=1e-5)
                # Natural orbitals: orthonormal, occupations of the final state's 1-RDM.
                s = f["scf/overlap"][()] if "scf/overlap" in f else None
                no = f["orbital_optimization/natural_orbitals"][()]
                np.testing.assert_allclose(f["orbital_optimization/natural_occupations"][()],
                                           o["natural_occupations"], atol=1e-12)
                np.testing.assert_allclose(np.array(o["natural_orbitals"]).T, no, atol=1e-12)
                occupations = np.sort(np.linalg.eigvalsh(f["exact/rdm1"][()]))[::-1]
                np.testing.assert_allclose(occupations, o["natural_occupations"], atol=1e-8)
                self.assertAlmostEqual(sum(o["natural_occupations"]), ref["active_electrons"],
                                       delta=1e-10)
                if s is not None:
                    np.testing.assert_allclose(no.T @ s @ no, np.eye(no.shape[1]), atol=1e-10)

    def test_oo_vqe_equals_casscf_for_two_electrons(self):
        base = molecule("lih.xyz", "sto-3g") + "[active_space]\nelectrons = 2\norbitals = 3\n"
        casscf, _ = self.run_job(base + "[orbital_optimization]\nsolver = \"exact\"\n")
        oo, f = self.run_job(base + "[ansatz]\nkind = \"uccsd\"\n[orbital_optimization]\n"
                             "gradient_tolerance = 1e-6\n")
        self.assertEqual(oo["orbital_optimization"]["solver"], "vqe")
        self.assertTrue(oo["orbital_optimization"]["converged"])
        ref = PSI4["lih-sto3g-cas23"]["energy"]
        self.assertAlmostEqual(casscf["orbital_optimization"]["energy"], ref, delta=1e-8)
        self.assertAlmostEqual(oo["orbital_optimization"]["energy"], ref, delta=1e-7)
        self.assertAlmostEqual(oo["vqe"]["energy"], ref, delta=1e-7)
        self.assertIn("orbital_optimization", f)

    def test_scan_table_carries_casscf_and_vqe_dipole(self):
        d = tempfile.mkdtemp(prefix="qmol-oo-scan-")
        job = os.path.join(d, "job.toml")
        with open(job, "w") as f:
            f.write(molecule("lih.xyz", "sto-3g") + "[active_space]\nelectrons = 2\norbitals = 3\n"
                    "[ansatz]\nkind = \"uccsd\"\n[orbital_optimization]\nsolver = \"exact\"\n"
                    "[exact]\n[scan]\nbond = [0, 1]\nfrom = 1.4\nto = 1.8\npoints = 2\n")
        out = os.path.join(d, "scan")
        p = subprocess.run([QMOL, "scan", job, "--out", out], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        with open(os.path.join(out, "scan.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 2)
        with h5py.File(os.path.join(out, "scan.h5"), "r") as f:
            for k, row in enumerate(rows):
                # CASSCF orbitals, then the exact CASCI in them: the same energy.
                self.assertAlmostEqual(float(row["casscf_energy"]), float(row["exact_energy"]),
                                       delta=1e-9)
                dipole = f["points/%s/vqe/dipole_debye" % list(f["points"])[k]][()]
                self.assertAlmostEqual(float(row["vqe_dipole_debye"]), np.linalg.norm(dipole),
                                       delta=1e-6)
                self.assertGreater(float(row["vqe_dipole_debye"]), 1.0)
            self.assertAlmostEqual(f["summary/casscf_energy"][0], float(rows[0]["casscf_energy"]),
                                   delta=1e-9)

    def test_bad_input(self):
        h2o = molecule("h2o.xyz", "sto-3g")
        window = "[active_space]\nelectrons = 4\norbitals = 4\n"
        cases = {
            "uhf": h2o + "[scf]\nreference = \"uhf\"\n" + window + "[orbital_optimization]\n"
                   "solver = \"exact\"\n",
            "whole space": h2o + "[orbital_optimization]\nsolver = \"exact\"\n",
            "whole space, frozen core": h2o + "[active_space]\nfrozen_core = true\n"
                                       "[orbital_optimization]\nsolver = \"exact\"\n",
            "unknown solver": h2o + window + "[orbital_optimization]\nsolver = \"dmrg\"\n",
            "vqe without ansatz": h2o + window + "[orbital_optimization]\nsolver = \"vqe\"\n",
            "hardware-efficient": h2o + window + "[ansatz]\nkind = \"hardware-efficient\"\n"
                                  "[orbital_optimization]\n",
            "adapt": h2o + window + "[ansatz]\nkind = \"adapt\"\n[orbital_optimization]\n",
            "tolerance": h2o + window + "[orbital_optimization]\ngradient_tolerance = -1\n",
            "iterations": h2o + window + "[orbital_optimization]\nmax_iterations = 0\n",
        }
        for what, text in cases.items():
            with self.subTest(what):
                p, job, out, h5 = self.run_qmol(text)
                self.assertEqual(p.returncode, 2, p.stdout + p.stderr)
                lines = p.stderr.strip().splitlines()
                self.assertEqual(len(lines), 1, p.stderr)
                self.assertRegex(lines[0], r"^error: %s:[1-9][0-9]*: " % job)
                self.assertFalse(os.path.exists(out) or os.path.exists(h5))


if __name__ == "__main__":
    unittest.main()
