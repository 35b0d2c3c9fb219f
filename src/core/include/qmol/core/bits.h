#pragma once
// Bit helpers on 64-bit masks, shared by the determinant strings, the Pauli strings and the
// statevector kernels (bit k = orbital or qubit k).

#include <bit>
#include <cstdint>

namespace qmol {

// The n lowest bits set, n = 0..64 (1 << 64 is undefined, so 64 is its own case).
constexpr std::uint64_t low_bits(int n) {
  return n >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
}

constexpr std::uint64_t bit(int k) {
  return std::uint64_t{1} << k;
}

constexpr bool test_bit(std::uint64_t mask, int k) {
  return (mask >> k) & 1u;
}

// 1 when an odd number of bits are set, else 0.
constexpr int parity(std::uint64_t mask) {
  return std::popcount(mask) & 1;
}

// (-1)^popcount(mask): the fermionic sign of the set bits.
constexpr double parity_sign(std::uint64_t mask) {
  return 1.0 - 2.0 * parity(mask);
}

// The bits strictly between positions p and q (either order).
constexpr std::uint64_t bits_between(int p, int q) {
  const int lo = p < q ? p : q, hi = p < q ? q : p;
  return low_bits(hi) & ~low_bits(lo + 1);
}

// The position of the lowest / highest set bit; mask != 0.
constexpr int lowest_bit(std::uint64_t mask) {
  return std::countr_zero(mask);
}
constexpr int highest_bit(std::uint64_t mask) {
  return 63 - std::countl_zero(mask);
}

// The next larger integer with the same number of set bits (Gosper's hack); mask != 0. Wraps past
// bit 63 (the caller stops at its last string).
constexpr std::uint64_t next_same_popcount(std::uint64_t mask) {
  const std::uint64_t lowest = mask & (~mask + 1), ripple = mask + lowest;
  return ripple | (((mask ^ ripple) >> 2) / lowest);
}

// The positions of the set bits, lowest first: for (int p : set_bits(mask)).
class SetBits {
 public:
  class iterator {
   public:
    constexpr explicit iterator(std::uint64_t rest) : rest_(rest) {}
    constexpr int operator*() const { return std::countr_zero(rest_); }
    constexpr iterator& operator++() {
      rest_ &= rest_ - 1;
      return *this;
    }
    constexpr bool operator!=(const iterator& other) const { return rest_ != other.rest_; }

   private:
    std::uint64_t rest_;
  };
  constexpr explicit SetBits(std::uint64_t mask) : mask_(mask) {}
  constexpr iterator begin() const { return iterator(mask_); }
  constexpr iterator end() const { return iterator(0); }

 private:
  std::uint64_t mask_;
};

constexpr SetBits set_bits(std::uint64_t mask) {
  return SetBits(mask);
}

}  // namespace qmol
