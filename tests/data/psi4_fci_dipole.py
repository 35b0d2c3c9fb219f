"""Writes psi4_fci_dipole.json: Psi4 1.3.2 FCI (detci, `opdm true`) energies and dipole moments
from oeprop on the FCI one-particle density, STO-3G, H2O at molecules/h2o.xyz, all electrons and
with the oxygen 1s frozen (`frozen_docc [1]`), for the correlated-dipole tests. Same conventions as
psi4_references.json (symmetry c1, no_reorient, no_com, scf_type pk, convergence 1e-10); dipole in
Debye, origin (0, 0, 0) of the input coordinates. Run from the repository root:
  PYTHONPATH=/usr/lib/x86_64-linux-gnu /usr/bin/python3 tests/data/psi4_fci_dipole.py"""
import json
import os
import tempfile

import psi4

psi4.set_num_threads(2)
psi4.set_memory("1 GB")
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(tempfile.gettempdir())
out = {}
for name, frozen in (("h2o-sto3g-fci-dipole", 0), ("h2o-sto3g-fci-fc-dipole", 1)):
    psi4.core.clean()
    psi4.core.clean_options()
    lines = open(os.path.join(root, "molecules", "h2o.xyz")).read().split("\n")[2:]
    atoms = "\n".join(line for line in lines if line.strip())
    psi4.geometry(f"0 1\n{atoms}\nsymmetry c1\nno_reorient\nno_com\nunits angstrom\n")
    psi4.set_options({"basis": "sto-3g", "scf_type": "pk", "e_convergence": 1e-10,
                      "d_convergence": 1e-10, "frozen_docc": [frozen], "r_convergence": 1e-8,
                      "ci_maxiter": 200, "opdm": True})
    energy, wfn = psi4.energy("fci", return_wfn=True)
    psi4.oeprop(wfn, "DIPOLE", title="FCI")
    # Psi4 1.3's oeprop variables "<title> DIPOLE X|Y|Z" are in Debye.
    dipole = [psi4.variable(f"FCI DIPOLE {c}") for c in "XYZ"]
    out[name] = {"xyz": "molecules/h2o.xyz", "basis": "sto-3g", "frozen_docc": frozen,
                 "energy": energy, "dipole_debye": dipole,
                 "psi4_version": psi4.__version__}
with open(os.path.join(root, "tests", "data", "psi4_fci_dipole.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
