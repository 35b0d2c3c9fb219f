"""The Python module against the CLI, SciPy, finite differences, HDF5 and Psi4: qmol.run equals
`qmol run --json` key by key; SciPy's L-BFGS-B over EnergyFunction reaches qmol's VQE energy;
gradients match central differences; batches equal one-by-one calls; active-space integrals equal
the HDF5 file's; the qubit Hamiltonian's sector matrix has the FCI energy (Psi4, tests/data) as
its lowest eigenvalue; bad input raises the documented exception with the CLI's message.
usage: test_module.py QMOL_EXECUTABLE   (PYTHONPATH must hold build/python)"""
import json
import os
import subprocess
import sys
import signal
import tempfile
import time
import unittest

import h5py
import numpy as np
import scipy.optimize

import qmol

QMOL = sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol"
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
MOLECULES = os.path.join(SOURCE, "molecules")
PSI4 = json.load(open(os.path.join(SOURCE, "tests", "data", "psi4_references.json")))


def without_timings(summary):
    """The summary without its wall times ("seconds" in any section), which differ run to run."""
    if isinstance(summary, dict):
        return {k: without_timings(v) for k, v in summary.items() if k != "seconds"}
    if isinstance(summary, list):
        return [without_timings(v) for v in summary]
    return summary


class Module(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="qmol-python-")
        cls.h2o = qmol.Molecule.from_xyz(os.path.join(MOLECULES, "h2o.xyz"))
        cls.h2o_scf = qmol.scf(cls.h2o, basis="sto-3g")
        cls.h2o_active = qmol.active_space(cls.h2o_scf)

    def cli(self, *args, code=0):
        p = subprocess.run([QMOL, *args], capture_output=True, text=True)
        self.assertEqual(p.returncode, code, p.stdout + p.stderr)
        return p

    def cli_json(self, job):
        out = os.path.join(self.dir, "cli.json")
        self.cli("run", job, "--json", out, "--force", "--quiet")
        with open(out) as f:
            return json.load(f)

    def test_run_equals_the_cli_summary(self):
        # Every example job but the two that take seconds (caffeine 28 s, paracetamol 7 s).
        jobs = sorted(n for n in os.listdir(MOLECULES) if n.endswith(".toml")
                      and n not in ("caffeine.toml", "paracetamol-mp2no.toml"))
        self.assertGreaterEqual(len(jobs), 10)
        for name in jobs:
            with self.subTest(job=name):
                job = os.path.join(MOLECULES, name)
                r = qmol.run(job)
                self.assertEqual(without_timings(r.to_dict()), without_timings(self.cli_json(job)))
                energies = r.scf.orbital_energies  # open shells: {alpha, beta}
                for e in [energies] if isinstance(energies, np.ndarray) else [energies.alpha,
                                                                             energies.beta]:
                    self.assertIsInstance(e, np.ndarray)
                self.assertEqual(r.scf.energy, r.to_dict()["scf"]["energy"])
                n_ao = r.basis.n_functions
                self.assertEqual(r.scf.coefficients.shape, (n_ao, n_ao))
                self.assertEqual(r.scf.density_alpha.shape, (n_ao, n_ao))
                if "vqe" in r.keys():
                    self.assertIsInstance(r.vqe.parameters, np.ndarray)
                    self.assertEqual(len(r.vqe.parameters), r.vqe.n_parameters)

    def test_run_of_a_dict_equals_the_job_file(self):
        xyz = os.path.join(MOLECULES, "lih.xyz")
        job = {"molecule": {"geometry": xyz, "basis": "sto-3g"},
               "active_space": {"electrons": 2, "orbitals": 3}, "exact": {"roots": 2},
               "ansatz": {"kind": "uccsd"}, "optimizer": {"gradient_tolerance": 1e-8}}
        path = os.path.join(self.dir, "lih-dict.toml")
        with open(path, "w") as f:
            f.write(qmol.job_text(job))
        a, b = qmol.run(job), qmol.run(path)
        self.assertEqual(without_timings(a.to_dict()), without_timings(b.to_dict()))
        self.assertEqual(len(a.exact.energies), 2)

    def test_integrals_equal_the_hdf5_file(self):
        h5 = os.path.join(self.dir, "h2o.h5")
        r = qmol.run({"molecule": {"geometry": os.path.join(MOLECULES, "h2o.xyz"),
                                   "basis": "sto-3g"},
                      "active_space": {"electrons": 6, "orbitals": 5},
                      "output": {"hdf5": h5}}, force=True)
        mol = qmol.Molecule.from_xyz(os.path.join(MOLECULES, "h2o.xyz"))
        core, h1, h2 = qmol.active_space(qmol.scf(mol, basis="sto-3g"), electrons=6, orbitals=5)
        with h5py.File(h5) as f:
            g = f["hamiltonian"]
            np.testing.assert_allclose(h1, g["one_body"][()], rtol=0, atol=1e-12)
            np.testing.assert_allclose(h2, g["two_body"][()], rtol=0, atol=1e-12)
            self.assertAlmostEqual(core, g["core_energy"][()], delta=1e-12)
        np.testing.assert_allclose(r.active_space.one_body, h1, rtol=0, atol=1e-12)
        self.assertEqual(h2.shape, (5, 5, 5, 5))
        # Chemists' notation: (pq|rs) = (qp|rs) = (rs|pq).
        np.testing.assert_allclose(h2, h2.transpose(1, 0, 2, 3), atol=1e-12)
        np.testing.assert_allclose(h2, h2.transpose(2, 3, 0, 1), atol=1e-12)

    def test_scf_and_exact_against_psi4(self):
        self.assertAlmostEqual(self.h2o_scf.energy, PSI4["h2o-sto3g-rhf"]["energy"], delta=1e-8)
        e = qmol.exact(self.h2o_active, roots=2)
        self.assertAlmostEqual(e["energy"], PSI4["h2o-sto3g-fci"]["energy"], delta=1e-8)
        self.assertEqual(len(e["energies"]), 2)
        self.assertLess(e["energies"][0], e["energies"][1])

    def test_qubit_hamiltonian_sector_has_the_exact_energy(self):
        for name, case, sector in (("h2", "h2-sto3g-fci", (1, 1)), ("lih", "lih-sto3g-fci", (2, 2))):
            with self.subTest(molecule=name):
                mol = qmol.Molecule.from_xyz(os.path.join(MOLECULES, name + ".xyz"))
                q = qmol.qubit_hamiltonian(qmol.active_space(qmol.scf(mol, basis="sto-3g")))
                self.assertEqual(len(q.x_masks), len(q.coefficients))
                lowest = np.linalg.eigvalsh(q.matrix(sector=sector))[0]
                self.assertAlmostEqual(lowest, PSI4[case]["energy"], delta=1e-8)
        text = q.to_openfermion_text()
        self.assertIn("[Z0]", text)
        # The mappings are unitarily equivalent: the same spectrum on the whole register.
        lih = qmol.Molecule.from_xyz(os.path.join(MOLECULES, "lih.xyz"))
        active = qmol.active_space(qmol.scf(lih, basis="sto-3g"), electrons=2, orbitals=3)
        spectra = {m: np.linalg.eigvalsh(qmol.qubit_hamiltonian(active, mapping=m).matrix())
                   for m in ("jordan-wigner", "bravyi-kitaev", "parity")}
        self.assertEqual(len(spectra["parity"]), 64)
        for m in ("bravyi-kitaev", "parity"):
            np.testing.assert_allclose(spectra[m], spectra["jordan-wigner"], rtol=0, atol=1e-10)
        self.assertAlmostEqual(qmol.exact(active)["energy"],
                               np.linalg.eigvalsh(qmol.qubit_hamiltonian(active).matrix(
                                   sector=(1, 1)))[0], delta=1e-10)
        with self.assertRaises(qmol.InputError):
            qmol.qubit_hamiltonian(active, mapping="parity").matrix(sector=(1, 1))

    def test_scipy_reaches_qmols_vqe_energy(self):
        f = qmol.EnergyFunction(self.h2o_active, ansatz="uccsd", engine="determinant")
        r = qmol.run(os.path.join(MOLECULES, "h2o.toml"))
        self.assertEqual(f.n_parameters, r.vqe.n_parameters)
        opt = scipy.optimize.minimize(f.energy, f.initial, jac=f.gradient, method="L-BFGS-B",
                                      options={"gtol": 1e-10, "ftol": 1e-16, "maxiter": 2000})
        self.assertAlmostEqual(opt.fun, r.vqe.energy, delta=1e-8)

    def test_gradient_matches_central_differences(self):
        for engine in ("determinant", "statevector"):
            with self.subTest(engine=engine):
                h2 = qmol.Molecule.from_xyz(os.path.join(MOLECULES, "lih.xyz"))
                active = qmol.active_space(qmol.scf(h2, basis="sto-3g"), electrons=2, orbitals=3)
                f = qmol.EnergyFunction(active, ansatz="uccsd", engine=engine)
                theta = np.random.default_rng(3).normal(0.0, 0.2, f.n_parameters)
                e, g = f.energy_and_gradient(theta)
                self.assertAlmostEqual(e, f.energy(theta), delta=1e-12)
                h = 1e-5
                for k in range(f.n_parameters):
                    step = np.zeros(f.n_parameters)
                    step[k] = h
                    fd = (f.energy(theta + step) - f.energy(theta - step)) / (2 * h)
                    self.assertAlmostEqual(g[k], fd, delta=1e-8)

    def test_batches_equal_one_by_one(self):
        f = qmol.EnergyFunction(self.h2o_active, ansatz="uccsd", engine="determinant", threads=2)
        thetas = np.random.default_rng(5).normal(0.0, 0.1, (7, f.n_parameters))
        energies, gradients = f.energies(thetas), f.gradients(thetas)
        self.assertEqual(gradients.shape, (7, f.n_parameters))
        for k in range(7):
            self.assertEqual(energies[k], f.energy(thetas[k]))
            np.testing.assert_array_equal(gradients[k], f.gradient(thetas[k]))

    def test_bad_input_raises_with_the_clis_message(self):
        job = os.path.join(self.dir, "bad.toml")
        with open(job, "w") as f:
            f.write('[molecule]\ngeometry = "%s"\nbasis = "no-such-basis"\n'
                    % os.path.join(MOLECULES, "h2o.xyz"))
        cli = self.cli("run", job, code=2).stderr.strip()
        with self.assertRaises(qmol.InputError) as caught:
            qmol.run(job)
        self.assertEqual("error: " + str(caught.exception), cli)
        with self.assertRaises(qmol.InputError):
            qmol.run({"molecule": {"geometry": os.path.join(self.dir, "missing.xyz")}})
        with self.assertRaises(qmol.InputError):
            qmol.Molecule.from_atoms(["H", "Xx"], [[0, 0, 0], [0, 0, 0.74]])
        with self.assertRaises(qmol.InputError):
            qmol.Molecule.from_atoms(["H", "H"], [[0, 0, 0], [0, 0, 0.74]], multiplicity=2)
        with self.assertRaises(qmol.InputError):
            qmol.EnergyFunction(self.h2o_active, ansatz="adapt")
        f = qmol.EnergyFunction(self.h2o_active)
        with self.assertRaises(qmol.InputError):
            f.energy(np.zeros(3))
        with self.assertRaises(qmol.ResourceError):
            qmol.exact(self.h2o_active, memory="1KiB")
        self.assertTrue(issubclass(qmol.ResourceError, qmol.InputError))
        self.assertTrue(issubclass(qmol.ConvergenceError, qmol.Error))

    def test_ctrl_c_interrupts_a_long_call(self):
        # Each child announces the call, then the parent sends SIGINT: the call must end with
        # KeyboardInterrupt within seconds, not run to completion (minutes).
        calls = {
            "batch": "f = qmol.EnergyFunction(a, engine='determinant')\n"
                     "thetas = np.zeros((2000000, f.n_parameters))\n"
                     "print('started', flush=True)\nf.energies(thetas)",
            "run": "print('started', flush=True)\nqmol.run(%r)"
                   % os.path.join(SOURCE, "bench", "jobs", "h12-chain-fci.toml"),
        }
        for name, call in calls.items():
            with self.subTest(call=name):
                script = ("import numpy as np, qmol\n"
                          "m = qmol.Molecule.from_xyz(%r)\n"
                          "a = qmol.active_space(qmol.scf(m))\n" % os.path.join(MOLECULES, "h2o.xyz")
                          + "try:\n    exec(%r)\nexcept KeyboardInterrupt:\n"
                            "    print('interrupted', flush=True)\n" % call)
                child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True,
                                         cwd=os.path.join(SOURCE, "bench", "jobs"))
                self.assertEqual(child.stdout.readline().strip(), "started")
                time.sleep(1.0)
                t0 = time.monotonic()
                child.send_signal(signal.SIGINT)
                out, err = child.communicate(timeout=60)
                self.assertIn("interrupted", out, err)
                self.assertLess(time.monotonic() - t0, 20.0)

    def test_molecules_from_smiles_and_files(self):
        m = qmol.Molecule.from_smiles("C=O")
        self.assertEqual(m.formula, "CH2O")
        self.assertEqual(m.coordinates.shape, (4, 3))
        self.assertEqual(m.smiles, "C=O")
        # The same record through a job's smiles key gives the same geometry bit for bit.
        r = qmol.run({"molecule": {"smiles": "C=O", "basis": "sto-3g"}})
        self.assertAlmostEqual(r.molecule.nuclear_repulsion, m.nuclear_repulsion, delta=1e-12)
        self.assertAlmostEqual(qmol.scf(m).energy, r.scf.energy, delta=1e-10)
        f = qmol.Molecule.from_file(os.path.join(MOLECULES, "h2o.toml"))
        np.testing.assert_array_equal(f.coordinates, self.h2o.coordinates)
        with self.assertRaises(qmol.InputError):
            qmol.Molecule.from_smiles("C(C)(C)(C)(C)C")  # five-valent carbon

    def test_from_atoms_equals_from_xyz(self):
        with open(os.path.join(MOLECULES, "h2o.xyz")) as f:
            lines = f.read().split("\n")[2:5]
        symbols = [l.split()[0] for l in lines]
        xyz = np.array([[float(v) for v in l.split()[1:4]] for l in lines])
        m = qmol.Molecule.from_atoms(symbols, xyz)
        np.testing.assert_allclose(m.coordinates, self.h2o.coordinates, atol=1e-12)
        self.assertEqual(m.symbols, ["O", "H", "H"])
        self.assertAlmostEqual(qmol.scf(m).energy, self.h2o_scf.energy, delta=1e-10)


if __name__ == "__main__":
    unittest.main()
