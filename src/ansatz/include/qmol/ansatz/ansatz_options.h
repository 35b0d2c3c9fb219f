#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "qmol/ansatz/hardware_efficient.h"
#include "qmol/core/enum_names.h"

namespace qmol {

enum class AnsatzKind { uccsd, singlet_uccsd, kupccgsd, hardware_efficient, adapt };
template <>
struct EnumNames<AnsatzKind> {
  static constexpr std::string_view noun = "ansatz kind";
  static constexpr std::array<std::pair<AnsatzKind, std::string_view>, 5> names = {
      {{AnsatzKind::uccsd, "uccsd"},
       {AnsatzKind::singlet_uccsd, "singlet-uccsd"},
       {AnsatzKind::kupccgsd, "kupccgsd"},
       {AnsatzKind::hardware_efficient, "hardware-efficient"},
       {AnsatzKind::adapt, "adapt"}}};
};

// The operators ADAPT-VQE grows its ansatz from (adapt_pool.h).
enum class AdaptPool {
  fermionic_sd,    // spin-complemented singles and doubles out of the reference
  generalized_sd,  // spin-complemented singles and doubles between any orbitals
  qubit,           // the Pauli strings of fermionic_sd with their Z factors removed
};
template <>
struct EnumNames<AdaptPool> {
  static constexpr std::string_view noun = "ADAPT pool";
  static constexpr std::array<std::pair<AdaptPool, std::string_view>, 3> names = {
      {{AdaptPool::fermionic_sd, "fermionic-sd"},
       {AdaptPool::generalized_sd, "generalized-sd"},
       {AdaptPool::qubit, "qubit"}}};
};

// ADAPT-VQE (Grimsley et al., Nat. Commun. 10, 3007 (2019)).
struct AdaptOptions {
  AdaptPool pool = AdaptPool::fermionic_sd;
  // Stop when the largest |dE/dtheta| of the pool at the current state falls below this (Eh).
  double gradient_threshold = 1e-3;
  int max_operators = 200;  // stop, not converged, after this many additions
};

// The order in which the factors of a UCCSD product are applied to the reference (term_order.h).
enum class TermOrdering {
  singles_first,  // singles, then doubles, each in index order
  doubles_first,  // doubles, then singles
  mp2_amplitude,  // largest |MP2 amplitude| first (singles, with none, last)
};
template <>
struct EnumNames<TermOrdering> {
  static constexpr std::string_view noun = "operator ordering";
  static constexpr std::array<std::pair<TermOrdering, std::string_view>, 3> names = {
      {{TermOrdering::singles_first, "singles-first"},
       {TermOrdering::doubles_first, "doubles-first"},
       {TermOrdering::mp2_amplitude, "mp2-amplitude"}}};
};

// Where the optimization starts.
enum class ParameterStart {
  zeros,   // the reference determinant (UCC); for circuits, all angles zero
  random,  // seeded small angles
  mp2,     // first-order Moller-Plesset amplitudes (uccsd, singlet-uccsd)
};
template <>
struct EnumNames<ParameterStart> {
  static constexpr std::string_view noun = "initial parameters";
  static constexpr std::array<std::pair<ParameterStart, std::string_view>, 3> names = {
      {{ParameterStart::zeros, "zeros"},
       {ParameterStart::random, "random"},
       {ParameterStart::mp2, "mp2"}}};
};

// The [ansatz] section of a job, after its template (if any) was applied.
struct AnsatzOptions {
  AnsatzKind kind = AnsatzKind::uccsd;
  std::string template_name;  // the ansatz/<name>.toml it came from, or empty
  int k = 1;                  // k-UpCCGSD layers
  TermOrdering ordering = TermOrdering::singles_first;  // uccsd, singlet-uccsd
  AdaptOptions adapt;                                   // kind adapt
  HardwareEfficientOptions hardware_efficient;
  // Unset: zeros for the UCC family, seeded random angles (and wider restarts) for circuits.
  std::optional<ParameterStart> initial;
  std::uint64_t seed = 7;
};

// The UCC family: particle- and spin-conserving excitations (fermionic_ansatz.h), which the
// determinant engine runs; the others (and qubit-ADAPT) are qubit circuits.
inline bool is_fermionic(const AnsatzOptions& a) {
  return a.kind != AnsatzKind::hardware_efficient &&
         !(a.kind == AnsatzKind::adapt && a.adapt.pool == AdaptPool::qubit);
}

}  // namespace qmol
