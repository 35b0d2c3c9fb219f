"""A custom optimizer over batched energies: a simple evolution strategy (a Gaussian population
around the mean, the best fifth kept) for LiH/STO-3G in a (2e, 3o) active space, each generation's
population evaluated in one call that qmol spreads over its threads; then the same state polished
with batched gradients of a few step sizes at once (a parallel line search).
usage: PYTHONPATH=build/python /usr/bin/python3 examples/python/batched_optimizer.py"""
import os

import numpy as np

import qmol

here = os.path.dirname(os.path.abspath(__file__))
mol = qmol.Molecule.from_xyz(os.path.join(here, "..", "..", "molecules", "lih.xyz"))
active = qmol.active_space(qmol.scf(mol, basis="sto-3g"), electrons=2, orbitals=3)
f = qmol.EnergyFunction(active, ansatz="uccsd", engine="determinant", threads=2)
exact = qmol.exact(active)["energy"]

rng = np.random.default_rng(7)
mean, sigma, population = f.initial.copy(), 0.1, 40
for generation in range(60):
    thetas = mean + sigma * rng.standard_normal((population, f.n_parameters))
    energies = f.energies(thetas)  # one call, evaluated in parallel
    best = thetas[np.argsort(energies)[: population // 5]]
    mean, sigma = best.mean(axis=0), max(0.7 * sigma + 0.3 * best.std(), 1e-4)
print("evolution strategy: %.10f Eh (%.2e from exact)" % (f.energy(mean), f.energy(mean) - exact))

steps = np.array([0.05, 0.1, 0.2, 0.4, 0.8, 1.6])
for iteration in range(50):
    g = f.gradient(mean)
    if np.linalg.norm(g) < 1e-9:
        break
    trial = mean - steps[:, None] * g  # all step sizes in one batch
    mean = trial[np.argmin(f.energies(trial))]
energy = f.energy(mean)
print("line searches:      %.10f Eh (%.2e from exact)" % (energy, energy - exact))
assert energy - exact < 1e-6
