"""Writes psi4_mp2.json: Psi4 1.3.2 conventional RHF-MP2 energies (all-electron and frozen-core)
for tests/active_space/mp2.cpp and the CLI tests, and the MP2 natural-orbital occupations of the
unrelaxed one-particle density computed here with numpy from Psi4's orbitals and integrals in the
spin-orbital formulation (antisymmetrized integrals; its energy is checked against Psi4's).
Run from the repository root:
  PYTHONPATH=/usr/lib/x86_64-linux-gnu /usr/bin/python3 tests/data/psi4_mp2.py
Psi4's state is cleaned between cases."""
import json
import os
import tempfile

import numpy as np
import psi4

psi4.set_num_threads(1)
psi4.set_memory("500 MB")
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(tempfile.gettempdir())  # Psi4 leaves timer.dat and scratch files in the working directory


def geometry(path):
    lines = open(os.path.join(root, path)).read().split("\n")[2:]
    atoms = "\n".join(line for line in lines if line.strip())
    return f"0 1\n{atoms}\nsymmetry c1\nno_reorient\nno_com\nunits angstrom\n"


def spin_orbital_mp2(wfn, n_frozen):
    """(correlation energy, natural occupations by decreasing value) of the unrelaxed MP2 density:
    spin orbitals P = 2p + spin, <PQ||RS> = (PR|QS) - (PS|QR) with spin deltas,
    t_ij^ab = <ij||ab> / (e_i + e_j - e_a - e_b), E = 1/4 sum <ij||ab> t_ij^ab,
    D_ij = delta_ij - 1/2 sum_kab t_ik^ab t_jk^ab, D_ab = 1/2 sum_ijc t_ij^ac t_ij^bc."""
    c, eps = wfn.Ca().np, wfn.epsilon_a().np
    n, n_occ = c.shape[1], wfn.nalpha()
    mints = psi4.core.MintsHelper(wfn.basisset())
    mo = np.einsum("pi,qj,pqrs,rk,sl->ijkl", c, c, mints.ao_eri().np, c, c, optimize=True)
    spin = np.arange(2 * n) % 2
    spatial = np.arange(2 * n) // 2
    chem = mo[np.ix_(spatial, spatial, spatial, spatial)]
    chem = chem * (spin[:, None, None, None] == spin[None, :, None, None]) \
                * (spin[None, None, :, None] == spin[None, None, None, :])
    phys = chem.transpose(0, 2, 1, 3)  # <PQ|RS> = (PR|QS)
    anti = phys - phys.transpose(0, 1, 3, 2)
    e = eps[spatial]
    o = np.arange(2 * n_frozen, 2 * n_occ)
    v = np.arange(2 * n_occ, 2 * n)
    g = anti[np.ix_(o, o, v, v)]
    t = g / (e[o][:, None, None, None] + e[o][None, :, None, None]
             - e[v][None, None, :, None] - e[v][None, None, None, :])
    energy = 0.25 * np.sum(g * t)
    d = np.zeros((2 * n, 2 * n))
    d[:2 * n_occ, :2 * n_occ] = np.eye(2 * n_occ)
    d[np.ix_(o, o)] -= 0.5 * np.einsum("ikab,jkab->ij", t, t)
    d[np.ix_(v, v)] += 0.5 * np.einsum("ijac,ijbc->ab", t, t)
    total = d[0::2, 0::2] + d[1::2, 1::2]
    occupations = np.concatenate([np.linalg.eigvalsh(total[:n_occ, :n_occ]),
                                  np.linalg.eigvalsh(total[n_occ:, n_occ:])])
    return energy, sorted(occupations.tolist(), reverse=True)


def run(name, xyz, basis, frozen_core):
    psi4.core.clean()
    psi4.core.clean_options()
    psi4.core.clean_variables()
    psi4.core.set_output_file(os.path.join(tempfile.gettempdir(), f"psi4-{name}.out"), False)
    mol = psi4.geometry(geometry(xyz))
    psi4.set_options(dict(basis=basis, reference="rhf", scf_type="pk", mp2_type="conv",
                          e_convergence=1e-12, d_convergence=1e-10,
                          freeze_core=frozen_core))
    energy, wfn = psi4.energy("mp2", molecule=mol, return_wfn=True)
    n_frozen = wfn.frzcpi().sum() if frozen_core else 0
    numpy_energy, occupations = spin_orbital_mp2(wfn, n_frozen)
    correlation = psi4.variable("MP2 CORRELATION ENERGY")
    assert abs(numpy_energy - correlation) < 1e-10, (numpy_energy, correlation)
    record = dict(xyz=xyz, basis=basis, frozen_core=frozen_core,
                  scf_energy=psi4.variable("SCF TOTAL ENERGY"),
                  mp2_energy=energy,
                  mp2_correlation_energy=correlation,
                  mp2_natural_occupations=occupations,
                  psi4_version=psi4.__version__)
    print(name, energy, numpy_energy - correlation)
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
