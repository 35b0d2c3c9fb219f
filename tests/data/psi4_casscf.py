"""Writes psi4_casscf.json: Psi4 CASSCF energies (detci's two-step MCSCF, mcscf_type conv) and
the CASSCF dipole from oeprop on its one-particle density, for the orbital-optimization tests.
Same conventions as psi4_references.json (symmetry c1, no_reorient, no_com, scf_type pk, tight
convergence). restricted_docc orbitals are optimized doubly occupied ones, frozen_docc orbitals
keep their SCF form: qmol's inactive orbitals and its frozen_core ones. Dipole in Debye, origin
(0, 0, 0) of the input coordinates. Run from the repository root:
  PYTHONPATH=/usr/lib/x86_64-linux-gnu /usr/bin/python3 tests/data/psi4_casscf.py"""
import json
import os
import tempfile

import psi4

psi4.set_num_threads(2)
psi4.set_memory("2 GB")
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(tempfile.gettempdir())
# name: (xyz, basis, reference, multiplicity, frozen_docc, restricted_docc, active)
cases = {
    "lih-sto3g-cas23": ("lih.xyz", "sto-3g", "rhf", 1, 0, 1, 3),
    "h2o-ccpvdz-cas66": ("h2o.xyz", "cc-pvdz", "rhf", 1, 0, 2, 6),
    "h2o-ccpvdz-cas44": ("h2o.xyz", "cc-pvdz", "rhf", 1, 0, 3, 4),
    "n2-631g-fc-cas66": ("n2.xyz", "6-31g", "rhf", 1, 2, 2, 6),
    "ch2-triplet-631g-cas66": ("ch2.xyz", "6-31g", "rohf", 3, 0, 1, 6),
}
out = {}
for name, (xyz, basis, reference, mult, frozen, docc, active) in cases.items():
    psi4.core.clean()
    psi4.core.clean_options()
    lines = open(os.path.join(root, "molecules", xyz)).read().split("\n")[2:]
    atoms = "\n".join(line for line in lines if line.strip())
    psi4.geometry(f"0 {mult}\n{atoms}\nsymmetry c1\nno_reorient\nno_com\nunits angstrom\n")
    psi4.set_options({"basis": basis, "reference": reference, "scf_type": "pk",
                      "mcscf_type": "conv", "e_convergence": 1e-12, "d_convergence": 1e-10,
                      "frozen_docc": [frozen], "restricted_docc": [docc], "active": [active],
                      "mcscf_e_convergence": 1e-11, "mcscf_r_convergence": 1e-8,
                      "mcscf_maxiter": 200, "r_convergence": 1e-9, "opdm": True})
    scf_energy = psi4.energy("scf")
    energy, wfn = psi4.energy("casscf", return_wfn=True)
    psi4.oeprop(wfn, "DIPOLE", title="CASSCF")
    # Psi4 1.3's oeprop variables "<title> DIPOLE X|Y|Z" are in Debye.
    dipole = [psi4.variable(f"CASSCF DIPOLE {c}") for c in "XYZ"]
    out[name] = {"xyz": "molecules/" + xyz, "basis": basis, "reference": reference,
                 "multiplicity": mult, "frozen_docc": frozen, "restricted_docc": docc,
                 "active": active, "active_electrons": None, "scf_energy": scf_energy,
                 "energy": energy, "dipole_debye": dipole, "psi4_version": psi4.__version__}
    nel = wfn.nalpha() + wfn.nbeta()
    out[name]["active_electrons"] = nel - 2 * (frozen + docc)
    print(name, scf_energy, energy, dipole, flush=True)
with open(os.path.join(root, "tests", "data", "psi4_casscf.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
