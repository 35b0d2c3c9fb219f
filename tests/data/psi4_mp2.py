"""Writes psi4_mp2.json: Psi4 1.3.2 conventional RHF-MP2 energies (all-electron and frozen-core)
for tests/active_space/mp2.cpp and the CLI tests. Run from the repository root:
  PYTHONPATH=/usr/lib/x86_64-linux-gnu /usr/bin/python3 tests/data/psi4_mp2.py
Each case runs in its own Psi4 process state (clean between cases)."""
import json
import os
import tempfile

import psi4

psi4.set_num_threads(1)
psi4.set_memory("500 MB")
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(tempfile.gettempdir())  # Psi4 leaves timer.dat and scratch files in the working directory


def geometry(path):
    lines = open(os.path.join(root, path)).read().split("\n")[2:]
    atoms = "\n".join(line for line in lines if line.strip())
    return f"0 1\n{atoms}\nsymmetry c1\nno_reorient\nno_com\nunits angstrom\n"


def run(name, xyz, basis, frozen_core):
    psi4.core.clean()
    psi4.core.clean_options()
    psi4.core.clean_variables()
    psi4.core.set_output_file(os.path.join(tempfile.gettempdir(), f"psi4-{name}.out"), False)
    mol = psi4.geometry(geometry(xyz))
    psi4.set_options(dict(basis=basis, reference="rhf", scf_type="pk", mp2_type="conv",
                          e_convergence=1e-12, d_convergence=1e-10,
                          freeze_core=frozen_core))
    energy = psi4.energy("mp2", molecule=mol)
    record = dict(xyz=xyz, basis=basis, frozen_core=frozen_core,
                  scf_energy=psi4.variable("SCF TOTAL ENERGY"),
                  mp2_energy=energy,
                  mp2_correlation_energy=psi4.variable("MP2 CORRELATION ENERGY"),
                  psi4_version=psi4.__version__)
    print(name, record)
    return record


cases = {
    "h2o-631g": run("h2o-631g", "molecules/h2o.xyz", "6-31g", False),
    "h2o-631g-fc": run("h2o-631g-fc", "molecules/h2o.xyz", "6-31g", True),
    "nh3-ccpvdz": run("nh3-ccpvdz", "molecules/nh3.xyz", "cc-pvdz", False),
    "nh3-ccpvdz-fc": run("nh3-ccpvdz-fc", "molecules/nh3.xyz", "cc-pvdz", True),
    "hf-ccpvdz-fc": run("hf-ccpvdz-fc", "molecules/hf.xyz", "cc-pvdz", True),
}
with open(os.path.join(root, "tests", "data", "psi4_mp2.json"), "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")
