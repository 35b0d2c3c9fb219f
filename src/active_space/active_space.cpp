#include "qmol/active_space/active_space.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <set>

#include "qmol/core/errors.h"
#include "qmol/integrals/jk_builder.h"

namespace qmol {

namespace {

InputError bad(const std::string& field, const std::string& message) {
  return InputError(message, {"", 0, "active_space." + field});
}

int frozen_count(const ActiveSpaceOptions& o, const Molecule& molecule) {
  if (const bool* b = std::get_if<bool>(&o.frozen_core))
    return *b ? molecule.chemical_core_orbitals() : 0;
  return std::get<int>(o.frozen_core);
}

}  // namespace

void ActiveSpaceOptions::check() const {
  if (const int* n = std::get_if<int>(&frozen_core); n && *n < 0)
    throw bad("frozen_core",
              fmt::format("frozen_core must be true, false or a count >= 0, not {}", *n));
  if (electrons && *electrons < 0)
    throw bad("electrons", fmt::format("active electrons must be >= 0, not {}", *electrons));
  if (orbitals && *orbitals < 1)
    throw bad("orbitals", fmt::format("active orbitals must be >= 1, not {}", *orbitals));
  if (orbitals && *orbitals > 64)
    throw bad("orbitals", fmt::format("at most 64 active orbitals, not {}", *orbitals));
  if (electrons && orbitals && *electrons > 2 * *orbitals)
    throw bad("electrons", fmt::format("{} electrons do not fit in {} orbitals (at most {})",
                                       *electrons, *orbitals, 2 * *orbitals));
  if (!orbital_list.empty() && orbitals && *orbitals != static_cast<int>(orbital_list.size()))
    throw bad("orbitals", fmt::format("orbitals = {} but orbital_list names {} orbitals", *orbitals,
                                      orbital_list.size()));
  std::set<int> seen;
  for (int p : orbital_list) {
    if (p < 0) throw bad("orbital_list", fmt::format("orbital index {} is negative (0-based)", p));
    if (!seen.insert(p).second)
      throw bad("orbital_list", fmt::format("orbital {} is listed twice", p));
  }
}

ActiveSpaceInfo select_active_space(int n_mo, int n_alpha, int n_beta, const Molecule& molecule,
                                    const ActiveSpaceOptions& options) {
  options.check();
  const int n_electrons = n_alpha + n_beta;
  const int n_docc = std::min(n_alpha, n_beta);
  const int frozen = frozen_count(options, molecule);
  if (frozen > n_docc)
    throw bad("frozen_core", fmt::format("cannot freeze {} orbitals: only {} are doubly occupied",
                                         frozen, n_docc));
  ActiveSpaceInfo info;
  if (!options.orbital_list.empty()) {
    std::vector<int> list = options.orbital_list;
    std::sort(list.begin(), list.end());
    if (list.back() >= n_mo)
      throw bad("orbital_list", fmt::format("orbital {} does not exist: the basis gives {} "
                                            "molecular orbitals (0-based indices 0..{})",
                                            list.back(), n_mo, n_mo - 1));
    const std::set<int> chosen(list.begin(), list.end());
    for (int p = 0; p < std::max(n_alpha, n_beta); ++p) {
      if (chosen.count(p)) continue;
      if (p >= n_docc)
        throw bad("orbital_list", fmt::format("singly occupied orbital {} must be active", p));
      info.frozen_orbitals.push_back(p);
    }
    for (int p = 0; p < frozen; ++p)
      if (chosen.count(p))
        throw bad("orbital_list", fmt::format("orbital {} is both frozen (frozen_core = {}) and "
                                              "listed as active",
                                              p, frozen));
    info.active_orbitals = list;
  } else {
    int inactive = frozen;
    if (options.electrons) {
      const int e = *options.electrons;
      if (e > n_electrons - 2 * frozen)
        throw bad("electrons", fmt::format("{} active electrons, but the molecule has {} ({} "
                                           "after freezing {} core orbitals)",
                                           e, n_electrons, n_electrons - 2 * frozen, frozen));
      if ((n_electrons - e) % 2)
        throw bad("electrons",
                  fmt::format("{} active electrons leave an odd number of the molecule's {} "
                              "electrons inactive: the window must keep 2Sz = {} (choose {} or {})",
                              e, n_electrons, n_alpha - n_beta, e - 1, e + 1));
      inactive = (n_electrons - e) / 2;
      if (inactive > n_docc)
        throw bad("electrons", fmt::format("{} active electrons cannot hold the {} unpaired "
                                           "electrons of multiplicity {}",
                                           e, n_alpha - n_beta, molecule.multiplicity));
    }
    const int count = options.orbitals ? *options.orbitals : n_mo - inactive;
    if (inactive + count > n_mo)
      throw bad("orbitals", fmt::format("{} active orbitals above {} inactive ones need {} "
                                        "molecular orbitals; the basis has {}",
                                        count, inactive, inactive + count, n_mo));
    for (int p = 0; p < inactive; ++p) info.frozen_orbitals.push_back(p);
    for (int p = inactive; p < inactive + count; ++p) info.active_orbitals.push_back(p);
  }
  info.frozen_core = static_cast<int>(info.frozen_orbitals.size());
  info.n_orbitals = static_cast<int>(info.active_orbitals.size());
  info.n_alpha = n_alpha - info.frozen_core;
  info.n_beta = n_beta - info.frozen_core;
  info.n_electrons = info.n_alpha + info.n_beta;
  if (info.n_orbitals > 64)
    throw bad("orbitals", fmt::format("{} active orbitals: at most 64 are supported; choose a "
                                      "window with active_space.orbitals",
                                      info.n_orbitals));
  if (info.n_alpha > info.n_orbitals)
    throw bad(options.orbital_list.empty() ? "orbitals" : "orbital_list",
              fmt::format("{} active electrons ({} alpha) do not fit in {} active orbitals",
                          info.n_electrons, info.n_alpha, info.n_orbitals));
  return info;
}

MolecularHamiltonian build_active_space(const AoIntegrals& integrals, const ScfResult& scf,
                                        const Molecule& molecule, const ActiveSpaceOptions& options,
                                        ActiveSpaceInfo* info_out) {
  if (scf.reference == Reference::uhf)
    throw bad("reference", "active spaces need restricted orbitals: use reference = rohf or rhf");
  const Eigen::MatrixXd& c = scf.coefficients_alpha;
  const int n_ao = static_cast<int>(c.rows());
  if (n_ao != integrals.n_functions())
    throw InputError(fmt::format("the SCF orbitals have {} AO rows, the integrals {} functions",
                                 n_ao, integrals.n_functions()));
  ActiveSpaceInfo info =
      select_active_space(static_cast<int>(c.cols()), scf.n_alpha, scf.n_beta, molecule, options);
  const int m = info.n_orbitals;
  Eigen::MatrixXd c_act(n_ao, m), c_frozen(n_ao, info.frozen_core);
  for (int i = 0; i < m; ++i) c_act.col(i) = c.col(info.active_orbitals[i]);
  for (int i = 0; i < info.frozen_core; ++i) c_frozen.col(i) = c.col(info.frozen_orbitals[i]);

  // Frozen core: density P = C_f C_f^T per spin; h_eff = h + 2J[P] - K[P] (J - K/2 of the total
  // density), E_fc = tr P (h + h_eff).
  const Eigen::MatrixXd& h_ao = integrals.core_hamiltonian;
  Eigen::MatrixXd h_eff = h_ao;
  double frozen_energy = 0.0;
  if (info.frozen_core > 0) {
    const Eigen::MatrixXd p = c_frozen * c_frozen.transpose();
    std::vector<Eigen::MatrixXd> coulomb, exchange;
    build_jk(integrals.eris, {p}, coulomb, exchange);
    h_eff += 2.0 * coulomb[0] - exchange[0];
    frozen_energy = (p.cwiseProduct(h_ao + h_eff)).sum();
  }
  const Eigen::MatrixXd h_act = c_act.transpose() * h_eff * c_act;

  // (ij|kl) by quarter transformations: first the bra pair for every AO ket pair (r >= s),
  // then the ket pair for every active bra pair (i >= j).
  const int ao_pairs = n_ao * (n_ao + 1) / 2, act_pairs = m * (m + 1) / 2;
  Eigen::MatrixXd half(act_pairs, ao_pairs);
  {
    Eigen::MatrixXd block(n_ao, n_ao), t(m, m);
    for (int r = 0, rs = 0; r < n_ao; ++r)
      for (int s = 0; s <= r; ++s, ++rs) {
        for (int p = 0; p < n_ao; ++p)
          for (int q = 0; q <= p; ++q) block(p, q) = block(q, p) = integrals.eri(p, q, r, s);
        t.noalias() = c_act.transpose() * block * c_act;
        for (int i = 0, ij = 0; i < m; ++i)
          for (int j = 0; j <= i; ++j, ++ij) half(ij, rs) = t(i, j);
      }
  }
  const std::size_t n = static_cast<std::size_t>(m);
  std::vector<double> two_body(n * n * n * n);
  {
    Eigen::MatrixXd block(n_ao, n_ao), t(m, m);
    for (int i = 0, ij = 0; i < m; ++i)
      for (int j = 0; j <= i; ++j, ++ij) {
        for (int r = 0, rs = 0; r < n_ao; ++r)
          for (int s = 0; s <= r; ++s, ++rs) block(r, s) = block(s, r) = half(ij, rs);
        t.noalias() = c_act.transpose() * block * c_act;
        for (std::size_t k = 0; k < n; ++k)
          for (std::size_t l = 0; l < n; ++l) {
            const double v = t(k, l);
            two_body[((i * n + j) * n + k) * n + l] = v;
            two_body[((j * n + i) * n + k) * n + l] = v;
          }
      }
  }
  info.core_energy = integrals.nuclear_repulsion + frozen_energy;
  if (info_out) *info_out = info;
  return MolecularHamiltonian(info.core_energy, h_act, std::move(two_body), info.n_alpha,
                              info.n_beta);
}

}  // namespace qmol
