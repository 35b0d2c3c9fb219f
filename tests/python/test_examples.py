"""examples/python/ run as a user runs them: each checks its own numbers (UCCSD equals FCI for
H2, the batched optimizer reaches the exact energy, the integrals reproduce the SCF energy and
orbital energies) and exits non-zero when one is off.
usage: test_examples.py QMOL_EXECUTABLE   (PYTHONPATH must hold build/python)"""
import glob
import os
import subprocess
import sys
import unittest

sys.argv.pop(1) if len(sys.argv) > 1 else None
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = sorted(glob.glob(os.path.join(SOURCE, "examples", "python", "*.py")))


class Examples(unittest.TestCase):
    def test_examples_run(self):
        self.assertGreaterEqual(len(EXAMPLES), 3)
        for script in EXAMPLES:
            with self.subTest(example=os.path.basename(script)):
                p = subprocess.run([sys.executable, script], capture_output=True, text=True)
                self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
                self.assertTrue(p.stdout.strip())


if __name__ == "__main__":
    unittest.main()
