#include "qmol/sim/fused_circuit.h"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"
#include "statevector_kernels.h"

namespace qmol {

namespace {

using Amplitude = FusedCircuit::Amplitude;
using Operation = FusedCircuit::Operation;
using Kind = Operation::Kind;
using kernels::Index;

using Matrix = std::array<Amplitude, 4>;

// The product b a of two 2x2 row-major matrices (a first).
Matrix product(const Matrix& b, const Matrix& a) {
  return {b[0] * a[0] + b[1] * a[2], b[0] * a[1] + b[1] * a[3], b[2] * a[0] + b[3] * a[2],
          b[2] * a[1] + b[3] * a[3]};
}

// Bit k of value moved to bit positions[k].
std::uint64_t deposit(std::uint64_t value, const std::vector<int>& positions) {
  std::uint64_t out = 0;
  for (std::size_t k = 0; k < positions.size(); ++k) out |= ((value >> k) & 1u) << positions[k];
  return out;
}

// The bits of mask at positions[k] moved to bit k (the inverse of deposit on those positions).
std::uint64_t extract(std::uint64_t mask, const std::vector<int>& positions) {
  std::uint64_t out = 0;
  for (std::size_t k = 0; k < positions.size(); ++k) out |= ((mask >> positions[k]) & 1u) << k;
  return out;
}

// The qubit mask an operation acts on (global positions, before the stage is closed).
std::uint64_t support(const Operation& op) {
  switch (op.kind) {
    case Kind::Matrix:
    case Kind::Diagonal:
      return bit(op.a);
    case Kind::PauliRotation:
      return op.x | op.z;
    default:
      return bit(op.a) | bit(op.b);
  }
}

// The kernel's loop length on a block of n qubits (statevector_kernels.h).
Index loop_count(const Operation& op, int n) {
  switch (op.kind) {
    case Kind::Matrix:
    case Kind::Diagonal:
    case Kind::Multiplexed:
      return Index{1} << (n - 1);
    case Kind::PauliRotation:
      return op.x == 0 ? Index{1} << n : Index{1} << (n - 1);
    default:
      return Index{1} << (n - 2);
  }
}

void run(Amplitude* p, const Operation& op, Index k0, Index k1) {
  switch (op.kind) {
    case Kind::Matrix:
      kernels::matrix(p, op.a, k0, k1, kernels::Matrix2(op.m[0], op.m[1], op.m[2], op.m[3]));
      return;
    case Kind::Diagonal:
      kernels::diagonal(p, op.a, k0, k1, op.m[0], op.m[3]);
      return;
    case Kind::Multiplexed:
      kernels::multiplexed(p, op.a, op.b, k0, k1,
                           kernels::Matrix2(op.m[0], op.m[1], op.m[2], op.m[3]),
                           kernels::Matrix2(op.m[4], op.m[5], op.m[6], op.m[7]));
      return;
    case Kind::CNOT:
      kernels::cnot(p, op.a, op.b, k0, k1);
      return;
    case Kind::CZ:
      kernels::cz(p, op.a, op.b, k0, k1);
      return;
    case Kind::SWAP:
      kernels::swap(p, op.a, op.b, k0, k1);
      return;
    case Kind::PauliRotation:
      kernels::pauli_rotation(p, op.x, op.z, op.c, op.f, k0, k1);
      return;
  }
}

// i^n for n = 0..3.
Amplitude i_power(int n) {
  static const Amplitude powers[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
  return powers[n & 3];
}

// The stages of a circuit, filled gate by gate. A single-qubit gate waits in its qubit's pending
// matrix until a gate on more qubits touches the qubit (gates on other qubits commute with it);
// a gate joins the open stage when the stage's qubits and its own fit in a block, else the stage
// is closed and a new one opened.
class StageBuilder {
 public:
  StageBuilder(int n_qubits, int block_qubits)
      : n_(n_qubits),
        block_(block_qubits),
        low_mask_(low_bits(std::max(0, std::min(FusedCircuit::kLowQubits, block_qubits - 2)))),
        open_mask_(low_mask_),
        pending_(static_cast<std::size_t>(n_qubits)),
        has_pending_(static_cast<std::size_t>(n_qubits), 0) {}

  void add_single(int q, const GateMatrix& g) {
    const Matrix m = {g.m[0][0], g.m[0][1], g.m[1][0], g.m[1][1]};
    pending_[q] = has_pending_[q] ? product(m, pending_[q]) : m;
    has_pending_[q] = 1;
  }

  void add(const Operation& op) {
    const std::uint64_t used = support(op);
    if (std::popcount(low_mask_ | used) > block_) {  // wider than a block: the whole state
      for (int q : set_bits(used)) place(q);
      close();
      FusedCircuit::Stage whole;  // block positions are the qubits themselves
      for (int q = 0; q < n_; ++q) whole.qubits.push_back(q);
      whole.operations.push_back(op);
      stages_.push_back(std::move(whole));
      return;
    }
    if (std::popcount(open_mask_ | used) > block_) close();
    open_mask_ |= used;
    // A CNOT's target last, so that its matrix is the operation just before the CNOT.
    const std::uint64_t last = op.kind == Kind::CNOT ? bit(op.b) : 0;
    for (int q : set_bits(used & ~last)) flush(q);
    for (int q : set_bits(last)) flush(q);
    push(op);
  }

  std::vector<FusedCircuit::Stage> finish() {
    for (int q = 0; q < n_; ++q) place(q);
    close();
    return std::move(stages_);
  }

 private:
  // The pending matrix of q into the open stage, or a new one when q does not fit.
  void place(int q) {
    if (!has_pending_[q]) return;
    if (std::popcount(open_mask_ | bit(q)) > block_) close();
    open_mask_ |= bit(q);
    flush(q);
  }

  // The pending matrix of q as an operation of the open stage (q is one of its qubits).
  void flush(int q) {
    if (!has_pending_[q]) return;
    has_pending_[q] = 0;
    Operation op{};
    const Matrix& m = pending_[q];
    op.kind = m[1] == 0.0 && m[2] == 0.0 ? Kind::Diagonal : Kind::Matrix;
    op.a = q;
    std::copy(m.begin(), m.end(), op.m);
    push(op);
  }

  // Appends op to the open stage, or merges it into the operation before it when both are one
  // pass: a CNOT after a matrix U on its target is U where the control is clear and X U where it
  // is set; a matrix U after a CNOT or a multiplexed matrix on its target multiplies both halves.
  void push(const Operation& op) {
    const bool single = op.kind == Kind::Matrix || op.kind == Kind::Diagonal;
    if (!open_.empty()) {
      Operation& last = open_.back();
      const bool last_single = last.kind == Kind::Matrix || last.kind == Kind::Diagonal;
      if (op.kind == Kind::CNOT && last_single && last.a == op.b) {
        const Matrix u = {last.m[0], last.m[1], last.m[2], last.m[3]};
        set_multiplexed(last, op.a, op.b, u, {u[2], u[3], u[0], u[1]});
        return;
      }
      if (single && last.kind == Kind::CNOT && last.b == op.a) {
        const Matrix u = {op.m[0], op.m[1], op.m[2], op.m[3]};
        set_multiplexed(last, last.a, last.b, u, {u[1], u[0], u[3], u[2]});
        return;
      }
      if (single && last.kind == Kind::Multiplexed && last.b == op.a) {
        const Matrix u = {op.m[0], op.m[1], op.m[2], op.m[3]};
        set_multiplexed(last, last.a, last.b,
                        product(u, {last.m[0], last.m[1], last.m[2], last.m[3]}),
                        product(u, {last.m[4], last.m[5], last.m[6], last.m[7]}));
        return;
      }
    }
    open_.push_back(op);
  }

  static void set_multiplexed(Operation& op, int control, int target, const Matrix& clear,
                              const Matrix& set) {
    op.kind = Kind::Multiplexed;
    op.a = control;
    op.b = target;
    std::copy(clear.begin(), clear.end(), op.m);
    std::copy(set.begin(), set.end(), op.m + 4);
  }

  // The open stage, in its block's positions. Pending matrices stay pending: the next stage may
  // merge them into a CNOT.
  void close() {
    if (!open_.empty()) {
      FusedCircuit::Stage stage;
      for (int q : set_bits(open_mask_ & low_bits(n_))) stage.qubits.push_back(q);
      std::vector<int> local(static_cast<std::size_t>(n_), -1);
      for (std::size_t k = 0; k < stage.qubits.size(); ++k)
        local[stage.qubits[k]] = static_cast<int>(k);
      for (Operation op : open_) {
        if (op.a >= 0) op.a = local[op.a];
        if (op.b >= 0) op.b = local[op.b];
        op.x = extract(op.x, stage.qubits);
        op.z = extract(op.z, stage.qubits);
        stage.operations.push_back(op);
      }
      stages_.push_back(std::move(stage));
    }
    open_.clear();
    open_mask_ = low_mask_;
  }

  int n_, block_;
  std::uint64_t low_mask_, open_mask_;
  std::vector<Operation> open_;
  std::vector<Matrix> pending_;
  std::vector<char> has_pending_;
  std::vector<FusedCircuit::Stage> stages_;
};

// The qubits of 0..n-1 that are not in `qubits` (ascending).
std::vector<int> complement(const std::vector<int>& qubits, int n) {
  std::vector<int> out;
  for (int q = 0; q < n; ++q)
    if (!std::binary_search(qubits.begin(), qubits.end(), q)) out.push_back(q);
  return out;
}

}  // namespace

int FusedCircuit::default_block_qubits(int n_qubits) {
  if (n_qubits < Statevector::kParallelQubits) return n_qubits;
  return std::min(kBlockQubits, n_qubits - kMinBlocksLog2);
}

FusedCircuit::FusedCircuit(const Circuit& circuit, const std::vector<double>& parameters,
                           int block_qubits)
    : n_qubits_(circuit.n_qubits()),
      block_qubits_(block_qubits <= 0 ? default_block_qubits(n_qubits_)
                                      : std::min(block_qubits, n_qubits_)) {
  QMOL_ASSERT(
      block_qubits_ >= std::min(2, n_qubits_),
      fmt::format("a fused circuit needs blocks of at least 2 qubits, not {}", block_qubits_));
  StageBuilder builder(n_qubits_, block_qubits_);
  for (const Gate& g : circuit.gates()) {
    const double angle = g.is_parametrised() ? g.angle.value(parameters) : 0.0;
    const GateInfo& info = gate_info(g.kind);
    if (info.arity == 1) {
      builder.add_single(g.qubits[0], info.matrix(angle));
      continue;
    }
    Operation op{};
    op.a = g.qubits[0];
    op.b = g.qubits[1];
    switch (g.kind) {
      case GateKind::CNOT:
        op.kind = Kind::CNOT;
        break;
      case GateKind::CZ:
        op.kind = Kind::CZ;
        break;
      case GateKind::SWAP:
        op.kind = Kind::SWAP;
        break;
      case GateKind::PauliRotation: {
        for (std::size_t w = 1; w < g.pauli.x.size(); ++w)
          QMOL_ASSERT(g.pauli.x[w] == 0 && g.pauli.z[w] == 0,
                      "FusedCircuit: Pauli string beyond qubit 63");
        op.kind = Kind::PauliRotation;
        op.a = op.b = -1;
        op.x = g.pauli.x[0];
        op.z = g.pauli.z[0];
        op.c = std::cos(angle / 2);
        op.f = Amplitude(0, -std::sin(angle / 2)) * i_power(std::popcount(op.x & op.z));
        break;
      }
      default:
        QMOL_ASSERT(false, std::string("FusedCircuit: no kernel for ") + info.name);
    }
    builder.add(op);
  }
  stages_ = builder.finish();
}

std::size_t FusedCircuit::n_operations() const {
  std::size_t n = 0;
  for (const Stage& s : stages_) n += s.operations.size();
  return n;
}

void FusedCircuit::apply(Statevector& state) const {
  QMOL_ASSERT(state.n_qubits() == n_qubits_,
              fmt::format("FusedCircuit::apply: the state has {} qubits, the circuit {}",
                          state.n_qubits(), n_qubits_));
  const int n = n_qubits_;
  // Per stage: the qubits a block index leaves fixed, and the offsets of the block's contiguous
  // runs (2^run_qubits amplitudes each, run_qubits = the stage's lowest consecutive qubits).
  struct Layout {
    std::vector<int> outer;
    int run_qubits;
    std::vector<Index> run_offsets;
  };
  std::vector<Layout> layouts;
  for (const Stage& s : stages_) {
    Layout l{complement(s.qubits, n), 0, {}};
    while (l.run_qubits < static_cast<int>(s.qubits.size()) &&
           s.qubits[l.run_qubits] == l.run_qubits)
      ++l.run_qubits;
    const std::vector<int> above(s.qubits.begin() + l.run_qubits, s.qubits.end());
    for (std::uint64_t r = 0; r < (std::uint64_t{1} << above.size()); ++r)
      l.run_offsets.push_back(static_cast<Index>(deposit(r, above)));
    layouts.push_back(std::move(l));
  }
  Amplitude* a = state.data();
#pragma omp parallel if (n >= Statevector::kParallelQubits)
  {
    std::vector<Amplitude> buffer;
    const Index threads = omp_get_num_threads(), thread = omp_get_thread_num();
    for (std::size_t s = 0; s < stages_.size(); ++s) {
      const Stage& stage = stages_[s];
      const Layout& layout = layouts[s];
      const int m = static_cast<int>(stage.qubits.size());
      if (m == n) {  // one block, the state itself: each pass is split over the threads
        for (const Operation& op : stage.operations) {
          const Index count = loop_count(op, n);
          run(a, op, count * thread / threads, count * (thread + 1) / threads);
#pragma omp barrier
        }
        continue;
      }
      const Index run_length = Index{1} << layout.run_qubits;
      const Index n_runs = static_cast<Index>(layout.run_offsets.size());
      const bool in_place = n_runs == 1;  // the block is one contiguous run
      if (!in_place) buffer.resize(std::size_t{1} << m);
      const Index n_blocks = Index{1} << (n - m);
#pragma omp for schedule(static)
      for (Index b = 0; b < n_blocks; ++b) {
        Amplitude* base = a + deposit(static_cast<std::uint64_t>(b), layout.outer);
        Amplitude* p = in_place ? base : buffer.data();
        if (!in_place)
          for (Index r = 0; r < n_runs; ++r)
            std::copy_n(base + layout.run_offsets[r], run_length, p + r * run_length);
        for (const Operation& op : stage.operations) run(p, op, 0, loop_count(op, m));
        if (!in_place)
          for (Index r = 0; r < n_runs; ++r)
            std::copy_n(p + r * run_length, run_length, base + layout.run_offsets[r]);
      }
    }
  }
}

}  // namespace qmol
