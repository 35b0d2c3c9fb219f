// GCC 12 reports a false -Wstringop-overread in boost::container::small_vector's copy (the
// libint2::svector inside every Shell) once it is inlined here; the code is not ours.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-overread"
#endif

#include "qmol/integrals/basis_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "libint_basis.h"
#include "libint_setup.h"
#include "qmol/chem/elements.h"
#include "qmol/core/data_path.h"
#include "qmol/core/errors.h"

namespace qmol {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

// Gaussian's convention (which Psi4 follows): 3-21G, 4-31G and the 6-31G family (but not 6-311G)
// use cartesian d shells; every other set is spherical.
bool uses_cartesian_d(const std::string& canonical) {
  if (canonical.starts_with("3-21") || canonical.starts_with("4-31")) return true;
  return canonical.starts_with("6-31") && !canonical.starts_with("6-311");
}

// The atoms' elements, each once, in order of first appearance.
std::vector<int> distinct_elements(const Molecule& molecule) {
  std::vector<int> out;
  for (const Atom& a : molecule.atoms)
    if (std::find(out.begin(), out.end(), a.atomic_number) == out.end())
      out.push_back(a.atomic_number);
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Shells of each element (index = atomic number) read from a Gaussian94 basis file. Our own reader
// rather than libint2's: it reports the file and line of a malformed entry as an InputError.
std::vector<std::vector<libint2::Shell>> read_g94(const std::string& file, bool cartesian_d) {
  std::ifstream in(file);
  if (!in) throw InputError(fmt::format("cannot open basis set file {}", file), {file, 0, "basis"});
  std::vector<std::vector<libint2::Shell>> by_element(kMaxAtomicNumber + 1);
  int line_number = 0;
  std::string line;
  auto next_line = [&]() -> bool {
    while (std::getline(in, line)) {
      ++line_number;
      const auto first = line.find_first_not_of(" \t\r");
      if (first != std::string::npos && line[first] != '!') return true;
    }
    return false;
  };
  auto fail = [&](const std::string& what) -> InputError {
    return InputError(fmt::format("basis set file: {}", what), {file, line_number, "basis"});
  };
  int element = 0;  // 0: expecting an element line
  while (next_line()) {
    std::istringstream words(line);
    std::string label;
    words >> label;
    if (label == "****") {
      element = 0;
      continue;
    }
    if (element == 0) {
      element = atomic_number(label);
      if (element == 0) throw fail(fmt::format("unknown element symbol \"{}\"", label));
      continue;
    }
    int n_primitives = 0;
    if (!(words >> n_primitives) || n_primitives < 1)
      throw fail(fmt::format("expected a shell line like \"S 3 1.00\", got \"{}\"", line));
    std::string am = lower(label);
    const bool sp = am == "sp";
    if (!sp && (am.size() != 1 || std::string("spdfghi").find(am[0]) == std::string::npos))
      throw fail(fmt::format("unknown shell type \"{}\"", label));
    libint2::svector<double> exponents, coefficients, p_coefficients;
    for (int k = 0; k < n_primitives; ++k) {
      if (!next_line()) throw fail("the file ends inside a shell");
      std::string text = line;
      std::replace(text.begin(), text.end(), 'D', 'E');  // Fortran exponents: 1.0D-02
      std::replace(text.begin(), text.end(), 'd', 'e');
      std::istringstream numbers(text);
      double exponent = 0.0, c = 0.0, c_p = 0.0;
      if (!(numbers >> exponent >> c) || (sp && !(numbers >> c_p)) || !(exponent > 0.0))
        throw fail(fmt::format("expected \"exponent coefficient{}\", got \"{}\"",
                               sp ? " coefficient" : "", line));
      exponents.push_back(exponent);
      coefficients.push_back(c);
      p_coefficients.push_back(c_p);
    }
    auto add = [&](int l, const libint2::svector<double>& c) {
      const bool pure = cartesian_d ? l > 2 : l > 1;
      by_element[element].push_back(libint2::Shell{exponents, {{l, pure, c}}, {{0.0, 0.0, 0.0}}});
    };
    if (sp) {
      add(0, coefficients);
      add(1, p_coefficients);
    } else {
      add(static_cast<int>(std::string("spdfghi").find(am[0])), coefficients);
    }
  }
  return by_element;
}

}  // namespace

std::string canonical_basis_name(const std::string& name) {
  std::string s = lower(name);
  s.erase(std::remove_if(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); }),
          s.end());
  // Polarization written out: 6-31G(d) is 6-31G*, 6-31G(d,p) is 6-31G**.
  replace_all(s, "(d,p)", "**");
  replace_all(s, "(d)", "*");
  return s;
}

std::vector<std::string> available_basis_sets() {
  std::set<std::string> names;
  for (const std::string& dir : data_search_path(DataKind::basis)) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".g94") names.insert(entry.path().stem().string());
  }
  return {names.begin(), names.end()};
}

BasisSet load_basis(const std::string& name, const Molecule& molecule) {
  detail::ensure_libint_initialized();  // Shell construction normalizes with libint2's tables
  const std::string canonical = canonical_basis_name(name);
  const Location where{"", 0, "basis"};

  const std::string file = find_data_file(DataKind::basis, canonical + ".g94");
  if (file.empty()) {
    const std::vector<std::string> known = available_basis_sets();
    throw InputError(
        fmt::format("unknown basis set \"{}\"; available: {}", name,
                    known.empty() ? "none (set QMOL_BASIS_PATH to a directory of .g94 files)"
                                  : join(known)),
        where);
  }

  BasisSet basis;
  basis.name = canonical;
  basis.spherical = !uses_cartesian_d(canonical);

  const std::vector<std::vector<libint2::Shell>> by_element = read_g94(file, !basis.spherical);

  for (int z : distinct_elements(molecule)) {
    if (z < 1 || z >= static_cast<int>(by_element.size()) || by_element[z].empty()) {
      const std::string symbol =
          (z >= 1 && z <= kMaxAtomicNumber) ? element_symbol(z) : fmt::format("Z={}", z);
      throw InputError(
          fmt::format("basis set \"{}\" has no functions for element {}; choose a basis that "
                      "covers it",
                      canonical, symbol),
          where);
    }
  }

  std::vector<libint2::Shell> shells;
  basis.first_function_of_atom.push_back(0);
  int n_functions = 0;
  for (size_t a = 0; a < molecule.atoms.size(); ++a) {
    const Atom& atom = molecule.atoms[a];
    for (libint2::Shell shell : by_element[atom.atomic_number]) {
      shell.move({atom.position.x(), atom.position.y(), atom.position.z()});
      n_functions += static_cast<int>(shell.size());
      shells.push_back(std::move(shell));
      basis.shell_to_atom.push_back(static_cast<int>(a));
    }
    basis.first_function_of_atom.push_back(n_functions);
  }
  basis.shells = std::make_shared<const BasisSet::Shells>(
      BasisSet::Shells{libint2::BasisSet(std::move(shells))});
  return basis;
}

BasisSet atom_basis(const BasisSet& basis, int atom) {
  BasisSet out;
  out.name = basis.name;
  out.spherical = basis.spherical;
  std::vector<libint2::Shell> shells;
  const libint2::BasisSet& all = detail::libint_shells(basis);
  for (int s = 0; s < basis.n_shells(); ++s)
    if (basis.shell_to_atom[s] == atom) shells.push_back(all[s]);
  out.shell_to_atom.assign(shells.size(), 0);
  libint2::BasisSet own(std::move(shells));
  out.first_function_of_atom = {0, static_cast<int>(own.nbf())};
  out.shells = std::make_shared<const BasisSet::Shells>(BasisSet::Shells{std::move(own)});
  return out;
}

std::vector<ShellInfo> shell_info(const BasisSet& basis) {
  const libint2::BasisSet& shells = detail::libint_shells(basis);
  const auto& first = shells.shell2bf();
  std::vector<ShellInfo> out;
  for (int s = 0; s < basis.n_shells(); ++s) {
    const libint2::Shell& shell = shells[s];
    out.push_back({basis.shell_to_atom[s], static_cast<int>(shell.contr[0].l), shell.contr[0].pure,
                   static_cast<int>(first[s]), static_cast<int>(shell.size())});
  }
  return out;
}

}  // namespace qmol
