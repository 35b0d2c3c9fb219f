"""Automatic active-space selection through the command line: select = "natural-orbitals" and
"avas" in job files, their JSON/HDF5 report, MP2 against Psi4, the CASCI energy against a dense
diagonalization of the FCIDUMP the `hamiltonian` command writes for the same selection, and every
impossible combination of keys as one line `error: FILE:LINE: ...`, exit 2, no output file.
usage: test_active_selection.py QMOL_EXECUTABLE"""
import csv
import itertools
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
H2O_XYZ = os.path.join(SOURCE, "molecules", "h2o.xyz")
CH2_XYZ = os.path.join(SOURCE, "molecules", "ch2.xyz")
BENZENE_XYZ = os.path.join(SOURCE, "tests", "data", "benzene-planar.xyz")
with open(os.path.join(SOURCE, "tests", "data", "psi4_mp2.json")) as f:
    PSI4_MP2 = json.load(f)


def read_fcidump(path):
    """(core energy, h, (pq|rs) with 8-fold symmetry filled in, n_electrons, 2Sz)."""
    with open(path) as f:
        text = f.read()
    header, body = text.split("&END")
    fields = dict(kv.strip().split("=") for kv in
                  header.replace("&FCI", "").replace("\n", "").split(",") if "=" in kv)
    n = int(fields["NORB"])
    h, eri, core = np.zeros((n, n)), np.zeros((n, n, n, n)), 0.0
    for line in body.split("\n"):
        if not line.strip():
            continue
        v, i, j, k, l = line.split()
        v, i, j, k, l = float(v), int(i) - 1, int(j) - 1, int(k) - 1, int(l) - 1
        if i < 0:
            core = v
        elif k < 0:
            h[i, j] = h[j, i] = v
        else:
            for a, b, c, d in [(i, j, k, l), (j, i, k, l), (i, j, l, k), (j, i, l, k)]:
                eri[a, b, c, d] = eri[c, d, a, b] = v
    return core, h, eri, int(fields["NELEC"]), int(fields["MS2"])


def lowest_eigenvalue(core, h, eri, n_electrons, ms2):
    """Dense FCI: every determinant with the given N and 2Sz (spin orbital 2p + spin), the
    Hamiltonian E0 + sum h_pq E_pq + 1/2 sum (pq|rs) (E_pq E_rs - delta_qr E_ps) from the singlet
    excitation operators E_pq applied to occupation bit strings."""
    n = h.shape[0]
    n_alpha = (n_electrons + ms2) // 2
    states = [s for s in range(1 << (2 * n)) if bin(s).count("1") == n_electrons and
              sum((s >> (2 * p)) & 1 for p in range(n)) == n_alpha]
    index = {s: k for k, s in enumerate(states)}
    dim = len(states)

    def excitation(p, q):
        e = np.zeros((dim, dim))
        for s in states:
            for spin in (0, 1):
                a, c = 2 * q + spin, 2 * p + spin
                if not (s >> a) & 1:
                    continue
                sign = (-1) ** bin(s & ((1 << a) - 1)).count("1")
                t = s ^ (1 << a)
                if (t >> c) & 1:
                    continue
                sign *= (-1) ** bin(t & ((1 << c) - 1)).count("1")
                e[index[t | (1 << c)], index[s]] += sign
        return e

    E = [[excitation(p, q) for q in range(n)] for p in range(n)]
    H = core * np.eye(dim)
    for p, q in itertools.product(range(n), repeat=2):
        H += h[p, q] * E[p][q]
        for r, s in itertools.product(range(n), repeat=2):
            H += 0.5 * eri[p, q, r, s] * (E[p][q] @ E[r][s] - (q == r) * E[p][s])
    return np.linalg.eigvalsh(H)[0]


class ActiveSelection(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-select-")
        self.json = os.path.join(self.dir, "out.json")

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def job(self, active, xyz=H2O_XYZ, basis="sto-3g", extra="", molecule=""):
        return self.write("job.toml", '[molecule]\ngeometry = "%s"\nbasis = "%s"\n%s\n'
                          '[scf]\nconvergence = 1e-11\n\n[active_space]\n%s\n%s'
                          % (xyz, basis, molecule, active, extra))

    def line_of(self, job, start):
        """The line number of the first line of `job` that starts with `start`."""
        with open(job) as f:
            return next(k + 1 for k, line in enumerate(f) if line.startswith(start))

    def run_json(self, job, *args):
        p = subprocess.run([QMOL, "run", job, "--json", self.json, "--force", *args],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr + p.stdout)
        with open(self.json) as f:
            return json.load(f), p.stdout

    def expect_bad(self, job, *fragments):
        p = subprocess.run([QMOL, "run", job, "--json", self.json], capture_output=True, text=True)
        lines = p.stderr.strip().splitlines()
        self.assertEqual(p.returncode, 2, p.stderr + p.stdout)
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertTrue(lines[0].startswith("error: "), lines[0])
        for f in fragments:
            self.assertIn(f, lines[0])
        self.assertFalse(os.path.exists(self.json), "an output file was written")
        return lines[0]

    # --- natural orbitals --------------------------------------------------------------------

    def test_mp2_matches_psi4_and_is_reported(self):
        for name, frozen in (("h2o-631g", "false"), ("h2o-631g-fc", "true")):
            ref = PSI4_MP2[name]
            job = self.job('select = "natural-orbitals"\nfrozen_core = %s\n' % frozen,
                           basis="6-31g")
            h5 = os.path.join(self.dir, "out-%s.h5" % name)
            out, log = self.run_json(job, "--hdf5", h5)
            self.assertAlmostEqual(out["mp2"]["energy"], ref["mp2_energy"], delta=1e-8)
            self.assertAlmostEqual(out["mp2"]["correlation_energy"],
                                   ref["mp2_correlation_energy"], delta=1e-8)
            sel = out["active_space"]["selection"]
            self.assertEqual(sel["method"], "natural-orbitals")
            self.assertEqual(sel["n_orbitals"], len(sel["orbitals"]))
            self.assertEqual(len(sel["occupations"]), sel["n_orbitals"])
            self.assertTrue(all(0.02 <= n <= 1.98 for n in sel["occupations"]))
            self.assertEqual(sel["n_electrons"], out["active_space"]["n_electrons"])
            self.assertIn("MP2", log)
            self.assertIn("active-space selection (natural-orbitals)", log)
            with h5py.File(h5, "r") as f:
                self.assertAlmostEqual(f["mp2/energy"][()], ref["mp2_energy"], delta=1e-8)
                self.assertAlmostEqual(f["mp2/correlation_energy"][()],
                                       ref["mp2_correlation_energy"], delta=1e-8)
                s = f["active_space/selection"]
                self.assertEqual(s["method"][()].decode(), "natural-orbitals")
                self.assertEqual(list(s["orbitals"][()]), sel["orbitals"])
                np.testing.assert_allclose(s["occupations"][()], sel["occupations"], atol=1e-14)

    def test_full_natural_orbital_space_gives_the_fci_energy(self):
        # FCI is invariant under orbital rotations: every natural orbital active (above the
        # frozen core) must give the frozen-core FCI of the canonical orbitals.
        window, _ = self.run_json(self.job("frozen_core = true\n", extra="[exact]\n"))
        no, _ = self.run_json(self.job('select = "natural-orbitals"\nfrozen_core = true\n'
                                       'min_occupation = 1e-7\n', extra="[exact]\n"))
        self.assertEqual(no["active_space"]["n_orbitals"], window["active_space"]["n_orbitals"])
        self.assertAlmostEqual(no["exact"]["energy"], window["exact"]["energy"], delta=1e-9)

    def test_max_orbitals_trims_and_says_so(self):
        out, log = self.run_json(self.job('select = "natural-orbitals"\nmax_orbitals = 3\n'
                                          'min_occupation = 0.005\n'))
        sel = out["active_space"]["selection"]
        self.assertEqual(sel["n_orbitals"], 3)
        self.assertIn("max_orbitals = 3", sel["note"])
        self.assertIn("max_orbitals = 3", log)

    # --- AVAS ----------------------------------------------------------------------------------

    def test_avas_benzene_pi_space(self):
        out, _ = self.run_json(self.job('select = "avas"\navas_orbitals = ["C 2pz"]\n',
                                        xyz=BENZENE_XYZ))
        sel = out["active_space"]["selection"]
        self.assertEqual((sel["method"], sel["n_orbitals"], sel["n_electrons"]), ("avas", 6, 6))
        self.assertEqual(len(sel["overlaps"]), 6)
        self.assertTrue(all(v > 0.2 for v in sel["overlaps"]))

    # --- CASCI against the FCIDUMP of the same selection ---------------------------------------

    def check_casci_against_fcidump(self, job):
        out, _ = self.run_json(job)
        dump = os.path.join(self.dir, "space.fcidump")
        p = subprocess.run([QMOL, "hamiltonian", job, "--fcidump", dump], capture_output=True,
                           text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        core, h, eri, n_electrons, ms2 = read_fcidump(dump)
        self.assertEqual(h.shape[0], out["active_space"]["n_orbitals"])
        self.assertEqual(n_electrons, out["active_space"]["n_electrons"])
        self.assertAlmostEqual(core, out["active_space"]["core_energy"], delta=1e-10)
        dense = lowest_eigenvalue(core, h, eri, n_electrons, ms2)
        self.assertAlmostEqual(out["exact"]["energy"], dense, delta=1e-9)

    def test_casci_of_natural_orbitals_matches_its_fcidump(self):
        self.check_casci_against_fcidump(self.job(
            'select = "natural-orbitals"\nfrozen_core = true\nmax_orbitals = 4\n',
            basis="6-31g", extra="[exact]\n"))

    def test_casci_of_avas_matches_its_fcidump(self):
        self.check_casci_against_fcidump(self.job(
            'select = "avas"\navas_orbitals = ["C 2pz"]\nmax_orbitals = 4\n', xyz=BENZENE_XYZ,
            extra="[exact]\n"))

    # --- bad input -----------------------------------------------------------------------------

    def test_bad_keys(self):
        # (the [active_space] keys, the key the error must name, what it must say)
        cases = [
            ('select = "avas"\n', "select", "avas_orbitals"),
            ('select = "nonsense"\n', "select", "natural-orbitals"),
            ('select = "natural-orbitals"\norbitals = [1, 2]\n', "orbitals", "cannot be combined"),
            ('select = "natural-orbitals"\navas_orbitals = ["O 2p"]\n', "avas_orbitals",
             "applies to select"),
            ('select = "natural-orbitals"\nmin_occupation = 1.5\n', "min_occupation",
             "between 0 and 1"),
            ('select = "natural-orbitals"\nmin_occupation = 0\n', "min_occupation",
             "between 0 and 1"),
            ('select = "avas"\navas_orbitals = ["O 2p"]\nmin_occupation = 0.1\n',
             "min_occupation", "applies to select"),
            ('avas_threshold = 0.5\n', "avas_threshold", "applies to select"),
            ('select = "natural-orbitals"\nelectrons = 4\n', "electrons", "both"),
            ('select = "avas"\navas_orbitals = ["Xx 2p"]\n', "avas_orbitals", "unknown element"),
            ('select = "avas"\navas_orbitals = ["O 2q"]\n', "avas_orbitals", "shell"),
            ('select = "avas"\navas_orbitals = ["O 2pw"]\n', "avas_orbitals", "component"),
            ('select = "avas"\navas_orbitals = ["C 2p"]\n', "avas_orbitals", "no C atom"),
            ('select = "avas"\navas_orbitals = ["O 2p"]\nmax_orbitals = 0\n', "max_orbitals",
             "max_orbitals"),
            # found out after the SCF: still placed at the key to change
            ('select = "avas"\navas_orbitals = ["O 3d"]\n', "avas_orbitals", "no such shell"),
            ('select = "natural-orbitals"\nmin_occupation = 0.9\n', "min_occupation",
             "lower min_occupation"),
        ]
        for active, key, fragment in cases:
            with self.subTest(active=active):
                job = self.job(active)
                self.expect_bad(job, "%s:%d:" % (job, self.line_of(job, key)), fragment)

    def test_open_shells(self):
        # CH2 triplet: ROHF orbitals. MP2 natural orbitals need RHF.
        job = self.job('select = "natural-orbitals"\n', xyz=CH2_XYZ, molecule="multiplicity = 3")
        self.expect_bad(job, "%s:%d:" % (job, self.line_of(job, "select")), "RHF")
        # AVAS keeps the two open shells active: 3 electrons cannot pair the rest
        job = self.job('select = "avas"\navas_orbitals = ["C 2p"]\nelectrons = 3\norbitals = 4\n',
                       xyz=CH2_XYZ, molecule="multiplicity = 3")
        self.expect_bad(job, "%s:%d:" % (job, self.line_of(job, "electrons")), "open-shell")
        # ... and max_orbitals must hold them
        job = self.job('select = "avas"\navas_orbitals = ["C 2p"]\nmax_orbitals = 1\n',
                       xyz=CH2_XYZ, molecule="multiplicity = 3")
        self.expect_bad(job, "%s:%d:" % (job, self.line_of(job, "max_orbitals")),
                        "singly occupied")
        # a valid open-shell AVAS space: the two open shells stay active, 2Sz = 2
        job = self.job('select = "avas"\navas_orbitals = ["C 2p"]\n', xyz=CH2_XYZ,
                       molecule="multiplicity = 3", extra="[exact]\n")
        out, _ = self.run_json(job)
        a = out["active_space"]
        self.assertEqual(a["n_electrons"] % 2, 0)
        self.assertGreaterEqual(a["n_orbitals"], 3)
        self.assertAlmostEqual(out["exact"]["s_squared"], 2.0, delta=1e-6)

    def test_screening_turns_a_failed_selection_into_a_failed_molecule(self):
        # Water has no O 3d in STO-3G (found after its SCF); benzene has C 2pz: only water fails.
        settings = self.write("settings.toml", '[molecule]\nbasis = "sto-3g"\n\n[active_space]\n'
                              'select = "avas"\navas_orbitals = ["C 2pz"]\n')
        water = self.write("water.toml", '[molecule]\ngeometry = "%s"\n\n[active_space]\n'
                           'select = "avas"\navas_orbitals = ["O 3d"]\n' % H2O_XYZ)
        out = os.path.join(self.dir, "screen")
        p = subprocess.run([QMOL, "screen", water, BENZENE_XYZ, "--settings", settings, "--out",
                            out], capture_output=True, text=True)
        self.assertEqual(p.returncode, 1, p.stderr + p.stdout)
        with open(os.path.join(out, "summary.csv"), newline="") as f:
            rows = {r["input"]: r for r in csv.DictReader(f)}
        self.assertEqual(rows["water"]["status"], "failed")
        self.assertIn("no such shell", rows["water"]["message"])
        self.assertEqual(rows["benzene-planar"]["status"], "ok")


if __name__ == "__main__":
    unittest.main()
