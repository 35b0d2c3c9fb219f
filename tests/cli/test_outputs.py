"""Every output path of every command is checked before any work: a path under /proc, under a
file, that is a directory, or that exists without --force is refused with one line
`error: PATH: ...`, exit code 2, within a second (the jobs would take far longer), leaving
nothing behind; --force overwrites. usage: test_outputs.py QMOL_EXECUTABLE"""
import os
import subprocess
import sys
import tempfile
import time
import unittest

QMOL = sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol"
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CAFFEINE = os.path.join(SOURCE, "molecules", "caffeine.xyz")

# Refusals must come before the work: the slow jobs below take well over this on any machine
# (a caffeine SCF per job or point), so a check made after the work cannot pass.
REFUSAL_SECONDS = 1.0
SLOW_JOB = """[molecule]
geometry = "%s"
basis = "6-31g"

[active_space]
electrons = 2
orbitals = 2
""" % CAFFEINE
SLOW_SCAN = SLOW_JOB + "\n[scan]\nbond = [0, 1]\nfrom = 1.3\nto = 1.6\npoints = 4\n"
SLOW_SETTINGS = '[molecule]\nbasis = "6-31g"\n'
FAST_JOB = """[molecule]
atoms = \"\"\"
H 0 0 0
H 0 0 0.735
\"\"\"

[exact]
enabled = true
"""


def tree(root):
    """Every path under root with its size and modification time: 'nothing left behind'."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            found[os.path.relpath(path, root)] = (st.st_size, st.st_mtime_ns)
    return found


class OutputPaths(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-outputs-")
        self.slow = self.write("slow.toml", SLOW_JOB)
        self.slow_scan = self.write("slow-scan.toml", SLOW_SCAN)
        self.settings = self.write("settings.toml", SLOW_SETTINGS)
        self.fast = self.write("fast.toml", FAST_JOB)
        self.a_file = self.write("a-file", "not a directory\n")
        self.a_dir = os.path.join(self.dir, "a-dir")
        os.mkdir(self.a_dir)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def refused(self, args, path, fragment):
        before = tree(self.dir)
        start = time.monotonic()
        p = subprocess.run([QMOL, *args], capture_output=True, text=True, timeout=120)
        elapsed = time.monotonic() - start
        lines = p.stderr.strip().splitlines()
        self.assertEqual(p.returncode, 2, p.stderr + p.stdout[-2000:])
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertTrue(lines[0].startswith("error: %s: " % path), lines[0])
        self.assertIn(fragment, lines[0])
        self.assertLess(elapsed, REFUSAL_SECONDS, "refused only after %.2f s: %s" % (elapsed, args))
        self.assertEqual(tree(self.dir), before, "the refused command left or changed files")

    def bad_files(self, ext):
        existing = self.write("existing" + ext, "old\n")
        return [("/proc/qmol-out" + ext, "cannot create files in /proc"),
                (os.path.join(self.a_file, "sub", "out" + ext), "not a directory"),
                (self.a_dir, "is a directory"),
                (existing, "--force")]

    def bad_directories(self):
        return [("/proc/qmol-out", "cannot create files in /proc"),
                (self.a_file, "not a directory"),
                (os.path.join(self.a_file, "sub"), "not a directory")]

    def test_run(self):
        for option, ext in (("--json", ".json"), ("--hdf5", ".h5")):
            for path, fragment in self.bad_files(ext):
                with self.subTest(option=option, path=path):
                    self.refused(["run", self.slow, option, path], path, fragment)

    def test_run_output_section(self):
        existing = self.write("from-job.h5", "old\n")
        job = self.write("with-output.toml", SLOW_JOB + '\n[output]\nhdf5 = "%s"\n' % existing)
        self.refused(["run", job], existing, "--force")

    def test_hamiltonian(self):
        for option in ("--output", "--fcidump"):
            for path, fragment in self.bad_files(".txt"):
                with self.subTest(option=option, path=path):
                    self.refused(["hamiltonian", self.slow, option, path], path, fragment)
        same = os.path.join(self.dir, "same.txt")
        self.refused(["hamiltonian", self.slow, "--output", same, "--fcidump", same], same,
                     "same file")

    def test_scan(self):
        for path, fragment in self.bad_directories():
            with self.subTest(path=path):
                self.refused(["scan", self.slow_scan, "--out", path], path, fragment)

    def test_screen(self):
        for path, fragment in self.bad_directories():
            with self.subTest(path=path):
                self.refused(["screen", CAFFEINE, "--settings", self.settings, "--out", path],
                             path, fragment)

    @unittest.skipIf(os.geteuid() == 0, "root writes into read-only directories")
    def test_read_only_directory(self):
        locked = os.path.join(self.dir, "locked")
        os.mkdir(locked, 0o555)
        path = os.path.join(locked, "out.json")
        self.refused(["run", self.slow, "--json", path], path, "cannot create files")
        self.refused(["scan", self.slow_scan, "--out", os.path.join(locked, "scan")],
                     os.path.join(locked, "scan"), "cannot create files")

    def test_force_overwrites(self):
        json_path = self.write("out.json", "old\n")
        h5 = self.write("out.h5", "old\n")
        p = subprocess.run([QMOL, "run", self.fast, "--json", json_path, "--hdf5", h5, "--force"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(json_path) as f:
            self.assertIn('"exact"', f.read())
        with open(h5, "rb") as f:
            self.assertEqual(f.read(8), b"\x89HDF\r\n\x1a\n")

        ham = self.write("h2.txt", "old\n")
        dump = self.write("h2.fcidump", "old\n")
        args = [QMOL, "hamiltonian", self.fast, "--output", ham, "--fcidump", dump]
        p = subprocess.run(args, capture_output=True, text=True)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("--force", p.stderr)
        p = subprocess.run(args + ["--force"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(ham) as f:
            self.assertEqual(len(f.read().splitlines()), 15)  # H2 STO-3G, Jordan-Wigner
        with open(dump) as f:
            self.assertIn("&FCI", f.read())
        self.assertEqual([n for n in os.listdir(self.dir) if ".tmp-" in n], [])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
