#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace qmol {

inline constexpr int kMaxQubits = 128;

// InputError when n_qubits exceeds kMaxQubits, for builders of operators on n_qubits.
void check_qubit_count(int n_qubits);

// A Pauli string as two bit masks: qubit k carries I (x=0,z=0), X (1,0), Z (0,1) or Y (1,1).
// The string itself is Hermitian (Y, not XZ); phases of products go to the coefficient.
struct PauliString {
  std::array<std::uint64_t, kMaxQubits / 64> x{};
  std::array<std::uint64_t, kMaxQubits / 64> z{};

  static PauliString single(int qubit, char pauli);  // 'X', 'Y', 'Z' or 'I'
  // Parses "X0 Y1 Z3" (the str() form; any order, whitespace separated; "" is the identity).
  static PauliString parse(const std::string& text);
  char at(int qubit) const;  // 'I', 'X', 'Y', 'Z'
  void set(int qubit, char pauli);
  bool is_identity() const;
  int weight() const;
  // One past the highest qubit acted on (0 for the identity).
  int span() const;
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

// Hash of the four mask words, for hash maps keyed by Pauli strings.
struct PauliStringHash {
  std::size_t operator()(const PauliString& p) const noexcept {
    // splitmix64-style mixing of each word; the masks of chemistry terms are highly structured.
    auto mix = [](std::uint64_t v) {
      v += 0x9e3779b97f4a7c15ULL;
      v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ULL;
      v = (v ^ (v >> 27)) * 0x94d049bb133111ebULL;
      return v ^ (v >> 31);
    };
    std::uint64_t h = mix(p.x[0]);
    h = mix(h ^ p.x[1]);
    h = mix(h ^ p.z[0]);
    h = mix(h ^ p.z[1]);
    return static_cast<std::size_t>(h);
  }
};

}  // namespace qmol
