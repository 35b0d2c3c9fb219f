"""Reads the energies that examples/cpp/h2_vqe.cpp prints, and the Psi4 reference it must match
(tests/data/psi4_h2_example.json): shared by test_example.py and test_install.py."""
import json
import os
import re

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
# Psi4's FCI (tests/data/README.md); the example's VQE and exact energies must both match it.
TOLERANCE = 1e-8  # Hartree


def reference():
    with open(os.path.join(DATA, "psi4_h2_example.json")) as f:
        return json.load(f)["h2-0.7414-sto3g"]


def energies(stdout):
    """{"Hartree-Fock": e, "VQE (UCCSD)": e, "exact (FCI)": e} from the example's output."""
    found = {}
    for line in stdout.splitlines():
        m = re.match(r"^(.+?) energy\s+(-?\d+\.\d+) Eh", line)
        if m:
            found[m.group(1).strip()] = float(m.group(2))
    return found
