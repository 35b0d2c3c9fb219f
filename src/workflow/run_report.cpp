#include "qmol/workflow/run_report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>

#include "qmol/core/units.h"
#include "qmol/core/version.h"
#include "qmol/solve/adapt_vqe.h"

namespace qmol {
namespace {

// Printing that costs nothing when the run is silent.
template <typename... Args>
void say(std::ostream* out, fmt::format_string<Args...> f, Args&&... args) {
  if (out) fmt::print(*out, f, std::forward<Args>(args)...);
}

}  // namespace

void RunReport::fcidump(const std::string& file, const MolecularHamiltonian& h) const {
  say(log_, "FCIDUMP {}: {} orbitals, {} electrons (2Sz = {})\n", file, h.n_orbitals(),
      h.n_alpha() + h.n_beta(), h.n_alpha() - h.n_beta());
}

void RunReport::molecule(const Molecule& m, const RunResult::BasisSummary& basis) const {
  say(log_, "qmol {} | {} ({}), charge {}, multiplicity {}, {} electrons\n", kVersion, m.name,
      m.formula(), m.charge, m.multiplicity, m.n_electrons());
  say(log_, "basis {}: {} functions ({})\n", basis.name, basis.n_functions,
      basis.spherical ? "spherical" : "cartesian");
}

void RunReport::scf_start() const {
  say(log_, "{:>6} {:>20} {:>12} {:>10} {:>9}\n", "iter", "SCF energy (Eh)", "change", "error",
      "time (s)");
}

void RunReport::scf_iteration(const ScfIteration& i) const {
  say(log_, "{:>6} {:20.12f} {:12.3e} {:10.2e} {:9.3f}{}\n", i.iteration, i.energy, i.energy_change,
      i.error, i.seconds,
      i.cycle > 1 ? fmt::format("  ({} after instability {})", to_string(i.reference), i.cycle - 1)
                  : "");
}

void RunReport::scf(const ScfResult& scf, const Molecule& m) const {
  say(log_, "SCF ({}) converged in {} iterations\n", to_string(scf.reference), scf.iterations);
  say(log_, "  total energy           {:20.12f} Eh\n", scf.energy);
  say(log_, "  electronic energy      {:20.12f} Eh\n", scf.electronic_energy);
  say(log_, "  nuclear repulsion      {:20.12f} Eh\n", m.nuclear_repulsion());
  say(log_, "  HOMO-LUMO gap          {:20.12f} Eh\n", scf.homo_lumo_gap);
  say(log_, "  dipole (Debye)         {:12.6f} {:12.6f} {:12.6f}  |mu| = {:.6f}\n",
      scf.dipole_debye.x(), scf.dipole_debye.y(), scf.dipole_debye.z(), scf.dipole_debye.norm());
  if (scf.reference == Reference::uhf)
    say(log_, "  <S^2>                  {:20.12f}\n", scf.s_squared);
  if (scf.stability && scf.stability->lowest_eigenvalue)
    say(log_, "  stability              {:20.12f} Eh lowest orbital-Hessian eigenvalue ({}{})\n",
        *scf.stability->lowest_eigenvalue, scf.stability->stable ? "stable" : "UNSTABLE",
        scf.stability->followed ? fmt::format(", {} followed", scf.stability->followed) : "");
  for (const std::string& w : scf.warnings) say(log_, "warning: {}\n", w);
  const Eigen::VectorXd& e = scf.orbital_energies_alpha;
  say(log_, "  orbital energies{}:", scf.reference == Reference::rhf ? "" : " (alpha)");
  for (int i = 0; i < e.size() && i < 12; ++i) say(log_, " {:.6f}", e[i]);
  say(log_, "{}\n", e.size() > 12 ? " ..." : "");
}

void RunReport::active_space(const ActiveSpaceInfo& info) const {
  if (info.mp2)
    say(log_, "MP2{}: energy {:.10f} Eh, correlation {:.10f} Eh\n",
        info.mp2->frozen_core ? fmt::format(" (frozen core: {})", info.mp2->frozen_core) : "",
        info.mp2->energy, info.mp2->correlation_energy);
  if (info.selection) {
    const OrbitalSelection& sel = *info.selection;
    const bool no = sel.method == ActiveSpaceSelection::natural_orbitals;
    const std::vector<double>& values = no ? sel.occupations : sel.overlaps;
    std::string list;
    for (std::size_t k = 0; k < values.size() && k < 16; ++k)
      list += fmt::format(" {:.4f}", values[k]);
    if (values.size() > 16) list += " ...";
    say(log_, "active-space selection ({}): {} orbitals, {} electrons{}{}\n", to_string(sel.method),
        sel.n_orbitals, sel.n_electrons,
        values.empty() ? ""
        : no           ? "; occupations"
                       : "; overlaps",
        list);
    if (!sel.note.empty()) say(log_, "  {}\n", sel.note);
  }
  say(log_, "active space: {} electrons in {} orbitals ({} frozen), core energy {:.10f} Eh\n",
      info.n_electrons, info.n_orbitals, info.frozen_core, info.core_energy);
}

void RunReport::qubit(const RunResult::QubitSummary& q) const {
  say(log_, "qubit Hamiltonian ({}{}): {} qubits, {} terms, 1-norm {:.6f} Eh\n",
      to_string(q.mapping), q.two_qubit_reduction ? ", two-qubit reduction" : "", q.n_qubits,
      q.n_terms, q.one_norm);
  if (q.tapered_qubits > 0)
    say(log_, "  tapered {} qubit(s) by Z2 symmetries, in the reference's sector\n",
        q.tapered_qubits);
  if (q.n_measurement_groups) say(log_, "  {} measurement groups\n", *q.n_measurement_groups);
}

void RunReport::exact(const ExactResult& exact, ExactSpin spin, double seconds) const {
  say(log_, "exact ({} spin): {} determinants, {:.2f} s\n", to_string(spin), exact.n_determinants,
      seconds);
  for (std::size_t k = 0; k < exact.roots.size(); ++k)
    say(log_, "  root {:<3} {:20.12f} Eh  <S^2> = {:.6f}\n", k, exact.roots[k].energy,
        exact.roots[k].s_squared);
}

void RunReport::exact_iteration(int iteration, double energy, double residual,
                                double seconds) const {
  say(log_, "  Davidson {:>4} {:20.12f} Eh  residual {:9.3e} {:10.1f} s\n", iteration, energy,
      residual, seconds);
}

void RunReport::vqe_start(const VqeProblem& p, OptimizerMethod optimizer) const {
  if (p.adapt) {
    // ADAPT reports one line per added operator (notes), not the optimizer's iterations.
    const AdaptOptions& a = p.spec.ansatz.adapt;
    say(log_,
        "VQE: ADAPT ({} pool, {} operators), {} engine, {} qubits, optimizer {}; grows until "
        "the largest pool gradient is below {:.1e} Eh or {} operators\n",
        to_string(a.pool), p.adapt->pool_size(), to_string(p.engine), p.n_qubits,
        to_string(optimizer), a.gradient_threshold, a.max_operators);
    return;
  }
  say(log_, "VQE: {} ansatz, {} engine, {} qubits, {} parameters, optimizer {}\n",
      to_string(p.spec.ansatz.kind), to_string(p.engine), p.n_qubits, p.energy->n_parameters(),
      to_string(optimizer));
  say(log_, "{:>6} {:>20} {:>14} {:>10}\n", "iter", "energy (Eh)", "|gradient|", "time (s)");
}

void RunReport::vqe_iteration(int iteration, double energy, double gradient_norm,
                              double seconds) const {
  say(log_, "{:>6} {:20.12f} {:14.3e} {:10.3f}\n", iteration, energy, gradient_norm, seconds);
}

void RunReport::orbital_start(const RunResult::OrbitalOptimizationSummary& o) const {
  say(log_,
      "orbital optimization ({}): {} frozen, {} inactive, {} active orbitals; converged at max "
      "|dE/dkappa| < {:.1e}\n",
      o.solver == OrbitalSolver::exact ? "CASSCF" : "OO-VQE", o.n_frozen, o.n_inactive, o.n_active,
      o.gradient_tolerance);
  say(log_, "{:>6} {:>20} {:>12} {:>9}\n", "step", "energy (Eh)", "max |grad|", "time (s)");
}

void RunReport::orbital_iteration(const OrbitalIteration& i, double seconds) const {
  if (std::isnan(i.max_gradient))
    say(log_, "{:>6} {:>20.12f} {:>12} {:>9.2f}\n", i.iteration, i.energy, "rose: halved", seconds);
  else
    say(log_, "{:>6} {:>20.12f} {:>12.3e} {:>9.2f}\n", i.iteration, i.energy, i.max_gradient,
        seconds);
}

void RunReport::orbital_optimization(const RunResult::OrbitalOptimizationSummary& o) const {
  say(log_, "orbital optimization {} after {} solves: E = {:.10f} Eh\n",
      o.converged ? "converged" : "NOT converged", o.iterations, o.energy);
  if (!o.converged)
    say(log_,
        "warning: the orbitals did not converge within orbital_optimization.max_iterations = "
        "{}; raise it, or loosen gradient_tolerance\n",
        o.iterations);
}

void RunReport::note(const std::string& text) const {
  say(log_, "{}\n", text);
}

void RunReport::excited(const ExcitedResult& e) const {
  say(log_,
      "excited states ({}, spin {}): overlap penalty {:.4f} Eh, spin penalty {:.4f} Eh, "
      "{:.2f} s\n",
      to_string(e.method), to_string(e.spin_filter), e.overlap_penalty, e.spin_penalty, e.seconds);
  const std::vector<double> ev = e.excitation_energies_ev();
  for (std::size_t k = 0; k < e.states.size(); ++k)
    say(log_, "  state {:<3} {:20.12f} Eh  {:10.5f} eV  <S^2> = {:.6f}{}\n", k, e.states[k].energy,
        ev[k], e.states[k].s_squared,
        k < e.errors.size() ? fmt::format("  error {:.4f} mEh", 1e3 * e.errors[k]) : "");
}

void RunReport::final_table(const RunResult& r) const {
  std::ostream* out = summary_ ? summary_ : log_;
  if (!out) return;
  say(out, "{}{:<28}{:>20}\n", log_ ? "\n" : "", "result", "energy (Eh)");  // below the report
  if (r.scf) say(out, "{:<28}{:20.10f}\n", "Hartree-Fock", r.scf->energy);
  if (r.vqe)
    say(out, "{:<28}{:20.10f}\n", fmt::format("VQE ({})", to_string(r.vqe->ansatz)),
        r.vqe->result.energy);
  if (r.exact) say(out, "{:<28}{:20.10f}\n", "exact (FCI/CASCI)", r.exact->energy);
  if (r.vqe)
    for (const std::string& w : r.vqe->warnings) say(out, "warning: {}\n", w);
  if (r.excited) {
    for (std::size_t k = 1; k < r.excited->states.size(); ++k)
      say(out, "{:<28}{:20.10f}\n", fmt::format("{} state {}", to_string(r.excited->method), k),
          r.excited->states[k].energy);
    for (const std::string& w : r.excited->warnings) say(out, "warning: {}\n", w);
  }
  if (r.vqe && r.vqe->error) {
    const double error = *r.vqe->error;
    say(out, "{:<28}{:20.4f}  {}\n", "VQE error (mEh)", 1e3 * error,
        std::abs(error) <= kChemicalAccuracy ? "within chemical accuracy (1.6 mEh)"
                                             : "NOT within chemical accuracy (1.6 mEh)");
  }
}

}  // namespace qmol
