#pragma once

#include <compare>
#include <complex>
#include <string>
#include <utility>
#include <vector>

#include "qmol/hamiltonian/molecular_hamiltonian.h"

namespace qmol {

// One creation (a†_mode) or annihilation (a_mode) operator on a spin orbital.
struct LadderOperator {
  int mode = 0;
  bool creation = false;

  friend auto operator<=>(const LadderOperator&, const LadderOperator&) = default;
};

// A sum of products of ladder operators with complex coefficients, e.g. 0.5 a†_2 a_0.
// Products are kept as written (leftmost operator acts last); normal_ordered() gives the
// canonical form: creators left of annihilators, each group in descending mode order
// (OpenFermion's convention), with anticommutation signs and contractions applied.
class FermionOperator {
 public:
  using Product = std::vector<LadderOperator>;
  using Term = std::pair<Product, std::complex<double>>;

  FermionOperator() = default;
  static FermionOperator identity(std::complex<double> c = 1.0);
  static FermionOperator creation(int mode);
  static FermionOperator annihilation(int mode);

  const std::vector<Term>& terms() const { return terms_; }
  std::size_t size() const { return terms_.size(); }
  void add(Product product, std::complex<double> c);
  // One past the highest mode in any term (0 if there are none).
  int n_modes() const;

  // Combines equal products (as written), drops |c| < threshold, sorts (by length, then
  // operators). Together with normal_ordered() this gives equal term lists for equal operators.
  void simplify(double threshold = 1e-12);
  FermionOperator normal_ordered(double threshold = 1e-12) const;
  FermionOperator adjoint() const;
  bool is_normal_ordered() const;

  FermionOperator& operator+=(const FermionOperator& other);  // concatenates, then simplify()
  FermionOperator& operator-=(const FermionOperator& other);
  FermionOperator& operator*=(std::complex<double> s);
  FermionOperator operator*(const FermionOperator& other) const;  // products as written, simplified

  // "0.5 [2^ 0]" per term, OpenFermion notation (^ marks a creator).
  std::string str() const;

 private:
  std::vector<Term> terms_;
};

FermionOperator operator+(FermionOperator a, const FermionOperator& b);
FermionOperator operator-(FermionOperator a, const FermionOperator& b);
FermionOperator operator*(std::complex<double> s, FermionOperator op);
// Anticommutator and commutator, normal ordered.
FermionOperator commutator(const FermionOperator& a, const FermionOperator& b);
FermionOperator anticommutator(const FermionOperator& a, const FermionOperator& b);

// The second-quantized electronic Hamiltonian in interleaved spin orbitals (2p alpha, 2p+1 beta):
//   core + sum_{pq,s} h_pq a†_ps a_qs + 1/2 sum_{pqrs,s,t} (pq|rs) a†_ps a†_rt a_st a_qs.
// Products that vanish identically (a†_p a†_p, a_q a_q) and zero integrals are left out;
// the result is simplified but not normal ordered.
FermionOperator fermion_operator(const MolecularHamiltonian& h);

}  // namespace qmol
