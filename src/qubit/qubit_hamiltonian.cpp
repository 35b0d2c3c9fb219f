#include "qmol/qubit/qubit_hamiltonian.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <vector>

#include "qmol/core/errors.h"
#include "qmol/qubit/jordan_wigner_hamiltonian.h"
#include "qmol/qubit/two_qubit_reduction.h"
#include "spin_orbital_integrals.h"

namespace qmol {

namespace {

// A Pauli string with a phase i^phase; the images of ladder-operator pairs.
struct PhasedString {
  PauliString p;
  int phase = 0;  // exponent of i
};

// a_j = (c + i d)/2 and a†_j = (c - i d)/2: the images of a product of two ladder operators are
// four strings, each (up to the common factor 1/4) i^phase * string.
std::array<PhasedString, 4> pair_image(const MajoranaPair& first, bool first_creation,
                                       const MajoranaPair& second, bool second_creation) {
  // Phase exponent of the d part: -i for a creator (3), +i for an annihilator (1).
  const int d1 = first_creation ? 3 : 1;
  const int d2 = second_creation ? 3 : 1;
  std::array<PhasedString, 4> out;
  out[0].phase = first.c.multiply(second.c, out[0].p);
  out[1].phase = (first.c.multiply(second.d, out[1].p) + d2) & 3;
  out[2].phase = (first.d.multiply(second.c, out[2].p) + d1) & 3;
  out[3].phase = (first.d.multiply(second.d, out[3].p) + d1 + d2) & 3;
  return out;
}

// Real part of i^phase.
constexpr double kRealOfIPower[4] = {1.0, 0.0, -1.0, 0.0};

// Sums real coefficients per Pauli string in an open-addressing table (linear probing, load
// factor <= 1/2): several times faster and smaller than std::unordered_map for millions of terms.
class Accumulator {
 public:
  explicit Accumulator(std::size_t expected) {
    std::size_t capacity = 1024;
    while (capacity < 2 * expected) capacity *= 2;
    slots_.resize(capacity);
    mask_ = capacity - 1;
  }
  // Adds weight * Re(i^phase) * string.
  void add(const PauliString& p, int phase, double weight) {
    const double re = kRealOfIPower[phase & 3];
    if (re != 0.0) add_real(p, re * weight);
  }
  QubitOperator finish(int n_qubits) {
    QubitOperator op(n_qubits);
    op.reserve(count_);
    for (const Slot& slot : slots_)
      if (slot.used && std::abs(slot.value) >= kMappingThreshold) op.add(slot.key, slot.value);
    slots_ = {};
    op.simplify(kMappingThreshold);
    return op;
  }

 private:
  struct Slot {
    PauliString key;
    double value = 0.0;
    bool used = false;
  };

  void add_real(const PauliString& p, double value) {
    std::size_t i = PauliStringHash{}(p)&mask_;
    while (slots_[i].used) {
      if (slots_[i].key == p) {
        slots_[i].value += value;
        return;
      }
      i = (i + 1) & mask_;
    }
    slots_[i] = {p, value, true};
    if (2 * ++count_ > slots_.size()) grow();
  }
  void grow() {
    std::vector<Slot> old(2 * slots_.size());
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    count_ = 0;
    for (const Slot& slot : old)
      if (slot.used) add_real(slot.key, slot.value);
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

}  // namespace

QubitOperator qubit_hamiltonian(const MolecularHamiltonian& h,
                                const std::vector<MajoranaPair>& images) {
  const int n = h.n_spin_orbitals();
  const SpinOrbitalIntegrals g(h);

  // Two-body pairs P = (i, j), i > j, as creator images a†_i a†_j and annihilator images a_i a_j.
  struct Pair {
    int i, j;
  };
  std::vector<Pair> pairs;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < i; ++j) pairs.push_back({i, j});
  std::vector<std::array<PhasedString, 4>> creators, annihilators;
  creators.reserve(pairs.size());
  annihilators.reserve(pairs.size());
  for (const Pair& pr : pairs) {
    creators.push_back(pair_image(images[pr.i], true, images[pr.j], true));
    annihilators.push_back(pair_image(images[pr.i], false, images[pr.j], false));
  }

  // Rough count of distinct strings (dense integrals): about n^4 / 10.
  Accumulator acc(static_cast<std::size_t>(n) * n * n * n / 10 + 64);
  acc.add(PauliString{}, 0, h.core_energy());

  // One-body: sum_ij h_ij a†_i a_j; i < j and j < i combine into T + T†, whose Pauli
  // coefficients are twice the real parts of T's.
  for (int i = 0; i < n; ++i)
    for (int j = i; j < n; ++j) {
      const double hij = i == j ? g.one_body(i, i) : g.one_body(i, j) + g.one_body(j, i);
      if (hij == 0.0) continue;
      for (const PhasedString& t : pair_image(images[i], true, images[j], false))
        acc.add(t.p, t.phase, 0.25 * hij);
    }

  // Two-body: sum_{P,Q} W(P,Q) a†_i a†_j a_k a_l,  P = (i > j), Q = (k > l).
  auto w = [&](const Pair& c, const Pair& a) { return g.w(c.i, c.j, a.i, a.j); };
  PauliString product;
  const std::size_t n_pairs = pairs.size();
  for (std::size_t p = 0; p < n_pairs; ++p) {
    for (std::size_t q = p; q < n_pairs; ++q) {
      // Q > P pairs with its conjugate (Q, P): together T + T†, i.e. twice the real parts.
      const double weight =
          p == q ? w(pairs[p], pairs[p]) : w(pairs[p], pairs[q]) + w(pairs[q], pairs[p]);
      if (weight == 0.0) continue;
      const double scaled = weight / 16.0;
      for (const PhasedString& c : creators[p])
        for (const PhasedString& a : annihilators[q]) {
          const int phase = c.p.multiply(a.p, product) + c.phase + a.phase;
          acc.add(product, phase, scaled);
        }
    }
  }
  return acc.finish(n);
}

QubitOperator qubit_hamiltonian(const MolecularHamiltonian& h, Mapping mapping,
                                bool two_qubit_reduction) {
  if (two_qubit_reduction && mapping != Mapping::parity)
    throw InputError(
        fmt::format("the two-qubit reduction needs the parity mapping, not {}", to_string(mapping)),
        Location{"", 0, "hamiltonian.two_qubit_reduction"});
  const int n = h.n_spin_orbitals();
  check_qubit_count(n);
  if (two_qubit_reduction)
    return parity_two_qubit_reduction(qubit_hamiltonian(h, block_ordered_parity_majoranas(n)),
                                      h.n_alpha(), h.n_beta());
  if (mapping == Mapping::jordan_wigner) return jordan_wigner_hamiltonian(h);
  return qubit_hamiltonian(h, majorana_images(mapping, n));
}

}  // namespace qmol
