"""Writes psi4_stability.json: Psi4 1.3.2 SCF energies and stability eigenvalues for
tests/scf/scf_stability.cpp. Run from the repository root:
  PYTHONPATH=/usr/lib/x86_64-linux-gnu /usr/bin/python3 tests/data/psi4_stability.py
Psi4 stores only the lowest UHF->UHF and ROHF->ROHF eigenvalue at full precision (array variable
SCF STABILITY EIGENVALUES); RHF eigenvalues exist only in the output, printed to 6 decimals."""
import json
import os
import re
import tempfile

import numpy as np
import psi4

psi4.set_num_threads(1)
psi4.set_memory("500 MB")
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(tempfile.gettempdir())  # Psi4 leaves timer.dat and scratch files in the working directory


def geometry(path, multiplicity):
    lines = open(os.path.join(root, path)).read().split("\n")[2:]
    atoms = "\n".join(line for line in lines if line.strip())
    return f"0 {multiplicity}\n{atoms}\nsymmetry c1\nno_reorient\nno_com\nunits angstrom\n"


def printed(text, title):
    """Eigenvalues listed after each `title` in a Psi4 output, as printed: one list per analysis
    (a followed instability gives several)."""
    blocks = [part.split("\n\n", 1)[0] for part in text.split(title)[1:]]
    return [[float(v) for v in re.findall(r"A\s+(-?\d+\.\d+)", b)] for b in blocks]


def rohf_hessian_by_finite_differences(wfn, mol):
    """Eigenvalues of the exact ROHF orbital Hessian from Psi4's integrals and orbitals: second
    differences of the energy of exp(K)-rotated orbitals (K_pq = z_k / sqrt(2) for each spin, as
    Psi4 normalizes), Richardson-extrapolated from steps 2h and h. Psi4 1.3.2's own ROHF->ROHF
    matrix leaves out part of the Fock-matrix coupling between docc->socc and socc->virtual
    rotations, so its printed eigenvalues differ from these by up to 1e-2."""
    import scipy.linalg
    c = wfn.Ca().np.copy()
    na, nb, n = wfn.nalpha(), wfn.nbeta(), wfn.Ca().np.shape[1]
    mints = psi4.core.MintsHelper(wfn.basisset())
    h = mints.ao_kinetic().np + mints.ao_potential().np
    eri = mints.ao_eri().np

    def energy(z):
        k = np.zeros((n, n))
        for i, (p, q) in enumerate(pairs):
            k[p, q] += z[i] / np.sqrt(2.0)
            k[q, p] -= z[i] / np.sqrt(2.0)
        cr = c @ scipy.linalg.expm(k)
        da, db = cr[:, :na] @ cr[:, :na].T, cr[:, :nb] @ cr[:, :nb].T
        j = np.einsum("pqrs,rs->pq", eri, da + db)
        ka, kb = np.einsum("prqs,rs->pq", eri, da), np.einsum("prqs,rs->pq", eri, db)
        return (mol.nuclear_repulsion_energy() + 0.5 * np.sum(da * (2 * h + j - ka)) +
                0.5 * np.sum(db * (2 * h + j - kb)))

    pairs = [(p, q) for q in range(na) for p in range(max(q + 1, nb), n)
             if not (q >= nb and p < na)]
    m = len(pairs)

    def hessian(step):  # E = E0 + g.z + z.H z, so H = (d2E/dz2) / 2
        out = np.zeros((m, m))
        for a in range(m):
            for b in range(a, m):
                za, zb = np.eye(m)[a] * step, np.eye(m)[b] * step
                d2 = (energy(za + zb) - energy(za - zb) - energy(zb - za) + energy(-za - zb))
                out[a, b] = out[b, a] = d2 / (4 * step * step) / 2
        return out

    richardson = (4 * hessian(1e-3) - hessian(2e-3)) / 3
    return np.linalg.eigvalsh(richardson).tolist()


def run(name, xyz, multiplicity, basis, options):
    psi4.core.clean()
    psi4.core.clean_options()
    psi4.core.clean_variables()
    out = os.path.join(tempfile.gettempdir(), f"psi4-{name}.out")
    psi4.core.set_output_file(out, False)
    mol = psi4.geometry(geometry(xyz, multiplicity))
    settings = dict(basis=basis, scf_type="pk", e_convergence=1e-10, d_convergence=1e-10)
    settings.update(options)
    psi4.set_options(settings)
    energy, wfn = psi4.energy("scf", molecule=mol, return_wfn=True)
    text = open(out).read()
    record = dict(xyz=xyz, multiplicity=multiplicity, basis=basis, psi4_options=options,
                  energy=energy, nuclear_repulsion=mol.nuclear_repulsion_energy(),
                  geometry_bohr=mol.geometry().np.tolist(), psi4_version=psi4.__version__)
    arrays = psi4.core.array_variables()
    if "SCF STABILITY EIGENVALUES" in arrays:
        # of the last analysis (the final solution when an instability was followed)
        record["lowest_eigenvalue"] = float(np.array(arrays["SCF STABILITY EIGENVALUES"]).min())
    for key, title in [("singlet_printed", "Lowest singlet (RHF->RHF) stability eigenvalues"),
                       ("triplet_printed", "Lowest triplet (RHF->UHF) stability eigenvalues"),
                       ("uhf_printed", "Lowest UHF->UHF stability eigenvalues"),
                       ("rohf_printed", "Lowest ROHF->ROHF stability eigenvalues")]:
        if title in text:
            record[key] = printed(text, title)
    if options.get("reference") == "rohf":
        record["exact_eigenvalues"] = rohf_hessian_by_finite_differences(wfn, mol)
    print(name, energy, {k: v for k, v in record.items() if k.endswith("printed")})
    return record


h2 = "tests/data/h2-3.0.xyz"
cases = {
    # UHF from SAD: the RHF-like solution, followed to the broken-symmetry one.
    "h2-3.0-ccpvdz-uhf-follow": run("h2-uhf-follow", h2, 1, "cc-pvdz",
                                    dict(reference="uhf", stability_analysis="follow")),
    # Psi4 1.3.2 mixes SAD "orbitals" at iteration 0 with the wrong indices (it prints "Mixing
    # alpha HOMO/LUMO orbitals (2,3)" and stays restricted); the core guess mixes (1,2).
    "h2-3.0-ccpvdz-uhf-guess-mix": run("h2-uhf-mix", h2, 1, "cc-pvdz",
                                       dict(reference="uhf", guess="core", guess_mix=True,
                                            stability_analysis="check")),
    # Lowest UHF->UHF eigenvalue of the restricted solution = its lowest triplet eigenvalue.
    "h2-3.0-ccpvdz-uhf-check": run("h2-uhf-check", h2, 1, "cc-pvdz",
                                   dict(reference="uhf", stability_analysis="check")),
    "h2-3.0-ccpvdz-rhf-check": run("h2-rhf-check", h2, 1, "cc-pvdz",
                                   dict(reference="rhf", stability_analysis="check")),
    "h2o-ccpvdz-rhf-check": run("h2o-rhf-check", "molecules/h2o.xyz", 1, "cc-pvdz",
                                dict(reference="rhf", stability_analysis="check")),
    # Psi4's Davidson fails for this case with its default guess count.
    "h2o-ccpvdz-uhf-check": run("h2o-uhf-check", "molecules/h2o.xyz", 1, "cc-pvdz",
                                dict(reference="uhf", stability_analysis="check",
                                     solver_maxiter=200, solver_n_guess=4)),
    "ch2-sto3g-uhf-check": run("ch2-uhf-check", "molecules/ch2.xyz", 3, "sto-3g",
                               dict(reference="uhf", stability_analysis="check")),
    "ch2-sto3g-rohf-check": run("ch2-rohf-check", "molecules/ch2.xyz", 3, "sto-3g",
                                dict(reference="rohf", stability_analysis="check")),
}
with open(os.path.join(root, "tests", "data", "psi4_stability.json"), "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")
