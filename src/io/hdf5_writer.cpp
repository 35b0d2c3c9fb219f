#include "qmol/io/hdf5_writer.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "hdf5_util.h"
#include "qmol/core/errors.h"
#include "qmol/core/units.h"
#include "qmol/core/version.h"
#include "qmol/io/atomic_file.h"

namespace qmol {
namespace {

constexpr int kFormatVersion = 1;
constexpr hsize_t kMaskWords = kMaxQubits / 64;

std::vector<double> to_vector(const Eigen::VectorXd& v) {
  return {v.data(), v.data() + v.size()};
}
long long as_int(bool b) {
  return b ? 1 : 0;
}

template <typename Range>
std::vector<long long> to_ints(const Range& r) {
  return std::vector<long long>(r.begin(), r.end());
}

// Pauli strings as (n, kMaskWords) arrays of x and z bits: qubit k is bit k%64 of word k/64.
void write_paulis(H5::Group& g, const std::string& prefix, const std::vector<PauliString>& paulis) {
  std::vector<std::uint64_t> x, z;
  for (const PauliString& p : paulis) {
    x.insert(x.end(), p.x.begin(), p.x.end());
    z.insert(z.end(), p.z.begin(), p.z.end());
  }
  h5::write_array(g, prefix + "x_masks", x, {paulis.size(), kMaskWords});
  h5::write_array(g, prefix + "z_masks", z, {paulis.size(), kMaskWords});
}

void write_molecule(H5::Group parent, const Molecule& m) {
  H5::Group g = parent.createGroup("molecule");
  h5::write(g, "name", m.name);
  h5::write(g, "formula", m.formula());
  if (!m.smiles.empty()) h5::write(g, "smiles", m.smiles);
  h5::write(g, "charge", static_cast<long long>(m.charge));
  h5::write(g, "multiplicity", static_cast<long long>(m.multiplicity));
  h5::write(g, "n_electrons", static_cast<long long>(m.n_electrons()));
  h5::write(g, "nuclear_repulsion", m.nuclear_repulsion(), "hartree");
  std::vector<long long> z;
  std::vector<double> bohr, angstrom;
  for (const Atom& a : m.atoms) {
    z.push_back(a.atomic_number);
    for (int k = 0; k < 3; ++k) {
      bohr.push_back(a.position[k]);
      angstrom.push_back(a.position[k] * kBohrInAngstrom);
    }
  }
  h5::write(g, "atomic_numbers", z);
  const hsize_t n = m.atoms.size();
  h5::write_array(g, "positions_bohr", bohr, {n, 3}, "bohr");
  h5::write_array(g, "positions_angstrom", angstrom, {n, 3}, "angstrom");
}

void write_scf(H5::Group parent, const ScfResult& s) {
  H5::Group g = parent.createGroup("scf");
  h5::write(g, "reference", to_string(s.reference));
  h5::write(g, "energy", s.energy, "hartree");
  h5::write(g, "electronic_energy", s.electronic_energy, "hartree");
  h5::write(g, "nuclear_repulsion", s.nuclear_repulsion, "hartree");
  h5::write(g, "converged", as_int(true));  // run_scf throws when the SCF does not converge
  h5::write(g, "iterations", static_cast<long long>(s.iterations));
  h5::write(g, "n_alpha", static_cast<long long>(s.n_alpha));
  h5::write(g, "n_beta", static_cast<long long>(s.n_beta));
  h5::write(g, "orbital_energies_alpha", to_vector(s.orbital_energies_alpha), "hartree");
  h5::write(g, "orbital_energies_beta", to_vector(s.orbital_energies_beta), "hartree");
  h5::write(g, "coefficients_alpha", s.coefficients_alpha, "1");
  h5::write(g, "coefficients_beta", s.coefficients_beta, "1");
  h5::write(g, "density_alpha", s.density_alpha, "1");
  h5::write(g, "density_beta", s.density_beta, "1");
  h5::write(g, "homo_lumo_gap", s.homo_lumo_gap, "hartree");
  h5::write(g, "dipole", to_vector(s.dipole_debye), "debye");
  h5::write(g, "s_squared", s.s_squared, "1");
  h5::write(g, "energy_history", s.energy_history, "hartree");
  h5::write(g, "error_history", s.error_history, "hartree");
  h5::write(g, "warnings", s.warnings);
  if (s.stability) {
    H5::Group st = g.createGroup("stability");
    h5::write(st, "mode", to_string(s.stability->mode));
    h5::write(st, "lowest_eigenvalue",
              s.stability->lowest_eigenvalue.value_or(std::numeric_limits<double>::quiet_NaN()),
              "hartree");
    h5::write(st, "stable", as_int(s.stability->stable));
    h5::write(st, "followed", static_cast<long long>(s.stability->followed));
  }
}

void write_active_space(H5::Group parent, const ActiveSpaceInfo& a) {
  H5::Group g = parent.createGroup("active_space");
  h5::write(g, "n_electrons", static_cast<long long>(a.n_electrons));
  h5::write(g, "n_orbitals", static_cast<long long>(a.n_orbitals));
  h5::write(g, "frozen_core", static_cast<long long>(a.frozen_core));
  h5::write(g, "core_energy", a.core_energy, "hartree");
  h5::write(g, "orbitals", to_ints(a.active_orbitals));
  if (a.selection) {
    const OrbitalSelection& sel = *a.selection;
    H5::Group s = g.createGroup("selection");
    h5::write(s, "method", to_string(sel.method));
    h5::write(s, "orbitals", to_ints(sel.orbitals));
    h5::write(s, "n_electrons", static_cast<long long>(sel.n_electrons));
    h5::write(s, "n_orbitals", static_cast<long long>(sel.n_orbitals));
    if (sel.method == ActiveSpaceSelection::natural_orbitals)
      h5::write(s, "occupations", sel.occupations, "1");
    if (sel.method == ActiveSpaceSelection::avas) h5::write(s, "overlaps", sel.overlaps, "1");
    h5::write(s, "note", sel.note);
  }
  if (a.mp2) {
    H5::Group m = parent.createGroup("mp2");
    h5::write(m, "energy", a.mp2->energy, "hartree");
    h5::write(m, "correlation_energy", a.mp2->correlation_energy, "hartree");
    h5::write(m, "frozen_core", static_cast<long long>(a.mp2->frozen_core));
  }
}

void write_hamiltonian(H5::Group parent, const MolecularHamiltonian& h) {
  H5::Group g = parent.createGroup("hamiltonian");
  const hsize_t n = static_cast<hsize_t>(h.n_orbitals());
  h5::write(g, "core_energy", h.core_energy(), "hartree");
  h5::write(g, "n_alpha", static_cast<long long>(h.n_alpha()));
  h5::write(g, "n_beta", static_cast<long long>(h.n_beta()));
  h5::write(g, "one_body", h.one_body(), "hartree");
  h5::write_array(g, "two_body", h.two_body_data(), {n, n, n, n}, "hartree");
}

void write_qubit(H5::Group parent, const RunResult::QubitSummary& q) {
  H5::Group g = parent.createGroup("qubit_hamiltonian");
  h5::write(g, "mapping", to_string(q.mapping));
  h5::write(g, "two_qubit_reduction", as_int(q.two_qubit_reduction));
  h5::write(g, "n_qubits", static_cast<long long>(q.n_qubits));
  h5::write(g, "n_terms", static_cast<long long>(q.n_terms));
  h5::write(g, "one_norm", q.one_norm, "hartree");
  h5::write(g, "tapered_qubits", static_cast<long long>(q.tapered_qubits));
  if (q.n_measurement_groups)
    h5::write(g, "n_measurement_groups", static_cast<long long>(*q.n_measurement_groups));
  if (q.tapered_qubits > 0) {
    write_paulis(g, "symmetry_", q.symmetries);
    std::vector<long long> sector(q.sector.begin(), q.sector.end());
    h5::write(g, "sector", sector);
  }
  if (!q.qubit_operator) return;
  std::vector<PauliString> paulis;
  std::vector<double> re, im;
  for (const auto& [p, c] : q.qubit_operator->terms()) {
    paulis.push_back(p);
    re.push_back(c.real());
    im.push_back(c.imag());
  }
  write_paulis(g, "", paulis);
  h5::write(g, "coefficients", re, "hartree");
  h5::write(g, "coefficients_imag", im, "hartree");
  h5::write(g, "operator_n_qubits", static_cast<long long>(q.qubit_operator->n_qubits()));
}

void write_fermionic_ansatz(H5::Group g, const FermionicAnsatz& a) {
  h5::write(g, "n_spin_orbitals", static_cast<long long>(a.n_spin_orbitals));
  h5::write(g, "reference", to_ints(a.reference));
  // Excitations as (n_terms, 2) index arrays padded with -1 (singles use one column).
  std::vector<long long> from, to, parameter;
  std::vector<double> coefficient;
  for (const AnsatzTerm& t : a.terms) {
    for (std::size_t k = 0; k < 2; ++k) {
      from.push_back(k < t.excitation.from.size() ? t.excitation.from[k] : -1);
      to.push_back(k < t.excitation.to.size() ? t.excitation.to[k] : -1);
    }
    parameter.push_back(t.parameter);
    coefficient.push_back(t.coefficient);
  }
  const hsize_t n = a.terms.size();
  h5::write_array(g, "excitation_from", from, {n, 2});
  h5::write_array(g, "excitation_to", to, {n, 2});
  h5::write(g, "term_parameter", parameter);
  h5::write(g, "term_coefficient", coefficient, "1");
}

void write_circuit(H5::Group g, const Circuit& c) {
  h5::write(g, "n_qubits", static_cast<long long>(c.n_qubits()));
  h5::write(g, "initial_qubits", to_ints(c.initial_qubits()));
  std::vector<std::string> kinds;
  std::vector<long long> qubits, parameter;
  std::vector<double> coefficient, offset;
  std::vector<PauliString> paulis;
  for (const Gate& gate : c.gates()) {
    kinds.push_back(gate_name(gate.kind));
    qubits.push_back(gate.qubits[0]);
    qubits.push_back(gate.qubits[1]);
    parameter.push_back(gate.angle.parameter);
    coefficient.push_back(gate.angle.coefficient);
    offset.push_back(gate.angle.offset);
    paulis.push_back(gate.pauli);
  }
  h5::write(g, "gate_kind", kinds);
  h5::write_array(g, "gate_qubits", qubits, {c.size(), 2});
  h5::write(g, "gate_parameter", parameter);
  h5::write(g, "gate_coefficient", coefficient, "1");
  h5::write(g, "gate_offset", offset, "radian");
  write_paulis(g, "gate_pauli_", paulis);
}

// The densities and what they give, into the exact/ or vqe/ group.
void write_state_properties(H5::Group g, const RunResult::StateProperties& p) {
  const hsize_t n = static_cast<hsize_t>(p.densities.n_orbitals());
  h5::write(g, "rdm1", p.densities.one, "1");
  h5::write_array(g, "rdm2", p.densities.two, {n, n, n, n}, "1");
  h5::write(g, "natural_occupations", p.natural_occupations, "1");
  h5::write(g, "n_electrons", p.n_electrons, "1");
  if (p.dipole_debye)
    h5::write(g, "dipole_debye",
              std::vector<double>(p.dipole_debye->data(), p.dipole_debye->data() + 3), "debye");
}

void write_vqe(H5::Group parent, const RunResult::VqeSummary& v) {
  H5::Group a = parent.createGroup("ansatz");
  h5::write(a, "kind", to_string(v.ansatz));
  h5::write(a, "n_qubits", static_cast<long long>(v.n_qubits));
  h5::write(a, "n_parameters", static_cast<long long>(v.n_parameters));
  h5::write(a, "parameter_labels", v.parameter_labels);
  if (v.fermionic_ansatz) {
    H5::Group f = a.createGroup("excitations");
    h5::write(f, "kind", v.fermionic_ansatz->kind);
    h5::write(f, "parameter_labels", v.fermionic_ansatz->parameter_labels);
    h5::write(f, "n_parameters", static_cast<long long>(v.fermionic_ansatz->n_parameters));
    write_fermionic_ansatz(f, *v.fermionic_ansatz);
  }
  if (v.circuit) {
    H5::Group c = a.createGroup("circuit");
    h5::write(c, "n_parameters", static_cast<long long>(v.circuit->n_parameters()));
    write_circuit(c, *v.circuit);
  }

  H5::Group g = parent.createGroup("vqe");
  const VqeResult& r = v.result;
  h5::write(g, "engine", to_string(v.engine));
  h5::write(g, "optimizer", to_string(v.optimizer));
  h5::write(g, "energy", r.energy, "hartree");
  h5::write(g, "converged", as_int(r.converged));
  h5::write(g, "iterations", static_cast<long long>(r.iterations));
  h5::write(g, "evaluations", static_cast<long long>(r.evaluations));
  h5::write(g, "parameters", r.parameters, "radian");
  h5::write(g, "energy_history", r.history, "hartree");
  h5::write(g, "gradient_norm_history", r.gradient_norms, "hartree");
  h5::write(g, "seconds", r.seconds, "seconds");
  h5::write(g, "message", r.message);
  h5::write(g, "warnings", v.warnings);
  h5::write(g, "s_squared", v.s_squared, "1");
  if (v.adapt) {
    H5::Group d = g.createGroup("adapt");
    h5::write(d, "pool", to_string(v.adapt->pool));
    h5::write(d, "operators", v.adapt->operators);
    h5::write(d, "energies", v.adapt->energies, "hartree");
    h5::write(d, "max_gradients", v.adapt->max_gradients, "hartree");
    h5::write(d, "converged", as_int(v.adapt->converged));
  }
}

void write_exact(H5::Group parent, const ExactResult& e) {
  H5::Group g = parent.createGroup("exact");
  h5::write(g, "energy", e.energy, "hartree");
  h5::write(g, "n_determinants", static_cast<long long>(e.n_determinants));
  h5::write(g, "iterations", static_cast<long long>(e.iterations));
  h5::write(g, "converged", as_int(e.converged));
  h5::write(g, "method", e.method);
  h5::write(g, "s_squared", e.s_squared, "1");
  std::vector<double> energies, s_squared;
  for (const ExactRoot& root : e.roots) {
    energies.push_back(root.energy);
    s_squared.push_back(root.s_squared);
  }
  h5::write(g, "root_energies", energies, "hartree");
  h5::write(g, "root_s_squared", s_squared, "1");
  if (!e.ground_state.empty()) h5::write(g, "ground_state", e.ground_state, "1");
}

// orbital_optimization/: the run's convergence, the final orbitals and the natural orbitals.
void write_orbital_optimization(H5::Group parent, const RunResult::OrbitalOptimizationSummary& o) {
  H5::Group g = parent.createGroup("orbital_optimization");
  h5::write(g, "solver", to_string(o.solver));
  h5::write(g, "energy", o.energy, "hartree");
  h5::write(g, "iterations", static_cast<long long>(o.iterations));
  h5::write(g, "converged", as_int(o.converged));
  h5::write(g, "gradient_tolerance", o.gradient_tolerance, "hartree");
  h5::write(g, "energies", o.energies, "hartree");
  h5::write(g, "max_gradients", o.max_gradients, "hartree");
  h5::write(g, "natural_occupations", o.natural_occupations, "1");
  h5::write(g, "natural_orbitals", o.natural_orbitals, "1");
  h5::write(g, "orbitals", o.orbitals, "1");
  h5::write(g, "n_frozen", static_cast<long long>(o.n_frozen));
  h5::write(g, "n_inactive", static_cast<long long>(o.n_inactive));
  h5::write(g, "n_active", static_cast<long long>(o.n_active));
}

// excited/: every state's energy, <S^2> and parameters (one row per state, lowest first).
void write_excited(H5::Group parent, const ExcitedResult& e) {
  H5::Group g = parent.createGroup("excited");
  h5::write(g, "method", to_string(e.method));
  h5::write(g, "spin", to_string(e.spin_filter));
  h5::write(g, "target_spin", e.spin, "1");
  h5::write(g, "energies", e.energies(), "hartree");
  h5::write(g, "excitation_energies_ev", e.excitation_energies_ev(), "electronvolt");
  h5::write(g, "s_squared", e.s_squared(), "1");
  const auto n_states = static_cast<Eigen::Index>(e.states.size());
  const auto n_parameters =
      n_states ? static_cast<Eigen::Index>(e.states.front().parameters.size()) : 0;
  Eigen::MatrixXd parameters(n_states, n_parameters);
  std::vector<double> overlaps, spreads;
  std::vector<long long> converged, iterations;
  for (Eigen::Index k = 0; k < n_states; ++k) {
    const ExcitedState& s = e.states[static_cast<std::size_t>(k)];
    for (Eigen::Index p = 0; p < n_parameters; ++p)
      parameters(k, p) = s.parameters[static_cast<std::size_t>(p)];
    overlaps.push_back(s.max_overlap);
    spreads.push_back(s.energy_spread);
    converged.push_back(as_int(s.converged));
    iterations.push_back(s.iterations);
  }
  h5::write(g, "parameters", parameters, "radian");
  h5::write(g, "max_overlaps", overlaps, "1");
  h5::write(g, "energy_spreads", spreads, "hartree");
  h5::write(g, "converged", converged);
  h5::write(g, "iterations", iterations);
  if (!e.errors.empty()) h5::write(g, "errors", e.errors, "hartree");
  h5::write(g, "weights", e.weights, "1");
  h5::write(g, "overlap_penalty", e.overlap_penalty, "hartree");
  h5::write(g, "spin_penalty", e.spin_penalty, "hartree");
  h5::write(g, "sector_penalty", e.sector_penalty, "hartree");
  h5::write(g, "warnings", e.warnings);
  h5::write(g, "seconds", e.seconds, "seconds");
}

// The circuit's counts (its gates are in the OpenQASM export), and the device measurements.
void write_circuit(H5::Group parent, const RunResult::CircuitSummary& c) {
  H5::Group g = parent.createGroup("circuit");
  h5::write(g, "n_qubits", static_cast<long long>(c.stats.n_qubits));
  h5::write(g, "n_gates", static_cast<long long>(c.stats.n_gates));
  h5::write(g, "n_two_qubit_gates", static_cast<long long>(c.stats.n_two_qubit_gates));
  h5::write(g, "depth", static_cast<long long>(c.stats.depth));
  h5::write(g, "n_parameters", static_cast<long long>(c.stats.n_parameters));
  h5::write(g, "optimized", as_int(c.optimized));
}

void write_estimate(H5::Group parent, const std::string& name, const EnergyEstimate& e) {
  H5::Group g = parent.createGroup(name);
  h5::write(g, "energy", e.energy, "hartree");
  h5::write(g, "standard_error", e.standard_error, "hartree");
  h5::write(g, "total_shots", static_cast<long long>(e.total_shots));
  h5::write(g, "n_groups", static_cast<long long>(e.n_groups));
}

void write_device(H5::Group parent, const RunResult::DeviceSummary& d) {
  if (d.estimator) {
    write_estimate(parent, "estimator", *d.estimator);
    H5::Group g = parent.openGroup("estimator");
    h5::write(g, "grouping", to_string(d.model.estimator.grouping));
    h5::write(g, "allocation", to_string(d.model.estimator.allocation));
    h5::write(g, "train_on", to_string(d.model.estimator.train_on));
  }
  if (d.noise) {
    write_estimate(parent, "noise", *d.noise);
    H5::Group g = parent.openGroup("noise");
    const NoiseModel& n = *d.model.noise;
    h5::write(g, "depolarizing_1q", n.depolarizing_1q, "1");
    h5::write(g, "depolarizing_2q", n.depolarizing_2q, "1");
    h5::write(g, "amplitude_damping", n.amplitude_damping, "1");
    h5::write(g, "readout_error", n.readout_error, "1");
    h5::write(g, "simulation", to_string(d.noise_simulation));
  }
  if (d.mitigation) {
    write_estimate(parent, "mitigation", d.mitigation->estimate);
    H5::Group g = parent.openGroup("mitigation");
    h5::write(g, "method", d.mitigation->method);
    if (const auto& zne = d.model.mitigation.zne) {
      h5::write(g, "factors", std::vector<long long>(zne->factors.begin(), zne->factors.end()));
      h5::write(g, "factor_energies", d.mitigation->factor_energies, "hartree");
      h5::write(g, "extrapolation", to_string(zne->extrapolation));
    }
  }
}

void write_run_group(H5::Group g, const RunResult& r) {
  h5::write_string_attribute(g, "name", r.name);
  h5::write(g, "job_text", r.job_text);
  if (r.molecule) write_molecule(g, *r.molecule);
  if (r.basis) {
    H5::Group b = g.createGroup("basis");
    h5::write(b, "name", r.basis->name);
    h5::write(b, "n_functions", static_cast<long long>(r.basis->n_functions));
    h5::write(b, "spherical", as_int(r.basis->spherical));
  }
  if (r.scf) write_scf(g, *r.scf);
  if (r.active_space) write_active_space(g, *r.active_space);
  if (r.orbital_optimization) write_orbital_optimization(g, *r.orbital_optimization);
  if (r.hamiltonian) write_hamiltonian(g, *r.hamiltonian);
  if (r.qubit) write_qubit(g, *r.qubit);
  if (r.exact) write_exact(g, *r.exact);
  if (r.exact && r.exact_properties)
    write_state_properties(g.openGroup("exact"), *r.exact_properties);
  if (r.vqe) write_vqe(g, *r.vqe);
  if (r.vqe && r.vqe_properties) write_state_properties(g.openGroup("vqe"), *r.vqe_properties);
  if (r.excited) write_excited(g, *r.excited);
  if (r.circuit) write_circuit(g, *r.circuit);
  if (r.device) write_device(g, *r.device);
  H5::Group t = g.createGroup("timings");
  for (const auto& [stage, seconds] : r.seconds) h5::write(t, stage, seconds, "seconds");
}

}  // namespace

struct Hdf5Writer::Impl {
  PendingFile pending;
  H5::H5File file;
  Impl(const std::string& path, bool force) : pending(path, force) {}
};

// HDF5 reports errors as exceptions with its own message; qmol reports IoError naming the file.
template <typename F>
void guarded(const std::string& path, F&& f) {
  try {
    H5::Exception::dontPrint();
    f();
  } catch (const H5::Exception& e) {
    throw IoError(fmt::format("HDF5 error: {} ({})", e.getDetailMsg(), e.getFuncName()),
                  {path, 0, ""});
  }
}

Hdf5Writer::Hdf5Writer(const std::string& path, bool force)
    : impl_(std::make_unique<Impl>(path, force)) {
  guarded(path, [&] { impl_->file = H5::H5File(impl_->pending.temporary(), H5F_ACC_TRUNC); });
}

Hdf5Writer::~Hdf5Writer() {
  if (!impl_) return;
  try {
    impl_->file.close();
  } catch (...) {
  }
}

void Hdf5Writer::write_run(const std::string& group, const RunResult& result) {
  guarded(impl_->pending.path(),
          [&] { write_run_group(h5::open_or_create(impl_->file, group), result); });
}

void Hdf5Writer::write_table(const std::string& group, const std::vector<TableColumn>& columns) {
  guarded(impl_->pending.path(), [&] {
    H5::Group g = h5::open_or_create(impl_->file, group);
    std::vector<std::string> names;
    for (const TableColumn& c : columns) {
      names.push_back(c.name);
      std::visit(
          [&](const auto& values) {
            using T = std::decay_t<decltype(values)>;
            if constexpr (std::is_same_v<T, std::vector<std::string>>)
              h5::write(g, c.name, values);
            else
              h5::write(g, c.name, values, c.units);
          },
          c.values);
    }
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ",") + n;
    h5::write_string_attribute(g, "columns", list);
  });
}

void Hdf5Writer::write_attribute(const std::string& group, const std::string& name,
                                 const std::string& value) {
  guarded(impl_->pending.path(), [&] {
    H5::Group g = h5::open_or_create(impl_->file, group);
    h5::write_string_attribute(g, name, value);
  });
}

void Hdf5Writer::commit() {
  guarded(impl_->pending.path(), [&] {
    H5::Group root = impl_->file.openGroup("/");
    h5::write_string_attribute(root, "format", "qmol-results");
    h5::write_string_attribute(root, "format_version", std::to_string(kFormatVersion));
    h5::write_string_attribute(root, "qmol_version", kVersion);
    h5::write_string_attribute(root, "git_commit", kGitCommit);
    h5::write_string_attribute(root, "created", h5::utc_now_iso8601());
    h5::write_string_attribute(root, "energy_units", "hartree");
    h5::write_string_attribute(root, "length_units", "bohr");
    root.close();
    impl_->file.close();
  });
  impl_->pending.commit();
}

void write_hdf5(const std::string& path, const RunResult& result, bool force) {
  Hdf5Writer writer(path, force);
  writer.write_run("/", result);
  writer.commit();
}

}  // namespace qmol
