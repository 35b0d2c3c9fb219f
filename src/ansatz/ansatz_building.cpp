#include "ansatz_building.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "qmol/core/errors.h"

namespace qmol::ansatz_detail {

void check_counts(int n_orbitals, int n_alpha, int n_beta) {
  if (n_orbitals < 1 || n_orbitals > 63)
    throw InputError(fmt::format("{} orbitals: need between 1 and 63", n_orbitals));
  if (n_alpha < 0 || n_beta < 0 || n_alpha > n_orbitals || n_beta > n_orbitals)
    throw InputError(fmt::format("{} alpha and {} beta electrons do not fit in {} orbitals",
                                 n_alpha, n_beta, n_orbitals));
}

std::vector<int> reference_spin_orbitals(int n_alpha, int n_beta) {
  std::vector<int> occupied;
  for (int p = 0; p < std::max(n_alpha, n_beta); ++p) {
    if (p < n_alpha) occupied.push_back(2 * p);
    if (p < n_beta) occupied.push_back(2 * p + 1);
  }
  return occupied;
}

namespace {
// Insertion sort counting swaps: each transposition of two creation (or two annihilation)
// operators flips the sign of G.
double sort_with_sign(std::vector<int>& v) {
  double sign = 1.0;
  for (std::size_t i = 1; i < v.size(); ++i)
    for (std::size_t j = i; j > 0 && v[j - 1] > v[j]; --j) {
      std::swap(v[j - 1], v[j]);
      sign = -sign;
    }
  return sign;
}
}  // namespace

double canonicalize(Excitation& excitation) {
  return sort_with_sign(excitation.from) * sort_with_sign(excitation.to);
}

std::string spin_orbital_label(const Excitation& excitation) {
  return fmt::format("{}->{}", fmt::join(excitation.from, ","), fmt::join(excitation.to, ","));
}

void add_term(std::vector<AnsatzTerm>& terms, Excitation excitation, int parameter,
              double coefficient) {
  coefficient *= canonicalize(excitation);
  for (auto& term : terms)
    if (term.parameter == parameter && term.excitation.from == excitation.from &&
        term.excitation.to == excitation.to) {
      term.coefficient += coefficient;
      return;
    }
  terms.push_back({std::move(excitation), parameter, coefficient});
}

}  // namespace qmol::ansatz_detail
