#!/usr/bin/env python3
"""Psi4 reference for the C++ example (examples/cpp/h2_vqe.cpp): writes psi4_h2_example.json.

H2 at 0.7414 Angstrom, STO-3G, RHF and FCI. Run from anywhere with Debian's Psi4 1.3.2:
  PYTHONPATH=/usr/lib/x86_64-linux-gnu /usr/bin/python3 tests/data/psi4_h2_example.py
Same conventions as psi4_references.json (README.md): symmetry c1, no_reorient, no_com,
scf_type pk, e/d_convergence 1e-10, FCI with detci on the RHF orbitals.
"""
import json
import os
import tempfile

import psi4

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(tempfile.mkdtemp())  # Psi4 leaves timer.dat and scratch files in the working directory

psi4.core.set_output_file(os.devnull, False)
molecule = psi4.geometry("""
0 1
H 0.0 0.0 0.0
H 0.0 0.0 0.7414
units angstrom
symmetry c1
no_reorient
no_com
""")
psi4.set_options({"basis": "sto-3g", "reference": "rhf", "scf_type": "pk",
                  "e_convergence": 1e-10, "d_convergence": 1e-10})
scf = psi4.energy("scf")
fci = psi4.energy("fci")
result = {
    "h2-0.7414-sto3g": {
        "bond_angstrom": 0.7414,
        "basis": "sto-3g",
        "scf_energy": scf,
        "fci_energy": fci,
        "nuclear_repulsion": molecule.nuclear_repulsion_energy(),
        "psi4_version": psi4.__version__,
    }
}
with open(os.path.join(HERE, "psi4_h2_example.json"), "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
