"""Measurement-group counts of qmol beside the grouping the common Python toolkits use, in one run.

PennyLane's `group_observables` and Qiskit's `SparsePauliOp.group_commuting` both colour the graph
of non-commuting (or not qubit-wise commuting) term pairs greedily, vertices in order of
decreasing degree ("largest first"). Neither toolkit is a Debian package, so this script colours
the same graph itself (numpy) and prints, per molecule and grouping, the count qmol reports
(`hamiltonian.n_measurement_groups` of `qmol run`: sorted insertion, then iterated greedy regrouping) beside the largest-first
count. usage: /usr/bin/python3 bench/grouping_peers.py [QMOL_EXECUTABLE]"""
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

QMOL = sys.argv[1] if len(sys.argv) > 1 else "build/qmol"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
MOLECULES = ["lih", "h2o", "nh3"]


def run(args):
    p = subprocess.run([QMOL, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(p.stdout + p.stderr)
    return p.stdout


def masks(text):
    """The x and z masks of every non-identity term of an OpenFermion text operator."""
    xs, zs = [], []
    for line in text.splitlines():
        m = re.match(r"\s*\(?[^\[]*\)?\s*\[(.*)\]", line)
        if not m or not m.group(1).strip():
            continue
        x = z = 0
        for factor in m.group(1).split():
            q = 1 << int(factor[1:])
            if factor[0] in "XY":
                x |= q
            if factor[0] in "ZY":
                z |= q
        xs.append(x)
        zs.append(z)
    return np.array(xs, dtype=np.uint64), np.array(zs, dtype=np.uint64)


def popcount_parity(v):
    v = v.copy()
    parity = np.zeros(v.shape, dtype=np.uint64)
    while v.any():
        parity ^= v & np.uint64(1)
        v >>= np.uint64(1)
    return parity


def conflict_graph(x, z, qubit_wise):
    n = len(x)
    adjacency = np.zeros((n, n), dtype=bool)
    support = x | z
    for i in range(n):
        if qubit_wise:
            clash = (support[i] & support) & ((x[i] ^ x) | (z[i] ^ z))
            adjacency[i] = clash != 0
        else:
            adjacency[i] = popcount_parity((x[i] & z) ^ (z[i] & x)) == 1
    np.fill_diagonal(adjacency, False)
    return adjacency


def largest_first_colours(adjacency):
    order = np.argsort(-adjacency.sum(axis=1), kind="stable")
    colour = np.full(len(order), -1)
    for v in order:
        used = set(colour[adjacency[v]].tolist())
        c = 0
        while c in used:
            c += 1
        colour[v] = c
    return int(colour.max()) + 1


def main():
    tmp = tempfile.mkdtemp(prefix="qmol-grouping-")
    print("| molecule | qubits | terms | grouping | qmol (sorted insertion + regrouping) | largest-first colouring |")
    print("|---|---|---|---|---|---|")
    for name in MOLECULES:
        geometry = os.path.join(ROOT, "molecules", name + ".xyz")
        ham = os.path.join(tmp, name + ".txt")
        run(["hamiltonian", geometry, "--output", ham, "--force", "--quiet"])
        with open(ham) as f:
            x, z = masks(f.read())
        for grouping in ("qwc", "commuting"):
            job = os.path.join(tmp, "%s-%s.toml" % (name, grouping))
            with open(job, "w") as f:
                f.write('[molecule]\ngeometry = "%s"\n[hamiltonian]\n[ansatz]\nkind = "uccsd"\n'
                        '[vqe]\nengine = "determinant"\n[optimizer]\nmax_iterations = 1\n'
                        '[estimator]\ngrouping = "%s"\n' % (geometry, grouping))
            out = os.path.join(tmp, "%s-%s.json" % (name, grouping))
            run(["run", job, "--json", out, "--force", "--quiet"])
            with open(out) as f:
                r = json.load(f)
            peer = largest_first_colours(conflict_graph(x, z, grouping == "qwc"))
            print("| %s | %d | %d | %s | %d | %d |" % (
                name, r["hamiltonian"]["n_qubits"], r["hamiltonian"]["n_terms"], grouping,
                r["hamiltonian"]["n_measurement_groups"], peer))


if __name__ == "__main__":
    main()
