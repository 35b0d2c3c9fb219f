#include "qmol/active_space/avas.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cctype>
#include <numeric>
#include <set>
#include <sstream>

#include "qmol/chem/elements.h"
#include "qmol/core/errors.h"
#include "qmol/integrals/basis_set.h"

namespace qmol {
namespace {

InputError bad_label(const std::string& message) {
  return InputError(message, {"", 0, "active_space.avas_orbitals"});
}

// The component names of a shell in libint2's function order; empty when not supported.
std::vector<std::string> component_names(int l, bool pure) {
  if (l == 0) return {""};
  if (l == 1) return {"x", "y", "z"};  // p shells are cartesian in every basis here
  if (l == 2 && pure) return {"xy", "yz", "z2", "xz", "x2-y2"};  // m = -2..2
  return {};
}

// Which functions of `basis` the label names: on every atom of its element, the (n - l)-th shell
// of angular momentum l (a minimal basis has one shell per n and l: 1s 2s 3s, 2p 3p, 3d).
std::vector<int> target_functions(const BasisSet& basis, const Molecule& molecule,
                                  const AtomicOrbitalLabel& label, const std::string& text) {
  std::vector<int> out;
  const std::vector<ShellInfo> shells = shell_info(basis);
  bool element_found = false;
  for (std::size_t atom = 0; atom < molecule.atoms.size(); ++atom) {
    if (molecule.atoms[atom].atomic_number != label.atomic_number) continue;
    element_found = true;
    int seen = 0;
    bool found = false;
    for (const ShellInfo& s : shells) {
      if (s.atom != static_cast<int>(atom) || s.angular_momentum != label.l) continue;
      if (++seen != label.n - label.l) continue;
      found = true;
      const std::vector<std::string> names = component_names(s.angular_momentum, s.pure);
      for (int k = 0; k < s.n_functions; ++k)
        if (label.component.empty() ||
            (k < static_cast<int>(names.size()) && names[k] == label.component))
          out.push_back(s.first_function + k);
    }
    if (!found)
      throw bad_label(fmt::format("avas_orbitals \"{}\": the {} basis has no such shell on {}",
                                  text, kAvasReferenceBasis, element_symbol(label.atomic_number)));
  }
  if (!element_found)
    throw bad_label(fmt::format("avas_orbitals \"{}\": the molecule has no {} atom", text,
                                element_symbol(label.atomic_number)));
  return out;
}

// The columns of `c` rotated into the eigenvectors of c^T P c, by decreasing eigenvalue.
void rotate(const Eigen::MatrixXd& c, const Eigen::MatrixXd& projector, Eigen::MatrixXd& out,
            Eigen::VectorXd& overlaps, int first) {
  if (c.cols() == 0) return;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(c.transpose() * projector * c);
  const int n = static_cast<int>(c.cols());
  for (int k = 0; k < n; ++k) {  // eigenvalues ascending: take them from the top
    out.col(first + k) = c * eig.eigenvectors().col(n - 1 - k);
    overlaps[first + k] = eig.eigenvalues()[n - 1 - k];
  }
}

}  // namespace

AtomicOrbitalLabel parse_atomic_orbital_label(const std::string& text) {
  std::istringstream in(text);
  std::string element, shell, extra;
  const std::string form =
      "expected \"Element nl[component]\" like \"C 2pz\", \"O 2p\" or \"Fe 3d\"";
  if (!(in >> element >> shell) || (in >> extra))
    throw bad_label(fmt::format("avas_orbitals \"{}\": {}", text, form));
  AtomicOrbitalLabel label;
  label.atomic_number = atomic_number(element);
  if (label.atomic_number == 0)
    throw bad_label(fmt::format("avas_orbitals \"{}\": unknown element \"{}\"", text, element));
  std::size_t i = 0;
  while (i < shell.size() && std::isdigit(static_cast<unsigned char>(shell[i]))) ++i;
  const std::string letters = "spd";
  if (i == 0 || i > 2 || i == shell.size() || letters.find(shell[i]) == std::string::npos)
    throw bad_label(
        fmt::format("avas_orbitals \"{}\": shell \"{}\" is not one of ns, np, nd "
                    "(n a number); {}",
                    text, shell, form));
  label.n = std::stoi(shell.substr(0, i));
  label.l = static_cast<int>(letters.find(shell[i]));
  label.component = shell.substr(i + 1);
  if (label.n <= label.l)
    throw bad_label(
        fmt::format("avas_orbitals \"{}\": there is no {} shell (n must exceed l)", text, shell));
  const std::vector<std::string> names = component_names(label.l, true);
  if (!label.component.empty() &&
      std::find(names.begin(), names.end(), label.component) == names.end())
    throw bad_label(fmt::format("avas_orbitals \"{}\": unknown {} component \"{}\" (expected {})",
                                text, letters[label.l], label.component,
                                label.l == 1 ? "x, y or z" : "xy, yz, z2, xz or x2-y2"));
  return label;
}

AvasOrbitals avas_orbitals(const AoIntegrals& integrals, const ScfResult& scf,
                           const Molecule& molecule, const std::vector<std::string>& labels,
                           int frozen) {
  const BasisSet reference = load_basis(kAvasReferenceBasis, molecule);
  std::set<int> chosen;
  for (const std::string& text : labels) {
    const std::vector<int> f =
        target_functions(reference, molecule, parse_atomic_orbital_label(text), text);
    chosen.insert(f.begin(), f.end());
  }
  const std::vector<int> targets(chosen.begin(), chosen.end());
  const Eigen::MatrixXd s_all = mixed_overlap(integrals.basis, reference);
  const Eigen::MatrixXd s_ref = mixed_overlap(reference, reference);
  const int n_t = static_cast<int>(targets.size());
  Eigen::MatrixXd s_ab(s_all.rows(), n_t), s_bb(n_t, n_t);
  for (int k = 0; k < n_t; ++k) {
    s_ab.col(k) = s_all.col(targets[k]);
    for (int l = 0; l < n_t; ++l) s_bb(k, l) = s_ref(targets[k], targets[l]);
  }
  const Eigen::MatrixXd projector = s_ab * s_bb.ldlt().solve(s_ab.transpose());

  const Eigen::MatrixXd& c = scf.coefficients_alpha;
  const int n_mo = static_cast<int>(c.cols());
  const int n_docc = std::min(scf.n_alpha, scf.n_beta), n_socc = std::max(scf.n_alpha, scf.n_beta);
  AvasOrbitals out;
  out.n_targets = n_t;
  out.n_frozen = frozen;
  out.n_occupied = n_docc - frozen;
  out.n_open = n_socc - n_docc;
  out.n_virtual = n_mo - n_socc;
  out.coefficients.resize(c.rows(), n_mo);
  out.overlaps = Eigen::VectorXd::Zero(n_mo);
  out.coefficients.leftCols(frozen) = c.leftCols(frozen);
  rotate(c.middleCols(frozen, out.n_occupied), projector, out.coefficients, out.overlaps, frozen);
  for (int s = n_docc; s < n_socc; ++s) {
    out.coefficients.col(s) = c.col(s);
    out.overlaps[s] = c.col(s).dot(projector * c.col(s));
  }
  rotate(c.rightCols(out.n_virtual), projector, out.coefficients, out.overlaps, n_socc);
  return out;
}

}  // namespace qmol
