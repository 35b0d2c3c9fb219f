#include "qmol/workflow/job_validation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "qmol/active_space/avas.h"
#include "qmol/chem/elements.h"
#include "qmol/integrals/eri_store.h"
#include "qmol/qubit/pauli_string.h"
#include "qmol/sim/density_matrix.h"
#include "qmol/sim/determinant_space.h"
#include "qmol/sim/reduced_density.h"
#include "qmol/sim/statevector_engine.h"
#include "qmol/solve/exact_diagonalization.h"
#include "qmol/solve/vqe_problem.h"

namespace qmol {
namespace {

std::string bytes_text(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 6) bytes /= 1024.0, ++u;
  return fmt::format("{:.1f} {}", bytes, units[u]);
}

// An error thrown by a library check (its field names the key) placed at that key of the job.
[[noreturn]] void relocate(const Job& job, const InputError& e) {
  throw InputError(e.what(), job.where(e.where().field));
}

// The first key given in `section`, if any.
const Location* first_key_of(const Job& job, const std::string& section) {
  const std::string prefix = section + ".";
  for (const auto& [key, where] : job.keys)
    if (key.compare(0, prefix.size(), prefix) == 0) return &where;
  return nullptr;
}

void check_ansatz(const Job& job) {
  const AnsatzOptions& a = *job.ansatz;
  try {
    resolve_engine(job.vqe_spec());
  } catch (const InputError& e) {
    relocate(job, e);
  }
  const std::string kind = to_string(a.kind);
  if (a.initial == ParameterStart::mp2 && a.kind != AnsatzKind::uccsd &&
      a.kind != AnsatzKind::singlet_uccsd)
    throw InputError(
        fmt::format("ansatz.initial = \"mp2\" takes the first-order amplitudes of the "
                    "doubles of kind = \"uccsd\" or \"singlet-uccsd\", not \"{}\"; use "
                    "initial = \"zeros\" or \"random\"",
                    kind),
        job.where("ansatz.initial"));
  // Keys that shape another kind would be silently ignored: refuse them.
  const auto only_for = [&](const char* key, AnsatzKind owner) {
    const std::string name = std::string("ansatz.") + key;
    if (a.kind != owner && job.has(name))
      throw InputError(fmt::format("{} applies to kind = \"{}\", not \"{}\"; remove it", name,
                                   to_string(owner), kind),
                       job.where(name));
  };
  for (const char* key : {"layers", "rotations", "entangler", "pattern"})
    only_for(key, AnsatzKind::hardware_efficient);
  only_for("k", AnsatzKind::kupccgsd);
  for (const char* key : {"pool", "gradient_threshold", "max_operators"})
    only_for(key, AnsatzKind::adapt);
  if (a.kind == AnsatzKind::adapt && job.has("ansatz.initial"))
    throw InputError(
        "ansatz.initial does not apply to kind = \"adapt\": each operator ADAPT "
        "adds starts from 0 and the others from their optimized values; remove it",
        job.where("ansatz.initial"));
  if (job.has("ansatz.ordering") && a.kind != AnsatzKind::uccsd &&
      a.kind != AnsatzKind::singlet_uccsd)
    throw InputError(fmt::format("ansatz.ordering orders the singles and doubles of kind = "
                                 "\"uccsd\" or \"singlet-uccsd\", not \"{}\"; remove it",
                                 kind),
                     job.where("ansatz.ordering"));
}

// [excited] runs on the ground-state VQE's ansatz and engine.
void check_excited(const Job& job) {
  if (!job.excited) return;
  if (!job.ansatz)
    throw InputError(
        "[excited] runs VQD or SSVQE with the VQE's ansatz: add an [ansatz] section (for exact "
        "excited states use [exact] roots = N instead)",
        *first_key_of(job, "excited"));
  try {
    check_excited_engine(job.vqe_spec(), *job.excited);
  } catch (const InputError& e) {
    relocate(job, e);
  }
}

// Orbital optimization needs molecular orbitals to rotate, and densities from its solver: the VQE
// state must be a determinant-space state (qmol/sim/reduced_density.h).
void check_orbital_optimization(const Job& job) {
  if (!job.orbital_optimization) return;
  const Location section = job.where("orbital_optimization");
  if (!job.fcidump.empty())
    throw InputError(
        "[orbital_optimization] rotates molecular orbitals, and an [fcidump] job has only the "
        "integrals of fixed ones: give the [molecule] instead, or remove [orbital_optimization]",
        section);
  if (job.orbital_optimization->solver == OrbitalSolver::exact) return;
  const Location solver =
      job.has("orbital_optimization.solver") ? job.where("orbital_optimization.solver") : section;
  if (!job.ansatz)
    throw InputError(
        "orbital_optimization.solver = \"vqe\" (OO-VQE) needs an [ansatz] section; add one, or "
        "set solver = \"exact\" for CASSCF",
        solver);
  const AnsatzKind kind = job.ansatz->kind;
  if (kind == AnsatzKind::adapt)
    throw InputError(
        "orbital optimization with kind = \"adapt\" is not supported (ADAPT would regrow its "
        "ansatz for every set of orbitals): use kind = \"uccsd\", \"singlet-uccsd\" or "
        "\"kupccgsd\", or solver = \"exact\"",
        job.where("ansatz.kind"));
  // The determinant engine's state is one; a statevector's is when a UCC-family circuit runs on
  // the whole Jordan-Wigner register.
  if (resolve_engine(job.vqe_spec()) == VqeEngineKind::determinant) return;
  const auto refuse = [&](const std::string& what, const std::string& key) {
    throw InputError(fmt::format("orbital optimization takes the VQE state's density matrices, "
                                 "which qmol forms for determinant-space states: {}",
                                 what),
                     job.has(key) ? job.where(key) : solver);
  };
  if (kind == AnsatzKind::hardware_efficient)
    refuse(
        "a hardware-efficient circuit's state is not one; use a UCC-family ansatz or "
        "solver = \"exact\"",
        "ansatz.kind");
  if (job.hamiltonian.mapping != Mapping::jordan_wigner)
    refuse(fmt::format("on the statevector, use mapping = \"jordan-wigner\" (not \"{}\") or "
                       "vqe.engine = \"determinant\"",
                       to_string(job.hamiltonian.mapping)),
           "hamiltonian.mapping");
  if (job.hamiltonian.taper)
    refuse(
        "a tapered register's state is not one; remove hamiltonian.taper or use "
        "vqe.engine = \"determinant\"",
        "hamiltonian.taper");
}

// [estimator], [noise] and [mitigation] measure the VQE state's circuit as a device would.
void check_device(const Job& job) {
  const DeviceModel& d = job.device;
  for (const char* section : {"estimator", "noise", "mitigation"})
    if (job.has(section) && !job.ansatz)
      throw InputError(fmt::format("[{}] measures the VQE state's circuit as a device would, and "
                                   "the job has no [ansatz]: add one or remove [{}]",
                                   section, section),
                       job.where(section));
  if (!job.output.qasm.empty() && !job.ansatz)
    throw InputError(
        "output.qasm writes the VQE state's circuit, and the job has no [ansatz]: "
        "add one or remove qasm",
        job.where("output.qasm"));
  if (d.mitigation.any() && !d.noise)
    throw InputError(
        "[mitigation] corrects the noise of [noise], and the job has none: add "
        "[noise] or remove [mitigation]",
        job.where("mitigation"));
  if (d.mitigation.readout && d.noise->readout_error == 0.0)
    throw InputError(
        "mitigation.readout corrects readout errors, and noise.readout_error is 0: "
        "set noise.readout_error or remove readout",
        job.where("mitigation.readout"));
  if (d.mitigation.zne && !d.noise->has_gate_noise())
    throw InputError(
        "mitigation.zne extrapolates gate noise to zero, and [noise] has none: set "
        "noise.depolarizing_1q, depolarizing_2q or amplitude_damping, or remove zne",
        job.where("mitigation.zne"));
  if (d.estimator.train_on != TrainOn::shots) return;
  const Location train_on = job.where("estimator.train_on");
  if (!d.estimator.shots)
    throw InputError(
        "estimator.train_on = \"shots\" samples every energy, and estimator.shots "
        "is not set: give shots = N",
        train_on);
  if (job.optimizer.method == OptimizerMethod::lbfgs)
    throw InputError(
        "L-BFGS's line search compares energies to 1e-10 Eh and sampled energies "
        "scatter by their standard error: with estimator.train_on = \"shots\" use "
        "optimizer.method = \"spsa\", \"cobyla\" or \"adam\"",
        job.has("optimizer.method") ? job.where("optimizer.method") : train_on);
  if (job.excited)
    throw InputError(
        "[excited] trains on exact energies: remove it, or use estimator.train_on = "
        "\"exact\"",
        train_on);
  if (job.orbital_optimization && job.orbital_optimization->solver == OrbitalSolver::vqe)
    throw InputError(
        "OO-VQE takes the density matrices of exact states: use estimator.train_on "
        "= \"exact\", or orbital_optimization.solver = \"exact\"",
        train_on);
}

void check_molecule_rules(const Job& job, const Molecule& m) {
  const Reference reference = job.scf.reference_for(m);
  if (reference == Reference::rhf && m.n_alpha() != m.n_beta())
    throw InputError(fmt::format("scf.reference = \"rhf\" needs a closed-shell singlet, but the "
                                 "molecule has multiplicity {} ({} electrons); use \"rohf\" or "
                                 "\"uhf\"",
                                 m.multiplicity, m.n_electrons()),
                     job.where("scf.reference"));
  if (reference == Reference::uhf && job.needs_hamiltonian())
    throw InputError(
        fmt::format("{} built from RHF or ROHF orbitals (one set of spatial orbitals for both "
                    "spins); UHF orbitals are for the SCF alone: use scf.reference = \"rohf\" "
                    "for an open shell",
                    job.orbital_optimization
                        ? "orbital optimization rotates one set of spatial orbitals, and the "
                          "active space is"
                        : "the active space, [exact] and [ansatz] are"),
        job.where(job.orbital_optimization && !job.has("scf.reference") ? "orbital_optimization"
                                                                        : "scf.reference"));
  const ActiveSpaceOptions& as = job.active_space;
  if (as.selection == ActiveSpaceSelection::natural_orbitals && reference != Reference::rhf)
    throw InputError(fmt::format("select = \"natural-orbitals\" takes the natural orbitals of "
                                 "closed-shell (RHF) MP2; this job has an {} reference: use "
                                 "scf.reference = \"rhf\" or select = \"avas\" or \"window\"",
                                 to_string(reference)),
                     job.where("active_space.select"));
  for (const std::string& label : as.avas_orbitals) {
    const int z = parse_atomic_orbital_label(label).atomic_number;
    if (std::none_of(m.atoms.begin(), m.atoms.end(),
                     [&](const Atom& a) { return a.atomic_number == z; }))
      throw InputError(fmt::format("active_space.avas_orbitals \"{}\": the molecule ({}) has no "
                                   "{} atom",
                                   label, m.formula(), element_symbol(z)),
                       job.where("active_space.avas_orbitals"));
  }
  const auto check_atoms = [&](const std::vector<int>& atoms, const char* key) {
    const std::set<int> distinct(atoms.begin(), atoms.end());
    for (int i : atoms)
      if (i < 0 || i >= static_cast<int>(m.atoms.size()))
        throw InputError(fmt::format("scan.{} names atom {}, but the molecule has atoms 0 to {}",
                                     key, i, m.atoms.size() - 1),
                         job.where(std::string("scan.") + key));
    if (distinct.size() != atoms.size())
      throw InputError(fmt::format("scan.{} names an atom twice", key),
                       job.where(std::string("scan.") + key));
  };
  check_atoms(job.scan.bond, "bond");
  check_atoms(job.scan.angle, "angle");
}

}  // namespace

void validate_job(const Job& job) {
  if (job.hamiltonian.two_qubit_reduction && job.hamiltonian.mapping != Mapping::parity)
    throw InputError(
        fmt::format("hamiltonian.two_qubit_reduction removes the two qubits the parity mapping "
                    "leaves constant; it needs mapping = \"parity\", not \"{}\"",
                    to_string(job.hamiltonian.mapping)),
        job.where("hamiltonian.two_qubit_reduction"));
  if (job.ansatz) {
    check_ansatz(job);
  } else {
    for (const char* section : {"vqe", "optimizer"})
      if (const Location* where = first_key_of(job, section))
        throw InputError(
            fmt::format("[{}] applies to VQE, which needs an [ansatz] section; add one or remove "
                        "[{}]",
                        section, section),
            *where);
  }
  check_excited(job);
  check_orbital_optimization(job);
  check_device(job);
  if (!job.fcidump.empty()) {
    for (const char* section : {"scf", "active_space", "scan"})
      if (const Location* where = first_key_of(job, section))
        throw InputError(fmt::format("[{}] does not apply to an [fcidump] job: its integrals are "
                                     "already those of the active space; remove [{}]",
                                     section, section),
                         *where);
  }
  // Thresholds of one selection method given with another would be silently ignored.
  const auto only_for = [&](const char* key, ActiveSpaceSelection owner) {
    const std::string name = std::string("active_space.") + key;
    if (job.active_space.selection != owner && job.has(name))
      throw InputError(fmt::format("{} applies to select = \"{}\", not \"{}\"; remove it or set "
                                   "select = \"{}\"",
                                   name, to_string(owner), to_string(job.active_space.selection),
                                   to_string(owner)),
                       job.where(name));
  };
  only_for("min_occupation", ActiveSpaceSelection::natural_orbitals);
  only_for("avas_threshold", ActiveSpaceSelection::avas);
  if (job.molecule && !job.molecule->atoms.empty()) check_molecule_rules(job, *job.molecule);
}

ActiveSpaceInfo planned_active_space(const Job& job, int n_basis_functions) {
  const Molecule& m = *job.molecule;
  try {
    return select_active_space(n_basis_functions, m.n_alpha(), m.n_beta(), m, job.active_space);
  } catch (const InputError& e) {
    // The list form of active_space.orbitals is the library's orbital_list.
    const std::string field =
        e.where().field == "active_space.orbital_list" ? "active_space.orbitals" : e.where().field;
    throw InputError(e.what(), job.where(field));
  }
}

void check_orbital_rotations(const Job& job, int n_inactive, int n_active, int n_virtual) {
  if (!job.orbital_optimization || n_inactive * (n_active + n_virtual) + n_active * n_virtual > 0)
    return;
  throw InputError(fmt::format("orbital optimization has nothing to rotate: the {} active "
                               "orbitals are every orbital that is not frozen core ({} inactive, "
                               "{} virtual); choose a smaller active space with "
                               "active_space.electrons and orbitals",
                               n_active, n_inactive, n_virtual),
                   job.where("orbital_optimization"));
}

void check_memory(double estimate, double limit, const std::string& what,
                  const std::string& job_path, const std::string& smaller) {
  if (estimate > limit)
    throw ResourceError(fmt::format("{} needs about {} but the memory limit is {}; use {} or "
                                    "raise --memory",
                                    what, bytes_text(estimate), bytes_text(limit), smaller),
                        {job_path, 0, ""});
}

void check_scf_memory(const Job& job, int n_basis_functions, double limit) {
  check_memory(EriStore::estimated_bytes(n_basis_functions, limit), limit,
               fmt::format("storing the two-electron integrals of {} functions", n_basis_functions),
               job.path, "a smaller basis set");
}

namespace {

// The register's size against the grouping's and the density matrix's limits (tapering only
// lowers it).
void check_device_size(const Job& job, int n_qubits, double limit) {
  const DeviceModel& d = job.device;
  if (d.estimator.grouping == GroupingMethod::commuting && n_qubits > kMaxCommutingGroupingQubits)
    throw InputError(fmt::format("estimator.grouping = \"commuting\" measures registers of up to "
                                 "{} qubits, and this job's has {}: use grouping = \"qwc\" or a "
                                 "smaller active space",
                                 kMaxCommutingGroupingQubits, n_qubits),
                     job.where("estimator.grouping"));
  if (job.has("estimator") || d.noise)  // the final state is measured from its statevector
    check_memory(statevector_memory_bytes(n_qubits, 2), limit,
                 fmt::format("measuring the {}-qubit state", n_qubits), job.path);
  if (d.noise && d.noise->has_gate_noise() && n_qubits <= d.noise->max_density_qubits)
    // The state and the measurement's work buffer (diagonal_after), up to one state's size.
    check_memory(2 * DensityMatrix::memory_bytes(n_qubits), limit,
                 fmt::format("the density matrix of {} qubits", n_qubits), job.path,
                 "noise.max_density_qubits below the register's size (trajectories)");
}

}  // namespace

void check_correlated_memory(const Job& job, int n_orbitals, int n_alpha, int n_beta,
                             double limit) {
  // Where the active space's shape is first known: also whether it holds the excited states.
  if (job.excited) {
    try {
      check_excited_states_fit(*job.excited, n_orbitals, n_alpha, n_beta);
    } catch (const InputError& e) {
      relocate(job, e);
    }
  }
  const bool casscf =
      job.orbital_optimization && job.orbital_optimization->solver == OrbitalSolver::exact;
  if (job.exact_enabled || casscf)
    check_memory(estimate_exact_memory_bytes(n_orbitals, n_alpha, n_beta, job.exact), limit,
                 fmt::format("exact diagonalization over {:.4g} determinants",
                             DeterminantSpace::count(n_orbitals, n_alpha, n_beta)),
                 job.path);
  if (job.orbital_optimization)
    check_memory(reduced_densities_memory_bytes(n_orbitals, n_alpha, n_beta), limit,
                 "the density matrices that drive the orbital optimization", job.path);
  if (!job.ansatz) return;
  const VqeSpec spec = job.vqe_spec();
  check_device_size(job, vqe_qubits(spec, n_orbitals), limit);
  if (resolve_engine(spec) == VqeEngineKind::statevector) {
    const int n_qubits = vqe_qubits(spec, n_orbitals);
    if (n_qubits > kMaxQubits)
      throw ResourceError(
          fmt::format("{} qubits are too many for the statevector engine", n_qubits),
          {job.path, 0, ""});
    check_memory(vqe_memory_bytes(spec, n_orbitals, n_alpha, n_beta), limit,
                 fmt::format("a {}-qubit statevector", n_qubits), job.path);
  } else {
    const std::string what = fmt::format(
        "the determinant space of {} orbitals with {}+{} electrons", n_orbitals, n_alpha, n_beta);
    // Its two amplitude vectors first: the full estimate builds the ansatz's term list, which is
    // itself large when the space is far too large.
    check_memory(2.0 * sizeof(double) * DeterminantSpace::count(n_orbitals, n_alpha, n_beta), limit,
                 what, job.path);
    check_memory(vqe_memory_bytes(spec, n_orbitals, n_alpha, n_beta), limit, what, job.path);
  }
  // The excited states' engine with its penalties, beside the ground state's.
  if (job.excited)
    check_memory(vqe_memory_bytes(spec, n_orbitals, n_alpha, n_beta) +
                     excited_memory_bytes(spec, *job.excited, n_orbitals, n_alpha, n_beta),
                 limit,
                 fmt::format("the ground-state VQE and {} excited states", job.excited->states),
                 job.path);
}

}  // namespace qmol
