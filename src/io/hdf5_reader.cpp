#include "qmol/io/hdf5_reader.h"

#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "hdf5_util.h"
#include "qmol/core/errors.h"

namespace qmol {
namespace {

constexpr std::size_t kMaskWords = kMaxQubits / 64;

int as_int(long long v) {
  return static_cast<int>(v);
}

Eigen::VectorXd to_eigen(const std::vector<double>& v) {
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

template <typename T>
std::vector<T> narrow(const std::vector<long long>& v) {
  return std::vector<T>(v.begin(), v.end());
}

std::vector<PauliString> read_paulis(const H5::Group& g, const std::string& prefix) {
  const auto x = h5::read_uint64s(g, prefix + "x_masks");
  const auto z = h5::read_uint64s(g, prefix + "z_masks");
  std::vector<PauliString> paulis(x.size() / kMaskWords);
  for (std::size_t i = 0; i < paulis.size(); ++i)
    for (std::size_t w = 0; w < kMaskWords; ++w) {
      paulis[i].x[w] = x[i * kMaskWords + w];
      paulis[i].z[w] = z[i * kMaskWords + w];
    }
  return paulis;
}

Molecule read_molecule(const H5::Group& g) {
  Molecule m;
  m.name = h5::read_string(g, "name");
  if (h5::has(g, "smiles")) m.smiles = h5::read_string(g, "smiles");
  m.charge = as_int(h5::read_int(g, "charge"));
  m.multiplicity = as_int(h5::read_int(g, "multiplicity"));
  const auto z = h5::read_ints(g, "atomic_numbers");
  const auto xyz = h5::read_doubles(g, "positions_bohr");
  for (std::size_t i = 0; i < z.size(); ++i) {
    Atom a;
    a.atomic_number = as_int(z[i]);
    a.position = Eigen::Vector3d(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    m.atoms.push_back(a);
  }
  return m;
}

ScfResult read_scf(const H5::Group& g) {
  ScfResult s;
  const std::string reference = h5::read_string(g, "reference");
  for (Reference r : {Reference::rhf, Reference::uhf, Reference::rohf})
    if (to_string(r) == reference) s.reference = r;
  s.energy = h5::read_double(g, "energy");
  s.electronic_energy = h5::read_double(g, "electronic_energy");
  s.nuclear_repulsion = h5::read_double(g, "nuclear_repulsion");
  s.iterations = as_int(h5::read_int(g, "iterations"));
  s.n_alpha = as_int(h5::read_int(g, "n_alpha"));
  s.n_beta = as_int(h5::read_int(g, "n_beta"));
  s.orbital_energies_alpha = to_eigen(h5::read_doubles(g, "orbital_energies_alpha"));
  s.orbital_energies_beta = to_eigen(h5::read_doubles(g, "orbital_energies_beta"));
  s.coefficients_alpha = h5::read_matrix(g, "coefficients_alpha");
  s.coefficients_beta = h5::read_matrix(g, "coefficients_beta");
  s.density_alpha = h5::read_matrix(g, "density_alpha");
  s.density_beta = h5::read_matrix(g, "density_beta");
  s.homo_lumo_gap = h5::read_double(g, "homo_lumo_gap");
  const auto dipole = h5::read_doubles(g, "dipole");
  if (dipole.size() != 3)
    throw IoError(fmt::format("scf/dipole has {} components, expected 3", dipole.size()));
  s.dipole_debye = Eigen::Vector3d(dipole[0], dipole[1], dipole[2]);
  s.s_squared = h5::read_double(g, "s_squared");
  s.energy_history = h5::read_doubles(g, "energy_history");
  s.error_history = h5::read_doubles(g, "error_history");
  return s;
}

ActiveSpaceInfo read_active_space(const H5::Group& g) {
  ActiveSpaceInfo a;
  a.n_electrons = as_int(h5::read_int(g, "n_electrons"));
  a.n_orbitals = as_int(h5::read_int(g, "n_orbitals"));
  a.frozen_core = as_int(h5::read_int(g, "frozen_core"));
  a.core_energy = h5::read_double(g, "core_energy");
  a.active_orbitals = narrow<int>(h5::read_ints(g, "orbitals"));
  if (h5::has(g, "selection")) {
    const H5::Group s = g.openGroup("selection");
    OrbitalSelection sel;
    sel.method = from_string<ActiveSpaceSelection>(h5::read_string(s, "method"));
    sel.orbitals = narrow<int>(h5::read_ints(s, "orbitals"));
    sel.n_electrons = as_int(h5::read_int(s, "n_electrons"));
    sel.n_orbitals = as_int(h5::read_int(s, "n_orbitals"));
    if (h5::has(s, "occupations")) sel.occupations = h5::read_doubles(s, "occupations");
    if (h5::has(s, "overlaps")) sel.overlaps = h5::read_doubles(s, "overlaps");
    sel.note = h5::read_string(s, "note");
    a.selection = std::move(sel);
  }
  return a;
}

Mp2Energy read_mp2(const H5::Group& g) {
  return {h5::read_double(g, "energy"), h5::read_double(g, "correlation_energy"),
          as_int(h5::read_int(g, "frozen_core"))};
}

MolecularHamiltonian read_hamiltonian(const H5::Group& g) {
  return MolecularHamiltonian(h5::read_double(g, "core_energy"), h5::read_matrix(g, "one_body"),
                              h5::read_doubles(g, "two_body"), as_int(h5::read_int(g, "n_alpha")),
                              as_int(h5::read_int(g, "n_beta")));
}

RunResult::QubitSummary read_qubit(const H5::Group& g) {
  RunResult::QubitSummary q;
  q.mapping = from_string<Mapping>(h5::read_string(g, "mapping"));
  q.two_qubit_reduction = h5::read_int(g, "two_qubit_reduction") != 0;
  q.n_qubits = as_int(h5::read_int(g, "n_qubits"));
  q.n_terms = static_cast<std::size_t>(h5::read_int(g, "n_terms"));
  q.one_norm = h5::read_double(g, "one_norm");
  if (h5::has(g, "tapered_qubits")) q.tapered_qubits = as_int(h5::read_int(g, "tapered_qubits"));
  if (q.tapered_qubits > 0) {
    q.symmetries = read_paulis(g, "symmetry_");
    q.sector = narrow<int>(h5::read_ints(g, "sector"));
  }
  if (!h5::has(g, "coefficients")) return q;
  QubitOperator op(as_int(h5::read_int(g, "operator_n_qubits")));
  const auto paulis = read_paulis(g, "");
  const auto re = h5::read_doubles(g, "coefficients");
  const auto im = h5::read_doubles(g, "coefficients_imag");
  // Terms were written simplified and sorted; adding them in order keeps that order.
  for (std::size_t i = 0; i < paulis.size(); ++i) op.add(paulis[i], {re[i], im[i]});
  q.qubit_operator = std::move(op);
  return q;
}

FermionicAnsatz read_fermionic_ansatz(const H5::Group& g) {
  FermionicAnsatz a;
  a.kind = h5::read_string(g, "kind");
  a.n_spin_orbitals = as_int(h5::read_int(g, "n_spin_orbitals"));
  a.reference = narrow<int>(h5::read_ints(g, "reference"));
  a.n_parameters = as_int(h5::read_int(g, "n_parameters"));
  a.parameter_labels = h5::read_strings(g, "parameter_labels");
  const auto from = h5::read_ints(g, "excitation_from");
  const auto to = h5::read_ints(g, "excitation_to");
  const auto parameter = h5::read_ints(g, "term_parameter");
  const auto coefficient = h5::read_doubles(g, "term_coefficient");
  for (std::size_t t = 0; t < parameter.size(); ++t) {
    AnsatzTerm term;
    for (std::size_t k = 0; k < 2; ++k) {
      if (from[2 * t + k] >= 0) term.excitation.from.push_back(as_int(from[2 * t + k]));
      if (to[2 * t + k] >= 0) term.excitation.to.push_back(as_int(to[2 * t + k]));
    }
    term.parameter = as_int(parameter[t]);
    term.coefficient = coefficient[t];
    a.terms.push_back(std::move(term));
  }
  return a;
}

Circuit read_circuit(const H5::Group& g) {
  Circuit c(as_int(h5::read_int(g, "n_qubits")), as_int(h5::read_int(g, "n_parameters")));
  c.set_initial_state(narrow<int>(h5::read_ints(g, "initial_qubits")));
  const auto kinds = h5::read_strings(g, "gate_kind");
  const auto qubits = h5::read_ints(g, "gate_qubits");
  const auto parameter = h5::read_ints(g, "gate_parameter");
  const auto coefficient = h5::read_doubles(g, "gate_coefficient");
  const auto offset = h5::read_doubles(g, "gate_offset");
  const auto paulis = read_paulis(g, "gate_pauli_");
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    Gate gate;
    const std::optional<GateKind> kind = gate_kind_from_name(kinds[i]);
    if (!kind) throw IoError(fmt::format("unknown gate '{}' in the circuit", kinds[i]));
    gate.kind = *kind;
    gate.qubits[0] = as_int(qubits[2 * i]);
    gate.qubits[1] = as_int(qubits[2 * i + 1]);
    gate.angle = Angle{as_int(parameter[i]), coefficient[i], offset[i]};
    gate.pauli = paulis[i];
    c.add(gate);
  }
  return c;
}

RunResult::VqeSummary read_vqe(const H5::Group& a, const H5::Group& g) {
  RunResult::VqeSummary v;
  v.ansatz = from_string<AnsatzKind>(h5::read_string(a, "kind"));
  v.n_qubits = as_int(h5::read_int(a, "n_qubits"));
  v.n_parameters = as_int(h5::read_int(a, "n_parameters"));
  v.parameter_labels = h5::read_strings(a, "parameter_labels");
  if (h5::has(a, "excitations"))
    v.fermionic_ansatz = read_fermionic_ansatz(a.openGroup("excitations"));
  if (h5::has(a, "circuit")) v.circuit = read_circuit(a.openGroup("circuit"));
  v.engine = from_string<VqeEngineKind>(h5::read_string(g, "engine"));
  v.optimizer = from_string<OptimizerMethod>(h5::read_string(g, "optimizer"));
  VqeResult& r = v.result;
  r.energy = h5::read_double(g, "energy");
  r.converged = h5::read_int(g, "converged") != 0;
  r.iterations = as_int(h5::read_int(g, "iterations"));
  r.evaluations = as_int(h5::read_int(g, "evaluations"));
  r.parameters = h5::read_doubles(g, "parameters");
  r.history = h5::read_doubles(g, "energy_history");
  r.gradient_norms = h5::read_doubles(g, "gradient_norm_history");
  r.seconds = h5::read_double(g, "seconds");
  r.message = h5::read_string(g, "message");
  if (h5::has(g, "adapt")) {
    const H5::Group d = g.openGroup("adapt");
    AdaptSteps& steps = v.adapt.emplace();
    steps.pool = from_string<AdaptPool>(h5::read_string(d, "pool"));
    steps.operators = h5::read_strings(d, "operators");
    steps.energies = h5::read_doubles(d, "energies");
    steps.max_gradients = h5::read_doubles(d, "max_gradients");
    steps.converged = h5::read_int(d, "converged") != 0;
  }
  return v;
}

ExactResult read_exact(const H5::Group& g) {
  ExactResult e;
  e.energy = h5::read_double(g, "energy");
  e.n_determinants = static_cast<std::size_t>(h5::read_int(g, "n_determinants"));
  e.iterations = as_int(h5::read_int(g, "iterations"));
  e.converged = h5::read_int(g, "converged") != 0;
  e.method = h5::read_string(g, "method");
  if (h5::has(g, "ground_state")) e.ground_state = h5::read_doubles(g, "ground_state");
  return e;
}

ExcitedResult read_excited(const H5::Group& g) {
  ExcitedResult e;
  e.method = from_string<ExcitedMethod>(h5::read_string(g, "method"));
  e.spin_filter = from_string<ExactSpin>(h5::read_string(g, "spin"));
  e.spin = h5::read_double(g, "target_spin");
  const std::vector<double> energies = h5::read_doubles(g, "energies");
  const std::vector<double> s_squared = h5::read_doubles(g, "s_squared");
  const Eigen::MatrixXd parameters = h5::read_matrix(g, "parameters");
  const std::vector<double> overlaps = h5::read_doubles(g, "max_overlaps");
  const std::vector<double> spreads = h5::read_doubles(g, "energy_spreads");
  const std::vector<long long> converged = h5::read_ints(g, "converged");
  const std::vector<long long> iterations = h5::read_ints(g, "iterations");
  for (std::size_t k = 0; k < energies.size(); ++k) {
    ExcitedState s;
    s.energy = energies[k];
    s.s_squared = s_squared.at(k);
    const auto row = static_cast<Eigen::Index>(k);
    for (Eigen::Index p = 0; p < parameters.cols(); ++p) s.parameters.push_back(parameters(row, p));
    s.max_overlap = overlaps.at(k);
    s.energy_spread = spreads.at(k);
    s.converged = converged.at(k) != 0;
    s.iterations = as_int(iterations.at(k));
    e.states.push_back(std::move(s));
  }
  if (h5::has(g, "errors")) e.errors = h5::read_doubles(g, "errors");
  e.weights = h5::read_doubles(g, "weights");
  e.overlap_penalty = h5::read_double(g, "overlap_penalty");
  e.spin_penalty = h5::read_double(g, "spin_penalty");
  e.sector_penalty = h5::read_double(g, "sector_penalty");
  e.warnings = h5::read_strings(g, "warnings");
  e.seconds = h5::read_double(g, "seconds");
  return e;
}

// The densities and what they give, in exact/ or vqe/ (absent when they were not computed).
std::optional<RunResult::StateProperties> read_state_properties(const H5::Group& g) {
  if (!h5::has(g, "rdm1")) return std::nullopt;
  RunResult::StateProperties p;
  p.densities.one = h5::read_matrix(g, "rdm1");
  p.densities.two = h5::read_doubles(g, "rdm2");
  p.natural_occupations = h5::read_doubles(g, "natural_occupations");
  p.n_electrons = h5::read_double(g, "n_electrons");
  if (h5::has(g, "dipole_debye")) {
    const auto d = h5::read_doubles(g, "dipole_debye");
    if (d.size() != 3)
      throw IoError(fmt::format("dipole_debye has {} components, expected 3", d.size()));
    p.dipole_debye = Eigen::Vector3d(d[0], d[1], d[2]);
  }
  return p;
}

RunResult::OrbitalOptimizationSummary read_orbital_optimization(const H5::Group& g) {
  RunResult::OrbitalOptimizationSummary o;
  o.solver = from_string<OrbitalSolver>(h5::read_string(g, "solver"));
  o.energy = h5::read_double(g, "energy");
  o.iterations = as_int(h5::read_int(g, "iterations"));
  o.converged = h5::read_int(g, "converged") != 0;
  o.gradient_tolerance = h5::read_double(g, "gradient_tolerance");
  o.energies = h5::read_doubles(g, "energies");
  o.max_gradients = h5::read_doubles(g, "max_gradients");
  o.natural_occupations = h5::read_doubles(g, "natural_occupations");
  o.natural_orbitals = h5::read_matrix(g, "natural_orbitals");
  o.orbitals = h5::read_matrix(g, "orbitals");
  o.n_frozen = as_int(h5::read_int(g, "n_frozen"));
  o.n_inactive = as_int(h5::read_int(g, "n_inactive"));
  o.n_active = as_int(h5::read_int(g, "n_active"));
  return o;
}

RunResult read_run_group(const H5::Group& g) {
  RunResult r;
  r.name = h5::read_string_attribute(g, "name");
  r.job_text = h5::read_string(g, "job_text");
  if (h5::has(g, "molecule")) r.molecule = read_molecule(g.openGroup("molecule"));
  if (h5::has(g, "basis")) {
    const H5::Group b = g.openGroup("basis");
    r.basis =
        RunResult::BasisSummary{h5::read_string(b, "name"), as_int(h5::read_int(b, "n_functions")),
                                h5::read_int(b, "spherical") != 0};
  }
  if (h5::has(g, "scf")) r.scf = read_scf(g.openGroup("scf"));
  if (h5::has(g, "active_space")) r.active_space = read_active_space(g.openGroup("active_space"));
  if (r.active_space && h5::has(g, "mp2")) r.active_space->mp2 = read_mp2(g.openGroup("mp2"));
  if (h5::has(g, "hamiltonian")) r.hamiltonian = read_hamiltonian(g.openGroup("hamiltonian"));
  if (h5::has(g, "qubit_hamiltonian")) r.qubit = read_qubit(g.openGroup("qubit_hamiltonian"));
  if (h5::has(g, "orbital_optimization"))
    r.orbital_optimization = read_orbital_optimization(g.openGroup("orbital_optimization"));
  if (h5::has(g, "exact")) {
    r.exact = read_exact(g.openGroup("exact"));
    r.exact_properties = read_state_properties(g.openGroup("exact"));
  }
  if (h5::has(g, "vqe")) {
    r.vqe = read_vqe(g.openGroup("ansatz"), g.openGroup("vqe"));
    r.vqe_properties = read_state_properties(g.openGroup("vqe"));
  }
  if (h5::has(g, "excited")) r.excited = read_excited(g.openGroup("excited"));
  const H5::Group t = g.openGroup("timings");
  for (hsize_t i = 0; i < t.getNumObjs(); ++i) {
    const std::string stage = t.getObjnameByIdx(i);
    r.seconds[stage] = h5::read_double(t, stage);
  }
  return r;
}

template <typename F>
auto guarded(const std::string& path, F&& f) {
  if (!std::filesystem::exists(path)) throw IoError("no such file", {path, 0, ""});
  try {
    H5::Exception::dontPrint();
    return f();
  } catch (const H5::Exception& e) {
    throw IoError(
        fmt::format("not a readable qmol results file: {} ({})", e.getDetailMsg(), e.getFuncName()),
        {path, 0, ""});
  } catch (const InternalError&) {
    throw;
  } catch (const Error& e) {  // contents the readers refuse (a bad gate): name the file
    if (!e.where().file.empty()) throw;
    throw IoError(fmt::format("not a readable qmol results file: {}", e.what()), {path, 0, ""});
  }
}

}  // namespace

RunResult read_hdf5(const std::string& path, const std::string& group) {
  return guarded(path, [&] {
    H5::H5File file(path, H5F_ACC_RDONLY);
    return read_run_group(file.openGroup(group));
  });
}

std::map<std::string, std::string> read_hdf5_metadata(const std::string& path) {
  return guarded(path, [&] {
    H5::H5File file(path, H5F_ACC_RDONLY);
    const H5::Group root = file.openGroup("/");
    std::map<std::string, std::string> meta;
    for (const char* key : {"format", "format_version", "qmol_version", "git_commit", "created"})
      meta[key] = h5::read_string_attribute(root, key);
    return meta;
  });
}

}  // namespace qmol
