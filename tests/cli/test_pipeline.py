"""The documented interface end to end: job keys, --json keys, the hamiltonian command, FCIDUMP
round trip, memory refusal, SCF non-convergence. References: tests/data/psi4_references.json (Psi4).
usage: test_pipeline.py QMOL_EXECUTABLE"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

QMOL = sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol"
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
MOLECULES = os.path.join(SOURCE, "molecules")
REFS = json.load(open(os.path.join(SOURCE, "tests", "data", "psi4_references.json")))


class Pipeline(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-pipe-")

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def job(self, case, extra=""):
        c = REFS[case]
        text = ('[molecule]\ngeometry = "%s"\ncharge = %d\nmultiplicity = %d\nbasis = "%s"\n\n'
                '[scf]\nreference = "%s"\n' % (os.path.join(MOLECULES, c["xyz"]), c["charge"],
                                                c["multiplicity"], c["basis"], c["reference"]))
        if c["frozen_docc"]:
            text += "\n[active_space]\nfrozen_core = %d\n" % c["frozen_docc"]
        return self.write(case + ".toml", text + extra)

    def run_json(self, args, code=0):
        out = os.path.join(self.dir, "out.json")
        if os.path.exists(out):
            os.remove(out)
        p = subprocess.run([QMOL] + args + ["--json", out], capture_output=True, text=True)
        self.assertEqual(p.returncode, code, p.stderr + p.stdout[-2000:])
        return (json.load(open(out)) if code == 0 else None), p

    def test_scf_keys(self):
        res, _ = self.run_json(["run", self.job("h2o-sto3g-dipole")])
        ref = REFS["h2o-sto3g-dipole"]
        self.assertAlmostEqual(res["scf"]["energy"], ref["scf_energy"], delta=1e-8)
        for a, b in zip(res["scf"]["dipole_debye"], ref["dipole_debye"]):
            self.assertAlmostEqual(a, b, delta=1e-4)
        self.assertEqual(res["molecule"]["formula"], "H2O")
        self.assertEqual(res["molecule"]["n_electrons"], 10)
        self.assertAlmostEqual(res["molecule"]["nuclear_repulsion"], ref["nuclear_repulsion"], delta=1e-9)
        self.assertEqual(res["basis"], {"name": "sto-3g", "n_functions": 7, "spherical": True})
        self.assertTrue(res["scf"]["converged"])
        self.assertNotIn("hamiltonian", res)

    def test_exact_frozen_core(self):
        res, _ = self.run_json(["run", self.job("lih-sto3g-fci-fc1", "\n[exact]\nenabled = true\n")])
        self.assertAlmostEqual(res["exact"]["energy"], REFS["lih-sto3g-fci-fc1"]["energy"], delta=1e-8)
        self.assertEqual(res["active_space"]["frozen_core"], 1)
        self.assertEqual(res["active_space"]["n_electrons"], 2)
        self.assertEqual(res["active_space"]["n_orbitals"], 5)
        self.assertEqual(res["hamiltonian"]["n_qubits"], 10)

    def test_vqe_open_shell(self):
        res, p = self.run_json(["run", self.job("ch2-sto3g-fci", '\n[ansatz]\nkind = "uccsd"\n\n[exact]\nenabled = true\n')])
        fci = REFS["ch2-sto3g-fci"]["energy"]
        self.assertAlmostEqual(res["exact"]["energy"], fci, delta=1e-8)
        self.assertLess(abs(res["vqe"]["energy"] - fci), 1.6e-3)
        self.assertLessEqual(res["vqe"]["energy"], res["scf"]["energy"] + 1e-10)
        for key in ("ansatz", "engine", "mapping", "n_qubits", "n_parameters", "energy", "converged",
                    "iterations", "evaluations", "parameters", "history", "seconds"):
            self.assertIn(key, res["vqe"])
        self.assertEqual(len(res["vqe"]["parameters"]), res["vqe"]["n_parameters"])
        self.assertIn("chemical accuracy", p.stdout)

    def test_hamiltonian_command_h2(self):
        job = self.job("h2-sto3g-fci")
        out = os.path.join(self.dir, "h2.txt")
        p = subprocess.run([QMOL, "hamiltonian", job, "--output", out], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("qubits 4", p.stdout)
        self.assertIn("terms 15", p.stdout)
        lines = open(out).read().splitlines()
        self.assertEqual(len(lines), 15)
        self.assertTrue(any(l.endswith("[]") for l in lines))
        self.assertTrue(any(l.endswith("[X0 X1 Y2 Y3]") for l in lines))

    def test_fcidump_round_trip(self):
        job = self.job("h2o-sto3g-fci")
        dump = os.path.join(self.dir, "h2o.fcidump")
        p = subprocess.run([QMOL, "hamiltonian", job, "--fcidump", dump], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        fjob = self.write("fcidump.toml", '[fcidump]\nfile = "h2o.fcidump"\n\n[exact]\nenabled = true\n')
        res, _ = self.run_json(["run", fjob])
        self.assertAlmostEqual(res["exact"]["energy"], REFS["h2o-sto3g-fci"]["energy"], delta=1e-8)

    def test_memory_limit_refuses(self):
        job = self.job("h2o-sto3g-fci", "\n[exact]\nenabled = true\n")
        _, p = self.run_json(["run", job, "--memory", "1K"], code=2)
        self.assertIn("memory limit", p.stderr)

    def test_scf_not_converging(self):
        job = self.job("n2-sto3g-rhf", "max_iterations = 2\n")
        _, p = self.run_json(["run", job], code=1)
        self.assertIn("did not converge", p.stderr)

    def test_bad_active_space(self):
        job = self.job("h2o-sto3g-rhf", "\n[active_space]\nelectrons = 20\norbitals = 4\n\n[exact]\nenabled = true\n")
        _, p = self.run_json(["run", job], code=2)
        self.assertIn("do not fit", p.stderr)

    def test_xyz_input(self):
        res, _ = self.run_json(["run", os.path.join(MOLECULES, "h2.xyz"), "--basis", "6-31g"])
        self.assertAlmostEqual(res["scf"]["energy"], REFS["h2-631g-rhf"]["scf_energy"], delta=1e-8)
        self.assertFalse(res["basis"]["spherical"])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
