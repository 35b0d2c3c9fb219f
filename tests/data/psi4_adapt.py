"""Writes psi4_adapt.json: Psi4 1.3.2 RHF and FCI (detci) energies, STO-3G, of the strongly
correlated cases of the ADAPT-VQE tests (tests/cli/test_adapt.py): the H6 chain at 1.5 Angstrom
(molecules/h6-chain.xyz), the H10 chain at 1.0 Angstrom (tests/data/h10-chain-1.0.xyz) and N2 at
2.0 Angstrom with the two 1s orbitals frozen (molecules/n2-stretched.xyz). Same conventions as
psi4_references.json (symmetry c1, no_reorient, no_com, scf_type pk, convergence 1e-10).
Run from the repository root:
  PYTHONPATH=/usr/lib/x86_64-linux-gnu /usr/bin/python3 tests/data/psi4_adapt.py"""
import json
import os
import tempfile

import psi4

psi4.set_num_threads(2)
psi4.set_memory("2 GB")
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(tempfile.gettempdir())  # Psi4 leaves timer.dat and scratch files in the working directory

CASES = [("h6-1.5-sto3g-fci", "molecules/h6-chain.xyz", 0),
         ("h10-1.0-sto3g-fci", "tests/data/h10-chain-1.0.xyz", 0),
         ("n2-2.0-sto3g-fci-fc", "molecules/n2-stretched.xyz", 2)]
out = {}
for name, path, frozen in CASES:
    psi4.core.clean()
    psi4.core.clean_options()
    lines = open(os.path.join(root, path)).read().split("\n")[2:]
    atoms = "\n".join(line for line in lines if line.strip())
    psi4.geometry(f"0 1\n{atoms}\nsymmetry c1\nno_reorient\nno_com\nunits angstrom\n")
    psi4.set_options({"basis": "sto-3g", "scf_type": "pk", "e_convergence": 1e-10,
                      "d_convergence": 1e-10, "frozen_docc": [frozen], "r_convergence": 1e-7, "ci_maxiter": 500})
    scf = psi4.energy("scf")
    fci = psi4.energy("fci")
    out[name] = {"xyz": path, "basis": "sto-3g", "frozen_docc": frozen, "scf_energy": scf,
                 "energy": fci, "psi4_version": psi4.__version__}
with open(os.path.join(root, "tests", "data", "psi4_adapt.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
