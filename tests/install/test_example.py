"""The C++ example built in the tree (target example_h2_vqe) prints H2/STO-3G energies at
0.7414 Angstrom equal to Psi4's RHF and FCI (tests/data/psi4_h2_example.json).
usage: test_example.py EXAMPLE_EXECUTABLE"""
import subprocess
import sys
import unittest

import example_output

EXAMPLE = sys.argv.pop(1) if len(sys.argv) > 1 else "build/examples/cpp/example_h2_vqe"


class Example(unittest.TestCase):
    def test_energies_match_psi4(self):
        p = subprocess.run([EXAMPLE], capture_output=True, text=True, timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr + p.stdout)
        ref = example_output.reference()
        e = example_output.energies(p.stdout)
        tol = example_output.TOLERANCE
        self.assertAlmostEqual(e["Hartree-Fock"], ref["scf_energy"], delta=tol, msg=p.stdout)
        self.assertAlmostEqual(e["exact (FCI)"], ref["fci_energy"], delta=tol, msg=p.stdout)
        self.assertAlmostEqual(e["VQE (UCCSD)"], ref["fci_energy"], delta=tol, msg=p.stdout)


if __name__ == "__main__":
    unittest.main()
