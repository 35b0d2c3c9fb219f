#include "qmol/integrals/ao_integrals.h"

#include <fmt/format.h>
#include <omp.h>

#include <array>
#include <cstddef>
#include <libint2.hpp>
#include <type_traits>
#include <utility>
#include <vector>

#include "libint_basis.h"
#include "libint_setup.h"
#include "qmol/core/errors.h"

namespace qmol {
namespace {

// Fills `targets[k]` (n x n, symmetric) with buffer k of a one-body operator, shell pair by shell
// pair, `threads` engines in parallel. Params = nullptr_t: the operator takes no parameters.
// The engine is built once, serially, and copied into the threads: building one touches
// libint2's process-wide tables (hartree-fock++ does the same).
template <typename Params>
void one_body(const libint2::BasisSet& shells, libint2::Operator op, const Params& params,
              std::vector<Eigen::MatrixXd*> targets, int threads) {
  const int n_shells = static_cast<int>(shells.size());
  const auto& first = shells.shell2bf();
  libint2::Engine prototype(op, shells.max_nprim(), static_cast<int>(shells.max_l()), 0);
  if constexpr (!std::is_same_v<Params, std::nullptr_t>) prototype.set_params(params);
  std::vector<libint2::Engine> engines(threads, prototype);
#pragma omp parallel num_threads(threads)
  {
    libint2::Engine& engine = engines[omp_get_thread_num()];
    const auto& result = engine.results();
#pragma omp for schedule(dynamic)
    for (int p = 0; p < n_shells; ++p)
      for (int q = 0; q <= p; ++q) {
        engine.compute(shells[p], shells[q]);
        const int np = static_cast<int>(shells[p].size()), nq = static_cast<int>(shells[q].size());
        for (size_t k = 0; k < targets.size(); ++k) {
          Eigen::MatrixXd& m = *targets[k];
          for (int i = 0; i < np; ++i)
            for (int j = 0; j < nq; ++j) {
              const double v = result[k] == nullptr ? 0.0 : result[k][i * nq + j];
              m(first[p] + i, first[q] + j) = v;
              m(first[q] + j, first[p] + i) = v;
            }
        }
      }
  }
}

}  // namespace

AoIntegrals compute_ao_integrals(const Molecule& molecule, const BasisSet& basis, int threads,
                                 double eri_threshold, EriLayout eri_layout) {
  detail::ensure_libint_initialized();
  if (static_cast<int>(basis.first_function_of_atom.size()) !=
      static_cast<int>(molecule.atoms.size()) + 1)
    throw InputError(fmt::format(
        "basis set \"{}\" was built for {} atoms, the molecule has {}", basis.name,
        static_cast<int>(basis.first_function_of_atom.size()) - 1, molecule.atoms.size()));
  threads = std::max(1, threads);
  AoIntegrals ints;
  ints.basis = basis;
  ints.nuclear_repulsion = molecule.nuclear_repulsion();
  const int n = basis.n_functions();
  ints.overlap.resize(n, n);
  ints.kinetic.resize(n, n);
  ints.nuclear.resize(n, n);
  Eigen::MatrixXd unused_overlap(n, n);
  for (auto& m : ints.dipole) m.resize(n, n);

  const libint2::BasisSet& shells = detail::libint_shells(basis);
  one_body(shells, libint2::Operator::overlap, nullptr, {&ints.overlap}, threads);
  one_body(shells, libint2::Operator::kinetic, nullptr, {&ints.kinetic}, threads);

  std::vector<std::pair<double, std::array<double, 3>>> charges;
  for (const Atom& a : molecule.atoms)
    charges.push_back(
        {static_cast<double>(a.atomic_number), {a.position.x(), a.position.y(), a.position.z()}});
  one_body(shells, libint2::Operator::nuclear, charges, {&ints.nuclear}, threads);

  // emultipole1 yields the overlap and then <p|x|q>, <p|y|q>, <p|z|q> about the origin given.
  const std::array<double, 3> origin{0.0, 0.0, 0.0};
  one_body(shells, libint2::Operator::emultipole1, origin,
           {&unused_overlap, &ints.dipole[0], &ints.dipole[1], &ints.dipole[2]}, threads);

  ints.core_hamiltonian = ints.kinetic + ints.nuclear;
  ints.eris = EriStore(basis, eri_threshold, threads, eri_layout);
  return ints;
}

Eigen::MatrixXd mixed_overlap(const BasisSet& a, const BasisSet& b) {
  detail::ensure_libint_initialized();
  const libint2::BasisSet& sa = detail::libint_shells(a);
  const libint2::BasisSet& sb = detail::libint_shells(b);
  Eigen::MatrixXd s(a.n_functions(), b.n_functions());
  if (sa.empty() || sb.empty()) return s;
  libint2::Engine engine(libint2::Operator::overlap, std::max(sa.max_nprim(), sb.max_nprim()),
                         static_cast<int>(std::max(sa.max_l(), sb.max_l())), 0);
  const auto& first_a = sa.shell2bf();
  const auto& first_b = sb.shell2bf();
  const auto& result = engine.results();
  for (std::size_t p = 0; p < sa.size(); ++p)
    for (std::size_t q = 0; q < sb.size(); ++q) {
      engine.compute(sa[p], sb[q]);
      const int np = static_cast<int>(sa[p].size()), nq = static_cast<int>(sb[q].size());
      for (int i = 0; i < np; ++i)
        for (int j = 0; j < nq; ++j)
          s(first_a[p] + i, first_b[q] + j) = result[0] == nullptr ? 0.0 : result[0][i * nq + j];
    }
  return s;
}

}  // namespace qmol
