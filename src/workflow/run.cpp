#include "qmol/workflow/run.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <chrono>
#include <cmath>

#include "qmol/ansatz/hardware_efficient.h"
#include "qmol/ansatz/initial_parameters.h"
#include "qmol/ansatz/kupccgsd.h"
#include "qmol/ansatz/lower_to_circuit.h"
#include "qmol/ansatz/uccsd.h"
#include "qmol/core/errors.h"
#include "qmol/core/units.h"
#include "qmol/core/version.h"
#include "qmol/active_space/active_space.h"
#include "qmol/hamiltonian/fcidump.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/io/hdf5_reader.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/qubit/reference_state.h"
#include "qmol/qubit/spin_operators.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/determinant_engine.h"
#include "qmol/sim/pauli_expectation.h"
#include "qmol/sim/spin_operator.h"
#include "qmol/sim/statevector.h"
#include "qmol/sim/statevector_engine.h"

namespace qmol {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string bytes_text(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 5) bytes /= 1024.0, ++u;
  return fmt::format("{:.1f} {}", bytes, units[u]);
}

void check_memory(double estimate, double limit, const std::string& what,
                  const std::string& where) {
  if (estimate > limit)
    throw ResourceError(fmt::format("{} needs about {} but the memory limit is {}; use a smaller "
                                    "active space or raise --memory",
                                    what, bytes_text(estimate), bytes_text(limit)),
                        {where, 0, ""});
}

// Printing that costs nothing when the run is silent.
template <typename... Args>
void say(const RunOptions& o, fmt::format_string<Args...> f, Args&&... args) {
  if (o.log) fmt::print(*o.log, f, std::forward<Args>(args)...);
}

void report_scf(const RunOptions& o, const ScfResult& scf, const Molecule& m) {
  say(o, "SCF ({}) converged in {} iterations\n", to_string(scf.reference), scf.iterations);
  say(o, "  total energy           {:20.12f} Eh\n", scf.energy);
  say(o, "  electronic energy      {:20.12f} Eh\n", scf.electronic_energy);
  say(o, "  nuclear repulsion      {:20.12f} Eh\n", m.nuclear_repulsion());
  say(o, "  HOMO-LUMO gap          {:20.12f} Eh\n", scf.homo_lumo_gap);
  say(o, "  dipole (Debye)         {:12.6f} {:12.6f} {:12.6f}  |mu| = {:.6f}\n",
      scf.dipole_debye.x(), scf.dipole_debye.y(), scf.dipole_debye.z(), scf.dipole_debye.norm());
  if (scf.reference == Reference::uhf)
    say(o, "  <S^2>                  {:20.12f}\n", scf.s_squared);
  if (scf.stability && scf.stability->lowest_eigenvalue)
    say(o, "  stability              {:20.12f} Eh lowest orbital-Hessian eigenvalue ({}{})\n",
        *scf.stability->lowest_eigenvalue, scf.stability->stable ? "stable" : "UNSTABLE",
        scf.stability->followed ? fmt::format(", {} followed", scf.stability->followed) : "");
  for (const std::string& w : scf.warnings) say(o, "warning: {}\n", w);
  const Eigen::VectorXd& e = scf.orbital_energies_alpha;
  say(o, "  orbital energies{}:", scf.reference == Reference::rhf ? "" : " (alpha)");
  for (int i = 0; i < e.size() && i < 12; ++i) say(o, " {:.6f}", e[i]);
  say(o, "{}\n", e.size() > 12 ? " ..." : "");
}

// The hardware-realistic gradient: two shifted energies per rotation instead of the adjoint sweep.
class ParameterShiftEnergy : public EnergyFunction {
 public:
  explicit ParameterShiftEnergy(std::unique_ptr<StatevectorEngine> engine)
      : engine_(std::move(engine)) {}
  int n_parameters() const override { return engine_->n_parameters(); }
  double energy(const std::vector<double>& theta) override { return engine_->energy(theta); }
  double energy_and_gradient(const std::vector<double>& theta,
                             std::vector<double>& gradient) override {
    gradient = engine_->parameter_shift_gradient(theta);
    return engine_->energy(theta);
  }

 private:
  std::unique_ptr<StatevectorEngine> engine_;
};

struct Vqe {
  std::unique_ptr<EnergyFunction> engine;
  RunResult::VqeSummary summary;
  std::vector<double> initial;
  // Further starts, tried in turn while the optimizer ends at the reference stationary point.
  std::vector<std::vector<double>> restarts;
  DeterminantEngine* determinant = nullptr;  // the engine, when it is the determinant engine
};

std::unique_ptr<EnergyFunction> statevector_engine(const QubitOperator& h, const Circuit& circuit,
                                                   const std::string& gradient) {
  auto engine = std::make_unique<StatevectorEngine>(h, circuit);
  if (gradient == "parameter-shift")
    return std::make_unique<ParameterShiftEnergy>(std::move(engine));
  return engine;
}

// Builds the ansatz and the engine that will evaluate it, refusing what will not fit.
Vqe prepare_vqe(const Job& job, const MolecularHamiltonian& h, const RunResult& r,
                const RunOptions& o) {
  const AnsatzOptions& a = *job.ansatz;
  const bool fermionic = a.kind != "hardware-efficient";
  const int n_orb = h.n_orbitals();
  const Location where{job.path, 0, "vqe.engine"};
  Vqe v;
  v.summary.ansatz = a.kind;
  v.summary.optimizer = job.optimizer.method;
  std::string engine = job.vqe.engine;
  if (engine == "auto") engine = fermionic ? "determinant" : "statevector";
  if (engine == "determinant" && !fermionic)
    throw InputError(
        "the determinant engine runs particle- and spin-conserving (UCC-family) "
        "ansätze; use vqe.engine = \"statevector\" for hardware-efficient circuits",
        where);
  if (job.vqe.gradient == "parameter-shift" && engine != "statevector")
    throw InputError("vqe.gradient = \"parameter-shift\" needs vqe.engine = \"statevector\"",
                     {job.path, 0, "vqe.gradient"});
  v.summary.engine = engine;
  if (engine == "statevector") {
    if (!r.qubit)
      throw ResourceError(
          fmt::format("{} qubits are too many for the statevector engine", 2 * n_orb), where);
    const int n_qubits = r.qubit->n_qubits;
    check_memory(statevector_memory_bytes(n_qubits, 3), o.memory_limit_bytes,
                 fmt::format("a {}-qubit statevector", n_qubits), job.path);
  }
  v.summary.n_qubits = r.qubit ? r.qubit->n_qubits : 2 * n_orb;
  const Mapping mapping = job.hamiltonian.mapping;
  const bool reduced = job.hamiltonian.two_qubit_reduction;

  if (fermionic) {
    FermionicAnsatz ansatz = a.kind == "uccsd" ? uccsd(n_orb, h.n_alpha(), h.n_beta())
                             : a.kind == "singlet-uccsd"
                                 ? singlet_uccsd(n_orb, h.n_alpha(), h.n_beta())
                                 : kupccgsd(n_orb, h.n_alpha(), h.n_beta(), a.k);
    if (engine == "determinant")
      check_memory(DeterminantEngine::memory_estimate(n_orb, h.n_alpha(), h.n_beta(), ansatz),
                   o.memory_limit_bytes,
                   fmt::format("the determinant space of {} orbitals with {}+{} electrons", n_orb,
                               h.n_alpha(), h.n_beta()),
                   job.path);
    v.initial = initial_parameters(a.initial.empty() ? "zeros" : a.initial, ansatz, h, a.seed);
    v.summary.parameter_labels = ansatz.parameter_labels;
    if (engine == "determinant") {
      auto engine = std::make_unique<DeterminantEngine>(h, ansatz);
      v.determinant = engine.get();
      v.engine = std::move(engine);
    } else {
      Circuit circuit = lower_to_circuit(ansatz, mapping, reduced);
      v.engine = statevector_engine(*r.qubit->qubit_operator, circuit, job.vqe.gradient);
      v.summary.circuit = std::move(circuit);
    }
    v.summary.fermionic_ansatz = std::move(ansatz);
  } else {
    const std::vector<bool> reference = hartree_fock_state(
        mapping, 2 * n_orb, hartree_fock_occupied(h.n_alpha(), h.n_beta()), reduced);
    std::vector<int> set_qubits;
    for (std::size_t k = 0; k < reference.size(); ++k)
      if (reference[k]) set_qubits.push_back(static_cast<int>(k));
    Circuit circuit = hardware_efficient(r.qubit->n_qubits, a.hardware_efficient, set_qubits);
    v.initial = hardware_efficient_initial_parameters(circuit.n_parameters(), a.seed);
    if (a.initial == "zeros") {
      std::fill(v.initial.begin(), v.initial.end(), 0.0);
    } else {
      // Small angles often roll back into the reference determinant's basin (single-qubit
      // rotations change the particle number, which costs energy): wider starts escape it.
      for (const double scale : {0.5, 1.5})
        v.restarts.push_back(hardware_efficient_initial_parameters(
            circuit.n_parameters(), a.seed + v.restarts.size() + 1, scale));
    }
    v.engine = statevector_engine(*r.qubit->qubit_operator, circuit, job.vqe.gradient);
    v.summary.circuit = std::move(circuit);
  }
  v.summary.n_parameters = v.engine->n_parameters();
  return v;
}

double reference_energy(const MolecularHamiltonian& h) {
  const auto lowest = [](int n) { return n >= 64 ? ~0ull : (1ull << n) - 1; };
  return h.determinant_energy(lowest(h.n_alpha()), lowest(h.n_beta()));
}

// The orbitals of scf.guess = "read", checked against this basis before any integral is computed.
ScfResult orbitals_from_file(const Job& job, const BasisSet& basis) {
  const Location where{job.path, 0, "scf.guess_file"};
  RunResult earlier;
  try {
    earlier = read_hdf5(job.scf.guess_file);
  } catch (const Error& e) {
    throw InputError(fmt::format("scf.guess_file \"{}\" is not a readable qmol result file: {}",
                                 job.scf.guess_file, e.what()),
                     where);
  }
  if (!earlier.scf)
    throw InputError(fmt::format("scf.guess_file \"{}\" holds no SCF orbitals", job.scf.guess_file),
                     where);
  const auto rows = earlier.scf->coefficients_alpha.rows();
  if (rows != basis.n_functions())
    throw InputError(fmt::format("the orbitals in scf.guess_file \"{}\" have {} basis functions, "
                                 "this job's basis {} has {}; read a file of the same molecule "
                                 "and basis",
                                 job.scf.guess_file, rows, basis.name, basis.n_functions()),
                     where);
  return std::move(*earlier.scf);
}

// Every ansatz here has a stationary point at the reference determinant (zero parameters for UCC;
// for circuits a point the optimizer can fall back to). A stop there is not a minimum unless the
// reference is itself exact, so it is never reported as converged.
bool stopped_at_reference(const MolecularHamiltonian& h, const ExactResult* exact,
                          const RunResult::VqeSummary& vqe) {
  constexpr double kSameEnergy = 1e-8;  // Hartree
  const double reference = reference_energy(h);
  if (vqe.n_parameters == 0 || std::abs(vqe.result.energy - reference) > kSameEnergy) return false;
  return !(exact && std::abs(exact->energy - reference) <= kSameEnergy);
}

void flag_reference_stationary_point(const MolecularHamiltonian& h, const ExactResult* exact,
                                     RunResult::VqeSummary& vqe) {
  if (!stopped_at_reference(h, exact, vqe)) return;
  const double reference = reference_energy(h);
  vqe.result.converged = false;
  vqe.warnings.push_back(fmt::format(
      "VQE stopped at the reference determinant's energy {:.10f} Eh, a stationary point of the "
      "ansatz, not a minimum; start from other parameters ([ansatz] initial = \"random\", another "
      "seed) or use a more expressive ansatz",
      reference));
}

// <S^2> of the trained state, in the layout of the engine that trained it.
double trained_s_squared(Vqe& v, const Job& job, const MolecularHamiltonian& h) {
  const std::vector<double>& theta = v.summary.result.parameters;
  if (v.determinant) {
    const DeterminantSpace space(h.n_orbitals(), h.n_alpha(), h.n_beta());
    return DeterminantSpinSquared(space).expectation(v.determinant->state(theta).data());
  }
  const QubitOperator s_squared =
      qubit_spin_observable(SpinObservable::spin_squared, h, job.hamiltonian.mapping,
                            job.hamiltonian.two_qubit_reduction);
  return expectation_value(s_squared, simulate(*v.summary.circuit, theta));
}

// The spin the job asks for is S = (n_alpha - n_beta) / 2; a state that misses it is reported.
void check_vqe_spin(const MolecularHamiltonian& h, const ExactResult* exact,
                    RunResult::VqeSummary& vqe) {
  constexpr double kSpinTolerance = 1e-3;
  const double s = 0.5 * std::abs(h.n_alpha() - h.n_beta());
  vqe.spin = s;
  if (exact)
    if (const ExactRoot* root = lowest_root_of_spin(*exact, s))
      vqe.error = vqe.result.energy - root->energy;
  if (std::abs(vqe.s_squared - s * (s + 1.0)) > kSpinTolerance)
    vqe.warnings.push_back(fmt::format(
        "the VQE state has <S^2> = {:.6f}, not S(S+1) = {:.6f} of the job's spin: it is spin "
        "contaminated, so its energy is not that of a pure spin state",
        vqe.s_squared, s * (s + 1.0)));
}

void report_final(const RunOptions& options, const RunResult& r) {
  RunOptions o;
  o.log = options.summary ? options.summary : options.log;
  if (!o.log) return;
  say(o, "{}{:<28}{:>20}\n", options.log ? "\n" : "", "result", "energy (Eh)");  // below the report
  if (r.scf) say(o, "{:<28}{:20.10f}\n", "Hartree-Fock", r.scf->energy);
  if (r.vqe)
    say(o, "{:<28}{:20.10f}\n", fmt::format("VQE ({})", r.vqe->ansatz), r.vqe->result.energy);
  if (r.exact) say(o, "{:<28}{:20.10f}\n", "exact (FCI/CASCI)", r.exact->energy);
  if (r.vqe)
    for (const std::string& w : r.vqe->warnings) say(o, "warning: {}\n", w);
  if (r.vqe && r.vqe->error) {
    const double error = *r.vqe->error;
    say(o, "{:<28}{:20.4f}  {}\n", "VQE error (mEh)", 1e3 * error,
        std::abs(error) <= kChemicalAccuracy ? "within chemical accuracy (1.6 mEh)"
                                             : "NOT within chemical accuracy (1.6 mEh)");
  }
}

}  // namespace

double default_memory_limit() {
  const double pages = static_cast<double>(sysconf(_SC_PHYS_PAGES));
  const double page_size = static_cast<double>(sysconf(_SC_PAGESIZE));
  return pages > 0 && page_size > 0 ? 0.5 * pages * page_size : 4.0 * (1ull << 30);
}

double parse_memory_size(const std::string& text) {
  std::size_t used = 0;
  double value = 0.0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  std::string unit = text.substr(used);
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!unit.empty() && unit.back() == 'B') unit.pop_back();
  if (!unit.empty() && unit.back() == 'I') unit.pop_back();
  const std::string units = "KMGT";
  double scale = 1.0;
  if (unit.size() == 1 && units.find(unit[0]) != std::string::npos)
    scale = std::pow(1024.0, 1 + units.find(unit[0]));
  else if (!unit.empty())
    used = 0;
  if (used == 0 || !std::isfinite(value) || value <= 0)
    throw InputError(fmt::format("--memory '{}' is not a size like 8G, 512M or 2.5GB", text),
                     {"--memory", 0, ""});
  return value * scale;
}

RunResult run_job(const Job& job, const RunOptions& options_in) {
  RunOptions o = options_in;
  if (o.memory_limit_bytes <= 0) o.memory_limit_bytes = default_memory_limit();
  RunResult r;
  r.name = job.name;
  r.job_text = job.text;
  std::optional<MolecularHamiltonian> h;

  if (!job.fcidump.empty()) {
    auto t0 = Clock::now();
    FcidumpData data = read_fcidump(job.fcidump);
    h = std::move(data.hamiltonian);
    r.active_space = ActiveSpaceInfo{};
    r.active_space->n_electrons = h->n_alpha() + h->n_beta();
    r.active_space->n_alpha = h->n_alpha();
    r.active_space->n_beta = h->n_beta();
    r.active_space->n_orbitals = h->n_orbitals();
    r.active_space->core_energy = h->core_energy();
    for (int p = 0; p < h->n_orbitals(); ++p) r.active_space->active_orbitals.push_back(p);
    r.seconds["hamiltonian"] = seconds_since(t0);
    say(o, "FCIDUMP {}: {} orbitals, {} electrons (2Sz = {})\n", job.fcidump, h->n_orbitals(),
        h->n_alpha() + h->n_beta(), h->n_alpha() - h->n_beta());
  } else {
    const Molecule& m = *job.molecule;
    r.molecule = m;
    auto t0 = Clock::now();
    const BasisSet basis = load_basis(job.basis, m);
    r.basis = RunResult::BasisSummary{basis.name, basis.n_functions(), basis.spherical};
    std::optional<ScfResult> read_orbitals;
    if (job.scf.guess == ScfGuess::read) read_orbitals = orbitals_from_file(job, basis);
    say(o, "qmol {} | {} ({}), charge {}, multiplicity {}, {} electrons\n", kVersion, m.name,
        m.formula(), m.charge, m.multiplicity, m.n_electrons());
    say(o, "basis {}: {} functions ({})\n", basis.name, basis.n_functions(),
        basis.spherical ? "spherical" : "cartesian");
    const double n = basis.n_functions();
    check_memory(
        n * n * n * n / 8.0 * 8.0, o.memory_limit_bytes,
        fmt::format("storing the two-electron integrals of {} functions", basis.n_functions()),
        job.path);
    const AoIntegrals ao = compute_ao_integrals(m, basis, 2);
    r.seconds["integrals"] = seconds_since(t0);
    t0 = Clock::now();
    const ScfResult* start = o.warm_start && o.warm_start->scf ? &*o.warm_start->scf : nullptr;
    if (read_orbitals) start = &*read_orbitals;
    say(o, "{:>6} {:>20} {:>12} {:>10} {:>9}\n", "iter", "SCF energy (Eh)", "change", "error",
        "time (s)");
    const auto on_iteration = [&](const ScfIteration& i) {
      say(o, "{:>6} {:20.12f} {:12.3e} {:10.2e} {:9.3f}{}\n", i.iteration, i.energy,
          i.energy_change, i.error, i.seconds,
          i.cycle > 1
              ? fmt::format("  ({} after instability {})", to_string(i.reference), i.cycle - 1)
              : "");
    };
    r.scf = run_scf(m, ao, job.scf, start, on_iteration);
    r.seconds["scf"] = seconds_since(t0);
    report_scf(o, *r.scf, m);
    if (job.needs_hamiltonian()) {
      t0 = Clock::now();
      ActiveSpaceInfo info;
      h = build_active_space(ao, *r.scf, m, job.active_space, &info);
      r.active_space = std::move(info);
      r.seconds["hamiltonian"] = seconds_since(t0);
      say(o, "active space: {} electrons in {} orbitals ({} frozen), core energy {:.10f} Eh\n",
          r.active_space->n_electrons, r.active_space->n_orbitals, r.active_space->frozen_core,
          r.active_space->core_energy);
    }
  }
  if (!h) {
    report_final(o, r);
    return r;
  }
  r.hamiltonian = *h;

  // The qubit form: always for VQE on the statevector and for the reported term count, as long
  // as the qubits fit in a Pauli string.
  if (2 * h->n_orbitals() <= kMaxQubits) {
    auto t0 = Clock::now();
    RunResult::QubitSummary q;
    q.mapping = job.hamiltonian.mapping;
    q.two_qubit_reduction = job.hamiltonian.two_qubit_reduction;
    QubitOperator op = qubit_hamiltonian(*h, q.mapping, q.two_qubit_reduction);
    q.n_qubits = op.n_qubits();
    q.n_terms = op.size();
    q.one_norm = op.one_norm();
    q.qubit_operator = std::move(op);
    r.qubit = std::move(q);
    r.seconds["qubit_hamiltonian"] = seconds_since(t0);
    say(o, "qubit Hamiltonian ({}{}): {} qubits, {} terms, 1-norm {:.6f} Eh\n",
        to_string(r.qubit->mapping), r.qubit->two_qubit_reduction ? ", two-qubit reduction" : "",
        r.qubit->n_qubits, r.qubit->n_terms, r.qubit->one_norm);
  }

  // Size checks for every later stage come first, so nothing runs that cannot finish.
  if (job.exact_enabled)
    check_memory(estimate_exact_memory_bytes(h->n_orbitals(), h->n_alpha(), h->n_beta(), job.exact),
                 o.memory_limit_bytes,
                 fmt::format("exact diagonalization over {} determinants",
                             DeterminantSpace::count(h->n_orbitals(), h->n_alpha(), h->n_beta())),
                 job.path);
  std::optional<Vqe> vqe;
  if (job.ansatz) vqe = prepare_vqe(job, *h, r, o);

  if (job.exact_enabled) {
    auto t0 = Clock::now();
    ExactOptions exact_options = job.exact;
    exact_options.memory_limit_bytes = o.memory_limit_bytes;
    r.exact = exact_ground_state(*h, exact_options);
    r.seconds["exact"] = seconds_since(t0);
    say(o, "exact ({} spin): {} determinants, {:.2f} s\n", to_string(exact_options.spin),
        r.exact->n_determinants, r.seconds["exact"]);
    for (std::size_t k = 0; k < r.exact->roots.size(); ++k)
      say(o, "  root {:<3} {:20.12f} Eh  <S^2> = {:.6f}\n", k, r.exact->roots[k].energy,
          r.exact->roots[k].s_squared);
  }

  if (vqe) {
    std::vector<double> initial = vqe->initial;
    if (o.warm_start && o.warm_start->vqe &&
        o.warm_start->vqe->result.parameters.size() == initial.size())
      initial = o.warm_start->vqe->result.parameters;
    say(o, "VQE: {} ansatz, {} engine, {} qubits, {} parameters, optimizer {}\n",
        vqe->summary.ansatz, vqe->summary.engine, vqe->summary.n_qubits, vqe->summary.n_parameters,
        job.optimizer.method);
    say(o, "{:>6} {:>20} {:>14} {:>10}\n", "iter", "energy (Eh)", "|gradient|", "time (s)");
    const auto t0 = Clock::now();
    auto on_iteration = [&](int iteration, double energy, double gradient_norm) {
      say(o, "{:>6} {:20.12f} {:14.3e} {:10.3f}\n", iteration, energy, gradient_norm,
          seconds_since(t0));
    };
    vqe->summary.result = run_vqe(*vqe->engine, initial, job.optimizer, on_iteration);
    for (const std::vector<double>& start : vqe->restarts) {
      if (!stopped_at_reference(*h, r.exact ? &*r.exact : nullptr, vqe->summary)) break;
      say(o,
          "VQE ended at the reference determinant's energy: restarting from wider random "
          "angles\n");
      VqeResult retry = run_vqe(*vqe->engine, start, job.optimizer, on_iteration);
      if (retry.energy < vqe->summary.result.energy) vqe->summary.result = std::move(retry);
    }
    r.seconds["vqe"] = seconds_since(t0);
    flag_reference_stationary_point(*h, r.exact ? &*r.exact : nullptr, vqe->summary);
    vqe->summary.s_squared = trained_s_squared(*vqe, job, *h);
    check_vqe_spin(*h, r.exact ? &*r.exact : nullptr, vqe->summary);
    r.vqe = std::move(vqe->summary);
  }
  report_final(o, r);
  return r;
}

}  // namespace qmol
