"""An independent reader of the OpenQASM 2 and 3 subset qmol writes, on a numpy statevector
(qubit k = bit k of the index), and of the OpenFermion text form of qubit Hamiltonians: what a
user's other tool would do with `qmol circuit` output. Imported by the CLI tests; checked by
test_qasm_simulator.py. Anything outside the subset is refused (ValueError), not skipped."""
import math
import re

import numpy as np

_S = 1 / math.sqrt(2)
_FIXED = {
    "x": np.array([[0, 1], [1, 0]], dtype=complex),
    "y": np.array([[0, -1j], [1j, 0]], dtype=complex),
    "z": np.array([[1, 0], [0, -1]], dtype=complex),
    "h": np.array([[_S, _S], [_S, -_S]], dtype=complex),
    "s": np.diag([1, 1j]),
    "sdg": np.diag([1, -1j]),
    "t": np.diag([1, np.exp(1j * math.pi / 4)]),
    "tdg": np.diag([1, np.exp(-1j * math.pi / 4)]),
}
_TWO = ("cx", "cz", "swap")
_ROTATIONS = ("rx", "ry", "rz")
_HEADERS = ('OPENQASM 2.0', 'OPENQASM 3.0', 'include "qelib1.inc"', 'include "stdgates.inc"')


def _rotation(name, a):
    """exp(-i a P / 2), P = X, Y, Z (stdgates' rx, ry, rz; qelib1's rz only up to a phase)."""
    c, s = math.cos(a / 2), math.sin(a / 2)
    if name == "rx":
        return np.array([[c, -1j * s], [-1j * s, c]])
    if name == "ry":
        return np.array([[c, -s], [s, c]], dtype=complex)
    return np.diag([np.exp(-0.5j * a), np.exp(0.5j * a)])


_TOKEN = re.compile(r"\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_]\w*)"
                    r"|([-+*/()]))")


def evaluate(expression, inputs):
    """+, -, *, / and parentheses over numbers, pi and input names: a tiny recursive-descent
    parser (no eval). ValueError on anything else or an unknown name."""
    tokens, pos = [], 0
    while pos < len(expression):
        m = _TOKEN.match(expression, pos)
        if not m or m.end() == pos:
            if expression[pos:].strip():
                raise ValueError("bad angle expression %r at %r" % (expression, expression[pos:]))
            break
        tokens.append(m.group(0).strip())
        pos = m.end()
    at = [0]

    def peek():
        return tokens[at[0]] if at[0] < len(tokens) else None

    def take():
        if at[0] >= len(tokens):
            raise ValueError("angle expression %r ends early" % expression)
        at[0] += 1
        return tokens[at[0] - 1]

    def atom():
        t = take()
        if t == "(":
            v = sum_()
            if take() != ")":
                raise ValueError("unbalanced parentheses in %r" % expression)
            return v
        if t in ("-", "+"):
            v = atom()
            return -v if t == "-" else v
        if t == "pi":
            return math.pi
        if re.match(r"[A-Za-z_]", t):
            if t not in inputs:
                raise ValueError("angle %r uses %s, which has no value" % (expression, t))
            return float(inputs[t])
        if t in ("*", "/", ")"):
            raise ValueError("unexpected %r in %r" % (t, expression))
        return float(t)

    def product():
        v = atom()
        while peek() in ("*", "/"):
            v = v * atom() if take() == "*" else v / atom()
        return v

    def sum_():
        v = product()
        while peek() in ("+", "-"):
            v = v + product() if take() == "+" else v - product()
        return v

    value = sum_()
    if peek() is not None:
        raise ValueError("trailing %r in angle expression %r" % (peek(), expression))
    return value


def _apply_one(state, n, q, m):
    psi = state.reshape([2] * n)  # C order: axis 0 is the highest qubit
    axis = n - 1 - q
    psi = np.moveaxis(np.tensordot(m, psi, axes=([1], [axis])), 0, axis)
    return psi.reshape(-1)


def _apply_two(state, n, kind, a, b):
    idx = np.arange(1 << n)
    ba, bb = (idx >> a) & 1, (idx >> b) & 1
    if kind == "cx":  # control a, target b
        return state[np.where(ba == 1, idx ^ (1 << b), idx)]
    if kind == "cz":
        return np.where((ba & bb) == 1, -state, state)
    return state[idx ^ ((ba ^ bb) << a) ^ ((ba ^ bb) << b)]  # swap


def trained_inputs(text):
    """The parameter values of a qasm3 file's comment header: {"theta_0": value, ...}."""
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r"^//\s*(theta_\d+)\s*=\s*(\S+)", text, re.M)}


def simulate_qasm(text, inputs=None):
    """The state the program makes from |0...0>. qasm3 inputs take their values from `inputs`
    (a dict by name), else from the comment header (trained_inputs)."""
    inputs = dict(trained_inputs(text) if inputs is None else inputs)
    state, n, declared = None, 0, set()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("//")[0].strip()
        if not line:
            continue
        if not line.endswith(";"):
            raise ValueError("line %d: no ';': %r" % (number, raw))
        line = line[:-1].strip()
        if line in _HEADERS:
            continue
        m = re.fullmatch(r"input\s+float\[64\]\s+([A-Za-z_]\w*)", line)
        if m:
            if m.group(1) not in inputs:
                raise ValueError("line %d: no value for input %s" % (number, m.group(1)))
            declared.add(m.group(1))
            continue
        m = re.fullmatch(r"qreg\s+q\[(\d+)\]|qubit\[(\d+)\]\s+q", line)
        if m:
            n = int(m.group(1) or m.group(2))
            state = np.zeros(1 << n, dtype=complex)
            state[0] = 1
            continue
        m = re.fullmatch(r"([a-z]+)\s*(?:\((.*)\))?\s+(q\[\d+\](?:\s*,\s*q\[\d+\])*)", line)
        if not m or state is None:
            raise ValueError("line %d: not a gate on declared qubits: %r" % (number, raw))
        name, angle, args = m.groups()
        qubits = [int(q) for q in re.findall(r"q\[(\d+)\]", args)]
        if any(q >= n for q in qubits) or len(set(qubits)) != len(qubits):
            raise ValueError("line %d: bad qubits in %r" % (number, raw))
        # Only declared inputs and pi in angles (qasm2 has no inputs at all).
        scope = {k: v for k, v in inputs.items() if k in declared}
        if name not in _FIXED and name not in _TWO and name not in _ROTATIONS:
            raise ValueError("line %d: unknown gate %s" % (number, name))
        if len(qubits) != (2 if name in _TWO else 1) or (angle is None) == (name in _ROTATIONS):
            raise ValueError("line %d: wrong arguments for %s: %r" % (number, name, raw))
        if name in _FIXED:
            state = _apply_one(state, n, qubits[0], _FIXED[name])
        elif angle is not None:
            state = _apply_one(state, n, qubits[0], _rotation(name, evaluate(angle, scope)))
        else:
            state = _apply_two(state, n, name, qubits[0], qubits[1])
    if state is None:
        raise ValueError("no qubits declared")
    return state


def read_openfermion(text):
    """[(coefficient, [(qubit, 'X'), ...]), ...] of the lines `coef [X0 Y1]` (coef real or
    `(re+imj)`; `[]` is the identity), as qmol's --hamiltonian writes them."""
    terms = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = re.fullmatch(r"\s*(\([^)]*\)|\S+)\s*\[([^\]]*)\]\s*\+?\s*", line)
        if not m:
            raise ValueError("line %d: not an OpenFermion term: %r" % (number, line))
        c = complex(m.group(1).strip("()").replace(" ", ""))
        factors = []
        for f in m.group(2).split():
            if not re.fullmatch(r"[XYZ]\d+", f):
                raise ValueError("line %d: bad Pauli factor %r" % (number, f))
            factors.append((int(f[1:]), f[0]))
        terms.append((c, factors))
    return terms


def expectation(state, terms):
    """<psi|H|psi> (real part; H Hermitian) by applying each Pauli string to the state."""
    n = int(round(math.log2(len(state))))
    total = 0.0
    for c, factors in terms:
        phi = state
        for q, letter in factors:
            phi = _apply_one(phi, n, q, _FIXED[letter.lower()])
        total += (c * np.vdot(state, phi)).real
    return total


energy = expectation  # the name the tests' briefs use for <psi|H|psi>
