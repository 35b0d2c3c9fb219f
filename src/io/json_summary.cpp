#include "qmol/io/json_summary.h"

#include <cmath>

#include "qmol/chem/elements.h"
#include "qmol/core/units.h"
#include "qmol/core/version.h"
#include "qmol/io/atomic_file.h"

namespace qmol {
namespace {

std::vector<double> to_vector(const Eigen::VectorXd& v) {
  return {v.data(), v.data() + v.size()};
}

nlohmann::json excited_json(const ExcitedResult& e) {
  nlohmann::json j;
  j["method"] = to_string(e.method);
  j["spin"] = to_string(e.spin_filter);
  j["states"] = e.states.size();
  j["energies"] = e.energies();
  j["excitation_energies_ev"] = e.excitation_energies_ev();
  j["s_squared"] = e.s_squared();
  nlohmann::json parameters = nlohmann::json::array(), overlaps = nlohmann::json::array(),
                 converged = nlohmann::json::array(), spreads = nlohmann::json::array();
  for (const ExcitedState& s : e.states) {
    parameters.push_back(s.parameters);
    overlaps.push_back(s.max_overlap);
    spreads.push_back(s.energy_spread);
    converged.push_back(s.converged);
  }
  j["parameters"] = parameters;
  j["max_overlaps"] = overlaps;
  j["energy_spreads"] = spreads;
  j["converged"] = converged;
  if (!e.errors.empty()) {
    std::vector<double> m_eh;
    for (double x : e.errors) m_eh.push_back(1e3 * x);
    j["errors_mEh"] = m_eh;
  }
  j["overlap_penalty"] = e.overlap_penalty;
  j["spin_penalty"] = e.spin_penalty;
  if (!e.weights.empty()) j["weights"] = e.weights;
  j["warnings"] = e.warnings;
  j["seconds"] = e.seconds;
  return j;
}

nlohmann::json scf_json(const ScfResult& scf) {
  nlohmann::json j;
  j["reference"] = to_string(scf.reference);
  j["energy"] = scf.energy;
  j["electronic_energy"] = scf.electronic_energy;
  j["converged"] = true;  // run_scf throws when the SCF does not converge
  j["iterations"] = scf.iterations;
  if (scf.reference == Reference::rhf)
    j["orbital_energies"] = to_vector(scf.orbital_energies_alpha);
  else
    j["orbital_energies"] = {{"alpha", to_vector(scf.orbital_energies_alpha)},
                             {"beta", to_vector(scf.orbital_energies_beta)}};
  j["homo_lumo_gap"] = scf.homo_lumo_gap;
  j["dipole_debye"] = {scf.dipole_debye.x(), scf.dipole_debye.y(), scf.dipole_debye.z()};
  j["s_squared"] = scf.s_squared;
  if (scf.stability) {
    const StabilityReport& st = *scf.stability;
    j["stability"] = {
        {"lowest_eigenvalue",
         st.lowest_eigenvalue ? nlohmann::json(*st.lowest_eigenvalue) : nlohmann::json(nullptr)},
        {"stable", st.stable},
        {"followed", st.followed},
        {"mode", to_string(st.mode)}};
  }
  j["warnings"] = scf.warnings;
  return j;
}

}  // namespace

namespace {

void add_state_properties(nlohmann::json& j, const RunResult::StateProperties& p) {
  j["natural_occupations"] = p.natural_occupations;
  j["n_electrons"] = p.n_electrons;
  if (p.dipole_debye) {
    const Eigen::Vector3d& d = *p.dipole_debye;
    j["dipole_debye"] = {d.x(), d.y(), d.z()};
  }
}

// [estimator], [noise], [mitigation]: the final state measured as on a device.
void add_device(nlohmann::json& j, const RunResult::DeviceSummary& d) {
  const auto estimate = [](const EnergyEstimate& e) {
    return nlohmann::json{{"energy", e.energy}, {"standard_error", e.standard_error}};
  };
  if (d.estimator) {
    j["estimator"] = estimate(*d.estimator);
    j["estimator"]["n_groups"] = d.estimator->n_groups;
    j["estimator"]["total_shots"] = d.estimator->total_shots;
    j["estimator"]["grouping"] = to_string(d.model.estimator.grouping);
    j["estimator"]["allocation"] = to_string(d.model.estimator.allocation);
    j["estimator"]["train_on"] = to_string(d.model.estimator.train_on);
  }
  if (d.noise) {
    const NoiseModel& n = *d.model.noise;
    j["noise"] = estimate(*d.noise);
    j["noise"]["depolarizing_1q"] = n.depolarizing_1q;
    j["noise"]["depolarizing_2q"] = n.depolarizing_2q;
    j["noise"]["amplitude_damping"] = n.amplitude_damping;
    j["noise"]["readout_error"] = n.readout_error;
    j["noise"]["total_shots"] = d.noise->total_shots;
    j["noise"]["simulation"] = to_string(d.noise_simulation);
    if (d.noise_simulation == NoiseSimulation::trajectories)
      j["noise"]["trajectories"] = n.trajectories;
  }
  if (d.mitigation) {
    j["mitigation"] = estimate(d.mitigation->estimate);
    j["mitigation"]["method"] = d.mitigation->method;
    if (const auto& zne = d.model.mitigation.zne) {
      j["mitigation"]["factors"] = zne->factors;
      j["mitigation"]["factor_energies"] = d.mitigation->factor_energies;
      j["mitigation"]["extrapolation"] = to_string(zne->extrapolation);
    }
  }
}

}  // namespace

nlohmann::json json_summary(const RunResult& r) {
  nlohmann::json j;
  j["qmol_version"] = kVersion;
  if (r.molecule) {
    const Molecule& m = *r.molecule;
    j["molecule"] = {{"name", m.name},
                     {"formula", m.formula()},
                     {"charge", m.charge},
                     {"multiplicity", m.multiplicity},
                     {"n_electrons", m.n_electrons()},
                     {"n_atoms", m.atoms.size()},
                     {"nuclear_repulsion", m.nuclear_repulsion()}};
    // The geometry used (embedded or as read), so that every result can be redone from XYZ.
    nlohmann::json symbols = nlohmann::json::array(), geometry = nlohmann::json::array();
    for (const Atom& a : m.atoms) {
      symbols.push_back(element_symbol(a.atomic_number));
      geometry.push_back({a.position.x() * kBohrInAngstrom, a.position.y() * kBohrInAngstrom,
                          a.position.z() * kBohrInAngstrom});
    }
    j["molecule"]["symbols"] = std::move(symbols);
    j["molecule"]["geometry_angstrom"] = std::move(geometry);
    j["molecule"]["smiles"] = m.smiles.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.smiles);
  }
  if (r.basis)
    j["basis"] = {{"name", r.basis->name},
                  {"n_functions", r.basis->n_functions},
                  {"spherical", r.basis->spherical}};
  if (r.scf) j["scf"] = scf_json(*r.scf);
  if (r.active_space) {
    const ActiveSpaceInfo& a = *r.active_space;
    j["active_space"] = {{"n_electrons", a.n_electrons},
                         {"n_orbitals", a.n_orbitals},
                         {"frozen_core", a.frozen_core},
                         {"core_energy", a.core_energy},
                         {"orbitals", a.active_orbitals}};
    if (a.selection) {
      const OrbitalSelection& sel = *a.selection;
      nlohmann::json& js = j["active_space"]["selection"];
      js = {{"method", to_string(sel.method)},
            {"orbitals", sel.orbitals},
            {"n_electrons", sel.n_electrons},
            {"n_orbitals", sel.n_orbitals}};
      if (sel.method == ActiveSpaceSelection::natural_orbitals) js["occupations"] = sel.occupations;
      if (sel.method == ActiveSpaceSelection::avas) js["overlaps"] = sel.overlaps;
      if (!sel.note.empty()) js["note"] = sel.note;
    }
    if (a.mp2)
      j["mp2"] = {{"energy", a.mp2->energy},
                  {"correlation_energy", a.mp2->correlation_energy},
                  {"frozen_core", a.mp2->frozen_core}};
  }
  if (r.qubit)
    j["hamiltonian"] = {{"mapping", to_string(r.qubit->mapping)},
                        {"two_qubit_reduction", r.qubit->two_qubit_reduction},
                        {"n_qubits", r.qubit->n_qubits},
                        {"n_terms", r.qubit->n_terms},
                        {"one_norm", r.qubit->one_norm},
                        {"tapered_qubits", r.qubit->tapered_qubits}};
  if (r.qubit && r.qubit->n_measurement_groups)
    j["hamiltonian"]["n_measurement_groups"] = *r.qubit->n_measurement_groups;
  if (r.qubit && r.qubit->tapered_qubits > 0) {
    std::vector<std::string> symmetries;
    for (const PauliString& p : r.qubit->symmetries) symmetries.push_back(p.str());
    j["hamiltonian"]["symmetries"] = symmetries;
    j["hamiltonian"]["sector"] = r.qubit->sector;
  }
  if (r.orbital_optimization) {
    const auto& o = *r.orbital_optimization;
    nlohmann::json gradients = nlohmann::json::array(), orbitals = nlohmann::json::array();
    for (double g : o.max_gradients)  // a halved step has none: null
      gradients.push_back(std::isnan(g) ? nlohmann::json(nullptr) : nlohmann::json(g));
    for (Eigen::Index k = 0; k < o.natural_orbitals.cols(); ++k) {
      const Eigen::VectorXd column = o.natural_orbitals.col(k);
      orbitals.push_back(std::vector<double>(column.data(), column.data() + column.size()));
    }
    j["orbital_optimization"] = {{"solver", to_string(o.solver)},
                                 {"energy", o.energy},
                                 {"iterations", o.iterations},
                                 {"converged", o.converged},
                                 {"gradient_tolerance", o.gradient_tolerance},
                                 {"energies", o.energies},
                                 {"max_gradients", gradients},
                                 {"natural_occupations", o.natural_occupations},
                                 {"natural_orbitals", orbitals},
                                 {"n_frozen", o.n_frozen},
                                 {"n_inactive", o.n_inactive},
                                 {"n_active", o.n_active}};
  }
  if (r.exact) {
    const ExactResult& e = *r.exact;
    nlohmann::json roots = nlohmann::json::array(), energies = nlohmann::json::array();
    for (const ExactRoot& root : e.roots) {
      roots.push_back({{"energy", root.energy}, {"s_squared", root.s_squared}});
      energies.push_back(root.energy);
    }
    j["exact"] = {
        {"energy", e.energy}, {"s_squared", e.s_squared},           {"energies", energies},
        {"roots", roots},     {"n_determinants", e.n_determinants}, {"converged", e.converged},
        {"method", e.method}, {"iterations", e.iterations}};
    if (r.exact_properties) add_state_properties(j["exact"], *r.exact_properties);
  }
  if (r.vqe) {
    const auto& v = *r.vqe;
    j["vqe"] = {{"ansatz", to_string(v.ansatz)},
                {"engine", to_string(v.engine)},
                {"mapping", r.qubit ? to_string(r.qubit->mapping) : "jordan-wigner"},
                {"optimizer", to_string(v.optimizer)},
                {"n_qubits", v.n_qubits},
                {"n_parameters", v.n_parameters},
                {"energy", v.result.energy},
                {"converged", v.result.converged},
                {"iterations", v.result.iterations},
                {"evaluations", v.result.evaluations},
                {"parameters", v.result.parameters},
                {"history", v.result.history},
                {"seconds", v.result.seconds},
                {"warnings", v.warnings}};
    j["vqe"]["s_squared"] = v.s_squared;
    if (v.error) j["vqe"]["error_mEh"] = 1e3 * *v.error;
    if (r.vqe_properties) add_state_properties(j["vqe"], *r.vqe_properties);
    if (v.adapt)
      j["vqe"]["adapt"] = {{"pool", to_string(v.adapt->pool)},
                           {"operators", v.adapt->operators},
                           {"energies", v.adapt->energies},
                           {"max_gradients", v.adapt->max_gradients},
                           {"converged", v.adapt->converged}};
  }
  if (r.excited) j["excited"] = excited_json(*r.excited);
  if (r.circuit) {
    const CircuitStats& c = r.circuit->stats;
    j["circuit"] = {{"n_qubits", c.n_qubits},
                    {"n_gates", c.n_gates},
                    {"n_two_qubit_gates", c.n_two_qubit_gates},
                    {"depth", c.depth},
                    {"n_parameters", c.n_parameters},
                    {"optimized", r.circuit->optimized}};
  }
  if (r.device) add_device(j, *r.device);
  j["seconds"] = r.seconds;
  return j;
}

void write_json_summary(const std::string& path, const RunResult& result) {
  write_file_atomically(path, json_summary(result).dump(2) + "\n");
}

}  // namespace qmol
