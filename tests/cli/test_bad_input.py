"""Every kind of bad input, through the qmol command line: one line `error: FILE:LINE: ...` on
stderr, exit code 2, and no output file. usage: test_bad_input.py QMOL_EXECUTABLE"""
import os
import subprocess
import sys
import tempfile
import unittest

QMOL = sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol"
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
H2O_XYZ = os.path.join(SOURCE, "molecules", "h2o.xyz")


class BadInput(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-bad-")
        self.json = os.path.join(self.dir, "out.json")

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def job(self, molecule='geometry = "%s"' % H2O_XYZ, extra=""):
        return self.write("job.toml", "[molecule]\n%s\nbasis = \"sto-3g\"\n%s" % (molecule, extra))

    def expect_bad(self, args, *fragments, code=2):
        p = subprocess.run([QMOL] + args + ["--json", self.json], capture_output=True, text=True)
        lines = p.stderr.strip().splitlines()
        self.assertEqual(p.returncode, code, p.stderr + p.stdout)
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertTrue(lines[0].startswith("error: "), lines[0])
        for f in fragments:
            self.assertIn(f, lines[0])
        self.assertFalse(os.path.exists(self.json), "an output file was written")
        return lines[0]

    def test_missing_job_file(self):
        self.expect_bad(["run", os.path.join(self.dir, "nope.toml")], "nope.toml", "no such file")

    def test_missing_geometry_file(self):
        job = self.job('geometry = "absent.xyz"')
        self.expect_bad(["run", job], "absent.xyz", "no such file")

    def test_unknown_element(self):
        xyz = self.write("x.xyz", "2\n\nH 0 0 0\nXx 0 0 1\n")
        self.expect_bad(["run", xyz], "x.xyz:4", "unknown element 'Xx'")

    def test_unknown_basis(self):
        job = self.job(extra="")
        with open(job) as f:
            text = f.read().replace("sto-3g", "nonsense-basis")
        with open(job, "w") as f:
            f.write(text)
        self.expect_bad(["run", job], "nonsense-basis")

    def test_element_absent_from_basis(self):
        xyz = self.write("kr.xyz", "1\n\nKr 0 0 0\n")
        self.expect_bad(["run", xyz, "--basis", "6-31+g*"], "Kr", "6-31+g*")

    def test_impossible_multiplicity(self):
        job = self.job(extra="multiplicity = 2\n")
        self.expect_bad(["run", job], "multiplicity 2", "10 electrons")

    def test_impossible_charge(self):
        self.expect_bad(["run", H2O_XYZ, "--charge", "11"], "charge 11")

    def test_non_numeric_coordinate(self):
        xyz = self.write("bad.xyz", "2\n\nH 0 0 0\nH 0 0 abc\n")
        self.expect_bad(["run", xyz], "bad.xyz:4", "'abc' is not a number")

    def test_nan_coordinate(self):
        xyz = self.write("nan.xyz", "2\n\nH 0 0 0\nH 0 0 nan\n")
        self.expect_bad(["run", xyz], "nan.xyz:4", "not finite")

    def test_nan_inline_atoms(self):
        job = self.job('atoms = """\nH 0 0 0\nH 0 0 NaN\n"""')
        self.expect_bad(["run", job], "job.toml:4")

    def test_coincident_atoms(self):
        xyz = self.write("same.xyz", "2\n\nH 0 0 0.5\nH 0 0 0.5\n")
        self.expect_bad(["run", xyz], "same place")

    def test_empty_molecule(self):
        xyz = self.write("empty.xyz", "0\n\n")
        self.expect_bad(["run", xyz], "no atoms")
        job = self.job('atoms = ""')
        self.expect_bad(["run", job], "no atoms")

    def test_unknown_key(self):
        job = self.job(extra="\n[scf]\nreference = \"rhf\"\nmax_iteration = 5\n")
        self.expect_bad(["run", job], "job.toml:7", "unknown key 'max_iteration'")

    def test_unknown_section(self):
        job = self.job(extra="\n[scff]\n")
        self.expect_bad(["run", job], "job.toml:5", "[scff]")

    def test_wrong_type(self):
        job = self.job(extra="charge = \"zero\"\n")
        self.expect_bad(["run", job], "job.toml:4", "molecule.charge must be an integer")

    def test_malformed_toml(self):
        job = self.write("job.toml", "[molecule\ngeometry = 1\n")
        self.expect_bad(["run", job], "job.toml:1", "not valid TOML")

    def test_rhf_for_open_shell(self):
        job = self.job(extra="multiplicity = 3\n\n[scf]\nreference = \"rhf\"\n")
        self.expect_bad(["run", job], "rhf")

    def test_unknown_option(self):
        p = subprocess.run([QMOL, "run", H2O_XYZ, "--frobnicate"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertTrue(p.stderr.startswith("error: "))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
