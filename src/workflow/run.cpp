#include "qmol/workflow/run.h"

#include <fmt/format.h>
#include <omp.h>

#include <chrono>
#include <cmath>

#include "device_stage.h"
#include "orbital_stage.h"
#include "qmol/active_space/active_dipole.h"
#include "qmol/active_space/active_space.h"
#include "qmol/active_space/mp2.h"
#include "qmol/core/errors.h"
#include "qmol/hamiltonian/fcidump.h"
#include "qmol/integrals/ao_integrals.h"
#include "qmol/integrals/basis_set.h"
#include "qmol/io/atomic_file.h"
#include "qmol/io/hdf5_reader.h"
#include "qmol/io/hdf5_writer.h"
#include "qmol/io/output_path.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "qmol/qubit/reference_state.h"
#include "qmol/qubit/tapering.h"
#include "qmol/scf/scf.h"
#include "qmol/sim/determinant_engine.h"
#include "qmol/sim/determinant_space.h"
#include "qmol/sim/reduced_density.h"
#include "qmol/sim/statevector.h"
#include "qmol/solve/vqe.h"
#include "qmol/workflow/circuit_command.h"
#include "qmol/workflow/job_validation.h"
#include "qmol/workflow/memory_size.h"
#include "qmol/workflow/run_report.h"

namespace qmol {
namespace {

using Clock = std::chrono::steady_clock;

// Exact solves of at least this many determinants (seconds per iteration) report each iteration.
constexpr double kExactProgressDeterminants = 1e6;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// The orbitals of scf.guess = "read", checked against this basis before any integral is computed.
ScfResult orbitals_from_file(const Job& job, const BasisSet& basis) {
  const Location where = job.where("scf.guess_file");
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

ActiveSpaceInfo whole_space(const MolecularHamiltonian& h) {
  ActiveSpaceInfo info;
  info.n_electrons = h.n_alpha() + h.n_beta();
  info.n_alpha = h.n_alpha();
  info.n_beta = h.n_beta();
  info.n_orbitals = h.n_orbitals();
  info.core_energy = h.core_energy();
  for (int p = 0; p < h.n_orbitals(); ++p) info.active_orbitals.push_back(p);
  return info;
}

// The qubit form, as long as the qubits fit in a Pauli string: for VQE on the statevector and
// for the reported term count.
// With hamiltonian.taper, `tapering` receives the tapering (in the sector of the reference).
std::optional<RunResult::QubitSummary> qubit_form(const Job& job, const MolecularHamiltonian& h,
                                                  std::optional<TaperedOperator>& tapering) {
  if (2 * h.n_orbitals() > kMaxQubits) return std::nullopt;
  RunResult::QubitSummary q;
  q.mapping = job.hamiltonian.mapping;
  q.two_qubit_reduction = job.hamiltonian.two_qubit_reduction;
  QubitOperator op = qubit_hamiltonian(h, q.mapping, q.two_qubit_reduction);
  if (job.hamiltonian.taper) {
    tapering = taper(op, hartree_fock_state(q.mapping, 2 * h.n_orbitals(),
                                            hartree_fock_occupied(h.n_alpha(), h.n_beta()),
                                            q.two_qubit_reduction));
    q.tapered_qubits = static_cast<int>(tapering->symmetries.size());
    q.symmetries = tapering->symmetries;
    q.sector = tapering->eigenvalues;
    op = tapering->op;
  }
  q.n_qubits = op.n_qubits();
  q.n_terms = op.size();
  q.one_norm = op.one_norm();
  q.qubit_operator = std::move(op);
  return q;
}

// Whether a state's densities are computed: their n^2 work vectors must fit in half the memory,
// and their cost (n^4 dim for the pair overlaps) stay small beside the solve that made the state:
// at most n^2 dim = 5e7 (about a second; (10e,10o) is 6.4e6, H2O/6-31G FCI 2.8e8).
bool densities_affordable(const MolecularHamiltonian& h, double memory) {
  const double n2 = static_cast<double>(h.n_orbitals()) * h.n_orbitals();
  return n2 * DeterminantSpace::count(h.n_orbitals(), h.n_alpha(), h.n_beta()) <= 5e7 &&
         reduced_densities_memory_bytes(h.n_orbitals(), h.n_alpha(), h.n_beta()) <= 0.5 * memory;
}

// The densities of a determinant-space state, its natural occupations and dipole.
RunResult::StateProperties state_properties(const DeterminantSpace& space, const double* c,
                                            const std::optional<ActiveDipole>& dipole) {
  RunResult::StateProperties p;
  p.densities = reduced_densities(space, c);
  p.natural_occupations = p.densities.natural_occupations();
  p.n_electrons = p.densities.trace();
  if (dipole) p.dipole_debye = dipole->debye(p.densities.one);
  return p;
}

}  // namespace

RunResult run_job(const Job& job, const RunOptions& options) {
  const double memory =
      options.memory_limit_bytes > 0 ? options.memory_limit_bytes : default_memory_limit();
  const RunReport report(options.log, options.summary);
  RunResult r;
  r.name = job.name;
  r.job_text = job.text;
  std::optional<MolecularHamiltonian> h;
  std::optional<ActiveDipole> dipole;          // of the active space, for the correlated dipoles
  std::vector<double> orbital_vqe_parameters;  // OO-VQE's last state: the VQE stage starts there

  if (!job.fcidump.empty()) {
    auto t0 = Clock::now();
    h = std::move(read_fcidump(job.fcidump).hamiltonian);
    check_correlated_memory(job, h->n_orbitals(), h->n_alpha(), h->n_beta(), memory);
    r.active_space = whole_space(*h);
    r.seconds["hamiltonian"] = seconds_since(t0);
    report.fcidump(job.fcidump, *h);
  } else {
    const Molecule& m = *job.molecule;
    r.molecule = m;
    auto t0 = Clock::now();
    const BasisSet basis = load_basis(job.basis, m);
    r.basis = RunResult::BasisSummary{basis.name, basis.n_functions(), basis.spherical};
    // Every size is known from the basis: nothing runs that cannot finish.
    check_scf_memory(job, basis.n_functions(), memory);
    // The window's size is known now; an automatic selection's only after the SCF (checked then).
    if (job.needs_hamiltonian() && job.active_space.selection == ActiveSpaceSelection::window) {
      const ActiveSpaceInfo planned = planned_active_space(job, basis.n_functions());
      check_orbital_rotations(job, planned.frozen_core - frozen_core_count(job.active_space, m),
                              planned.n_orbitals,
                              basis.n_functions() - planned.frozen_core - planned.n_orbitals);
      check_correlated_memory(job, planned.n_orbitals, planned.n_alpha, planned.n_beta, memory);
    }
    if (job.needs_hamiltonian() &&
        job.active_space.selection == ActiveSpaceSelection::natural_orbitals)
      check_memory(mp2_memory_bytes(basis.n_functions(), m.n_beta(),
                                    frozen_core_count(job.active_space, m), basis.n_functions()),
                   memory, "MP2 for the natural orbitals", job.path,
                   "a smaller basis set or select = \"avas\"");
    std::optional<ScfResult> read_orbitals;
    if (job.scf.guess == ScfGuess::read) read_orbitals = orbitals_from_file(job, basis);
    report.molecule(m, *r.basis);
    // The process's OpenMP threads (OMP_NUM_THREADS, or screening's per-molecule share).
    const int threads = omp_get_max_threads();
    // The pair-matrix layout only where it fits under --memory (checked above with the same rule).
    const AoIntegrals ao =
        compute_ao_integrals(m, basis, threads, kDefaultEriThreshold,
                             EriStore::automatic_layout(basis.n_functions(), memory));
    r.seconds["integrals"] = seconds_since(t0);
    t0 = Clock::now();
    const ScfResult* start =
        options.warm_start && options.warm_start->scf ? &*options.warm_start->scf : nullptr;
    if (read_orbitals) start = &*read_orbitals;
    report.scf_start();
    ScfOptions scf_options = job.scf;
    scf_options.threads = threads;
    r.scf =
        run_scf(m, ao, scf_options, start, [&](const ScfIteration& i) { report.scf_iteration(i); });
    r.seconds["scf"] = seconds_since(t0);
    report.scf(*r.scf, m);
    if (job.needs_hamiltonian()) {
      t0 = Clock::now();
      ActiveSpaceInfo info;
      try {
        h = build_active_space(ao, *r.scf, m, job.active_space, &info);
      } catch (const InputError& e) {
        // A selection that finds no space: placed at the job's key it blames.
        if (e.where().file.empty() && e.where().field.rfind("active_space.", 0) == 0)
          throw InputError(e.what(), job.where(e.where().field == "active_space.orbital_list"
                                                   ? "active_space.orbitals"
                                                   : e.where().field));
        throw;
      }
      r.seconds["hamiltonian"] = seconds_since(t0);
      report.active_space(info);
      if (job.active_space.selection != ActiveSpaceSelection::window)
        check_correlated_memory(job, info.n_orbitals, info.n_alpha, info.n_beta, memory);
      if (job.orbital_optimization) {
        t0 = Clock::now();
        RunResult::OrbitalOptimizationSummary summary;
        h = optimize_job_orbitals(job, ao, info, memory, report, summary, orbital_vqe_parameters);
        r.orbital_optimization = std::move(summary);
        r.seconds["orbital_optimization"] = seconds_since(t0);
      }
      dipole = active_dipole(ao, m, info);
      r.active_space = std::move(info);
    }
  }
  if (!h) {
    report.final_table(r);
    return r;
  }
  r.hamiltonian = *h;

  auto t0 = Clock::now();
  std::optional<TaperedOperator> tapering;
  r.qubit = qubit_form(job, *h, tapering);
  // The measurement groups: what a device run costs, and how the device model measures.
  std::optional<MeasurementGrouping> grouping;
  if (r.qubit && r.qubit->n_qubits <= 64) {
    grouping = group_measurements(*r.qubit->qubit_operator, job.device.estimator.grouping);
    r.qubit->n_measurement_groups = static_cast<int>(grouping->groups.size());
  }
  if (r.qubit) {
    r.seconds["qubit_hamiltonian"] = seconds_since(t0);
    report.qubit(*r.qubit);
  }
  std::optional<VqeProblem> problem;
  if (job.ansatz)
    problem = build_vqe_problem(*h, job.vqe_spec(),
                                tapering || !r.qubit ? nullptr : &*r.qubit->qubit_operator,
                                tapering ? &*tapering : nullptr);

  if (job.exact_enabled) {
    t0 = Clock::now();
    ExactOptions exact_options = job.exact;
    exact_options.memory_limit_bytes = memory;
    const bool densities = densities_affordable(*h, memory);
    exact_options.want_ground_state = densities;
    // Progress of the solves that take minutes: a line per Davidson iteration.
    if (DeterminantSpace::count(h->n_orbitals(), h->n_alpha(), h->n_beta()) >=
        kExactProgressDeterminants)
      exact_options.on_iteration = [&](int iteration, double energy, double residual) {
        report.exact_iteration(iteration, energy, residual, seconds_since(t0));
      };
    r.exact = exact_ground_state(*h, exact_options);
    if (densities) {
      const DeterminantSpace space(h->n_orbitals(), h->n_alpha(), h->n_beta());
      r.exact_properties = state_properties(space, r.exact->ground_state.data(), dipole);
      r.exact->ground_state.clear();  // not written to the results file
    }
    r.seconds["exact"] = seconds_since(t0);
    report.exact(*r.exact, exact_options.spin, r.seconds["exact"]);
  }

  if (problem && options.train_vqe) {
    t0 = Clock::now();
    VqeRunOptions run;
    run.optimizer = job.optimizer;
    run.exact = r.exact ? &*r.exact : nullptr;
    if (options.warm_start && options.warm_start->vqe)
      run.warm_start = &options.warm_start->vqe->result.parameters;
    if (!orbital_vqe_parameters.empty()) run.warm_start = &orbital_vqe_parameters;
    run.on_iteration = [&](int iteration, double energy, double gradient_norm) {
      report.vqe_iteration(iteration, energy, gradient_norm, seconds_since(t0));
    };
    run.on_note = [&](const std::string& text) { report.note(text); };
    report.vqe_start(*problem, job.optimizer.method);
    r.vqe = solve_vqe(*problem, run);
    if (densities_affordable(*h, memory)) {
      const DeterminantSpace space(h->n_orbitals(), h->n_alpha(), h->n_beta());
      const std::vector<double> c = problem->determinant_state(r.vqe->result.parameters);
      if (!c.empty()) r.vqe_properties = state_properties(space, c.data(), dipole);
    }
    r.seconds["vqe"] = seconds_since(t0);
  }
  if (problem && options.train_vqe && job.excited) {
    t0 = Clock::now();
    ExcitedRunOptions run;
    run.optimizer = job.optimizer;
    run.exact = r.exact ? &*r.exact : nullptr;
    run.ground_parameters = &r.vqe->result.parameters;
    run.ground_energy = r.vqe->result.energy;
    run.on_note = [&](const std::string& text) { report.note(text); };
    r.excited = solve_excited_states(*problem, *job.excited, run);
    r.seconds["excited"] = seconds_since(t0);
    report.excited(*r.excited);
  }
  if (problem && r.qubit) {
    t0 = Clock::now();
    run_device_stage(job, *problem, grouping ? &*grouping : nullptr,
                     tapering ? &*tapering : nullptr, options.optimize_circuit, report, r);
    r.seconds["device"] = seconds_since(t0);
  }
  report.final_table(r);
  return r;
}

RunResult run_job_with_outputs(const Job& job, const RunOptions& options, bool overwrite,
                               const std::vector<std::string>& other_outputs) {
  std::vector<std::string> outputs = other_outputs;
  outputs.push_back(job.output.hdf5);
  outputs.push_back(job.output.qasm);
  check_output_files(outputs, overwrite);
  RunResult result = run_job(job, options);
  if (!job.output.hdf5.empty()) write_hdf5(job.output.hdf5, result, overwrite);
  if (!job.output.qasm.empty())
    write_file_atomically(job.output.qasm, circuit_qasm(result, qasm_format_of(job.output.qasm)));
  return result;
}

}  // namespace qmol
