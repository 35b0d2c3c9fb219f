#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace qmol {

inline constexpr int kMaxQubits = 128;

// A Pauli string as two bit masks: qubit k carries I (x=0,z=0), X (1,0), Z (0,1) or Y (1,1).
// The string itself is Hermitian (Y, not XZ); phases of products go to the coefficient.
struct PauliString {
  std::array<std::uint64_t, kMaxQubits / 64> x{};
  std::array<std::uint64_t, kMaxQubits / 64> z{};

  static PauliString single(int qubit, char pauli);  // 'X', 'Y', 'Z' or 'I'
  char at(int qubit) const;                           // 'I', 'X', 'Y', 'Z'
  void set(int qubit, char pauli);
  bool is_identity() const;
  int weight() const;
  bool commutes_with(const PauliString& other) const;
  // Product this * other = i^phase * result; returns the phase exponent in 0..3.
  int multiply(const PauliString& other, PauliString& result) const;
  // "X0 Y1 Z3" (OpenFermion order, ascending qubits); "" for the identity.
  std::string str() const;

  friend bool operator==(const PauliString&, const PauliString&) = default;
  // Canonical order: by x words then z words (total, deterministic).
  friend bool operator<(const PauliString& a, const PauliString& b) {
    return a.x != b.x ? a.x < b.x : a.z < b.z;
  }
};

}  // namespace qmol
