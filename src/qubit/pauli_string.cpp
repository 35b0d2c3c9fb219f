#include "qmol/qubit/pauli_string.h"

#include <fmt/format.h>

#include <bit>
#include <cctype>
#include <sstream>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"

namespace qmol {

namespace {

constexpr int kWords = kMaxQubits / 64;

void check_qubit(int qubit) {
  if (qubit < 0 || qubit >= kMaxQubits)
    throw InputError(
        fmt::format("qubit index {} is out of range: expected 0..{}", qubit, kMaxQubits - 1));
}

}  // namespace

void check_qubit_count(int n_qubits) {
  if (n_qubits > kMaxQubits)
    throw InputError(fmt::format("{} spin orbitals exceed the {} qubits a Pauli string holds",
                                 n_qubits, kMaxQubits));
}

PauliString PauliString::single(int qubit, char pauli) {
  PauliString p;
  p.set(qubit, pauli);
  return p;
}

PauliString PauliString::parse(const std::string& text) {
  PauliString p;
  std::istringstream in(text);
  std::string token;
  while (in >> token) {
    const char pauli = static_cast<char>(std::toupper(static_cast<unsigned char>(token[0])));
    const std::string digits = token.substr(1);
    const bool numeric = !digits.empty() && digits.size() <= 3 &&
                         digits.find_first_not_of("0123456789") == std::string::npos;
    if (!numeric || (pauli != 'X' && pauli != 'Y' && pauli != 'Z'))
      throw InputError(
          fmt::format("bad Pauli factor '{}': expected X, Y or Z and a qubit, e.g. X3", token));
    const int qubit = std::stoi(digits);
    if (p.at(qubit) != 'I')
      throw InputError(fmt::format("qubit {} appears twice in Pauli string '{}'", qubit, text));
    p.set(qubit, pauli);
  }
  return p;
}

char PauliString::at(int qubit) const {
  check_qubit(qubit);
  const int w = qubit / 64;
  const bool xb = test_bit(x[w], qubit % 64);
  const bool zb = test_bit(z[w], qubit % 64);
  return xb ? (zb ? 'Y' : 'X') : (zb ? 'Z' : 'I');
}

void PauliString::set(int qubit, char pauli) {
  check_qubit(qubit);
  bool xb = false;
  bool zb = false;
  switch (pauli) {
    case 'I':
      break;
    case 'X':
      xb = true;
      break;
    case 'Y':
      xb = zb = true;
      break;
    case 'Z':
      zb = true;
      break;
    default:
      throw InputError(fmt::format("bad Pauli '{}': expected I, X, Y or Z", pauli));
  }
  const int w = qubit / 64;
  const std::uint64_t mask = bit(qubit % 64);
  x[w] = xb ? (x[w] | mask) : (x[w] & ~mask);
  z[w] = zb ? (z[w] | mask) : (z[w] & ~mask);
}

bool PauliString::is_identity() const {
  for (int w = 0; w < kWords; ++w)
    if (x[w] | z[w]) return false;
  return true;
}

int PauliString::weight() const {
  int n = 0;
  for (int w = 0; w < kWords; ++w) n += std::popcount(x[w] | z[w]);
  return n;
}

int PauliString::span() const {
  for (int w = kWords - 1; w >= 0; --w) {
    const std::uint64_t m = x[w] | z[w];
    if (m) return 64 * w + 64 - std::countl_zero(m);
  }
  return 0;
}

bool PauliString::commutes_with(const PauliString& other) const {
  // Symplectic form: the strings anticommute on each qubit where x1 z2 + z1 x2 is odd.
  int odd = 0;
  for (int w = 0; w < kWords; ++w) odd ^= std::popcount((x[w] & other.z[w]) ^ (z[w] & other.x[w]));
  return (odd & 1) == 0;
}

int PauliString::multiply(const PauliString& other, PauliString& result) const {
  // Write each single-qubit Pauli as i^(xz) X^x Z^z. Then
  //   P1 P2 = i^(x1z1 + x2z2) (-1)^(z1 x2) X^(x1^x2) Z^(z1^z2) = i^(x1z1 + x2z2 + 2 z1x2 - x3z3)
  //   P3,
  // summed over qubits, modulo 4.
  int phase = 0;
  for (int w = 0; w < kWords; ++w) {
    const std::uint64_t x3 = x[w] ^ other.x[w];
    const std::uint64_t z3 = z[w] ^ other.z[w];
    phase += std::popcount(x[w] & z[w]) + std::popcount(other.x[w] & other.z[w]) +
             2 * std::popcount(z[w] & other.x[w]) - std::popcount(x3 & z3);
    result.x[w] = x3;
    result.z[w] = z3;
  }
  return phase & 3;
}

std::string PauliString::str() const {
  std::string out;
  const int n = span();
  for (int q = 0; q < n; ++q) {
    const char c = at(q);
    if (c == 'I') continue;
    if (!out.empty()) out += ' ';
    out += c;
    out += std::to_string(q);
  }
  return out;
}

}  // namespace qmol
