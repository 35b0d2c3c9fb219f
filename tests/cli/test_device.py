"""Circuits for devices through the command line: the exported OpenQASM 2 and 3 circuit, read by
an independent numpy interpreter (qasm_simulator.py) with the exported Hamiltonian, gives the VQE
energy to 1e-10 for every ansatz kind and mapping; shot estimates and their error bars; training
on shots; noise (density matrix and trajectories) and its mitigation; every impossible key as one
line `error: FILE:LINE: ...`, exit 2, before any work.
usage: test_device.py QMOL_EXECUTABLE"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qasm_simulator  # noqa: E402

QMOL = sys.argv.pop(1) if len(sys.argv) > 1 else "build/qmol"
SOURCE = os.environ.get("QMOL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
MOLECULES = os.path.join(SOURCE, "molecules")

H2 = """[molecule]
geometry = "%s"
basis = "sto-3g"
""" % os.path.join(MOLECULES, "h2.xyz")

# LiH/STO-3G with two electrons in three orbitals: six spin orbitals, enough structure for every
# mapping and ansatz to differ.
LIH = """[molecule]
geometry = "%s"
basis = "sto-3g"
[active_space]
electrons = 2
orbitals = 3
""" % os.path.join(MOLECULES, "lih.xyz")


class Device(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qmol-device-")

    def write(self, text, name="job.toml"):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def qmol(self, *args, code=0):
        p = subprocess.run([QMOL, *args], capture_output=True, text=True)
        self.assertEqual(p.returncode, code, p.stdout + p.stderr)
        return p

    def run_json(self, text, *args):
        out = os.path.join(self.dir, "out.json")
        self.qmol("run", self.write(text), "--json", out, "--force", *args)
        with open(out) as f:
            return json.load(f)

    def circuit(self, text, *args):
        """`qmol circuit`: the JSON summary, the OpenQASM text and the Hamiltonian's text."""
        qasm, ham, out = (os.path.join(self.dir, n) for n in ("c.qasm", "h.txt", "c.json"))
        self.qmol("circuit", self.write(text), "--output", qasm, "--hamiltonian", ham, "--json",
                  out, "--force", "--quiet", *args)
        with open(out) as f, open(qasm) as q, open(ham) as h:
            return json.load(f), q.read(), h.read()

    def exported_energy(self, qasm, hamiltonian, inputs=None):
        state = qasm_simulator.simulate_qasm(qasm, inputs)
        return qasm_simulator.expectation(state, qasm_simulator.read_openfermion(hamiltonian))

    def error(self, text, line, *words, command="run"):
        job = self.write(text)
        out = os.path.join(self.dir, "bad.json")
        p = self.qmol(command, job, "--json", out, code=2)
        lines = p.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertTrue(lines[0].startswith("error: %s:%d: " % (job, line)), lines[0])
        for word in words:
            self.assertIn(word, lines[0])
        self.assertFalse(os.path.exists(out))
        self.assertNotIn("SCF", p.stdout)

    # --- circuits out ---------------------------------------------------------------------------

    def test_exported_circuit_reproduces_the_vqe_energy(self):
        cases = [
            (LIH, 'kind = "uccsd"', 'mapping = "jordan-wigner"'),
            (LIH, 'kind = "uccsd"', 'mapping = "bravyi-kitaev"'),
            (LIH, 'kind = "singlet-uccsd"', 'mapping = "parity"\ntwo_qubit_reduction = true'),
            (LIH, 'kind = "kupccgsd"', 'mapping = "parity"'),
            (LIH, 'kind = "uccsd"', 'mapping = "jordan-wigner"\ntaper = true'),
            (LIH, 'kind = "adapt"', 'mapping = "bravyi-kitaev"'),
            (LIH, 'kind = "adapt"\npool = "qubit"', 'mapping = "jordan-wigner"\ntaper = true'),
            (H2, 'kind = "hardware-efficient"\nlayers = 2', 'mapping = "jordan-wigner"'),
            (H2, 'kind = "hardware-efficient"\nlayers = 1',
             'mapping = "parity"\ntwo_qubit_reduction = true'),
        ]
        for molecule, ansatz, hamiltonian in cases:
            with self.subTest(ansatz=ansatz, hamiltonian=hamiltonian):
                job = molecule + "[hamiltonian]\n%s\n[ansatz]\n%s\n" % (hamiltonian, ansatz)
                r, qasm, ham = self.circuit(job)
                self.assertTrue(qasm.startswith("OPENQASM 2.0;"), qasm[:40])
                self.assertEqual(r["circuit"]["n_qubits"], r["hamiltonian"]["n_qubits"])
                self.assertEqual(r["circuit"]["n_parameters"], r["vqe"]["n_parameters"])
                self.assertAlmostEqual(self.exported_energy(qasm, ham), r["vqe"]["energy"],
                                       delta=1e-10)
                # OpenQASM 3 with the parameters as inputs, the trained values in the header.
                r3, qasm3, _ = self.circuit(job, "--format", "qasm3")
                self.assertTrue(qasm3.startswith("OPENQASM 3.0;"), qasm3[:40])
                inputs = qasm_simulator.trained_inputs(qasm3)
                self.assertEqual(len(inputs), r["vqe"]["n_parameters"])
                self.assertAlmostEqual(self.exported_energy(qasm3, ham, inputs),
                                       r3["vqe"]["energy"], delta=1e-10)

    def test_optimize_and_initial(self):
        job = LIH + '[ansatz]\nkind = "uccsd"\n'
        plain, qasm, ham = self.circuit(job)
        optimized, qasm_opt, _ = self.circuit(job, "--optimize")
        self.assertTrue(optimized["circuit"]["optimized"])
        self.assertFalse(plain["circuit"]["optimized"])
        self.assertLess(optimized["circuit"]["n_gates"], plain["circuit"]["n_gates"])
        self.assertLessEqual(optimized["circuit"]["n_two_qubit_gates"],
                             plain["circuit"]["n_two_qubit_gates"])
        self.assertLessEqual(optimized["circuit"]["depth"], plain["circuit"]["depth"])
        self.assertAlmostEqual(self.exported_energy(qasm_opt, ham), plain["vqe"]["energy"],
                               delta=1e-10)
        # The initial parameters of UCC are zeros: the Hartree-Fock determinant, no training.
        initial, qasm0, ham0 = self.circuit(job, "--initial")
        self.assertNotIn("vqe", initial)
        self.assertAlmostEqual(self.exported_energy(qasm0, ham0), initial["scf"]["energy"],
                               delta=1e-9)

    def test_run_writes_qasm_and_counts_groups(self):
        path = os.path.join(self.dir, "state.qasm3")
        r = self.run_json(H2 + '[ansatz]\nkind = "uccsd"\n[output]\nqasm = "%s"\n' % path)
        with open(path) as f:
            self.assertTrue(f.read().startswith("OPENQASM 3.0;"))
        # H2/STO-3G under Jordan-Wigner: 14 non-identity terms in 5 qubit-wise commuting sets
        # (Z's, and the XXYY family on four bases).
        self.assertEqual(r["hamiltonian"]["n_measurement_groups"], 5)
        self.assertIn("circuit", r)
        self.assertNotIn("estimator", r)

    # --- shots ----------------------------------------------------------------------------------

    def test_shot_estimate_within_its_error_bar(self):
        base = LIH + '[ansatz]\nkind = "uccsd"\n[estimator]\nshots = 40000\nseed = %d\n%s'
        for grouping in ("qwc", "commuting"):
            for allocation in ("uniform", "weighted"):
                with self.subTest(grouping=grouping, allocation=allocation):
                    extra = 'grouping = "%s"\nallocation = "%s"\n' % (grouping, allocation)
                    r = self.run_json(base % (11, extra))
                    e = r["estimator"]
                    self.assertEqual(e["grouping"], grouping)
                    self.assertEqual(e["total_shots"], 40000)
                    self.assertEqual(e["n_groups"], r["hamiltonian"]["n_measurement_groups"])
                    self.assertGreater(e["standard_error"], 0)
                    self.assertLess(abs(e["energy"] - r["vqe"]["energy"]),
                                    5 * e["standard_error"])
                    again = self.run_json(base % (11, extra))
                    self.assertEqual(again["estimator"]["energy"], e["energy"])  # same bits
        qwc = self.run_json(base % (1, ""))
        commuting = self.run_json(base % (1, 'grouping = "commuting"\n'))
        self.assertLessEqual(commuting["estimator"]["n_groups"], qwc["estimator"]["n_groups"])
        # Four times the shots, half the error bar (within the estimate's own scatter).
        more = self.run_json((base % (1, "")).replace("40000", "160000"))
        ratio = qwc["estimator"]["standard_error"] / more["estimator"]["standard_error"]
        self.assertAlmostEqual(ratio, 2.0, delta=0.15)

    def test_training_on_shots(self):
        job = H2 + """[exact]
[ansatz]
kind = "singlet-uccsd"
[optimizer]
method = "%s"
max_iterations = 60
step_size = 0.1
[estimator]
shots = 20000
train_on = "shots"
seed = 5
"""
        for method in ("adam", "spsa", "cobyla"):
            with self.subTest(method=method):
                r = self.run_json(job % method)
                self.assertEqual(r["vqe"]["engine"], "statevector")
                self.assertEqual(r["estimator"]["train_on"], "shots")
                # The reported energy is the trained state's exact one: above FCI, and close.
                self.assertGreater(r["vqe"]["energy"], r["exact"]["energy"] - 1e-10)
                self.assertLess(r["vqe"]["energy"] - r["exact"]["energy"], 5e-3)
                self.assertEqual(self.run_json(job % method)["vqe"]["parameters"],
                                 r["vqe"]["parameters"])

    # --- noise and mitigation -------------------------------------------------------------------

    def test_noise_and_mitigation(self):
        job = H2 + """[ansatz]
kind = "uccsd"
[noise]
depolarizing_1q = 0.0001
depolarizing_2q = 0.002
amplitude_damping = 0.0002
[mitigation]
zne = { factors = [1, 3, 5], extrapolation = "richardson" }
"""
        r = self.run_json(job)
        ideal = r["vqe"]["energy"]
        n = r["noise"]
        self.assertEqual(n["simulation"], "density-matrix")
        self.assertEqual(n["standard_error"], 0.0)
        self.assertEqual(n["depolarizing_2q"], 0.002)
        self.assertGreater(n["energy"], ideal + 1e-4)  # noise mixes in higher states
        m = r["mitigation"]
        self.assertEqual(m["method"], "zne")
        self.assertEqual(len(m["factor_energies"]), 3)
        self.assertAlmostEqual(m["factor_energies"][0], n["energy"], delta=1e-12)
        self.assertLess(abs(m["energy"] - ideal), 0.2 * abs(n["energy"] - ideal))
        # Trajectories on the same register: within their error bar of the density matrix.
        t = self.run_json(job.replace("[mitigation]", "max_density_qubits = 2\ntrajectories = "
                                      "400\n[mitigation]"))["noise"]
        self.assertEqual(t["simulation"], "trajectories")
        self.assertGreater(t["standard_error"], 0.0)
        self.assertLess(abs(t["energy"] - n["energy"]), 4 * t["standard_error"])

    def test_readout_mitigation(self):
        job = LIH + """[ansatz]
kind = "uccsd"
[noise]
readout_error = 0.03
[mitigation]
readout = true
"""
        r = self.run_json(job)
        ideal = r["vqe"]["energy"]
        self.assertGreater(abs(r["noise"]["energy"] - ideal), 1e-3)
        self.assertAlmostEqual(r["mitigation"]["energy"], ideal, delta=1e-10)  # exact inverse
        shots = self.run_json(job + "[estimator]\nshots = 100000\nseed = 3\n")
        m = shots["mitigation"]
        self.assertEqual(m["method"], "readout")
        self.assertLess(abs(m["energy"] - ideal), 4 * m["standard_error"])

    # --- bad input ------------------------------------------------------------------------------

    def test_bad_input(self):
        ansatz = '[ansatz]\nkind = "uccsd"\n'
        self.error(H2 + ansatz + "[estimator]\nshots = 0\n", 7, "at least 1 shot")
        self.error(H2 + ansatz + "[noise]\ndepolarizing_1q = 1.5\n", 7, "noise.depolarizing_1q")
        self.error(H2 + ansatz + "[noise]\nreadout_error = -0.1\n", 7, "noise.readout_error")
        self.error(H2 + ansatz + '[vqe]\nengine = "determinant"\n[noise]\ndepolarizing_1q = '
                   '0.01\n', 8, "determinant engine")
        self.error(H2 + ansatz + '[estimator]\nshots = 100\ntrain_on = "shots"\n', 8, "L-BFGS")
        self.error(H2 + ansatz + '[estimator]\ntrain_on = "shots"\n[optimizer]\nmethod = '
                   '"spsa"\n', 7, "estimator.shots")
        self.error(H2 + ansatz + "[mitigation]\nreadout = true\n", 6, "[noise]")
        self.error(H2 + ansatz + "[noise]\ndepolarizing_1q = 0.01\n[mitigation]\nreadout = "
                   "true\n", 9, "readout_error")
        self.error(H2 + ansatz + "[noise]\nreadout_error = 0.01\n[mitigation]\nzne = "
                   "{ factors = [1, 2] }\n", 9, "factors")
        self.error(H2 + "[estimator]\nshots = 100\n", 4, "[ansatz]")
        self.error(H2 + '[output]\nqasm = "x.qasm"\n', 5, "[ansatz]")
        # 72 qubits (benzene/STO-3G, every orbital) are more than commuting grouping takes.
        benzene = H2.replace("h2.xyz", "benzene.xyz")
        self.error(benzene + ansatz + '[estimator]\ngrouping = "commuting"\nshots = 10\n', 7,
                   "commuting")
        p = self.qmol("circuit", self.write(H2 + ansatz), "--format", "qasm4", code=2)
        self.assertIn("--format", p.stderr)


if __name__ == "__main__":
    unittest.main()
