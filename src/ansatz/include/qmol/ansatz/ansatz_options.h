#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "qmol/ansatz/hardware_efficient.h"
#include "qmol/core/enum_names.h"

namespace qmol {

enum class AnsatzKind { uccsd, singlet_uccsd, kupccgsd, hardware_efficient };
template <>
struct EnumNames<AnsatzKind> {
  static constexpr std::string_view noun = "ansatz kind";
  static constexpr std::array<std::pair<AnsatzKind, std::string_view>, 4> names = {
      {{AnsatzKind::uccsd, "uccsd"},
       {AnsatzKind::singlet_uccsd, "singlet-uccsd"},
       {AnsatzKind::kupccgsd, "kupccgsd"},
       {AnsatzKind::hardware_efficient, "hardware-efficient"}}};
};

// The UCC family: particle- and spin-conserving excitations (fermionic_ansatz.h), which the
// determinant engine runs; the others are qubit circuits.
inline bool is_fermionic(AnsatzKind kind) {
  return kind != AnsatzKind::hardware_efficient;
}

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
  HardwareEfficientOptions hardware_efficient;
  // Unset: zeros for the UCC family, seeded random angles (and wider restarts) for circuits.
  std::optional<ParameterStart> initial;
  std::uint64_t seed = 7;
};

}  // namespace qmol
