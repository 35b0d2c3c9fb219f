#include "qmol/active_space/active_space.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <set>

#include "qmol/active_space/avas.h"
#include "qmol/active_space/mp2.h"
#include "qmol/active_space/natural_orbitals.h"
#include "qmol/core/errors.h"
#include "qmol/integrals/jk_builder.h"

namespace qmol {

namespace {

InputError bad(const std::string& field, const std::string& message) {
  return InputError(message, {"", 0, "active_space." + field});
}

// One orbital a selection may make active. Higher score: more strongly correlated (kept first by
// max_orbitals).
struct Candidate {
  int index = 0;
  double score = 0.0;
  bool eligible = true;  // passes the selection's threshold
};

// The orbitals a selection offers, by their place in the reference determinant.
struct Candidates {
  std::vector<Candidate> occupied;  // doubly occupied, not frozen by frozen_core
  std::vector<int> open;            // singly occupied: always active
  std::vector<Candidate> virtuals;
  std::vector<int> frozen_core;
  int n_alpha_open = 0;  // open shells that hold an alpha electron (n_alpha - n_beta, or 0)
  int n_beta_open = 0;
};

// The active space chosen from `candidates`: with electrons and orbitals, that many of the best
// occupied and virtual ones; otherwise the eligible ones. Then max_orbitals keeps the best.
// `what` says what the score is, for the note; `threshold_key` is blamed for an empty space.
ActiveSpaceInfo choose(Candidates candidates, const ActiveSpaceOptions& o, const std::string& what,
                       const std::string& threshold_key, const std::string& empty_message) {
  const auto best_first = [](std::vector<Candidate>& v) {
    std::stable_sort(v.begin(), v.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  };
  best_first(candidates.occupied);
  best_first(candidates.virtuals);
  const int n_open = static_cast<int>(candidates.open.size());
  std::vector<Candidate> occ, virt;
  std::string note;
  if (o.electrons && o.orbitals) {
    const int e = *o.electrons, m = *o.orbitals;
    if (e < n_open || (e - n_open) % 2)
      throw bad("electrons", fmt::format("{} active electrons cannot hold the {} open-shell "
                                         "electrons with the rest paired: choose {} plus an even "
                                         "number",
                                         e, n_open, n_open));
    const int k_occ = (e - n_open) / 2, k_virt = m - k_occ - n_open;
    if (k_occ > static_cast<int>(candidates.occupied.size()))
      throw bad("electrons", fmt::format("{} active electrons need {} doubly occupied orbitals; "
                                         "{} are not frozen",
                                         e, k_occ, candidates.occupied.size()));
    if (k_virt < 0 || k_virt > static_cast<int>(candidates.virtuals.size()))
      throw bad("orbitals", fmt::format("{} active orbitals with {} electrons need {} virtual "
                                        "orbitals; the basis has {}",
                                        m, e, k_virt, candidates.virtuals.size()));
    occ.assign(candidates.occupied.begin(), candidates.occupied.begin() + k_occ);
    virt.assign(candidates.virtuals.begin(), candidates.virtuals.begin() + k_virt);
  } else {
    for (const Candidate& c : candidates.occupied)
      if (c.eligible) occ.push_back(c);
    for (const Candidate& c : candidates.virtuals)
      if (c.eligible) virt.push_back(c);
  }
  const int selected = static_cast<int>(occ.size() + virt.size()) + n_open;
  if (selected == 0) throw bad(threshold_key, empty_message);
  if (o.max_orbitals && selected > *o.max_orbitals) {
    const int keep = *o.max_orbitals - n_open;
    if (keep < 0)
      throw bad("max_orbitals", fmt::format("max_orbitals = {} cannot hold the {} singly occupied "
                                            "orbitals; raise it to at least {}",
                                            *o.max_orbitals, n_open, n_open));
    std::vector<std::pair<Candidate, bool>> all;  // (candidate, occupied)
    for (const Candidate& c : occ) all.push_back({c, true});
    for (const Candidate& c : virt) all.push_back({c, false});
    std::stable_sort(all.begin(), all.end(),
                     [](const auto& a, const auto& b) { return a.first.score > b.first.score; });
    all.resize(keep);
    occ.clear();
    virt.clear();
    for (const auto& [c, occupied] : all) (occupied ? occ : virt).push_back(c);
    note = fmt::format("max_orbitals = {} kept {} of the {} selected orbitals (those with {})",
                       *o.max_orbitals, *o.max_orbitals, selected, what);
  }
  if (occ.size() + virt.size() + n_open == 0)
    throw bad("max_orbitals", "max_orbitals leaves no active orbital");
  // Allowed (the user may want exactly that), but its energy is the reference's: say so.
  if (n_open == 0 && (occ.empty() || virt.empty()))
    note += fmt::format(
        "{}every active orbital is {} in the reference, so the active space "
        "holds no correlation: its energy is the reference's",
        note.empty() ? "" : "; ", virt.empty() ? "doubly occupied" : "empty");
  ActiveSpaceInfo info;
  const auto by_index = [](const Candidate& a, const Candidate& b) { return a.index < b.index; };
  std::sort(occ.begin(), occ.end(), by_index);
  std::sort(virt.begin(), virt.end(), by_index);
  // Reference order: doubly occupied, open shells, virtual (the first n_beta/n_alpha orbitals
  // hold the reference determinant's electrons).
  for (const Candidate& c : occ) info.active_orbitals.push_back(c.index);
  for (int p : candidates.open) info.active_orbitals.push_back(p);
  for (const Candidate& c : virt) info.active_orbitals.push_back(c.index);
  info.frozen_orbitals = candidates.frozen_core;
  for (const Candidate& c : candidates.occupied)
    if (std::none_of(occ.begin(), occ.end(),
                     [&](const Candidate& k) { return k.index == c.index; }))
      info.frozen_orbitals.push_back(c.index);
  std::sort(info.frozen_orbitals.begin(), info.frozen_orbitals.end());
  info.frozen_core = static_cast<int>(info.frozen_orbitals.size());
  info.n_orbitals = static_cast<int>(info.active_orbitals.size());
  info.n_alpha = static_cast<int>(occ.size()) + candidates.n_alpha_open;
  info.n_beta = static_cast<int>(occ.size()) + candidates.n_beta_open;
  info.n_electrons = info.n_alpha + info.n_beta;
  if (info.n_orbitals > 64)
    throw bad(o.max_orbitals ? "max_orbitals" : threshold_key,
              fmt::format("{} active orbitals: at most 64 are supported; cap them with "
                          "active_space.max_orbitals",
                          info.n_orbitals));
  OrbitalSelection sel;
  sel.method = o.selection;
  sel.orbitals = info.active_orbitals;
  sel.n_electrons = info.n_electrons;
  sel.n_orbitals = info.n_orbitals;
  sel.note = note;
  info.selection = std::move(sel);
  return info;
}

// An orthonormal AO x k block of the columns `which` of `c`.
Eigen::MatrixXd columns(const Eigen::MatrixXd& c, const std::vector<int>& which) {
  Eigen::MatrixXd out(c.rows(), static_cast<Eigen::Index>(which.size()));
  for (std::size_t k = 0; k < which.size(); ++k)
    out.col(static_cast<Eigen::Index>(k)) = c.col(which[k]);
  return out;
}

// natural-orbitals: RHF MP2 (frozen-core MP2 when frozen_core is set), its natural orbitals, the
// fractionally occupied ones active.
ActiveSpaceInfo natural_orbital_space(const AoIntegrals& integrals, const ScfResult& scf,
                                      int frozen, const ActiveSpaceOptions& o,
                                      Eigen::MatrixXd& orbitals) {
  const Mp2Result mp2 = rhf_mp2(integrals, scf, frozen);
  const NaturalOrbitals no =
      natural_orbitals(mp2.density, scf.coefficients_alpha, scf.n_alpha, frozen);
  Candidates c;
  const double lo = o.min_occupation, hi = 2.0 - o.min_occupation;
  for (int k = 0; k < no.occupations.size(); ++k) {
    const double n = no.occupations[k];
    const Candidate candidate{k, -std::abs(n - 1.0), n >= lo && n <= hi};
    if (k < frozen)
      c.frozen_core.push_back(k);  // uncorrelated (occupation 2): the first ones
    else
      (no.occupied[k] ? c.occupied : c.virtuals).push_back(candidate);
  }
  ActiveSpaceInfo info =
      choose(c, o, "occupations closest to 1", "min_occupation",
             fmt::format("select = \"natural-orbitals\": no MP2 natural orbital has an occupation "
                         "in [{}, {}]; lower min_occupation or give electrons and orbitals",
                         lo, hi));
  for (int p : info.active_orbitals) info.selection->occupations.push_back(no.occupations[p]);
  info.mp2 = Mp2Energy{mp2.energy, mp2.correlation_energy, frozen};
  orbitals = no.coefficients;
  return info;
}

// avas: the rotated occupied and virtual orbitals whose projected overlap exceeds the threshold.
ActiveSpaceInfo avas_space(const AoIntegrals& integrals, const ScfResult& scf,
                           const Molecule& molecule, int frozen, const ActiveSpaceOptions& o,
                           Eigen::MatrixXd& orbitals) {
  const AvasOrbitals avas = avas_orbitals(integrals, scf, molecule, o.avas_orbitals, frozen);
  Candidates c;
  for (int k = 0; k < avas.coefficients.cols(); ++k) {
    const Candidate candidate{k, avas.overlaps[k], avas.overlaps[k] > o.avas_threshold};
    if (k < avas.n_frozen)
      c.frozen_core.push_back(k);
    else if (k < avas.n_frozen + avas.n_occupied)
      c.occupied.push_back(candidate);
    else if (k < avas.n_frozen + avas.n_occupied + avas.n_open)
      c.open.push_back(k);
    else
      c.virtuals.push_back(candidate);
  }
  (scf.n_alpha >= scf.n_beta ? c.n_alpha_open : c.n_beta_open) = avas.n_open;
  ActiveSpaceInfo info =
      choose(c, o, "the largest overlaps", "avas_threshold",
             fmt::format("select = \"avas\": no orbital overlaps the {} functions of avas_orbitals "
                         "by more than avas_threshold = {}; lower it or name other orbitals",
                         avas.n_targets, o.avas_threshold));
  for (int p : info.active_orbitals) info.selection->overlaps.push_back(avas.overlaps[p]);
  orbitals = avas.coefficients;
  return info;
}

}  // namespace

int frozen_core_count(const ActiveSpaceOptions& o, const Molecule& molecule) {
  if (const bool* b = std::get_if<bool>(&o.frozen_core))
    return *b ? molecule.chemical_core_orbitals() : 0;
  return std::get<int>(o.frozen_core);
}

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
  if (max_orbitals && (*max_orbitals < 1 || *max_orbitals > 64))
    throw bad("max_orbitals",
              fmt::format("max_orbitals must be between 1 and 64, not {}", *max_orbitals));
  if (!(min_occupation > 0.0 && min_occupation < 1.0))
    throw bad("min_occupation",
              fmt::format("min_occupation must be between 0 and 1 (exclusive), not {}: active "
                          "natural orbitals have occupations in [min, 2 - min]",
                          min_occupation));
  if (!(avas_threshold > 0.0 && avas_threshold < 1.0))
    throw bad("avas_threshold", fmt::format("avas_threshold must be between 0 and 1 "
                                            "(exclusive), not {}",
                                            avas_threshold));
  const std::string method = to_string(selection);
  if (selection == ActiveSpaceSelection::avas && avas_orbitals.empty())
    throw bad("select",
              "select = \"avas\" needs the atomic orbitals to project on: add "
              "avas_orbitals = [\"C 2pz\"] (element and shell, e.g. \"O 2p\", \"Fe 3d\")");
  if (selection != ActiveSpaceSelection::avas && !avas_orbitals.empty())
    throw bad("avas_orbitals", fmt::format("avas_orbitals applies to select = \"avas\", not "
                                           "\"{}\"; remove it or set select = \"avas\"",
                                           method));
  if (selection != ActiveSpaceSelection::window) {
    if (!orbital_list.empty())
      throw bad("orbital_list", fmt::format("a list of orbitals chooses them by hand; it cannot "
                                            "be combined with select = \"{}\" (give orbitals "
                                            "as a count, or remove select)",
                                            method));
    if (electrons.has_value() != orbitals.has_value())
      throw bad(electrons ? "electrons" : "orbitals",
                fmt::format("with select = \"{}\", electrons and orbitals fix the size together: "
                            "give both, or neither to let the selection decide",
                            method));
  }
  for (const std::string& label : avas_orbitals) parse_atomic_orbital_label(label);
}

ActiveSpaceInfo select_active_space(int n_mo, int n_alpha, int n_beta, const Molecule& molecule,
                                    const ActiveSpaceOptions& options) {
  options.check();
  const int n_electrons = n_alpha + n_beta;
  const int n_docc = std::min(n_alpha, n_beta);
  const int frozen = frozen_core_count(options, molecule);
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
  std::string note;
  if (options.max_orbitals &&
      static_cast<int>(info.active_orbitals.size()) > *options.max_orbitals) {
    // The orbitals nearest the Fermi level by index stay: HOMO, LUMO, HOMO-1, LUMO+1, ...
    const int n_socc = std::max(n_alpha, n_beta);
    Candidates c;
    int occupied_rank = 0, virtual_rank = 0;
    for (auto p = info.active_orbitals.rbegin(); p != info.active_orbitals.rend(); ++p)
      if (*p < n_docc) c.occupied.push_back({*p, -static_cast<double>(occupied_rank++), true});
    for (int p : info.active_orbitals)
      if (p >= n_socc)
        c.virtuals.push_back({p, -static_cast<double>(virtual_rank++), true});
      else if (p >= n_docc)
        c.open.push_back(p);
    c.frozen_core = info.frozen_orbitals;
    (n_alpha >= n_beta ? c.n_alpha_open : c.n_beta_open) = n_socc - n_docc;
    ActiveSpaceOptions capped = options;
    capped.electrons.reset();
    capped.orbitals.reset();
    ActiveSpaceInfo trimmed = choose(c, capped, "the orbitals nearest the Fermi level",
                                     "max_orbitals", "max_orbitals leaves no active orbital");
    note = trimmed.selection->note;
    info.active_orbitals = trimmed.active_orbitals;
    info.frozen_orbitals = trimmed.frozen_orbitals;
  }
  info.frozen_core = static_cast<int>(info.frozen_orbitals.size());
  info.n_orbitals = static_cast<int>(info.active_orbitals.size());
  info.n_alpha = n_alpha - info.frozen_core;
  info.n_beta = n_beta - info.frozen_core;
  info.n_electrons = info.n_alpha + info.n_beta;
  if (!note.empty()) {
    OrbitalSelection sel;
    sel.method = ActiveSpaceSelection::window;
    sel.orbitals = info.active_orbitals;
    sel.n_electrons = info.n_electrons;
    sel.n_orbitals = info.n_orbitals;
    sel.note = note;
    info.selection = std::move(sel);
  }
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
  ActiveSpaceInfo info;
  Eigen::MatrixXd orbitals;  // the orbitals the indices of `info` refer to
  if (options.selection == ActiveSpaceSelection::window) {
    info =
        select_active_space(static_cast<int>(c.cols()), scf.n_alpha, scf.n_beta, molecule, options);
    orbitals = c;
  } else {
    options.check();
    const int frozen = frozen_core_count(options, molecule);
    if (frozen > std::min(scf.n_alpha, scf.n_beta))
      throw bad("frozen_core", fmt::format("cannot freeze {} orbitals: only {} are doubly occupied",
                                           frozen, std::min(scf.n_alpha, scf.n_beta)));
    info = options.selection == ActiveSpaceSelection::natural_orbitals
               ? natural_orbital_space(integrals, scf, frozen, options, orbitals)
               : avas_space(integrals, scf, molecule, frozen, options, orbitals);
  }
  info.frozen_coefficients = columns(orbitals, info.frozen_orbitals);
  info.active_coefficients = columns(orbitals, info.active_orbitals);
  std::vector<int> external;
  for (int p = 0; p < orbitals.cols(); ++p)
    if (std::find(info.frozen_orbitals.begin(), info.frozen_orbitals.end(), p) ==
            info.frozen_orbitals.end() &&
        std::find(info.active_orbitals.begin(), info.active_orbitals.end(), p) ==
            info.active_orbitals.end())
      external.push_back(p);
  info.external_coefficients = columns(orbitals, external);
  MolecularHamiltonian h =
      active_space_hamiltonian(integrals, info.frozen_coefficients, info.active_coefficients,
                               info.n_alpha, info.n_beta, info);
  if (info_out) *info_out = std::move(info);
  return h;
}

FrozenCoreOperator frozen_core_operator(const AoIntegrals& integrals,
                                        const Eigen::MatrixXd& c_frozen) {
  // Density P = C_f C_f^T per spin; h_eff = h + 2J[P] - K[P] (J - K/2 of the total density),
  // E_fc = tr P (h + h_eff).
  const Eigen::MatrixXd& h_ao = integrals.core_hamiltonian;
  FrozenCoreOperator out{h_ao, 0.0};
  if (c_frozen.cols() > 0) {
    const Eigen::MatrixXd p = c_frozen * c_frozen.transpose();
    std::vector<Eigen::MatrixXd> g;
    build_j_minus_half_k(integrals.eris, {p}, g);
    out.h_eff += 2.0 * g[0];
    out.energy = (p.cwiseProduct(h_ao + out.h_eff)).sum();
  }
  return out;
}

std::vector<double> mixed_active_integrals(const AoIntegrals& integrals,
                                           const Eigen::MatrixXd& orbitals,
                                           const Eigen::MatrixXd& c_act) {
  const int n_ao = integrals.n_functions();
  const int m = static_cast<int>(c_act.cols());
  const int n_rows = static_cast<int>(orbitals.cols());
  // Quarter transformations: first the active pair (v >= w) for every AO pair (r >= s), then
  // (p u| for every active pair.
  const int ao_pairs = n_ao * (n_ao + 1) / 2, act_pairs = m * (m + 1) / 2;
  Eigen::MatrixXd half(act_pairs, ao_pairs);
  if (integrals.eris.layout() == EriLayout::pair_matrices) {
    // (vw|rs) = J[D_vw]_rs with D_vw = (c_v c_w^T + c_w c_v^T) / 2: one streaming pass over the
    // pair matrices serves every active pair.
    std::vector<Eigen::MatrixXd> densities, coulomb;
    for (int v = 0; v < m; ++v)
      for (int w = 0; w <= v; ++w) {
        const Eigen::MatrixXd vw = c_act.col(v) * c_act.col(w).transpose();
        densities.push_back(0.5 * (vw + vw.transpose()));
      }
    build_j(integrals.eris, densities, coulomb);
    for (int vw = 0; vw < act_pairs; ++vw)
      for (int r = 0, rs = 0; r < n_ao; ++r)
        for (int s = 0; s <= r; ++s, ++rs) half(vw, rs) = coulomb[vw](r, s);
  } else {
    Eigen::MatrixXd block(n_ao, n_ao), t(m, m);
    for (int r = 0, rs = 0; r < n_ao; ++r)
      for (int s = 0; s <= r; ++s, ++rs) {
        integrals.eris.pair_block(r, s, block);
        t.noalias() = c_act.transpose() * block * c_act;
        for (int v = 0, vw = 0; v < m; ++v)
          for (int w = 0; w <= v; ++w, ++vw) half(vw, rs) = t(v, w);
      }
  }
  const std::size_t n = static_cast<std::size_t>(m);
  std::vector<double> out(static_cast<std::size_t>(n_rows) * n * n * n);
  Eigen::MatrixXd block(n_ao, n_ao), t(n_rows, m);
  for (int v = 0, vw = 0; v < m; ++v)
    for (int w = 0; w <= v; ++w, ++vw) {
      for (int r = 0, rs = 0; r < n_ao; ++r)
        for (int s = 0; s <= r; ++s, ++rs) block(r, s) = block(s, r) = half(vw, rs);
      t.noalias() = orbitals.transpose() * (block * c_act);
      for (std::size_t p = 0; p < static_cast<std::size_t>(n_rows); ++p)
        for (std::size_t u = 0; u < n; ++u) {
          const double value = t(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(u));
          out[((p * n + u) * n + v) * n + w] = value;
          out[((p * n + u) * n + w) * n + v] = value;
        }
    }
  return out;
}

MolecularHamiltonian active_space_hamiltonian(const AoIntegrals& integrals,
                                              const Eigen::MatrixXd& c_frozen,
                                              const Eigen::MatrixXd& c_act, int n_alpha, int n_beta,
                                              ActiveSpaceInfo& info) {
  const FrozenCoreOperator core = frozen_core_operator(integrals, c_frozen);
  info.core_energy = integrals.nuclear_repulsion + core.energy;
  return MolecularHamiltonian(info.core_energy, c_act.transpose() * core.h_eff * c_act,
                              mixed_active_integrals(integrals, c_act, c_act), n_alpha, n_beta);
}

}  // namespace qmol
