"""qmol from Python: ground-state energies of molecules with the variational quantum eigensolver.

Whole jobs:
    result = qmol.run("molecules/h2o.toml")          # any input qmol reads, or a dict of sections
    result.vqe.energy, result.scf.orbital_energies     # attributes mirror the JSON summary
    result.to_dict()                                   # the JSON summary itself

Building blocks (NumPy arrays in and out):
    mol = qmol.Molecule.from_xyz("molecules/h2o.xyz")
    scf = qmol.scf(mol, basis="sto-3g")
    active = qmol.active_space(scf, electrons=4, orbitals=4)
    core_energy, h1, h2 = active                       # h2[p, q, r, s] = (pq|rs), chemists'
    ham = qmol.qubit_hamiltonian(active, mapping="jordan-wigner")
    qmol.exact(active, roots=2)["energies"]
    f = qmol.EnergyFunction(active, ansatz="uccsd", engine="determinant")
    scipy.optimize.minimize(f.energy, f.initial, jac=f.gradient, method="L-BFGS-B")

Errors are qmol.InputError (bad input; qmol.ResourceError when over the memory limit),
qmol.ConvergenceError, qmol.NumericalError and qmol.IoError, all qmol.Error, with the messages
of the command line. Long calls release the GIL, and Ctrl-C interrupts them (KeyboardInterrupt).
"""
import json
import math
import os

import numpy as np

from . import _qmol
from ._qmol import (ActiveSpace, ConvergenceError, EnergyFunction, Error, InputError, IoError,
                    Molecule, NumericalError, QubitOperator, ResourceError, ScfResult,
                    active_space, exact, qubit_hamiltonian, scf)

__all__ = ["run", "Result", "Molecule", "ScfResult", "ActiveSpace", "QubitOperator",
           "EnergyFunction", "scf", "active_space", "qubit_hamiltonian", "exact", "Error",
           "InputError", "ResourceError", "ConvergenceError", "NumericalError", "IoError"]

def _toml_value(value, where):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise InputError("%s: %r is not a finite number" % (where, value))
        return repr(float(value))
    if isinstance(value, (str, os.PathLike)):
        return json.dumps(os.fspath(value))  # a TOML basic string is a JSON string
    if isinstance(value, (list, tuple, np.ndarray)):
        return "[" + ", ".join(_toml_value(v, where) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join("%s = %s" % (_toml_key(k), _toml_value(v, "%s.%s" % (where, k)))
                               for k, v in value.items()) + "}"
    raise InputError("%s: a job value must be a string, number, bool, list or dict, not %s"
                     % (where, type(value).__name__))


def _toml_key(key):
    key = str(key)
    return key if key.replace("_", "").replace("-", "").isalnum() else json.dumps(key)


def job_text(job):
    """The job file (TOML) of a dict of sections, e.g. {"molecule": {"geometry": "h2o.xyz"}}."""
    lines = []
    for section, keys in job.items():
        if not isinstance(keys, dict):
            raise InputError("job section %r must be a dict of keys" % section)
        lines.append("[%s]" % _toml_key(section))
        for key, value in keys.items():
            lines.append("%s = %s" % (_toml_key(key), _toml_value(value, "%s.%s" % (section, key))))
    return "\n".join(lines) + "\n"


def _to_array(value):
    """Lists of numbers (nested or not) as float arrays; anything else unchanged."""
    if isinstance(value, list) and value:
        try:
            a = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return value
        if a.dtype == float and a.ndim >= 1:
            return a
    return value


class Result:
    """One job's results. Attributes mirror the JSON summary (`qmol run --json`): sections are
    Result objects, lists of numbers NumPy arrays (e.g. result.vqe.parameters,
    result.vqe.history). Beyond the summary: scf.coefficients / coefficients_beta (AO x MO),
    scf.orbital_energies_alpha / _beta, scf.density_alpha / _beta (AO), and
    active_space.one_body (n, n) and two_body (n, n, n, n, chemists' notation (pq|rs)).
    to_dict() returns the JSON summary itself."""

    def __init__(self, summary, arrays=None):
        self._summary = summary
        for key, value in summary.items():
            setattr(self, key, Result(value) if isinstance(value, dict) else _to_array(value))
        for path, value in (arrays or {}).items():
            section, name = path.split(".", 1)
            if not isinstance(getattr(self, section, None), Result):
                setattr(self, section, Result({}))
            if name == "coefficients_alpha":
                name = "coefficients"
            setattr(getattr(self, section), name, np.asarray(value))

    def to_dict(self):
        """The JSON summary, as json.load of `qmol run --json` gives it."""
        return json.loads(json.dumps(self._summary))

    def keys(self):
        return self._summary.keys()

    def __getitem__(self, key):
        return getattr(self, key)

    def __repr__(self):
        return "<qmol.Result %s>" % ", ".join(self._summary.keys())


def run(job, memory=None, log=False, force=False):
    """run(job, memory=None, log=False, force=False) -> Result

    Runs a job as `qmol run` does. `job` is a path to any input qmol reads (.toml job, .xyz,
    .smi, .sdf, .mol2, .pdb) or a dict with the job file's sections, e.g.
    {"molecule": {"geometry": "h2o.xyz", "basis": "sto-3g"}, "ansatz": {"kind": "uccsd"}};
    relative paths in a dict are relative to the working directory. The job's [output] files
    are written (force=True overwrites them). memory: a limit such as "8GiB" (default: qmol's);
    log=True prints qmol's report to stdout."""
    if isinstance(job, dict):
        # Relative paths resolve against the folder of the job "file": the working directory.
        path = os.path.join(os.getcwd(), "<job dict>")
        summary, arrays = _qmol.run_text(job_text(job), path, memory, log, force)
    else:
        summary, arrays = _qmol.run_file(os.fspath(job), memory, log, force)
    return Result(json.loads(summary), arrays)
