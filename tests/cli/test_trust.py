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
# Psi4 detci references of the job's spin (tests/data/README.md says how they were made).
with open(os.path.join(SOURCE, "tests", "data", "psi4_spin_references.json")) as f:
    SPIN_REFS = json.load(f)
# Psi4 SCF energies with stability analysis (tests/data/psi4_stability.py).
with open(os.path.join(SOURCE, "tests", "data", "psi4_stability.json")) as f:
    STABILITY_REFS = json.load(f)
H2_STRETCHED = """[molecule]
geometry = "%s"
basis = "cc-pvdz"
[scf]
""" % os.path.join(SOURCE, "tests", "data", "h2-3.0.xyz")

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
        if code != 0:
            return None, p
        with open(out) as f:
            return json.load(f), p

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

    def spin_job(self, case, exact):
        c = SPIN_REFS[case]
        text = ('[molecule]\ngeometry = "%s"\ncharge = %d\nmultiplicity = %d\nbasis = "%s"\n'
                '[scf]\nreference = "%s"\n' % (os.path.join(MOLECULES, c["xyz"]), c["charge"],
                                              c["multiplicity"], c["basis"], c["reference"]))
        if c.get("active"):  # the CAS window: all electrons but the frozen ones' in `active`
            text += "[active_space]\norbitals = [%s]\n" % ", ".join(
                str(c["frozen_docc"] + k) for k in range(c["active"]))
        return text + "[exact]\n" + exact

    def test_exact_state_has_the_job_spin(self):
        c = SPIN_REFS["ch2-sto3g-cas44-singlet"]
        r, _ = self.run_job(self.spin_job("ch2-sto3g-cas44-singlet", "roots = 3\n") +
                            '[ansatz]\nkind = "uccsd"\n')
        e = r["exact"]
        self.assertAlmostEqual(e["energy"], c["energy"], delta=1e-8)
        self.assertEqual(len(e["energies"]), 3)
        for got, want in zip(e["energies"], c["energies"]):
            self.assertAlmostEqual(got, want, delta=1e-8)
        for root in e["roots"]:
            self.assertAlmostEqual(root["s_squared"], 0.0, delta=1e-8)
        self.assertAlmostEqual(e["s_squared"], 0.0, delta=1e-8)
        # The error is measured against the singlet: UCCSD misses it by well under 1 mEh.
        self.assertAlmostEqual(r["vqe"]["s_squared"], 0.0, delta=1e-6)
        self.assertLess(r["vqe"]["error_mEh"], 0.5)
        self.assertGreater(r["vqe"]["error_mEh"], -1e-6)

    def test_spin_any_keeps_the_lowest_state_of_the_sector(self):
        r, _ = self.run_job(self.spin_job("ch2-sto3g-cas44-singlet", 'spin = "any"\n'))
        e = r["exact"]
        # The triplet lies 68 mEh below the singlet in this window.
        self.assertLess(e["energy"], SPIN_REFS["ch2-sto3g-cas44-singlet"]["energy"] - 0.06)
        self.assertAlmostEqual(e["s_squared"], 2.0, delta=1e-6)

    def test_singlet_and_triplet_o2(self):
        for case in ("o2-sto3g-fci-singlet", "o2-sto3g-fci-triplet"):
            r, _ = self.run_job(self.spin_job(case, ""))
            s = (SPIN_REFS[case]["multiplicity"] - 1) / 2
            self.assertAlmostEqual(r["exact"]["energy"], SPIN_REFS[case]["energy"], delta=1e-8)
            self.assertAlmostEqual(r["exact"]["s_squared"], s * (s + 1), delta=1e-6)

    def test_bad_exact_keys(self):
        _, p = self.run_job(LIH_CAS + 'spin = "singlet"\n', code=2)
        self.assertRegex(p.stderr, r"^error: .*job.toml:\d+: .*spin \"singlet\".*any")
        _, p = self.run_job(LIH_CAS + "roots = 0\n", code=2)
        self.assertIn("roots", p.stderr)
        for bad in ("0", "-1e-6", "1.5"):
            _, p = self.run_job(LIH_CAS + "tolerance = %s\n" % bad, code=2)
            self.assertRegex(p.stderr, r"^error: .*job.toml:\d+: exact.tolerance = ")

    def test_looser_exact_tolerance_keeps_the_energy(self):
        # Singlet O2/STO-3G FCI (Davidson): a residual of 1e-6 still gives Psi4's energy to 1e-8
        # Eh (the error is about the residual squared over the gap), in fewer iterations.
        case = "o2-sto3g-fci-singlet"
        tight, _ = self.run_job(self.spin_job(case, ""))
        loose, _ = self.run_job(self.spin_job(case, "tolerance = 1e-6\n"))
        self.assertEqual(tight["exact"]["method"], "davidson")
        for r in (tight, loose):
            self.assertAlmostEqual(r["exact"]["energy"], SPIN_REFS[case]["energy"], delta=1e-8)
        self.assertLess(loose["exact"]["iterations"], tight["exact"]["iterations"])

    def test_stability_follow_reaches_the_broken_symmetry_solution(self):
        r, p = self.run_job(H2_STRETCHED + 'reference = "uhf"\nstability = "follow"\n')
        self.assertAlmostEqual(r["scf"]["energy"],
                               STABILITY_REFS["h2-3.0-ccpvdz-uhf-follow"]["energy"], delta=1e-8)
        st = r["scf"]["stability"]
        self.assertTrue(st["stable"])
        self.assertGreaterEqual(st["followed"], 1)
        self.assertAlmostEqual(st["lowest_eigenvalue"],
                               STABILITY_REFS["h2-3.0-ccpvdz-uhf-follow"]["lowest_eigenvalue"],
                               delta=1e-6)
        # One line per SCF iteration in the log.
        self.assertGreaterEqual(len([l for l in p.stdout.splitlines() if "after instability" in l]), 3)

    def test_guess_mix_and_default_check(self):
        r, _ = self.run_job(H2_STRETCHED + 'reference = "uhf"\nguess_mix = true\n')
        self.assertAlmostEqual(r["scf"]["energy"],
                               STABILITY_REFS["h2-3.0-ccpvdz-uhf-guess-mix"]["energy"], delta=1e-8)
        # Without either, the default check finds the restricted saddle point and says so.
        r, p = self.run_job(H2_STRETCHED + 'reference = "uhf"\n')
        self.assertAlmostEqual(r["scf"]["energy"],
                               STABILITY_REFS["h2-3.0-ccpvdz-uhf-check"]["energy"], delta=1e-8)
        self.assertFalse(r["scf"]["stability"]["stable"])
        self.assertAlmostEqual(r["scf"]["stability"]["lowest_eigenvalue"],
                               STABILITY_REFS["h2-3.0-ccpvdz-uhf-check"]["lowest_eigenvalue"],
                               delta=1e-6)
        self.assertTrue(r["scf"]["warnings"])
        self.assertIn("warning:", p.stdout)

    def test_guess_read_starts_from_an_earlier_result(self):
        h5 = os.path.join(self.dir, "first.h5")
        first, _ = self.run_job(H2_STRETCHED + 'reference = "uhf"\nguess_mix = true\n',
                                "--hdf5", h5)
        again, _ = self.run_job(H2_STRETCHED + 'reference = "uhf"\nguess = "read"\n'
                                'guess_file = "%s"\n' % h5)
        self.assertAlmostEqual(again["scf"]["energy"], first["scf"]["energy"], delta=1e-9)
        self.assertLessEqual(again["scf"]["iterations"], 3)
        _, p = self.run_job(H2_STRETCHED + 'guess = "read"\nguess_file = "missing.h5"\n', code=2)
        self.assertRegex(p.stderr, r"^error: .*job.toml:\d+: .*guess_file")

    def test_multiplicity_above_the_electron_count(self):
        p = subprocess.run([QMOL, "run", os.path.join(MOLECULES, "h2.xyz"), "--multiplicity", "5"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn("2 electrons allow a multiplicity of at most 3", p.stderr)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)


if __name__ == "__main__":
    unittest.main()
