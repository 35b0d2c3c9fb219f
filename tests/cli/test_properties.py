"""Properties of the correlated states through the command line: the spin-summed RDMs in HDF5
give back the VQE and exact energies with the stored active-space integrals, their traces count the
electrons, the natural occupations are the 1-RDM's eigenvalues, and the FCI dipole of H2O/STO-3G
(all electrons and frozen core) equals Psi4's (tests/data/psi4_fci_dipole.py).
usage: test_properties.py QMOL_EXECUTABLE"""
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
with open(os.path.join(SOURCE, "tests", "data", "psi4_fci_dipole.json")) as f:
    PSI4 = json.load(f)
H2O = """[molecule]
geometry = "%s"
basis = "sto-3g"
[exact]
[ansatz]
kind = "uccsd"
""" % os.path.join(SOURCE, "molecules", "h2o.xyz")


class Properties(unittest.TestCase):
    def run_job(self, text):
        d = tempfile.mkdtemp(prefix="qmol-properties-")
        job, out, h5 = (os.path.join(d, n) for n in ("job.toml", "out.json", "out.h5"))
        with open(job, "w") as f:
            f.write(text + '[output]\nhdf5 = "%s"\n' % h5)
        p = subprocess.run([QMOL, "run", job, "--json", out], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        with open(out) as f:
            return json.load(f), h5py.File(h5, "r")

    def check_densities(self, r, f, stage, energy):
        g = f[stage]
        core = f["hamiltonian/core_energy"][()]
        h = f["hamiltonian/one_body"][()]
        eri = f["hamiltonian/two_body"][()]
        one, two = g["rdm1"][()], g["rdm2"][()]
        n = r["active_space"]["n_electrons"]
        self.assertAlmostEqual(np.trace(one), n, delta=1e-10)
        self.assertAlmostEqual(np.einsum("ppqq->", two), n * (n - 1), delta=1e-9)
        recomputed = core + np.sum(h * one) + 0.5 * np.sum(eri * two)
        self.assertAlmostEqual(recomputed, energy, delta=1e-10)
        occupations = np.sort(np.linalg.eigvalsh(one))[::-1]
        np.testing.assert_allclose(occupations, r[stage]["natural_occupations"], atol=1e-10)
        self.assertAlmostEqual(r[stage]["n_electrons"], n, delta=1e-10)
        np.testing.assert_allclose(g["dipole_debye"][()], r[stage]["dipole_debye"], atol=1e-12)

    def test_h2o_fci_dipole_and_densities(self):
        for name, extra in (("h2o-sto3g-fci-dipole", ""),
                            ("h2o-sto3g-fci-fc-dipole", "[active_space]\nfrozen_core = true\n")):
            r, f = self.run_job(H2O + extra)
            ref = PSI4[name]
            self.assertAlmostEqual(r["exact"]["energy"], ref["energy"], delta=1e-8)
            np.testing.assert_allclose(r["exact"]["dipole_debye"], ref["dipole_debye"], atol=1e-6)
            self.check_densities(r, f, "exact", r["exact"]["energy"])
            self.check_densities(r, f, "vqe", r["vqe"]["energy"])
            # UCCSD is within 0.1 mEh here: its dipole is close to FCI's, and differs from HF's.
            np.testing.assert_allclose(r["vqe"]["dipole_debye"], ref["dipole_debye"], atol=2e-3)
            self.assertGreater(np.linalg.norm(np.subtract(r["scf"]["dipole_debye"],
                                                          ref["dipole_debye"])), 0.05)

    def test_both_engines_give_the_same_properties(self):
        # UCCSD on the determinant engine and lowered to a Jordan-Wigner circuit: the same state,
        # so the same densities; a hardware-efficient state leaves the sector and has none.
        lih = ('[molecule]\ngeometry = "%s"\nbasis = "sto-3g"\n[active_space]\nfrozen_core = true\n'
               'electrons = 2\norbitals = 4\n[exact]\n' % os.path.join(SOURCE, "molecules", "lih.xyz"))
        det, _ = self.run_job(lih + '[ansatz]\nkind = "uccsd"\n')
        sv, f = self.run_job(lih + '[ansatz]\nkind = "uccsd"\n[vqe]\nengine = "statevector"\n')
        self.assertEqual(sv["vqe"]["engine"], "statevector")
        self.check_densities(sv, f, "vqe", sv["vqe"]["energy"])
        np.testing.assert_allclose(sv["vqe"]["dipole_debye"], det["vqe"]["dipole_debye"], atol=1e-6)
        np.testing.assert_allclose(sv["vqe"]["natural_occupations"],
                                   det["vqe"]["natural_occupations"], atol=1e-6)
        hea, _ = self.run_job(lih + '[ansatz]\nkind = "hardware-efficient"\n')
        self.assertNotIn("dipole_debye", hea["vqe"])
        self.assertIn("dipole_debye", hea["exact"])


if __name__ == "__main__":
    unittest.main()
