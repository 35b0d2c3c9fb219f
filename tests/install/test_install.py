"""qmol as an installed package, seen from the outside: `cmake --install` of the build tree into a
temporary prefix; examples/cpp configured and built as its own project against it
(find_package(qmol), qmol::qmol) and run; the installed `qmol run`, after the prefix is moved,
from a directory outside the source tree with no QMOL_* variables, finding a basis set and an
ansatz template that exist only in <prefix>/share/qmol. Energies against Psi4
(tests/data/psi4_h2_example.json).
usage: test_install.py --cmake C --build B --source S --generator G [--make-program M]
                       [--cxx-compiler X] [--c-compiler Y] [--launcher L]"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import example_output

parser = argparse.ArgumentParser()
for option in ("--cmake", "--build", "--source", "--generator"):
    parser.add_argument(option, required=True)
for option in ("--make-program", "--cxx-compiler", "--c-compiler", "--launcher"):
    parser.add_argument(option, default="")
ARGS, rest = parser.parse_known_args()
sys.argv[1:] = rest


def clean_env(**extra):
    """The caller's environment without QMOL_* variables: nothing points at the source tree."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QMOL_")}
    env.update(extra)
    return env


def run(args, **kwargs):
    p = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    if p.returncode != 0:
        raise AssertionError("%s exited %d\n%s%s" % (" ".join(args), p.returncode, p.stdout[-4000:],
                                                     p.stderr[-4000:]))
    return p


class InstalledPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="qmol-install-")
        cls.prefix = os.path.join(cls.dir, "prefix")
        run([ARGS.cmake, "--install", ARGS.build, "--prefix", cls.prefix])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_0_python_package(self):
        # The Python package under <prefix>/lib/python3.X/dist-packages, imported from there.
        version = "python%d.%d" % sys.version_info[:2]
        site = os.path.join(self.prefix, "lib", version, "dist-packages")
        self.assertTrue(os.path.isfile(os.path.join(site, "qmol", "__init__.py")))
        code = ("import os, qmol; m = qmol.Molecule.from_xyz(%r); "
                "print(os.path.dirname(qmol.__file__)); print(repr(qmol.scf(m).energy))"
                % os.path.join(ARGS.source, "molecules", "h2.xyz"))
        out = run([sys.executable, "-c", code], env=clean_env(PYTHONPATH=site)).stdout.split()
        self.assertEqual(out[0], os.path.join(site, "qmol"))
        with open(os.path.join(ARGS.source, "tests", "data", "psi4_references.json")) as f:
            reference = json.load(f)["h2-sto3g-rhf"]["energy"]
        self.assertAlmostEqual(float(out[1]), reference, delta=1e-8)

    def test_1_layout(self):
        p = self.prefix
        for path in ("bin/qmol", "include/qmol/core/version.h", "include/qmol/core/data_path.h",
                     "include/qmol/workflow/run.h", "lib/libqmol_core.a", "lib/libqmol_workflow.a",
                     "lib/cmake/qmol/qmolConfig.cmake", "lib/cmake/qmol/qmolConfigVersion.cmake",
                     "lib/cmake/qmol/qmolTargets.cmake", "share/qmol/basis/sto-3g.g94",
                     "share/qmol/ansatz/uccsd.toml"):
            self.assertTrue(os.path.isfile(os.path.join(p, path)), path)
        # Private headers stay in the tree: libint2 is not part of the public interface.
        self.assertFalse(os.path.exists(os.path.join(p, "include/qmol/integrals/libint_setup.h")))
        with open(os.path.join(p, "lib/cmake/qmol/qmolTargets.cmake")) as f:
            targets = f.read()
        for module in ("core", "chem", "integrals", "scf", "hamiltonian", "active_space", "qubit",
                       "ansatz", "sim", "solve", "io", "workflow", "qmol"):
            self.assertIn("add_library(qmol::%s " % module, targets)
        self.assertNotIn(ARGS.source, targets)  # no path into the source tree

    def test_2_example_against_the_package(self):
        source = os.path.join(ARGS.source, "examples", "cpp")
        build = os.path.join(self.dir, "example")
        configure = [ARGS.cmake, "-S", source, "-B", build, "-G", ARGS.generator,
                     "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_PREFIX_PATH=" + self.prefix]
        for var, value in (("CMAKE_MAKE_PROGRAM", ARGS.make_program),
                           ("CMAKE_CXX_COMPILER", ARGS.cxx_compiler),
                           ("CMAKE_C_COMPILER", ARGS.c_compiler),
                           ("CMAKE_CXX_COMPILER_LAUNCHER", ARGS.launcher)):
            if value:
                configure.append("-D%s=%s" % (var, value))
        # ccache: paths relative to the temporary directory, so a later run hits the cache.
        env = clean_env(CCACHE_BASEDIR=self.dir, CCACHE_NOHASHDIR="1")
        run(configure, env=env)
        p = run([ARGS.cmake, "--build", build], env=env)
        self.assertIn("h2_vqe.cpp", p.stdout)  # the one translation unit, nothing of the library
        exe = os.path.join(build, "example_h2_vqe")
        # A program outside <prefix>/bin names the installed data (README "Using qmol from C++").
        basis = os.path.join(self.prefix, "share", "qmol", "basis")
        p = run([exe], cwd=self.dir, env=clean_env(QMOL_BASIS_PATH=basis))
        ref = example_output.reference()
        e = example_output.energies(p.stdout)
        tol = example_output.TOLERANCE
        self.assertAlmostEqual(e["VQE (UCCSD)"], ref["fci_energy"], delta=tol, msg=p.stdout)
        self.assertAlmostEqual(e["exact (FCI)"], ref["fci_energy"], delta=tol, msg=p.stdout)

    def test_3_installed_qmol_finds_its_data(self):
        # A moved prefix: the lookup is relative to the executable, not a path compiled in.
        moved = os.path.join(self.dir, "moved")
        shutil.copytree(self.prefix, moved, symlinks=True)
        share = os.path.join(moved, "share", "qmol")
        # Names that exist only in the moved prefix, never in the source tree.
        shutil.copy(os.path.join(share, "basis", "sto-3g.g94"),
                    os.path.join(share, "basis", "install-test-sto-3g.g94"))
        shutil.copy(os.path.join(share, "ansatz", "uccsd.toml"),
                    os.path.join(share, "ansatz", "install-test-uccsd.toml"))
        work = os.path.join(self.dir, "work")
        os.mkdir(work)
        with open(os.path.join(work, "h2.toml"), "w") as f:
            f.write('[molecule]\natoms = """\nH 0.0 0.0 0.0\nH 0.0 0.0 0.7414\n"""\n'
                    'basis = "install-test-sto-3g"\n\n[ansatz]\ntemplate = "install-test-uccsd"\n\n'
                    '[exact]\nenabled = true\n')
        qmol = os.path.join(moved, "bin", "qmol")
        run([qmol, "run", "h2.toml", "--json", "h2.json"], cwd=work, env=clean_env())
        with open(os.path.join(work, "h2.json")) as f:
            res = json.load(f)
        ref = example_output.reference()
        self.assertEqual(res["basis"]["name"], "install-test-sto-3g")
        self.assertEqual(res["vqe"]["ansatz"], "uccsd")
        self.assertAlmostEqual(res["scf"]["energy"], ref["scf_energy"], delta=1e-8)
        self.assertAlmostEqual(res["exact"]["energy"], ref["fci_energy"], delta=1e-8)
        self.assertAlmostEqual(res["vqe"]["energy"], ref["fci_energy"], delta=1e-8)


if __name__ == "__main__":
    unittest.main()
