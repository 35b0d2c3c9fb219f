"""--quiet keeps only the final table on stdout, in every command (run, hamiltonian, scan, screen);
without it the table closes the full report. usage: test_quiet.py QMOL_EXECUTABLE"""
import os
import subprocess
import sys
import tempfile
import unittest

QMOL = sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol"

H2 = """[molecule]
atoms = \"\"\"
H 0 0 0
H 0 0 0.735
\"\"\"

[ansatz]
kind = "uccsd"

[exact]
enabled = true
"""
SETTINGS = '[molecule]\nbasis = "sto-3g"\n\n[exact]\nenabled = true\n'


class Quiet(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-quiet-")
        self.job = self.write("h2.toml", H2)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def both(self, *args):
        """stdout and stderr of the command without and with --quiet."""
        loud = subprocess.run([QMOL, *args], capture_output=True, text=True)
        self.assertEqual(loud.returncode, 0, loud.stderr)
        quiet = subprocess.run([QMOL, *args, "--quiet"], capture_output=True, text=True)
        self.assertEqual(quiet.returncode, 0, quiet.stderr)
        return loud, quiet

    def test_run(self):
        loud, quiet = self.both("run", self.job)
        lines = quiet.stdout.splitlines()
        self.assertEqual([l.split()[0] for l in lines], ["result", "Hartree-Fock", "VQE", "exact",
                                                         "VQE"])
        self.assertIn("chemical accuracy", lines[-1])
        self.assertIn("SCF (rhf) converged", loud.stdout)
        self.assertTrue(loud.stdout.endswith(quiet.stdout), loud.stdout[-800:])

    def test_hamiltonian(self):
        loud, quiet = self.both("hamiltonian", self.job)
        self.assertEqual([l.split()[0] for l in quiet.stdout.splitlines()],
                         ["mapping", "qubits", "terms", "one_norm", "tapered_qubits"])
        self.assertIn("SCF (rhf) converged", loud.stdout)
        self.assertTrue(loud.stdout.endswith(quiet.stdout))

    def test_scan(self):
        frames = self.write("frames.xyz", "".join(
            "2\nframe\nH 0 0 0\nH 0 0 %.2f\n" % d for d in (0.6, 0.7, 0.8)))
        job = self.write("scan.toml", H2 + '\n[scan]\ngeometries = "%s"\n' % frames)
        loud = subprocess.run([QMOL, "scan", job, "--out", os.path.join(self.dir, "loud")],
                              capture_output=True, text=True)
        quiet = subprocess.run([QMOL, "scan", job, "--out", os.path.join(self.dir, "quiet"),
                                "--quiet"], capture_output=True, text=True)
        self.assertEqual((loud.returncode, quiet.returncode), (0, 0), loud.stderr + quiet.stderr)
        lines = quiet.stdout.splitlines()
        self.assertEqual(len(lines), 4, quiet.stdout)
        self.assertEqual(lines[0].split()[:2], ["point", "frame"])
        self.assertEqual([l.split()[0] for l in lines[1:]], ["0", "1", "2"])
        self.assertTrue(all(l.endswith("ok") for l in lines[1:]), quiet.stdout)
        self.assertEqual(loud.stdout.count("== scan point"), 3)
        self.assertTrue(loud.stdout.endswith(quiet.stdout))

    def test_screen(self):
        inputs = [self.write("h2-%d.xyz" % i, "2\nH2\nH 0 0 0\nH 0 0 0.%d\n" % (6 + i))
                  for i in range(2)]
        settings = self.write("settings.toml", SETTINGS)
        common = ["screen", *inputs, "--settings", settings, "--jobs", "1"]
        loud = subprocess.run([QMOL, *common, "--out", os.path.join(self.dir, "loud")],
                              capture_output=True, text=True)
        quiet = subprocess.run([QMOL, *common, "--out", os.path.join(self.dir, "quiet"),
                                "--quiet"], capture_output=True, text=True)
        self.assertEqual((loud.returncode, quiet.returncode), (0, 0), loud.stderr + quiet.stderr)
        self.assertEqual(quiet.stderr, "")
        lines = quiet.stdout.splitlines()
        self.assertEqual([l.split()[0] for l in lines], ["input", "h2-0", "h2-1"])
        self.assertIn("screened 2 molecules", loud.stderr)
        self.assertEqual(loud.stdout, quiet.stdout)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
