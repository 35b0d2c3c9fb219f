// qmol._qmol: the library's pipeline for Python. Whole jobs (run), and the building blocks a
// chemist scripts with: molecules, SCF, active-space integrals, qubit Hamiltonians, the exact
// solver; the differentiable energy is in energy_function.cpp. python/qmol/__init__.py wraps
// this module (Result, job dicts) and documents the public names.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <Eigen/Core>
#include <complex>
#include <cstdint>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bindings.h"
#include "qmol/chem/chemical_structure.h"
#include "qmol/chem/elements.h"
#include "qmol/chem/molecule.h"
#include "qmol/chem/xyz.h"
#include "qmol/core/errors.h"
#include "qmol/core/units.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/io/json_summary.h"
#include "qmol/qubit/operator_io.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/scf/scf.h"
#include "qmol/solve/exact_diagonalization.h"
#include "qmol/workflow/job.h"
#include "qmol/workflow/job_input.h"
#include "qmol/workflow/memory_size.h"
#include "qmol/workflow/run.h"

namespace qmol::python {
namespace {

// An SCF solution with what the active space needs of it.
struct Scf {
  Molecule molecule;
  std::shared_ptr<const AoIntegrals> integrals;
  ScfResult result;
};

// A qubit operator and the register it lives on.
struct QubitHamiltonian {
  QubitOperator op;
  Mapping mapping = Mapping::jordan_wigner;
  bool two_qubit_reduction = false;
  int n_alpha = 0, n_beta = 0;
};

constexpr std::size_t kMaxDenseDimension = 1 << 13;

double memory_limit(const std::optional<std::string>& memory) {
  return memory ? parse_memory_size(*memory) : default_memory_limit();
}

// What `qmol run` does after loading the job: the same output checks, the run, the [output]
// files; returns the JSON summary's text and the arrays that the summary leaves out.
std::pair<std::string, py::dict> run_loaded_job(const Job& job, double memory, bool log,
                                                bool force) {
  RunResult r = interruptible([&] {
    RunOptions options;
    options.memory_limit_bytes = memory;
    options.log = log ? &std::cout : nullptr;
    return run_job_with_outputs(job, options, force);
  });
  py::dict arrays;
  if (r.scf) {
    const ScfResult& s = *r.scf;
    arrays["scf.coefficients_alpha"] = s.coefficients_alpha;
    arrays["scf.coefficients_beta"] = s.coefficients_beta;
    arrays["scf.orbital_energies_alpha"] = s.orbital_energies_alpha;
    arrays["scf.orbital_energies_beta"] = s.orbital_energies_beta;
    arrays["scf.density_alpha"] = s.density_alpha;
    arrays["scf.density_beta"] = s.density_beta;
  }
  if (r.hamiltonian) {
    const int n = r.hamiltonian->n_orbitals();
    arrays["active_space.one_body"] = r.hamiltonian->one_body();
    arrays["active_space.two_body"] =
        py::array_t<double>({n, n, n, n}, r.hamiltonian->two_body_data().data());
  }
  return {json_summary(r).dump(), arrays};
}

// The error as the CLI reports it for this input: placed at `path` when it knows no file.
[[noreturn]] void rethrow_at(const Error& e, const std::string& path) {
  if (!e.where().file.empty()) throw;
  const Location at{path, 0, e.where().field};
  if (dynamic_cast<const ResourceError*>(&e)) throw ResourceError(e.what(), at);
  if (dynamic_cast<const InputError*>(&e)) throw InputError(e.what(), at);
  if (dynamic_cast<const ConvergenceError*>(&e)) throw ConvergenceError(e.what(), at);
  if (dynamic_cast<const NumericalError*>(&e)) throw NumericalError(e.what(), at);
  if (dynamic_cast<const IoError*>(&e)) throw IoError(e.what(), at);
  throw;
}

Molecule molecule_from_atoms(const std::vector<std::string>& symbols,
                             const Eigen::MatrixXd& coordinates, const std::string& units,
                             int charge, std::optional<int> multiplicity) {
  if (coordinates.rows() != static_cast<Eigen::Index>(symbols.size()) || coordinates.cols() != 3)
    throw InputError("coordinates must have shape (n_atoms, 3) with one row per symbol",
                     {"", 0, "coordinates"});
  double to_bohr = 1.0;
  if (units == "angstrom")
    to_bohr = kAngstromInBohr;
  else if (units != "bohr")
    throw InputError("units must be \"angstrom\" or \"bohr\", not \"" + units + "\"",
                     {"", 0, "units"});
  Molecule m;
  m.name = "molecule";
  for (std::size_t a = 0; a < symbols.size(); ++a) {
    Atom atom;
    atom.atomic_number = atomic_number(symbols[a]);
    if (atom.atomic_number == 0)
      throw InputError("unknown element '" + symbols[a] + "' (qmol knows H to Kr)",
                       {"", 0, "symbols"});
    atom.position = coordinates.row(static_cast<Eigen::Index>(a)).transpose() * to_bohr;
    m.atoms.push_back(atom);
  }
  m.charge = charge;
  m.multiplicity = multiplicity ? *multiplicity : default_multiplicity(m.n_electrons());
  m.validate("");
  return m;
}

py::list symbols_of(const Molecule& m) {
  py::list out;
  for (const Atom& a : m.atoms) out.append(element_symbol(a.atomic_number));
  return out;
}

Eigen::MatrixXd coordinates_of(const Molecule& m) {
  Eigen::MatrixXd xyz(static_cast<Eigen::Index>(m.atoms.size()), 3);
  for (std::size_t a = 0; a < m.atoms.size(); ++a)
    xyz.row(static_cast<Eigen::Index>(a)) = m.atoms[a].position.transpose();
  return xyz;
}

Scf run_scf_of(const Molecule& molecule, const std::string& basis,
               std::optional<std::string> reference, double energy_tolerance,
               double density_tolerance, int max_iterations, const std::string& stability) {
  ScfOptions options;
  if (reference) options.reference = from_string<Reference>(*reference);
  options.energy_tolerance = energy_tolerance;
  options.density_tolerance = density_tolerance;
  options.max_iterations = max_iterations;
  options.stability = from_string<Stability>(stability);
  molecule.validate("");
  const BasisSet basis_set = load_basis(basis, molecule);
  return interruptible([&] {
    Scf s;
    s.molecule = molecule;
    s.integrals = std::make_shared<const AoIntegrals>(compute_ao_integrals(molecule, basis_set));
    s.result = run_scf(molecule, *s.integrals, options);
    return s;
  });
}

ActiveSpace active_space_of(const Scf& scf, std::optional<int> electrons,
                            std::optional<int> orbitals, py::object frozen_core) {
  ActiveSpaceOptions options;
  options.electrons = electrons;
  options.orbitals = orbitals;
  if (py::isinstance<py::bool_>(frozen_core))
    options.frozen_core = frozen_core.cast<bool>();
  else
    options.frozen_core = frozen_core.cast<int>();
  options.check();
  ActiveSpace a;
  a.hamiltonian = std::make_shared<const MolecularHamiltonian>(interruptible([&] {
    return build_active_space(*scf.integrals, scf.result, scf.molecule, options, &a.info);
  }));
  return a;
}

// <b'| op |b> over the basis states b of one sector (all of them when `states` is empty).
Eigen::MatrixXcd dense_matrix(const QubitOperator& op, const std::vector<std::uint64_t>& states) {
  const auto n = static_cast<Eigen::Index>(states.size());
  std::unordered_map<std::uint64_t, Eigen::Index> index;
  for (Eigen::Index i = 0; i < n; ++i) index.emplace(states[static_cast<std::size_t>(i)], i);
  Eigen::MatrixXcd m = Eigen::MatrixXcd::Zero(n, n);
  for (const auto& [p, c] : op.terms()) {
    const std::uint64_t x = p.x[0], z = p.z[0];
    // P|b> = i^|x&z| (-1)^|z&b| |b^x>
    const std::complex<double> y_phase =
        std::pow(std::complex<double>(0.0, 1.0), std::popcount(x & z) % 4);
    for (Eigen::Index col = 0; col < n; ++col) {
      const std::uint64_t b = states[static_cast<std::size_t>(col)];
      const auto row = index.find(b ^ x);
      if (row == index.end()) continue;  // leaves the sector: zero (H conserves it)
      const double sign = (std::popcount(z & b) & 1) ? -1.0 : 1.0;
      m(row->second, col) += c * y_phase * sign;
    }
  }
  return m;
}

Eigen::MatrixXcd qubit_matrix(const QubitHamiltonian& q,
                              std::optional<std::pair<int, int>> sector) {
  const int n = q.op.n_qubits();
  std::vector<std::uint64_t> states;
  if (sector) {
    if (q.mapping != Mapping::jordan_wigner || q.two_qubit_reduction)
      throw InputError(
          "sector=(n_alpha, n_beta) selects Jordan-Wigner occupation states; this operator is " +
              to_string(q.mapping) + "-mapped, so take matrix() of the whole register",
          {"", 0, "sector"});
    const std::uint64_t alpha = 0x5555555555555555ULL & ((n >= 64) ? ~0ULL : ((1ULL << n) - 1));
    const std::uint64_t beta = alpha << 1;
    for (std::uint64_t b = 0; b < (1ULL << n); ++b)
      if (std::popcount(b & alpha) == sector->first && std::popcount(b & beta) == sector->second)
        states.push_back(b);
  } else {
    if (n > 13)
      throw InputError("the matrix of " + std::to_string(n) +
                           " qubits is too large to form densely; give sector=(n_alpha, n_beta)",
                       {"", 0, "sector"});
    for (std::uint64_t b = 0; b < (1ULL << n); ++b) states.push_back(b);
  }
  if (states.size() > kMaxDenseDimension)
    throw InputError("the sector holds " + std::to_string(states.size()) +
                         " states, more than the 8192 a dense matrix is formed for",
                     {"", 0, "sector"});
  return dense_matrix(q.op, states);
}

// One 64-bit mask per term: its x (X or Y) or z (Z or Y) qubits.
py::array_t<std::uint64_t> term_masks(const QubitHamiltonian& q, bool x) {
  std::vector<std::uint64_t> masks;
  for (const auto& [p, c] : q.op.terms()) masks.push_back(x ? p.x[0] : p.z[0]);
  return py::array_t<std::uint64_t>(masks.size(), masks.data());
}

void bind_errors(py::module_& m) {
  static py::exception<Error> error(m, "Error");
  static py::exception<InputError> input(m, "InputError", error.ptr());
  static py::exception<ResourceError> resource(m, "ResourceError", input.ptr());
  static py::exception<ConvergenceError> convergence(m, "ConvergenceError", error.ptr());
  static py::exception<NumericalError> numerical(m, "NumericalError", error.ptr());
  static py::exception<IoError> io(m, "IoError", error.ptr());
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ResourceError& e) {
      resource(e.describe().c_str());
    } catch (const InputError& e) {
      input(e.describe().c_str());
    } catch (const ConvergenceError& e) {
      convergence(e.describe().c_str());
    } catch (const NumericalError& e) {
      numerical(e.describe().c_str());
    } catch (const IoError& e) {
      io(e.describe().c_str());
    } catch (const Interrupted&) {
      PyErr_SetNone(PyExc_KeyboardInterrupt);
    } catch (const Error& e) {
      error(e.describe().c_str());
    }
  });
}

}  // namespace
}  // namespace qmol::python

PYBIND11_MODULE(_qmol, m) {
  using namespace qmol;
  using namespace qmol::python;
  m.doc() = "qmol's C++ library; use the qmol package, which wraps it.";
  bind_errors(m);

  m.def(
      "run_file",
      [](const std::string& path, std::optional<std::string> memory, bool log, bool force) {
        try {
          const double limit = memory_limit(memory);
          return run_loaded_job(load_job_input(path).job, limit, log, force);
        } catch (const Error& e) {
          rethrow_at(e, path);
        }
      },
      py::arg("path"), py::arg("memory") = py::none(), py::arg("log") = false,
      py::arg("force") = false);
  m.def(
      "run_text",
      [](const std::string& text, const std::string& path, std::optional<std::string> memory,
         bool log, bool force) {
        try {
          const double limit = memory_limit(memory);
          return run_loaded_job(parse_job(text, path), limit, log, force);
        } catch (const Error& e) {
          rethrow_at(e, path);
        }
      },
      py::arg("text"), py::arg("path"), py::arg("memory") = py::none(), py::arg("log") = false,
      py::arg("force") = false);

  py::class_<Molecule>(m, "Molecule", "A molecule: nuclei (Bohr), charge and multiplicity.")
      .def_static(
          "from_xyz", [](const std::string& path) { return read_xyz(path); }, py::arg("path"),
          "Reads an XYZ file (Angstrom; charge= and multiplicity= on the comment line).")
      .def_static(
          "from_smiles",
          [](const std::string& smiles, std::uint32_t seed, std::optional<int> conformers) {
            StructureOptions options;
            options.seed = seed;
            options.conformers = conformers;
            return interpret_structure(smiles_record(smiles, {"", 0, "smiles"}), options).molecule;
          },
          py::arg("smiles"), py::arg("seed") = StructureOptions{}.seed,
          py::arg("conformers") = py::none(),
          "From a SMILES string as qmol reads one: hydrogens added, 3D coordinates by ETKDGv3 "
          "(seed) and MMFF94 (UFF where MMFF94 has no parameters), the lowest of `conformers`; "
          "charge from the formal charges, multiplicity from the radicals.")
      .def_static(
          "from_file",
          [](const std::string& path) {
            std::optional<Molecule> m = load_job_input(path).job.molecule;
            if (!m) throw InputError("an FCIDUMP job has no molecule", {path, 0, ""});
            return *m;
          },
          py::arg("path"),
          "The molecule of any input qmol reads (.xyz, .toml, .smi, .sdf, .mol2, .pdb; "
          "the first record).")
      .def_readonly("smiles", &Molecule::smiles, "Canonical SMILES when read from a structure.")
      .def_static("from_atoms", &molecule_from_atoms, py::arg("symbols"), py::arg("coordinates"),
                  py::arg("units") = "angstrom", py::arg("charge") = 0,
                  py::arg("multiplicity") = py::none(),
                  "From element symbols and an (n_atoms, 3) array of coordinates in `units` "
                  "(\"angstrom\" or \"bohr\"); the multiplicity defaults to 1 for an even "
                  "electron count, else 2.")
      .def_property_readonly("symbols", &symbols_of, "Element symbols, in input order.")
      .def_property_readonly("coordinates", &coordinates_of, "(n_atoms, 3) positions in Bohr.")
      .def_readonly("charge", &Molecule::charge)
      .def_readonly("multiplicity", &Molecule::multiplicity)
      .def_readonly("name", &Molecule::name)
      .def_property_readonly("n_electrons", &Molecule::n_electrons)
      .def_property_readonly("formula", &Molecule::formula)
      .def_property_readonly("nuclear_repulsion", &Molecule::nuclear_repulsion,
                             "Nuclear repulsion energy, Hartree.")
      .def("__repr__", [](const Molecule& mol) {
        return "<qmol.Molecule " + mol.formula() + " charge=" + std::to_string(mol.charge) +
               " multiplicity=" + std::to_string(mol.multiplicity) + ">";
      });

  py::class_<Scf>(m, "ScfResult", "A converged SCF solution (qmol.scf).")
      .def_property_readonly(
          "energy", [](const Scf& s) { return s.result.energy; }, "Total energy, Hartree.")
      .def_property_readonly("reference",
                             [](const Scf& s) { return to_string(s.result.reference); })
      .def_property_readonly("iterations", [](const Scf& s) { return s.result.iterations; })
      .def_property_readonly("n_alpha", [](const Scf& s) { return s.result.n_alpha; })
      .def_property_readonly("n_beta", [](const Scf& s) { return s.result.n_beta; })
      .def_property_readonly(
          "orbital_energies", [](const Scf& s) { return s.result.orbital_energies_alpha; },
          "Alpha orbital energies, Hartree (RHF/ROHF: the only set).")
      .def_property_readonly("orbital_energies_beta",
                             [](const Scf& s) { return s.result.orbital_energies_beta; })
      .def_property_readonly(
          "coefficients", [](const Scf& s) { return s.result.coefficients_alpha; },
          "Alpha MO coefficients, AO x MO.")
      .def_property_readonly("coefficients_beta",
                             [](const Scf& s) { return s.result.coefficients_beta; })
      .def_property_readonly(
          "density", [](const Scf& s) { return s.result.density_alpha + s.result.density_beta; },
          "Total AO density matrix (alpha + beta).")
      .def_property_readonly(
          "overlap", [](const Scf& s) { return s.integrals->overlap; }, "AO overlap matrix.")
      .def_property_readonly("s_squared", [](const Scf& s) { return s.result.s_squared; })
      .def_property_readonly("molecule", [](const Scf& s) { return s.molecule; })
      .def_property_readonly("warnings", [](const Scf& s) { return s.result.warnings; });
  m.def("scf", &run_scf_of, py::arg("molecule"), py::arg("basis") = "sto-3g",
        py::arg("reference") = py::none(), py::arg("energy_tolerance") = 1e-10,
        py::arg("density_tolerance") = 1e-8, py::arg("max_iterations") = 100,
        py::arg("stability") = "check",
        "scf(molecule, basis='sto-3g', reference=None, energy_tolerance=1e-10, "
        "density_tolerance=1e-8, max_iterations=100, stability='check') -> "
        "ScfResult\n\nHartree-Fock: reference 'rhf', 'uhf' or 'rohf' (None: rhf for a singlet, "
        "rohf otherwise); stability 'none', 'check' or 'follow'. Raises ConvergenceError when it "
        "does not converge.");

  py::class_<ActiveSpace>(
      m, "ActiveSpace",
      "Active-space Hamiltonian H = core_energy + sum_pq h1[p,q] E_pq + 1/2 sum_pqrs h2[p,q,r,s] "
      "(E_pq E_rs - delta_qr E_ps), spatial orbitals; h2 in chemists' notation (pq|rs). Unpacks "
      "as (core_energy, h1, h2).")
      .def_property_readonly("core_energy",
                             [](const ActiveSpace& a) { return a.hamiltonian->core_energy(); })
      .def_property_readonly("h1", [](const ActiveSpace& a) { return a.hamiltonian->one_body(); })
      .def_property_readonly(
          "h2",
          [](const ActiveSpace& a) {
            const int n = a.hamiltonian->n_orbitals();
            return py::array_t<double>({n, n, n, n}, a.hamiltonian->two_body_data().data());
          })
      .def_property_readonly("n_orbitals",
                             [](const ActiveSpace& a) { return a.hamiltonian->n_orbitals(); })
      .def_property_readonly("n_alpha",
                             [](const ActiveSpace& a) { return a.hamiltonian->n_alpha(); })
      .def_property_readonly("n_beta", [](const ActiveSpace& a) { return a.hamiltonian->n_beta(); })
      .def_property_readonly(
          "orbitals", [](const ActiveSpace& a) { return a.info.active_orbitals; },
          "The active MO indices (0-based).")
      .def("__iter__", [](py::object self) {
        return py::iter(py::make_tuple(self.attr("core_energy"), self.attr("h1"), self.attr("h2")));
      });
  m.def("active_space", &active_space_of, py::arg("scf"), py::arg("electrons") = py::none(),
        py::arg("orbitals") = py::none(), py::arg("frozen_core") = false,
        "active_space(scf, electrons=None, orbitals=None, frozen_core=False) -> ActiveSpace\n\nThe "
        "Hamiltonian of `electrons` electrons in `orbitals` orbitals around the Fermi level of an "
        "RHF/ROHF solution (all orbitals when both are None); frozen_core = True freezes the "
        "chemical core, an int that many orbitals. Unpacks as (core_energy, h1, h2): h1 of shape "
        "(n, n), h2 of shape (n, n, n, n) in chemists' notation, h2[p, q, r, s] = (pq|rs).");

  py::class_<QubitHamiltonian>(m, "QubitOperator",
                               "A qubit Hamiltonian sum_k c_k P_k, each Pauli string P_k given by "
                               "its x and z masks (x only: X, z only: Z, both: Y on that qubit); "
                               "qubit k is bit k of a basis-state index.")
      .def_property_readonly("n_qubits", [](const QubitHamiltonian& q) { return q.op.n_qubits(); })
      .def_property_readonly("mapping",
                             [](const QubitHamiltonian& q) { return to_string(q.mapping); })
      .def_property_readonly(
          "x_masks", [](const QubitHamiltonian& q) { return term_masks(q, true); },
          "Bit k set: the term acts with X or Y on qubit k.")
      .def_property_readonly(
          "z_masks", [](const QubitHamiltonian& q) { return term_masks(q, false); },
          "Bit k set: the term acts with Z or Y on qubit k.")
      .def_property_readonly("coefficients",
                             [](const QubitHamiltonian& q) {
                               std::vector<double> c;
                               for (const auto& [p, value] : q.op.terms())
                                 c.push_back(value.real());
                               return py::array_t<double>(c.size(), c.data());
                             })
      .def("__len__", [](const QubitHamiltonian& q) { return q.op.size(); })
      .def("to_openfermion_text",
           [](const QubitHamiltonian& q) {
             std::ostringstream out;
             write_openfermion(out, q.op);
             return out.str();
           })
      .def("matrix", &qubit_matrix, py::arg("sector") = py::none(),
           "The dense matrix (complex) on all 2^n basis states, or for a Jordan-Wigner operator "
           "on those with sector = (n_alpha, n_beta) electrons (in increasing index order).");
  m.def(
      "qubit_hamiltonian",
      [](const ActiveSpace& a, const std::string& mapping, bool two_qubit_reduction) {
        QubitHamiltonian q;
        q.mapping = from_string<Mapping>(mapping);
        q.two_qubit_reduction = two_qubit_reduction;
        q.n_alpha = a.hamiltonian->n_alpha();
        q.n_beta = a.hamiltonian->n_beta();
        if (2 * a.hamiltonian->n_orbitals() > 64)
          throw InputError(
              "the Python operator keeps each term in 64-bit masks: at most 32 "
              "active orbitals",
              {"", 0, "active"});
        q.op = interruptible(
            [&] { return qubit_hamiltonian(*a.hamiltonian, q.mapping, two_qubit_reduction); });
        return q;
      },
      py::arg("active"), py::arg("mapping") = "jordan-wigner",
      py::arg("two_qubit_reduction") = false,
      "qubit_hamiltonian(active, mapping='jordan-wigner', two_qubit_reduction=False) -> "
      "QubitOperator\n\nThe active space's Hamiltonian on qubits: mapping 'jordan-wigner', "
      "'bravyi-kitaev' or 'parity' (two_qubit_reduction: parity only). Spin orbitals are "
      "interleaved: spatial orbital p is qubits 2p (alpha) and 2p+1 (beta).");

  m.def(
      "exact",
      [](const ActiveSpace& a, int roots, const std::string& spin,
         std::optional<std::string> memory) {
        ExactOptions options;
        options.roots = roots;
        options.spin = from_string<ExactSpin>(spin);
        options.memory_limit_bytes = memory_limit(memory);
        options.check();
        const ExactResult r =
            interruptible([&] { return exact_ground_state(*a.hamiltonian, options); });
        std::vector<double> energies, s2;
        for (const ExactRoot& root : r.roots) {
          energies.push_back(root.energy);
          s2.push_back(root.s_squared);
        }
        py::dict out;
        out["energy"] = r.energy;
        out["energies"] = py::array_t<double>(energies.size(), energies.data());
        out["s_squared"] = py::array_t<double>(s2.size(), s2.data());
        out["n_determinants"] = r.n_determinants;
        out["method"] = r.method;
        out["converged"] = r.converged;
        return out;
      },
      py::arg("active"), py::arg("roots") = 1, py::arg("spin") = "target",
      py::arg("memory") = py::none(),
      "exact(active, roots=1, spin='target', memory=None) -> dict\n\nThe lowest `roots` "
      "eigenstates of the active space in its (n_alpha, n_beta) sector, of the target spin "
      "(spin='any': of any spin): {'energy', 'energies', 's_squared', 'n_determinants', 'method', "
      "'converged'}, energies in Hartree including the core energy. memory: a limit such as '8GiB' "
      "(default: qmol's).");

  bind_energy_function(m);
}
