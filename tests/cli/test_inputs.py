"""Inputs through the command line: the input kind from the extension (any case), XYZ details
(byte order mark, extra lines, frames, charge= and multiplicity= on the comment line, a doublet
for an odd electron count), `hamiltonian` on .xyz, `--output -` and `--json -`, the exit codes of
every command, and screening's precedence (a molecule's job over the settings file) with errors
placed in the file each key came from. References: tests/data/psi4_references.json (Psi4).
usage: test_inputs.py QMOL_EXECUTABLE"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unittest

import h5py

QMOL = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol")
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
MOLECULES = os.path.join(SOURCE, "molecules")
REFS = json.load(open(os.path.join(SOURCE, "tests", "data", "psi4_references.json")))
H2_STO3G = REFS["h2-sto3g-rhf"]["scf_energy"]
H2_631G = REFS["h2-631g-rhf"]["scf_energy"]
H_ATOM_STO3G = -0.4665818495  # the STO-3G hydrogen atom (one 1s function), textbook value
H2 = "2\n%s\nH 0 0 0\nH 0 0 0.735\n"  # molecules/h2.xyz's geometry; %s = the comment line
TERM = re.compile(r"^(\S+) \[[XYZ0-9 ]*\]$")  # a line of the openfermion format


class Inputs(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-inputs-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text, mode="w"):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, mode) as f:
            f.write(text)
        return path

    def qmol(self, *args, code=0):
        p = subprocess.run([QMOL, *args], capture_output=True, text=True, cwd=self.dir)
        self.assertEqual(p.returncode, code, "qmol %s\n%s%s" % (" ".join(args), p.stderr,
                                                               p.stdout[-2000:]))
        return p

    def summary(self, *args, code=0):
        """`qmol run ... --json -`: the JSON summary from stdout, and the process."""
        p = self.qmol("run", *args, "--json", "-", code=code)
        return json.loads(p.stdout), p

    def error(self, *args, code=2):
        """The one `error: ...` line of a command that fails with `code`."""
        p = self.qmol(*args, code=code)
        lines = [l for l in p.stderr.splitlines() if l.startswith("error: ")]
        self.assertEqual(len(lines), 1, p.stderr)
        return lines[0]

    # -- the input kind ---------------------------------------------------------------------

    def test_extension_case_does_not_matter(self):
        xyz = self.write("H2.XYZ", H2 % "")
        res, _ = self.summary(xyz)
        self.assertAlmostEqual(res["scf"]["energy"], H2_STO3G, delta=1e-8)
        job = self.write("Job.Toml", '[molecule]\ngeometry = "H2.XYZ"\nbasis = "6-31g"\n')
        res, _ = self.summary(job)
        self.assertAlmostEqual(res["scf"]["energy"], H2_631G, delta=1e-8)

    def test_unknown_extension_missing_file_directory(self):
        foo = self.write("h2.foo", "[molecule]\n")
        for command in (["run"], ["hamiltonian"]):
            line = self.error(*command, foo)
            self.assertIn("h2.foo: unknown input type '.foo' (expected .toml, .xyz, .smi, .smiles, .sdf, .sd, .mol, .mol2 or .pdb)", line)
            self.assertIn("no such file", self.error(*command, self.path("absent.xyz")))
            self.assertIn("is a directory", self.error(*command, self.dir))
        self.assertIn("unknown input type", self.error("run", self.write("h2", H2 % "")))

    # -- XYZ files ---------------------------------------------------------------------------

    def test_byte_order_mark(self):
        xyz = self.write("bom.xyz", ("\ufeff" + H2 % "H2").encode("utf-8"), mode="wb")
        res, _ = self.summary(xyz)
        self.assertAlmostEqual(res["scf"]["energy"], H2_STO3G, delta=1e-8)

    def test_lines_beyond_the_atom_count(self):
        xyz = self.write("three.xyz", H2 % "" + "H 0 0 3.0\n")
        line = self.error("run", xyz)
        self.assertIn("three.xyz:5: declares 2 atoms, has 3", line)
        # Blank lines at the end are fine.
        res, _ = self.summary(self.write("blank.xyz", H2 % "" + "\n  \n"))
        self.assertAlmostEqual(res["scf"]["energy"], H2_STO3G, delta=1e-8)

    def test_several_frames_point_to_scan(self):
        frames = self.write("frames.xyz", H2 % "first" + H2 % "second")
        line = self.error("run", frames)
        self.assertIn("frames.xyz:5:", line)
        self.assertIn("qmol scan", line)
        self.assertIn("[scan] geometries", line)
        # ...which reads them.
        job = self.write("scan.toml", '[molecule]\natoms = "H 0 0 0\\nH 0 0 0.735"\n\n'
                                      '[scan]\ngeometries = "frames.xyz"\n')
        p = self.qmol("scan", job, "--out", self.path("out"), "--quiet")
        with open(self.path("out/scan.csv")) as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 2)
        self.assertAlmostEqual(float(rows[0]["hf_energy"]), H2_STO3G, delta=1e-8)

    def test_comment_line_sets_charge_and_multiplicity(self):
        cation = self.write("h2plus.xyz", H2 % "H2+ charge=1 multiplicity=2")
        res, _ = self.summary(cation)
        m = res["molecule"]
        self.assertEqual((m["charge"], m["multiplicity"], m["n_electrons"]), (1, 2, 1))
        # Explicit options win over the comment line: the neutral molecule, a singlet...
        res, _ = self.summary(cation, "--charge", "0", "--multiplicity", "1")
        self.assertAlmostEqual(res["scf"]["energy"], H2_STO3G, delta=1e-8)
        # ...and with --charge alone the comment's doublet is impossible, placed on its line.
        line = self.error("run", cation, "--charge", "0")
        self.assertIn("h2plus.xyz:2: multiplicity 2 is impossible with 2 electrons", line)
        # A job's [molecule] wins too.
        job = self.write("job.toml", '[molecule]\ngeometry = "h2plus.xyz"\ncharge = 0\n'
                                     'multiplicity = 1\n')
        res, _ = self.summary(job)
        self.assertAlmostEqual(res["scf"]["energy"], H2_STO3G, delta=1e-8)
        line = self.error("run", self.write("bad.xyz", H2 % "charge=+x"))
        self.assertIn("bad.xyz:2: charge: '+x' is not an integer", line)

    def test_odd_electron_count_is_a_doublet(self):
        atom = self.write("h.xyz", "1\nhydrogen atom\nH 0 0 0\n")
        res, p = self.summary(atom)
        self.assertEqual(res["molecule"]["multiplicity"], 2)
        self.assertAlmostEqual(res["scf"]["energy"], H_ATOM_STO3G, delta=1e-8)
        self.assertIn("note: ", p.stderr)
        self.assertIn("odd electron count (1): multiplicity 2 (doublet)", p.stderr)
        self.assertIn("--multiplicity", p.stderr)
        self.assertFalse([l for l in p.stderr.splitlines() if l.startswith("error")], p.stderr)
        # The same from a job's [molecule]; --multiplicity 2 says it, so no note.
        job = self.write("h.toml", '[molecule]\natoms = "H 0 0 0"\n')
        res, p = self.summary(job)
        self.assertEqual(res["molecule"]["multiplicity"], 2)
        self.assertIn("h.toml:1: odd electron count (1)", p.stderr)
        _, p = self.summary(atom, "--multiplicity", "2")
        self.assertNotIn("note:", p.stderr)
        p = self.qmol("run", atom, "--charge", "2", code=2)  # an error, and no note before it
        self.assertEqual(p.stderr.splitlines(), ["error: %s: charge 2 leaves -1 electrons" % atom])
        # An even count stays a singlet, without a note; an impossible one is an error.
        res, p = self.summary(self.write("h2.xyz", H2 % ""))
        self.assertEqual(res["molecule"]["multiplicity"], 1)
        self.assertNotIn("note:", p.stderr)
        job = self.write("h2-doublet.toml", '[molecule]\ngeometry = "h2.xyz"\nmultiplicity = 2\n')
        self.assertIn("h2-doublet.toml:3: multiplicity 2 is impossible",
                      self.error("run", job))

    # -- hamiltonian on .xyz, --output - and --json - ---------------------------------------

    def test_hamiltonian_of_an_xyz(self):
        xyz = self.write("h2.xyz", H2 % "")
        # 6-31G: two functions per H, 8 spin orbitals.
        p = self.qmol("hamiltonian", xyz, "--basis", "6-31g", "--quiet")
        self.assertIn("qubits 8", p.stdout)
        p = self.qmol("hamiltonian", self.write("h.xyz", "1\n\nH 0 0 0\n"), "--charge", "-1",
                      "--quiet")
        self.assertIn("qubits 2", p.stdout)
        self.assertNotIn("note:", p.stderr)  # H-: two electrons, a singlet
        job = self.write("job.toml", '[molecule]\ngeometry = "h2.xyz"\n')
        self.assertIn("apply to .xyz and structure input", self.error("hamiltonian", job, "--basis", "6-31g"))

    def test_hamiltonian_to_stdout(self):
        xyz = self.write("h2.xyz", H2 % "")
        p = self.qmol("hamiltonian", xyz, "--output", "-")
        lines = p.stdout.splitlines()
        self.assertEqual(len(lines), 15)  # H2/STO-3G under Jordan-Wigner: 15 Pauli terms
        for line in lines:
            self.assertRegex(line, TERM)
        self.assertIn("qubits 4", p.stderr)  # the report and the counts on stderr
        self.assertIn("Hartree-Fock", p.stderr)
        p = self.qmol("hamiltonian", xyz, "--output", "-", "--format", "json", "--quiet")
        data = json.loads(p.stdout)
        self.assertEqual(data["n_qubits"], 4)
        self.assertEqual(len(data["terms"]), 15)
        self.assertFalse(os.path.exists(self.path("-")))
        self.assertIn('--format: unknown format "yaml" (expected openfermion or json)',
                      self.error("hamiltonian", xyz, "--output", "-", "--format", "yaml"))

    def test_json_to_stdout(self):
        res, p = self.summary(self.write("h2.xyz", H2 % ""))
        self.assertAlmostEqual(res["scf"]["energy"], H2_STO3G, delta=1e-8)
        self.assertIn("Hartree-Fock", p.stderr)  # the report went to stderr
        res, p = self.summary(self.path("h2.xyz"), "--quiet")
        self.assertEqual(res["molecule"]["formula"], "H2")
        self.assertFalse(os.path.exists(self.path("-")))
        self.assertIn("stdout", self.error("run", self.path("h2.xyz"), "--hdf5", "-"))

    # -- exit codes ---------------------------------------------------------------------------

    def test_exit_codes_run_and_hamiltonian(self):
        xyz = self.write("h2.xyz", H2 % "")
        unconverged = self.write("slow.toml", '[molecule]\ngeometry = "h2.xyz"\n\n[scf]\n'
                                              'max_iterations = 1\n')
        big = self.write("big.toml", '[molecule]\ngeometry = "%s"\n\n[exact]\n'
                         % os.path.join(MOLECULES, "h2o.xyz"))
        self.write("exists.txt", "")
        for command, output in (("run", "--json"), ("hamiltonian", "--output")):
            self.qmol(command, xyz, code=0)
            self.error(command, unconverged, code=1)  # an SCF that does not converge
            self.assertIn("memory", self.error(command, big, "--memory", "1K"))
            self.assertIn("physical memory", self.error(command, xyz, "--memory", "1000000T"))
            self.assertIn("--force", self.error(command, xyz, output, "exists.txt"))
            self.qmol(command, xyz, "--no-such-option", code=2)

    def test_exit_codes_scan(self):
        job = '[molecule]\natoms = "H 0 0 0\\nH 0 0 0.735"\n%s\n[scan]\nbond = [0, 1]\n' \
              'from = 0.7\nto = 0.8\npoints = 2\n'
        ok = self.write("scan.toml", job % "")
        self.qmol("scan", ok, "--out", self.path("ok"), "--quiet")
        failing = self.write("fail.toml", job % "\n[scf]\nmax_iterations = 1\n")
        self.qmol("scan", failing, "--out", self.path("fail"), "--quiet", code=1)
        bad = self.write("bad.toml", job % "\n[scf]\nmax_iteration = 1\n")
        self.assertIn("bad.toml:5: unknown key", self.error("scan", bad, "--out",
                                                            self.path("bad")))
        self.error("scan", ok, "--out", self.path("ok2"), "--memory", "1000000T")
        self.qmol("scan", ok, code=2)  # --out is required

    def test_exit_codes_screen(self):
        settings = self.write("settings.toml", '[molecule]\nbasis = "sto-3g"\n')
        good = self.write("lib/h2.xyz", H2 % "")
        self.qmol("screen", good, "--settings", settings, "--out", self.path("a"), "--quiet")
        broken = self.write("lib/broken.xyz", "2\n\nH 0 0 0\n")
        self.qmol("screen", good, broken, "--settings", settings, "--out", self.path("b"),
                  "--quiet", code=1)
        os.makedirs(self.path("empty"))
        self.assertIn("no molecules to screen", self.error(
            "screen", self.path("empty"), "--settings", settings, "--out", self.path("c")))
        self.assertFalse(os.path.exists(self.path("c")))
        self.assertIn("--jobs: must be at least 1", self.error(
            "screen", good, "--settings", settings, "--out", self.path("d"), "--jobs", "0"))
        self.error("screen", good, "--settings", settings, "--out", self.path("d"), "--memory",
                   "1000000T")
        self.qmol("screen", good, "--out", self.path("d"), code=2)  # --settings is required

    # -- screening: the molecule's job over the settings ------------------------------------

    def test_screen_precedence(self):
        settings = self.write("settings.toml", '[molecule]\nbasis = "sto-3g"\n\n'
                                               '[scf]\nmax_iterations = 60\n\n[exact]\n')
        self.write("lib/h2.xyz", H2 % "")
        self.write("lib/h.xyz", "1\n\nH 0 0 0\n")
        own = self.write("lib/own.toml", '[molecule]\ngeometry = "h2.xyz"\nbasis = "6-31g"\n\n'
                                         '[scf]\nreference = "rohf"\n')
        out = self.path("out")
        self.qmol("screen", self.path("lib"), "--settings", settings, "--out", out, "--quiet")
        with open(os.path.join(out, "summary.csv")) as f:
            rows = {r["input"]: r for r in csv.DictReader(f)}
        # The job file keeps its basis (6-31G: 8 qubits) and gains the settings' [exact].
        self.assertEqual(rows["own"]["n_qubits"], "8")
        self.assertAlmostEqual(float(rows["own"]["hf_energy"]), H2_631G, delta=1e-8)
        self.assertAlmostEqual(float(rows["own"]["exact_energy"]),
                               REFS["h2-631g-fci"]["energy"], delta=1e-8)
        self.assertEqual(rows["h2"]["n_qubits"], "4")
        # An odd electron count: a doublet, and the note in the molecule's message.
        self.assertEqual(rows["h"]["status"], "ok", rows["h"])
        self.assertAlmostEqual(float(rows["h"]["hf_energy"]), H_ATOM_STO3G, delta=1e-8)
        self.assertIn("odd electron count (1): multiplicity 2 (doublet)", rows["h"]["message"])
        self.assertAlmostEqual(float(rows["h2"]["hf_energy"]), H2_STO3G, delta=1e-8)
        with h5py.File(os.path.join(out, "own.h5"), "r") as f:
            text = f["job_text"][()]
        merged = tomllib.loads(text.decode() if isinstance(text, bytes) else text)
        self.assertEqual(merged["molecule"]["basis"], "6-31g")
        self.assertEqual(merged["scf"], {"reference": "rohf", "max_iterations": 60})
        self.assertIn("exact", merged)

    def test_screen_errors_name_the_file_of_the_key(self):
        settings = self.write("settings.toml", '[molecule]\nmultiplicity = 4\n')
        self.write("h2.xyz", H2 % "")
        mine = self.write("mine.toml", '[molecule]\ngeometry = "h2.xyz"\nmultiplicity = 1\n\n'
                                       '[scf]\nmax_iteration = 5\n')
        theirs = self.write("theirs.toml", '[molecule]\ngeometry = "h2.xyz"\n')
        ok = self.write("ok.toml", '[molecule]\ngeometry = "h2.xyz"\nmultiplicity = 1\n')
        listing = self.write("list.csv", "file,charge,multiplicity\n"
                                         "h2plus.xyz,,\nh2plus.xyz,-1,2\n")
        self.write("h2plus.xyz", H2 % "charge=1 multiplicity=2")
        out = self.path("out")
        self.qmol("screen", mine, theirs, ok, listing, "--settings", settings, "--out", out,
                  "--quiet", code=1)
        with open(os.path.join(out, "summary.csv")) as f:
            rows = {r["input"]: r for r in csv.DictReader(f)}
        self.assertIn("mine.toml:6: unknown key 'max_iteration'", rows["mine"]["message"])
        self.assertIn("settings.toml:2: multiplicity 4 is impossible with 2 electrons",
                      rows["theirs"]["message"])
        self.assertEqual(rows["ok"]["status"], "ok", rows["ok"])
        # The settings' multiplicity fills what the XYZ leaves unset, before its comment line
        # (H2+ as a quartet: impossible), and the CSV columns win over both: H2-, a doublet.
        self.assertIn("settings.toml:2: multiplicity 4 is impossible with 1 electrons",
                      rows["h2plus"]["message"])
        self.assertEqual(rows["h2plus-2"]["status"], "ok", rows["h2plus-2"])
        self.assertEqual(rows["h2plus-2"]["n_electrons"], "3")


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
