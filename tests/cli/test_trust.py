"""Numbers a user can take at face value: VQE runs that stop at the reference determinant are not
reported as converged, hardware-efficient circuits leave that stationary point by default, and
impossible spin states are explained.
usage: test_trust.py QMOL_EXECUTABLE"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

QMOL = sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol"
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
MOLECULES = os.path.join(SOURCE, "molecules")

# LiH/STO-3G, frozen 1s, two electrons in three orbitals: small, with a correlation energy of
# about 1 mEh that a reference-bound circuit misses.
LIH_CAS = """[molecule]
geometry = "%s"
basis = "sto-3g"
[active_space]
frozen_core = true
electrons = 2
orbitals = 3
[exact]
enabled = true
""" % os.path.join(MOLECULES, "lih.xyz")


class Trust(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-trust-")

    def run_job(self, text, *args, code=0):
        job = os.path.join(self.dir, "job.toml")
        with open(job, "w") as f:
            f.write(text)
        out = os.path.join(self.dir, "out.json")
        if os.path.exists(out):
            os.remove(out)
        p = subprocess.run([QMOL, "run", job, "--json", out, *args], capture_output=True,
                           text=True)
        self.assertEqual(p.returncode, code, p.stdout + p.stderr)
        return (json.load(open(out)) if code == 0 else None), p

    def test_stop_at_reference_is_not_converged(self):
        # Zero angles: the circuit prepares the reference determinant, a stationary point.
        r, p = self.run_job(LIH_CAS + '[ansatz]\ntemplate = "hea-ry-cz-linear"\ninitial = "zeros"\n')
        vqe = r["vqe"]
        self.assertAlmostEqual(vqe["energy"], r["scf"]["energy"], delta=1e-8)
        self.assertFalse(vqe["converged"])
        self.assertTrue(any("stationary point" in w for w in vqe["warnings"]), vqe["warnings"])
        self.assertIn("warning:", p.stdout)

    def test_hardware_efficient_templates_leave_the_reference(self):
        for template in ("hea-ry-cz-linear", "hea-ry-cnot-full"):
            r, _ = self.run_job(LIH_CAS + '[ansatz]\ntemplate = "%s"\n' % template)
            vqe = r["vqe"]
            # Below Hartree-Fock by a visible part of the 1.05 mEh correlation energy.
            self.assertLess(vqe["energy"], r["scf"]["energy"] - 2e-4, template)
            self.assertGreaterEqual(vqe["energy"], r["exact"]["energy"] - 1e-9, template)
            self.assertEqual(vqe["warnings"], [], template)

    def test_uccsd_converges_without_warnings(self):
        r, _ = self.run_job(LIH_CAS + '[ansatz]\nkind = "uccsd"\n')
        self.assertTrue(r["vqe"]["converged"])
        self.assertEqual(r["vqe"]["warnings"], [])
        self.assertLess(abs(r["vqe"]["error_mEh"]), 1e-3)

    def test_multiplicity_above_the_electron_count(self):
        p = subprocess.run([QMOL, "run", os.path.join(MOLECULES, "h2.xyz"), "--multiplicity", "5"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn("2 electrons allow a multiplicity of at most 3", p.stderr)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)


if __name__ == "__main__":
    unittest.main()
