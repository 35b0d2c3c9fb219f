"""The H2 potential-energy curve in STO-3G from Python: at each bond length a qmol SCF, the
active-space integrals, and SciPy's L-BFGS-B over qmol's UCCSD energy and gradient, warm-started
from the previous point; beside qmol's exact (FCI) energy.
usage: PYTHONPATH=build/python /usr/bin/python3 examples/python/potential_energy_curve.py"""
import numpy as np
import scipy.optimize

import qmol

theta = None
print("%8s %16s %16s %16s %10s" % ("R (A)", "HF (Eh)", "UCCSD-VQE (Eh)", "FCI (Eh)", "error"))
for r in np.arange(0.5, 2.51, 0.25):
    mol = qmol.Molecule.from_atoms(["H", "H"], [[0.0, 0.0, 0.0], [0.0, 0.0, r]])
    scf = qmol.scf(mol, basis="sto-3g")
    active = qmol.active_space(scf)
    f = qmol.EnergyFunction(active, ansatz="uccsd", engine="determinant")
    start = f.initial if theta is None else theta
    opt = scipy.optimize.minimize(f.energy, start, jac=f.gradient, method="L-BFGS-B",
                                  options={"gtol": 1e-10})
    theta = opt.x
    fci = qmol.exact(active)["energy"]
    print("%8.2f %16.10f %16.10f %16.10f %10.2e" % (r, scf.energy, opt.fun, fci, opt.fun - fci))
    # UCCSD is exact for two electrons.
    assert abs(opt.fun - fci) < 1e-8, (r, opt.fun, fci)
