#include "qmol/hamiltonian/fermion_operator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace qmol {

namespace {

// Normal order: creators first, then descending mode within each group.
bool goes_before(const LadderOperator& a, const LadderOperator& b) {
  if (a.creation != b.creation) return a.creation;
  return a.mode > b.mode;
}

// Insertion sort of one product into normal order. Each swap of distinct operators flips the
// sign; swapping a_p a†_p uses a_p a†_p = 1 - a†_p a_p and recurses on the contracted product.
// A repeated operator (a_p a_p or a†_p a†_p) makes the product vanish.
void normal_order_into(FermionOperator::Product ops, std::complex<double> c,
                       std::vector<FermionOperator::Term>& out) {
  for (std::size_t i = 1; i < ops.size(); ++i) {
    for (std::size_t j = i; j > 0; --j) {
      const LadderOperator left = ops[j - 1];
      const LadderOperator right = ops[j];
      if (left == right) return;
      if (!goes_before(right, left)) break;
      if (left.mode == right.mode) {  // left = a_p, right = a†_p
        FermionOperator::Product contracted;
        contracted.reserve(ops.size() - 2);
        contracted.insert(contracted.end(), ops.begin(), ops.begin() + (j - 1));
        contracted.insert(contracted.end(), ops.begin() + (j + 1), ops.end());
        normal_order_into(std::move(contracted), c, out);
      }
      std::swap(ops[j - 1], ops[j]);
      c = -c;
    }
  }
  out.emplace_back(std::move(ops), c);
}

bool product_less(const FermionOperator::Product& a, const FermionOperator::Product& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  // Creators before annihilators, then higher modes first: normal-ordered terms read naturally.
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), goes_before);
}

}  // namespace

FermionOperator FermionOperator::identity(std::complex<double> c) {
  FermionOperator op;
  op.add({}, c);
  return op;
}

FermionOperator FermionOperator::creation(int mode) {
  FermionOperator op;
  op.add({{mode, true}}, 1.0);
  return op;
}

FermionOperator FermionOperator::annihilation(int mode) {
  FermionOperator op;
  op.add({{mode, false}}, 1.0);
  return op;
}

void FermionOperator::add(Product product, std::complex<double> c) {
  terms_.emplace_back(std::move(product), c);
}

int FermionOperator::n_modes() const {
  int n = 0;
  for (const auto& [product, c] : terms_)
    for (const auto& op : product) n = std::max(n, op.mode + 1);
  return n;
}

void FermionOperator::simplify(double threshold) {
  std::stable_sort(terms_.begin(), terms_.end(),
                   [](const Term& a, const Term& b) { return product_less(a.first, b.first); });
  std::size_t out = 0;
  for (std::size_t i = 0; i < terms_.size();) {
    Term combined = std::move(terms_[i]);
    std::size_t j = i + 1;
    for (; j < terms_.size() && terms_[j].first == combined.first; ++j)
      combined.second += terms_[j].second;
    i = j;
    if (std::abs(combined.second) < threshold) continue;
    terms_[out++] = std::move(combined);
  }
  terms_.resize(out);
}

FermionOperator FermionOperator::normal_ordered(double threshold) const {
  FermionOperator result;
  for (const auto& [product, c] : terms_) normal_order_into(product, c, result.terms_);
  result.simplify(threshold);
  return result;
}

bool FermionOperator::is_normal_ordered() const {
  return std::all_of(terms_.begin(), terms_.end(), [](const Term& t) {
    for (std::size_t i = 1; i < t.first.size(); ++i)
      if (!goes_before(t.first[i - 1], t.first[i])) return false;
    return true;
  });
}

FermionOperator FermionOperator::adjoint() const {
  FermionOperator result;
  result.terms_.reserve(terms_.size());
  for (const auto& [product, c] : terms_) {
    Product reversed(product.rbegin(), product.rend());
    for (auto& op : reversed) op.creation = !op.creation;
    result.terms_.emplace_back(std::move(reversed), std::conj(c));
  }
  return result;
}

FermionOperator& FermionOperator::operator+=(const FermionOperator& other) {
  terms_.insert(terms_.end(), other.terms_.begin(), other.terms_.end());
  simplify();
  return *this;
}

FermionOperator& FermionOperator::operator-=(const FermionOperator& other) {
  for (const auto& [product, c] : other.terms_) terms_.emplace_back(product, -c);
  simplify();
  return *this;
}

FermionOperator& FermionOperator::operator*=(std::complex<double> s) {
  for (auto& [product, c] : terms_) c *= s;
  return *this;
}

FermionOperator FermionOperator::operator*(const FermionOperator& other) const {
  FermionOperator result;
  result.terms_.reserve(terms_.size() * other.terms_.size());
  for (const auto& [p1, c1] : terms_) {
    for (const auto& [p2, c2] : other.terms_) {
      Product product = p1;
      product.insert(product.end(), p2.begin(), p2.end());
      result.terms_.emplace_back(std::move(product), c1 * c2);
    }
  }
  result.simplify();
  return result;
}

std::string FermionOperator::str() const {
  std::string out;
  for (const auto& [product, c] : terms_) {
    std::string ops;
    for (const auto& op : product) {
      if (!ops.empty()) ops += ' ';
      ops += std::to_string(op.mode);
      if (op.creation) ops += '^';
    }
    if (c.imag() != 0.0)
      out += fmt::format("({:.17g}{:+.17g}j) [{}]\n", c.real(), c.imag(), ops);
    else
      out += fmt::format("{:.17g} [{}]\n", c.real(), ops);
  }
  return out;
}

FermionOperator operator+(FermionOperator a, const FermionOperator& b) {
  return a += b;
}
FermionOperator operator-(FermionOperator a, const FermionOperator& b) {
  return a -= b;
}
FermionOperator operator*(std::complex<double> s, FermionOperator op) {
  return op *= s;
}

FermionOperator commutator(const FermionOperator& a, const FermionOperator& b) {
  return (a * b - b * a).normal_ordered();
}

FermionOperator anticommutator(const FermionOperator& a, const FermionOperator& b) {
  return (a * b + b * a).normal_ordered();
}

FermionOperator fermion_operator(const MolecularHamiltonian& h) {
  const int n = h.n_orbitals();
  FermionOperator op;
  if (h.core_energy() != 0.0) op.add({}, h.core_energy());
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q) {
      const double hpq = h.one_body(p, q);
      if (hpq == 0.0) continue;
      for (int s = 0; s < 2; ++s) op.add({{2 * p + s, true}, {2 * q + s, false}}, hpq);
    }
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q)
      for (int r = 0; r < n; ++r)
        for (int s = 0; s < n; ++s) {
          const double g = h.two_body(p, q, r, s);
          if (g == 0.0) continue;
          for (int sigma = 0; sigma < 2; ++sigma)
            for (int tau = 0; tau < 2; ++tau) {
              const int ps = 2 * p + sigma, qs = 2 * q + sigma;
              const int rt = 2 * r + tau, st = 2 * s + tau;
              if (ps == rt || qs == st) continue;  // a†a† or aa on one spin orbital: zero
              op.add({{ps, true}, {rt, true}, {st, false}, {qs, false}}, 0.5 * g);
            }
        }
  op.simplify(0.0);
  return op;
}

}  // namespace qmol
