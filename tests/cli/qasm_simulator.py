"""An independent reader of the OpenQASM 2 and 3 subset qmol writes, on a numpy statevector
(qubit k = bit k of the index), and of the OpenFermion text form of qubit Hamiltonians: what a
user's other tool would do with `qmol circuit` output. Imported by the CLI tests."""
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


def _rotation(name, a):
    c, s = math.cos(a / 2), math.sin(a / 2)
    if name == "rx":
        return np.array([[c, -1j * s], [-1j * s, c]])
    if name == "ry":
        return np.array([[c, -s], [s, c]], dtype=complex)
    return np.diag([np.exp(-0.5j * a), np.exp(0.5j * a)])  # rz = exp(-i a Z / 2)


def _evaluate(expression, inputs):
    """+, -, *, / over numbers, pi and input names (a tiny recursive-descent parser, no eval)."""
    tokens = re.findall(r"\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|[A-Za-z_]\w*|[-+*/()]",
                        expression)
    pos = [0]

    def peek():
        return tokens[pos[0]] if pos[0] < len(tokens) else None

    def take():
        pos[0] += 1
        return tokens[pos[0] - 1]

    def atom():
        t = take()
        if t == "(":
            v = sum_()
            take()
            return v
        if t == "-":
            return -atom()
        if t == "+":
            return atom()
        if t == "pi":
            return math.pi
        if re.match(r"[A-Za-z_]", t):
            return inputs[t]
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

    return sum_()


def _apply_one(state, n, q, m):
    psi = state.reshape([2] * n)  # axis 0 is the highest qubit
    axis = n - 1 - q
    psi = np.moveaxis(np.tensordot(m, psi, axes=([1], [axis])), 0, axis)
    return psi.reshape(-1)


def _apply_two(state, n, kind, a, b):
    idx = np.arange(1 << n)
    out = state.copy()
    if kind == "cx":
        hit = (idx >> a) & 1 == 1
        out[idx[hit]] = state[idx[hit] ^ (1 << b)]
    elif kind == "cz":
        hit = ((idx >> a) & 1) & ((idx >> b) & 1) == 1
        out[hit] = -state[hit]
    elif kind == "swap":
        ba, bb = (idx >> a) & 1, (idx >> b) & 1
        out = state[idx ^ ((ba ^ bb) << a) ^ ((ba ^ bb) << b)]
    else:
        raise ValueError("unknown two-qubit gate " + kind)
    return out


def trained_inputs(text):
    """The parameter values of a qasm3 file's comment header: {"theta_0": value, ...}."""
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r"^//\s*(theta_\d+)\s*=\s*(\S+)", text, re.M)}


def simulate_qasm(text, inputs=None):
    inputs = dict(inputs or {})
    state, n = None, 0
    for raw in text.splitlines():
        line = raw.split("//")[0].strip()
        if not line or line.startswith(("OPENQASM", "include", "input")):
            continue
        line = line.rstrip(";")
        m = re.match(r"(?:qreg\s+q\[(\d+)\]|qubit\[(\d+)\]\s+q)$", line)
        if m:
            n = int(m.group(1) or m.group(2))
            state = np.zeros(1 << n, dtype=complex)
            state[0] = 1
            continue
        m = re.match(r"(\w+)(?:\((.*)\))?\s+(.*)$", line)
        name, angle, args = m.group(1), m.group(2), m.group(3)
        qubits = [int(q) for q in re.findall(r"q\[(\d+)\]", args)]
        if name in _FIXED:
            state = _apply_one(state, n, qubits[0], _FIXED[name])
        elif name in ("rx", "ry", "rz"):
            state = _apply_one(state, n, qubits[0], _rotation(name, _evaluate(angle, inputs)))
        else:
            state = _apply_two(state, n, name, qubits[0], qubits[1])
    return state


def read_openfermion(text):
    """[(coefficient, [(qubit, 'X'), ...]), ...] of `coef [X0 Y1]` lines."""
    terms = []
    for line in text.splitlines():
        m = re.match(r"\s*(\(.*\)|\S+)\s*\[(.*)\]", line)
        if not m:
            continue
        c = complex(m.group(1).strip("()").replace(" ", ""))
        factors = [(int(f[1:]), f[0]) for f in m.group(2).split()]
        terms.append((c, factors))
    return terms


def expectation(state, terms):
    """<psi|H|psi> (real part) by applying each Pauli string to the state."""
    n = int(round(math.log2(len(state))))
    total = 0.0
    for c, factors in terms:
        phi = state
        for q, letter in factors:
            phi = _apply_one(phi, n, q, _FIXED[letter.lower()])
        total += (c * np.vdot(state, phi)).real
    return total
