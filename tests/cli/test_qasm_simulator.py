"""The numpy OpenQASM reader the CLI tests check qmol's circuits with (qasm_simulator.py), on
hand-made programs against hand-computed states: little-endian qubits, the rotation convention
exp(-i t P / 2), qasm3 inputs and angle expressions, and a tiny Hamiltonian's energy.
usage: test_qasm_simulator.py [QMOL_EXECUTABLE] (the executable is not used)"""
import cmath
import math
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qasm_simulator as qs  # noqa: E402

if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
    sys.argv.pop(1)

QASM2 = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[%d];\n// a comment\n'
QASM3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'


def basis(n, index):
    v = np.zeros(1 << n, dtype=complex)
    v[index] = 1
    return v


class QasmSimulator(unittest.TestCase):
    def assertState(self, got, expected):
        np.testing.assert_allclose(got, expected, atol=1e-14, rtol=0)

    def test_little_endian(self):
        # Qubit k is bit k of the index: x on q[0] gives |...001> = index 1, on q[2] index 4.
        self.assertState(qs.simulate_qasm(QASM2 % 3 + "x q[0];\n"), basis(3, 1))
        self.assertState(qs.simulate_qasm(QASM2 % 3 + "x q[2];\n"), basis(3, 4))
        # cx control q[0], target q[2]: 001 -> 101.
        self.assertState(qs.simulate_qasm(QASM2 % 3 + "x q[0];\ncx q[0],q[2];\n"), basis(3, 5))
        self.assertState(qs.simulate_qasm(QASM2 % 3 + "x q[2];\ncx q[0],q[2];\n"), basis(3, 4))
        self.assertState(qs.simulate_qasm(QASM2 % 3 + "x q[0];\nswap q[0],q[1];\n"),
                         basis(3, 2))

    def test_bell_state(self):
        state = qs.simulate_qasm(QASM2 % 2 + "h q[0];\ncx q[0],q[1];\n")
        self.assertState(state, np.array([1, 0, 0, 1]) / math.sqrt(2))
        # cz flips the sign of |11> only; the qasm3 spelling reads the same.
        state = qs.simulate_qasm(QASM3 + "qubit[2] q;\nh q[0];\nh q[1];\ncz q[1],q[0];\n")
        self.assertState(state, np.array([1, 1, 1, -1]) / 2)

    def test_rotation_convention(self):
        t = 0.7
        c, s = math.cos(t / 2), math.sin(t / 2)
        # rz(t) = exp(-i t Z / 2): |0> gets exp(-i t/2), |1> exp(+i t/2).
        plus = qs.simulate_qasm(QASM2 % 1 + "h q[0];\nrz(0.7) q[0];\n")
        self.assertState(plus, np.array([cmath.exp(-0.5j * t), cmath.exp(0.5j * t)]) / math.sqrt(2))
        self.assertState(qs.simulate_qasm(QASM2 % 1 + "rx(0.7) q[0];\n"), np.array([c, -1j * s]))
        self.assertState(qs.simulate_qasm(QASM2 % 1 + "ry(0.7) q[0];\n"), np.array([c, s]))
        # On q[1] of two qubits: the amplitude moves to index 2.
        self.assertState(qs.simulate_qasm(QASM2 % 2 + "rx(0.7) q[1];\n"),
                         np.array([c, 0, -1j * s, 0]))
        # pi in angles: rx(pi/2) twice is rx(pi) = -i X.
        self.assertState(qs.simulate_qasm(QASM2 % 1 + "rx(pi/2) q[0];\nrx(pi / 2) q[0];\n"),
                         np.array([0, -1j]))

    def test_fixed_phases(self):
        one = QASM2 % 1 + "x q[0];\n"
        for gate, phase in [("z", -1), ("s", 1j), ("sdg", -1j), ("t", cmath.exp(0.25j * math.pi)),
                            ("tdg", cmath.exp(-0.25j * math.pi)), ("y", -1j)]:
            with self.subTest(gate=gate):
                expected = np.array([phase, 0]) if gate == "y" else np.array([0, phase])
                self.assertState(qs.simulate_qasm(one + gate + " q[0];\n"), expected)

    def test_qasm3_inputs_and_expressions(self):
        text = QASM3 + ("// theta_0 = 0.25  (0->2)\n// theta_1 = -1.5\n"
                        "input float[64] theta_0;\ninput float[64] theta_1;\nqubit[2] q;\n"
                        "rx(-0.5*theta_1 + 0.125) q[0];\nry(2*(theta_0 - pi/4)/3) q[1];\n")
        self.assertEqual(qs.trained_inputs(text), {"theta_0": 0.25, "theta_1": -1.5})
        a = -0.5 * -1.5 + 0.125
        b = 2 * (0.25 - math.pi / 4) / 3
        q0 = np.array([math.cos(a / 2), -1j * math.sin(a / 2)])
        q1 = np.array([math.cos(b / 2), math.sin(b / 2)])
        expected = np.kron(q1, q0)  # kron(high, low): qubit 0 is the low bit
        self.assertState(qs.simulate_qasm(text), expected)  # the header's values
        other = qs.simulate_qasm(text, {"theta_0": 0.25, "theta_1": 0.0})
        self.assertState(other, np.kron(q1, [math.cos(0.0625), -1j * math.sin(0.0625)]))
        self.assertAlmostEqual(qs.evaluate("1e-05*x - -2", {"x": 2}), 2.00002, places=15)
        self.assertAlmostEqual(qs.evaluate("-(1 + 2) * 3 / 4", {}), -2.25, places=15)

    def test_refusals(self):
        for bad in ["__import__('os')", "theta_0 ** 2", "2 +", "(1", "1 2", "unknown"]:
            with self.subTest(expression=bad):
                self.assertRaises(ValueError, qs.evaluate, bad, {"theta_0": 1.0})
        for program in [QASM2 % 1 + "u3(1,2,3) q[0];\n", QASM2 % 1 + "measure q[0] -> c[0];\n",
                        QASM2 % 1 + "x q[1];\n", QASM2 % 2 + "cx q[0];\n",
                        QASM2 % 1 + "rz q[0];\n", QASM2 % 1 + "h q[0]\n",
                        QASM3 + "input float[64] theta_0;\nqubit[1] q;\nrz(theta_0) q[0];\n",
                        QASM2 % 1 + "rz(theta_0) q[0];\n"]:  # qasm2 has no inputs
            with self.subTest(program=program):
                self.assertRaises(ValueError, qs.simulate_qasm, program, {"theta_0": 1.0}
                                  if "input" not in program else {})

    def test_hamiltonian(self):
        text = "-1.25 []\n0.5 [Z0]\n(0.25+0j) [X0 X1]\n(0.125-0j) [Y0 Y1]\n0.75 [Z1 Z0]\n"
        terms = qs.read_openfermion(text)
        self.assertEqual(terms[0], (-1.25, []))
        self.assertEqual(terms[2], (0.25, [(0, "X"), (1, "X")]))
        self.assertEqual(qs.read_openfermion("(0.5+1.0000000000000001e-05j) [Y3]\n"),
                         [(0.5 + 1e-05j, [(3, "Y")])])
        # Bell state (|00> + |11>)/sqrt(2): <Z0> = 0, <X0 X1> = 1, <Y0 Y1> = -1, <Z0 Z1> = 1.
        bell = qs.simulate_qasm(QASM2 % 2 + "h q[0];\ncx q[0],q[1];\n")
        self.assertAlmostEqual(qs.expectation(bell, terms), -1.25 + 0.25 - 0.125 + 0.75, places=14)
        # |01> (qubit 0 set): <Z0> = -1, <Z0 Z1> = -1, the X X and Y Y terms vanish.
        self.assertAlmostEqual(qs.energy(basis(2, 1), terms), -1.25 - 0.5 - 0.75, places=14)
        self.assertRaises(ValueError, qs.read_openfermion, "0.5 [Q0]\n")


if __name__ == "__main__":
    unittest.main()
