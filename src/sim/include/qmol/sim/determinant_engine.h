#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "qmol/ansatz/fermionic_ansatz.h"
#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/sim/determinant_hamiltonian.h"
#include "qmol/sim/determinant_space.h"
#include "qmol/sim/energy_function.h"

namespace qmol {

// Simulates a FermionicAnsatz in the determinant space of fixed N and Sz: real amplitudes, laid
// out as DeterminantSpace does (alpha and beta strings in increasing numeric order, index =
// alpha_index * n_beta_strings + beta_index, Jordan-Wigner phases with interleaved spin orbitals).
//
// Each term's generator G maps a determinant either to zero or to one other determinant with a
// sign, G|D_i> = s|D_j>. The sign factorises into an alpha-string and a beta-string factor, so a
// term is stored as two short lists of (string, string, sign) and exp(phi (G - G^dagger)) is a
// plane rotation of every pair (i, j) — one pass over the touched amplitudes, no matrix.
//
// Energy: <psi|H|psi> with one application of H. Gradient by the adjoint method: one forward
// pass, sigma = H psi, then a backward sweep that un-applies each term on psi and sigma while
// accumulating dE/dphi_k = 2 <sigma|A_k|psi> (A_k = G_k - G_k^dagger).
//
// Consecutive terms with the same alpha-string pairs (the alpha-beta doubles of one alpha
// replacement, every beta-only term) form a group: each alpha pair couples the same two rows in
// every term of the group, and different alpha pairs couple disjoint rows, so the group is applied
// one row pair at a time, term after term, while both rows stay in cache. Each amplitude sees the
// same operations in the same order as term by term: the results are the same bits.
// Work vectors are members: no allocation per call. OpenMP over the alpha pairs of a group when
// the space is large enough to pay for a barrier per group. Not thread-safe (one engine per
// thread).
class DeterminantEngine : public EnergyFunction {
 public:
  // out = H in, both of dimension() entries, in the layout above.
  using Sigma = std::function<void(const double* in, double* out)>;

  // The molecular Hamiltonian applied by DeterminantHamiltonian (direct CI). `hamiltonian` must
  // outlive the engine.
  DeterminantEngine(const MolecularHamiltonian& hamiltonian, const FermionicAnsatz& ansatz);
  // Any real symmetric operator conserving N and Sz, given by its action.
  DeterminantEngine(int n_orbitals, int n_alpha, int n_beta, Sigma sigma,
                    const FermionicAnsatz& ansatz);
  ~DeterminantEngine() override;

  // Replaces the ansatz (same spin-orbital count); ADAPT-VQE grows its ansatz this way.
  void set_ansatz(const FermionicAnsatz& ansatz);
  // Applies the ansatz to `initial` (dimension() amplitudes in the layout above) instead of the
  // reference determinant: SSVQE's orthogonal starting states. Empty: the reference again.
  void set_initial_state(std::vector<double> initial);

  int n_parameters() const override { return n_parameters_; }
  std::size_t dimension() const { return dimension_; }
  // The strings and their addresses: the space the exact solver uses too.
  const DeterminantSpace& space() const { return *space_; }
  std::size_t n_alpha_strings() const { return space_->n_alpha_strings(); }
  std::size_t n_beta_strings() const { return space_->n_beta_strings(); }
  std::uint64_t alpha_string(std::size_t i) const { return space_->alpha_string(i); }
  std::uint64_t beta_string(std::size_t i) const { return space_->beta_string(i); }
  // Amplitude index of the determinant with these occupations (bit p = spatial orbital p).
  std::size_t index(std::uint64_t alpha, std::uint64_t beta) const;

  double energy(const std::vector<double>& theta) override;
  double energy_and_gradient(const std::vector<double>& theta,
                             std::vector<double>& gradient) override;
  // |psi(theta)>; the reference stays valid until the next call on this engine.
  const std::vector<double>& state(const std::vector<double>& theta);

  // dE/dphi at phi = 0 for appending exp(phi (G - G^dagger)) of each excitation to the ansatz at
  // theta: 2 <psi|H A|psi> = <psi|[H, A]|psi>. The ADAPT-VQE screening step.
  std::vector<double> excitation_gradients(const std::vector<double>& theta,
                                           const std::vector<Excitation>& pool);

  // Bytes the engine holds for this problem (amplitude and work vectors, term tables, and an
  // allowance for the direct-CI single-replacement tables), without building anything.
  static double memory_estimate(int n_orbitals, int n_alpha, int n_beta,
                                const FermionicAnsatz& ansatz);

  // Use OpenMP threads in the term sweeps (default: when dimension() >= 2^15).
  void set_parallel(bool parallel) { parallel_ = parallel; }

 private:
  struct StringPair {
    std::uint32_t from;  // string index (alpha: already multiplied by n_beta_strings)
    std::uint32_t to;
    double sign;
  };
  struct CompiledTerm {
    std::size_t alpha_begin, alpha_end, beta_begin, beta_end;  // ranges in the pair lists
    int parameter;
    double coefficient;
    bool beta_identity;  // every beta string maps to itself (with a sign): contiguous rows
  };
  struct TermGroup {
    std::size_t begin, end;  // terms [begin, end), all with the same alpha pairs
  };

  void compile(const Excitation& excitation, std::vector<StringPair>& alpha,
               std::vector<StringPair>& beta) const;
  void forward(const std::vector<double>& theta);
  // cos and sin of every term's angle at theta, for the sweeps.
  void set_angles(const std::vector<double>& theta);
  void check_theta(const std::vector<double>& theta) const;

  int n_orbitals_, n_alpha_, n_beta_;
  // Behind a pointer: direct_ci_ holds a reference to it, which must survive moving the engine.
  std::unique_ptr<const DeterminantSpace> space_;
  std::unique_ptr<DeterminantHamiltonian> direct_ci_;  // MolecularHamiltonian constructor
  Sigma sigma_;
  std::size_t dimension_ = 0;
  std::size_t reference_index_ = 0;
  int n_parameters_ = 0;
  std::vector<CompiledTerm> terms_;
  std::vector<TermGroup> groups_;
  std::vector<double> cos_, sin_;  // per term, at the theta of the current call
  std::vector<StringPair> alpha_pairs_, beta_pairs_;
  std::vector<double> psi_, sigma_vector_, term_gradient_;
  std::vector<double> initial_state_;  // empty: start from the reference determinant
  bool parallel_ = false;
};

}  // namespace qmol
