#include "qmol/qubit/majorana.h"

#include <fmt/format.h>

#include <unordered_map>

#include "qmol/core/errors.h"

namespace qmol {

MajoranaPair majorana_pair_from_sets(int mode, const std::vector<int>& update,
                                     const std::vector<int>& parity,
                                     const std::vector<int>& remainder) {
  MajoranaPair pair;
  for (int q : update) {
    pair.c.set(q, 'X');
    pair.d.set(q, 'X');
  }
  for (int q : parity) pair.c.set(q, 'Z');
  for (int q : remainder) pair.d.set(q, 'Z');
  pair.c.set(mode, 'X');
  pair.d.set(mode, 'Y');
  return pair;
}

QubitOperator map_with_majoranas(const FermionOperator& op, const std::vector<MajoranaPair>& images,
                                 int n_qubits) {
  constexpr std::complex<double> kIPowers[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
  const int n_modes = op.n_modes();
  if (n_modes > n_qubits || n_modes > static_cast<int>(images.size()))
    throw InputError(
        fmt::format("fermion operator acts on mode {} but the mapping has only {} qubits",
                    n_modes - 1, std::min<int>(n_qubits, static_cast<int>(images.size()))));

  std::unordered_map<PauliString, std::complex<double>, PauliStringHash> sum;
  std::vector<QubitOperator::Term> partial, next;
  PauliString product;
  for (const auto& [ops, coefficient] : op.terms()) {
    partial.assign(1, {PauliString{}, coefficient});
    // Multiply the ladder images left to right: a = (c + i d)/2, a† = (c - i d)/2.
    for (const LadderOperator& ladder : ops) {
      const MajoranaPair& m = images[ladder.mode];
      const std::complex<double> d_factor(0.0, ladder.creation ? -0.5 : 0.5);
      next.clear();
      for (const auto& [p, c] : partial) {
        next.emplace_back(PauliString{}, 0.5 * c * kIPowers[p.multiply(m.c, product)]);
        next.back().first = product;
        next.emplace_back(PauliString{}, d_factor * c * kIPowers[p.multiply(m.d, product)]);
        next.back().first = product;
      }
      partial.swap(next);
    }
    for (const auto& [p, c] : partial) sum[p] += c;
  }
  QubitOperator result(n_qubits);
  for (const auto& [p, c] : sum) result.add(p, c);
  result.simplify(kMappingThreshold);
  return result;
}

}  // namespace qmol
