"""The rules between job keys and the memory estimates, through the command line: every bad job
exits 2 with one line `error: FILE:LINE: ...` naming the key's line, before anything is computed
(nothing on stdout: the report starts only after the checks), also for caffeine in 6-31G*.
usage: test_validation.py QMOL_EXECUTABLE"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

QMOL = sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol"
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CAFFEINE = os.path.join(SOURCE, "molecules", "caffeine.xyz")
H2_XYZ = os.path.join(SOURCE, "molecules", "h2.xyz")
with open(os.path.join(SOURCE, "tests", "data", "psi4_references.json")) as f:
    PSI4 = json.load(f)
H2 = 'atoms = """\nH 0 0 0\nH 0 0 0.735\n"""'


class Validation(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-validation-")
        self.json = os.path.join(self.dir, "out.json")

    def job(self, sections, molecule='geometry = "%s"\nbasis = "6-31g*"' % CAFFEINE):
        """A job file: [molecule] then `sections`; returns its path."""
        path = os.path.join(self.dir, "job.toml")
        with open(path, "w") as f:
            f.write("[molecule]\n%s\n%s" % (molecule, sections))
        return path

    def line_of(self, path, text):
        with open(path) as f:
            for number, line in enumerate(f, 1):
                if line.startswith(text):
                    return number
        raise AssertionError("%s not in %s" % (text, path))

    def expect_bad(self, path, key_line, *fragments, args=()):
        """Exit 2, one error line at path:LINE of `key_line`, nothing computed or written."""
        p = subprocess.run([QMOL, "run", path, "--json", self.json, *args], capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(p.returncode, 2, p.stderr + p.stdout)
        lines = p.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, p.stderr)
        where = "error: %s:%d: " % (path, self.line_of(path, key_line)) if key_line else "error: "
        self.assertTrue(lines[0].startswith(where), lines[0])
        for f in fragments:
            self.assertIn(f, lines[0])
        self.assertEqual(p.stdout, "", "work was reported before the error")
        self.assertFalse(os.path.exists(self.json))
        return lines[0]

    def run_ok(self, path):
        p = subprocess.run([QMOL, "run", path, "--json", self.json], capture_output=True, text=True,
                           timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr + p.stdout)
        with open(self.json) as f:
            return json.load(f)

    def test_determinant_engine_runs_only_the_ucc_family(self):
        job = self.job('[ansatz]\nkind = "hardware-efficient"\n[vqe]\nengine = "determinant"\n')
        self.expect_bad(job, "engine", "determinant engine", "hardware-efficient")

    def test_parameter_shift_needs_the_statevector(self):
        job = self.job('[ansatz]\nkind = "uccsd"\n[vqe]\nengine = "determinant"\n'
                       'gradient = "parameter-shift"\n')
        self.expect_bad(job, "gradient", "parameter-shift", "statevector")

    def test_auto_engine_follows_the_gradient_method(self):
        job = self.job('[ansatz]\nkind = "uccsd"\n[vqe]\ngradient = "parameter-shift"\n[exact]\n',
                       molecule=H2 + '\nbasis = "sto-3g"')
        r = self.run_ok(job)
        self.assertEqual(r["vqe"]["engine"], "statevector")
        self.assertLess(abs(r["vqe"]["energy"] - r["exact"]["energy"]), 1e-6)

    def test_mp2_start_only_for_uccsd_kinds(self):
        job = self.job('[ansatz]\nkind = "kupccgsd"\ninitial = "mp2"\n')
        self.expect_bad(job, "initial", "mp2", "kupccgsd")

    def test_keys_of_another_kind_are_refused(self):
        job = self.job('[ansatz]\nkind = "uccsd"\nlayers = 4\n')
        self.expect_bad(job, "layers", "ansatz.layers", "hardware-efficient", "uccsd")
        job = self.job('[ansatz]\nkind = "uccsd"\nk = 2\n')
        self.expect_bad(job, "k =", "ansatz.k", "kupccgsd")

    def test_two_qubit_reduction_needs_parity(self):
        job = self.job('[hamiltonian]\nmapping = "bravyi-kitaev"\ntwo_qubit_reduction = true\n')
        self.expect_bad(job, "two_qubit_reduction", "parity")

    def test_uhf_orbitals_do_not_feed_correlated_stages(self):
        job = self.job('[scf]\nreference = "uhf"\n[exact]\n')
        self.expect_bad(job, "reference", "RHF or ROHF")

    def test_rhf_needs_a_singlet(self):
        job = self.job('[scf]\nreference = "rhf"\n',
                       molecule=H2 + '\nbasis = "sto-3g"\nmultiplicity = 3')
        self.expect_bad(job, "reference", "rhf", "multiplicity 3")

    def test_active_window_against_the_basis(self):
        job = self.job("[active_space]\nelectrons = 10\norbitals = 5000\n")
        self.expect_bad(job, "orbitals", "5000")
        job = self.job("[active_space]\norbitals = [0, 1, 9999]\n")
        self.expect_bad(job, "orbitals", "9999")

    def test_scan_atoms_exist(self):
        job = self.job("[scan]\nbond = [0, 99]\nfrom = 1.0\nto = 1.5\npoints = 3\n")
        self.expect_bad(job, "bond", "atom 99", "0 to 23")

    def test_vqe_settings_need_an_ansatz(self):
        job = self.job('[optimizer]\nmethod = "cobyla"\n')
        self.expect_bad(job, "method", "[optimizer]", "[ansatz]")

    def test_unknown_names_list_the_choices(self):
        job = self.job('[ansatz]\nkind = "uccsdt"\n')
        self.expect_bad(job, "kind", "uccsdt", "uccsd, singlet-uccsd, kupccgsd, hardware-efficient or adapt")
        job = self.job('[optimizer]\nmethod = "newton"\n[ansatz]\nkind = "uccsd"\n')
        self.expect_bad(job, "method", "newton", "lbfgs")

    def test_memory_is_refused_before_the_scf(self):
        # The whole valence space of caffeine: the exact solver and the statevector are far too
        # large; both are refused before the SCF, with the estimate.
        job = self.job("[exact]\n[active_space]\nelectrons = 40\norbitals = 40\n")
        self.expect_bad(job, None, "exact diagonalization", "--memory")
        job = self.job('[ansatz]\nkind = "hardware-efficient"\n[active_space]\nelectrons = 20\n'
                       'orbitals = 20\n')
        self.expect_bad(job, None, "40-qubit statevector", "--memory")
        job = self.job("", molecule='geometry = "%s"\nbasis = "cc-pvtz"' % CAFFEINE)
        self.expect_bad(job, None, "two-electron integrals", "smaller basis",
                        args=["--memory", "1G"])

    def test_integrals_fall_back_to_the_smaller_layout_under_a_small_memory_limit(self):
        # Glycine/6-31G* (85 functions): its pair matrices (107 MB) do not fit in 80 MB, the
        # shell quartets (at most 52 MB) do; the SCF runs and gives Psi4's energy.
        glycine = os.path.join(SOURCE, "molecules", "glycine.xyz")
        job = self.job("", molecule='geometry = "%s"\nbasis = "6-31g*"' % glycine)
        p = subprocess.run([QMOL, "run", job, "--json", self.json, "--memory", "80MB"],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(self.json) as f:
            r = json.load(f)
        self.assertLess(abs(r["scf"]["energy"] - PSI4["glycine-631gs-rhf"]["energy"]), 1e-8)

    def test_empty_exact_section_enables_the_reference(self):
        job = self.job("[exact]\n", molecule='geometry = "%s"\nbasis = "sto-3g"' % H2_XYZ)
        r = self.run_ok(job)
        self.assertLess(abs(r["exact"]["energy"] - PSI4["h2-sto3g-fci"]["energy"]), 1e-8)


if __name__ == "__main__":
    unittest.main()
