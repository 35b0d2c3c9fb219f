#!/usr/bin/env python3
"""Psi4 references for the spin-targeted exact solver: writes psi4_spin_references.json.

Run from anywhere with Debian's Psi4 1.3.2:
  PYTHONPATH=/usr/lib/x86_64-linux-gnu /usr/bin/python3 tests/data/make_spin_references.py
Same conventions as psi4_references.json (see README.md): geometry from molecules/*.xyz in
Angstrom, symmetry c1, no_reorient, no_com, scf_type pk, e/d_convergence 1e-10. CI with detci on
the SCF orbitals: frozen_docc frozen doubly occupied orbitals, `active` active orbitals (the rest
are dropped virtuals), None = full CI. For a singlet from RHF orbitals detci works in Ms = 0 with
spin-flip symmetry and S = 0, so its roots are the lowest singlets (even S), not the lowest states
of the Ms = 0 sector; open shells from ROHF orbitals give the lowest states with Ms = S.
"""
import json
import os
import subprocess
import sys
import tempfile

import psi4

HERE = os.path.dirname(os.path.abspath(__file__))
MOLECULES = os.path.join(HERE, "..", "..", "molecules")

# name, xyz, multiplicity, reference, frozen_docc, active (None = all), num_roots
CASES = [
    ("ch2-sto3g-cas44-singlet", "ch2.xyz", 1, "rhf", 2, 4, 3),
    ("o2-sto3g-fci-singlet", "o2.xyz", 1, "rhf", 0, None, 2),
    ("o2-sto3g-fci-triplet", "o2.xyz", 3, "rohf", 0, None, 1),
]


def run(name, xyz, multiplicity, reference, frozen_docc, active, num_roots):
    psi4.core.clean()
    psi4.core.clean_options()
    lines = open(os.path.join(MOLECULES, xyz)).read().splitlines()
    n_atoms = int(lines[0])
    atoms = "\n".join(lines[2:2 + n_atoms])
    mol = psi4.geometry(f"0 {multiplicity}\n{atoms}\nunits angstrom\nsymmetry c1\n"
                        "no_reorient\nno_com\n")
    options = {
        "basis": "sto-3g",
        "scf_type": "pk",
        "e_convergence": 1e-10,
        "d_convergence": 1e-10,
        "reference": reference,
        "frozen_docc": [frozen_docc],
        "num_roots": num_roots,
        "r_convergence": 1e-7,
        "fci": True,  # detci's default is CISD (ex_level 2) outside an active window
    }
    if active is not None:
        options["active"] = [active]
    psi4.set_options(options)
    energy, wfn = psi4.energy("detci", return_wfn=True)
    energies = [psi4.variable(f"CI ROOT {i} TOTAL ENERGY") for i in range(num_roots)]
    geometry = mol.geometry().np.tolist()
    return {
        "name": name,
        "xyz": xyz,
        "basis": "sto-3g",
        "method": "fci" if active is None else "casci",
        "charge": 0,
        "multiplicity": multiplicity,
        "reference": reference,
        "frozen_docc": frozen_docc,
        "active": active,
        "num_roots": num_roots,
        "energy": energies[0],
        "energies": energies,
        "scf_energy": psi4.variable("SCF TOTAL ENERGY"),
        "nuclear_repulsion": mol.nuclear_repulsion_energy(),
        "nbf": wfn.basisset().nbf(),
        "nmo": wfn.nmo(),
        "geometry_bohr": geometry,
        "bohr_to_angstrom": psi4.constants.bohr2angstroms,
        "psi4_version": psi4.__version__,
        "puream": wfn.basisset().has_puream(),
    }


def main():
    # One process per case: Psi4 1.3.2 crashes (free(): invalid size) on ROHF after RHF.
    if len(sys.argv) == 3:
        psi4.set_memory("1 GB")
        psi4.set_num_threads(1)
        psi4.set_output_file(sys.argv[2] + ".out", False)
        case = next(c for c in CASES if c[0] == sys.argv[1])
        with open(sys.argv[2], "w") as f:
            json.dump(run(*case), f)
        return
    out_dir = tempfile.mkdtemp(prefix="qmol-psi4-")
    results = {}
    for case in CASES:
        path = os.path.join(out_dir, case[0] + ".json")
        subprocess.run([sys.executable, os.path.abspath(__file__), case[0], path], check=True)
        with open(path) as f:
            results[case[0]] = json.load(f)
        print(case[0], results[case[0]]["energies"])
    with open(os.path.join(HERE, "psi4_spin_references.json"), "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    print("Psi4 outputs in", out_dir)


if __name__ == "__main__":
    main()
