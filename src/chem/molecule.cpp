#include "qmol/chem/molecule.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "qmol/chem/elements.h"
#include "qmol/core/errors.h"

namespace qmol {

int Molecule::n_electrons() const {
  int n = -charge;
  for (const Atom& a : atoms) n += a.atomic_number;
  return n;
}

int Molecule::n_alpha() const {
  return (n_electrons() + multiplicity - 1) / 2;
}
int Molecule::n_beta() const {
  return n_electrons() - n_alpha();
}

double Molecule::nuclear_repulsion() const {
  double e = 0.0;
  for (size_t i = 0; i < atoms.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      e += atoms[i].atomic_number * atoms[j].atomic_number /
           (atoms[i].position - atoms[j].position).norm();
  return e;
}

std::string Molecule::formula() const {
  std::map<std::string, int> counts;
  for (const Atom& a : atoms) ++counts[element_symbol(a.atomic_number)];
  std::string out;
  auto emit = [&](const std::string& symbol) {
    auto it = counts.find(symbol);
    if (it == counts.end()) return;
    out += symbol;
    if (it->second > 1) out += std::to_string(it->second);
    counts.erase(it);
  };
  if (counts.count("C")) {
    emit("C");
    emit("H");
  }
  while (!counts.empty()) emit(counts.begin()->first);
  return out;
}

int Molecule::chemical_core_orbitals() const {
  int n = 0;
  for (const Atom& a : atoms) n += core_orbitals(a.atomic_number);
  return n;
}

int default_multiplicity(int n_electrons) {
  return n_electrons % 2 == 0 ? 1 : 2;
}

void Molecule::validate(const std::string& where) const {
  validate(Location{where, 0, ""});
}

void Molecule::validate(const Location& where) const {
  validate_geometry(where);
  validate_spin(where);
}

void Molecule::validate_geometry(const Location& loc) const {
  if (atoms.empty()) throw InputError("the molecule has no atoms", loc);
  for (size_t i = 0; i < atoms.size(); ++i) {
    if (!atoms[i].position.allFinite())
      throw InputError(fmt::format("atom {} has a non-finite coordinate", i + 1), loc);
    for (size_t j = 0; j < i; ++j)
      if ((atoms[i].position - atoms[j].position).norm() < 1e-3)
        throw InputError(fmt::format("atoms {} and {} ({}) are at the same place", j + 1, i + 1,
                                     element_symbol(atoms[i].atomic_number)),
                         loc);
  }
}

void Molecule::validate_spin(const Location& loc) const {
  if (multiplicity < 1)
    throw InputError(fmt::format("multiplicity must be at least 1, got {}", multiplicity), loc);
  const int n = n_electrons();
  if (n < 0) throw InputError(fmt::format("charge {} leaves {} electrons", charge, n), loc);
  if (n == 0) throw InputError(fmt::format("charge {} leaves no electrons", charge), loc);
  const int unpaired = multiplicity - 1;
  if (unpaired > n)
    throw InputError(fmt::format("multiplicity {} is impossible with {} electrons (charge {}): "
                                 "{} electrons allow a multiplicity of at most {}",
                                 multiplicity, n, charge, n, n + 1),
                     loc);
  if ((n - unpaired) % 2 != 0)
    throw InputError(fmt::format("multiplicity {} is impossible with {} electrons (charge {}): "
                                 "{} electrons need an {} multiplicity",
                                 multiplicity, n, charge, n, n % 2 ? "even" : "odd"),
                     loc);
}

}  // namespace qmol
