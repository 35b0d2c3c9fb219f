#pragma once

#include <complex>
#include <cstdint>
#include <vector>

#include "qmol/ansatz/circuit.h"
#include "qmol/sim/statevector.h"

namespace qmol {

// A circuit at fixed parameters, regrouped for one forward application (apply_circuit; the
// adjoint gradient un-applies gates one by one and does not use it). The state is memory-bound,
// so the gates are grouped into stages that each touch at most block_qubits qubits, and a stage
// runs as one pass over the state: each block of 2^block_qubits amplitudes that its qubits span
// (the other qubits fixed) is gathered into a cache-resident buffer, gets every gate of the stage,
// and is written back; blocks are independent, so they are shared out over OpenMP threads.
// Within a stage, consecutive single-qubit gates on a qubit are one 2x2 matrix (a diagonal pass
// when the product is diagonal), a CNOT next to a matrix on its target joins it (one pass that
// picks the matrix by the control bit), and gates on different qubits are moved past each other
// to fill the stages. Every stage holds the kLowQubits lowest qubits, so that a block is made of
// contiguous runs of at least 2^kLowQubits amplitudes. A Pauli rotation on more qubits than a
// block holds is a stage of its own on the whole state.
class FusedCircuit {
 public:
  using Amplitude = Statevector::Amplitude;
  static constexpr int kBlockQubits = 14;  // 256 KiB: a block stays in L2 through its stage
  static constexpr int kLowQubits = 3;     // runs of 8 amplitudes, two cache lines
  // At least 2^kMinBlocksLog2 blocks on a threaded state, so that every thread gets blocks.
  static constexpr int kMinBlocksLog2 = 3;

  // The block size for a state of n qubits: the whole state below Statevector::kParallelQubits.
  static int default_block_qubits(int n_qubits);

  // block_qubits <= 0 means default_block_qubits; otherwise at least 2 (or the qubit count).
  FusedCircuit(const Circuit& circuit, const std::vector<double>& parameters, int block_qubits = 0);

  int n_qubits() const { return n_qubits_; }
  int block_qubits() const { return block_qubits_; }
  std::size_t n_stages() const { return stages_.size(); }
  std::size_t n_operations() const;  // the kernel passes over blocks, summed over stages

  void apply(Statevector& state) const;

  struct Stage;
  const std::vector<Stage>& stages() const { return stages_; }

  // One kernel pass; qubits and masks are positions within the stage's block.
  struct Operation {
    enum class Kind { Matrix, Diagonal, Multiplexed, CNOT, CZ, SWAP, PauliRotation } kind;
    // The target (Matrix, Diagonal); control and target (Multiplexed, CNOT); qubits (CZ, SWAP).
    int a = -1, b = -1;
    // Matrix: row-major 2x2 (Diagonal: m[0], m[3]); Multiplexed: that where the control is clear,
    // m[4..7] where it is set.
    Amplitude m[8] = {};
    std::uint64_t x = 0, z = 0;  // PauliRotation: exp(-i t P/2) with P's X and Z bits,
    double c = 0.0;              //   cos(t/2),
    Amplitude f;                 //   and -i sin(t/2) i^{popcount(x & z)}
  };
  struct Stage {
    std::vector<int> qubits;  // the block's qubits, ascending: bit k of a block index is qubits[k]
    std::vector<Operation> operations;
  };

 private:
  int n_qubits_ = 0;
  int block_qubits_ = 0;
  std::vector<Stage> stages_;
};

}  // namespace qmol
