"""qmol's integrals in NumPy for one's own analysis: the active-space Hamiltonian of water in
STO-3G as arrays, checked against qmol's Hartree-Fock energy, then the MP2 correlation energy
computed here from them (spin-adapted closed-shell formula).
usage: PYTHONPATH=build/python /usr/bin/python3 examples/python/integrals_to_numpy.py"""
import os

import numpy as np

import qmol

here = os.path.dirname(os.path.abspath(__file__))
mol = qmol.Molecule.from_xyz(os.path.join(here, "..", "..", "molecules", "h2o.xyz"))
scf = qmol.scf(mol, basis="sto-3g")
core, h1, h2 = qmol.active_space(scf)  # h2[p, q, r, s] = (pq|rs), MO basis
n_occ = scf.n_alpha

# The determinant energy from the integrals equals qmol's SCF energy.
o = slice(0, n_occ)
e_hf = (core + 2 * np.einsum("ii", h1[o, o]) + 2 * np.einsum("iijj", h2[o, o, o, o])
        - np.einsum("ijji", h2[o, o, o, o]))
print("HF from the integrals: %.10f Eh, qmol's SCF: %.10f Eh" % (e_hf, scf.energy))
assert abs(e_hf - scf.energy) < 1e-8

# Fock matrix in the MO basis; its diagonal is the orbital energies.
fock = h1 + 2 * np.einsum("pqii->pq", h2[:, :, o, o]) - np.einsum("piiq->pq", h2[:, o, o, :])
eps = np.diag(fock)
assert np.allclose(eps, scf.orbital_energies, atol=1e-8)

v = slice(n_occ, h1.shape[0])
iajb = h2[o, v, o, v]  # (ia|jb)
denominator = (eps[o, None, None, None] - eps[None, v, None, None] + eps[None, None, o, None]
               - eps[None, None, None, v])
e_mp2 = np.sum(iajb * (2 * iajb - iajb.transpose(0, 3, 2, 1)) / denominator)
print("MP2 correlation energy: %.10f Eh" % e_mp2)
