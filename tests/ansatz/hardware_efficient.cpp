// Hardware-efficient circuits: options checking, gate layout and parameter layout.
#include "qmol/ansatz/hardware_efficient.h"

#include <boost/test/unit_test.hpp>

#include "qmol/core/errors.h"

BOOST_AUTO_TEST_SUITE(hardware_efficient)

namespace {

using namespace qmol;

std::string bad_field(const HardwareEfficientOptions& options) {
  try {
    options.check();
  } catch (const InputError& e) {
    return e.where().field;
  }
  return "";
}

int count(const Circuit& c, GateKind kind) {
  int n = 0;
  for (const Gate& g : c.gates()) n += g.kind == kind;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(options_check_names_the_field) {
  HardwareEfficientOptions o;
  BOOST_CHECK_NO_THROW(o.check());
  o.layers = -1;
  BOOST_CHECK_EQUAL(bad_field(o), "ansatz.layers");
  o = {};
  o.rotations = {};
  BOOST_CHECK_EQUAL(bad_field(o), "ansatz.rotations");
  o.rotations = {Rotation::rz, Rotation::rz};
  BOOST_CHECK_EQUAL(bad_field(o), "ansatz.rotations");
  // Unknown spellings are refused when a job names them (from_string), quoting the choices.
  BOOST_CHECK(from_string<Entangler>("CZ") == Entangler::cz);
  BOOST_CHECK_THROW(from_string<Entangler>("iswap"), InputError);
  try {
    from_string<EntanglerPattern>("star");
    BOOST_FAIL("star accepted");
  } catch (const InputError& e) {
    BOOST_CHECK(std::string(e.what()).find("\"star\" (expected linear, ring or full)") !=
                std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(layout) {
  HardwareEfficientOptions o;
  o.layers = 3;
  o.rotations = {Rotation::rz, Rotation::ry};
  o.entangler = Entangler::cnot;
  o.pattern = EntanglerPattern::ring;
  const Circuit c = qmol::hardware_efficient(5, o, {0, 1});
  BOOST_CHECK_EQUAL(c.n_qubits(), 5);
  BOOST_CHECK_EQUAL(c.n_parameters(), (3 + 1) * 2 * 5);
  BOOST_CHECK_EQUAL(c.initial_mask(), 0b11u);
  BOOST_CHECK_EQUAL(count(c, GateKind::CNOT), 3 * 5);
  BOOST_CHECK_EQUAL(count(c, GateKind::RZ), 4 * 5);
  // Parameter (l * R + r) * n + q: layer 1, rotation "ry" (r = 1), qubit 3 -> 18.
  int seen = 0;
  for (const Gate& g : c.gates()) {
    if (g.is_parametrised() && g.angle.parameter == 18) {
      BOOST_CHECK(g.kind == GateKind::RY);
      BOOST_CHECK_EQUAL(g.qubits[0], 3);
      ++seen;
    }
  }
  BOOST_CHECK_EQUAL(seen, 1);
  // The ring closes with (n-1, 0); the last gates are the final rotation layer.
  BOOST_CHECK(c.gates().back().kind == GateKind::RY);
  o.pattern = EntanglerPattern::full;
  o.entangler = Entangler::cz;
  BOOST_CHECK_EQUAL(count(qmol::hardware_efficient(5, o, {}), GateKind::CZ), 3 * 10);
  o.pattern = EntanglerPattern::linear;
  BOOST_CHECK_EQUAL(count(qmol::hardware_efficient(5, o, {}), GateKind::CZ), 3 * 4);
}

BOOST_AUTO_TEST_CASE(initial_parameters_are_small_and_reproducible) {
  const std::vector<double> a = hardware_efficient_initial_parameters(24, 3);
  BOOST_CHECK(a == hardware_efficient_initial_parameters(24, 3));
  BOOST_CHECK(a != hardware_efficient_initial_parameters(24, 4));
  for (double t : a) BOOST_CHECK(std::abs(t) <= 0.1);
}

BOOST_AUTO_TEST_SUITE_END()
