// Job parsing: typed settings from the TOML text, and the rules between keys placed at the line
// of the offending key.
#include <boost/test/unit_test.hpp>
#include <string>

#include "qmol/core/errors.h"
#include "qmol/workflow/job.h"

BOOST_AUTO_TEST_SUITE(job_parsing)

using namespace qmol;

namespace {

const std::string kH2 = "[molecule]\natoms = \"\"\"\nH 0 0 0\nH 0 0 0.74\n\"\"\"\n";  // 5 lines

Job parse(const std::string& body) {
  return parse_job(kH2 + body, "job.toml");
}

// The error of parsing `body`, which must fail.
InputError error_of(const std::string& body) {
  try {
    parse(body);
  } catch (const InputError& e) {
    return e;
  }
  BOOST_FAIL("accepted: " << body);
  throw;
}

bool says(const InputError& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

template <NamedEnum E>
void check_names_round_trip() {
  for (const auto& [value, name] : EnumNames<E>::names) {
    BOOST_TEST(to_string(value) == std::string(name));
    BOOST_TEST((from_string<E>(name) == value));
  }
  BOOST_CHECK_THROW(from_string<E>("no-such-name"), InputError);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_named_enum_round_trips) {
  check_names_round_trip<Mapping>();
  check_names_round_trip<Reference>();
  check_names_round_trip<ScfGuess>();
  check_names_round_trip<Stability>();
  check_names_round_trip<ExactSpin>();
  check_names_round_trip<AnsatzKind>();
  check_names_round_trip<ParameterStart>();
  check_names_round_trip<Rotation>();
  check_names_round_trip<Entangler>();
  check_names_round_trip<EntanglerPattern>();
  check_names_round_trip<OptimizerMethod>();
  check_names_round_trip<VqeEngineKind>();
  check_names_round_trip<GradientMethod>();
  BOOST_TEST((from_string<AnsatzKind>("Singlet-UCCSD") == AnsatzKind::singlet_uccsd));
  BOOST_TEST(enum_choices<GradientMethod>() == "adjoint or parameter-shift");
}

BOOST_AUTO_TEST_CASE(defaults_and_typed_values) {
  const Job plain = parse("");
  BOOST_TEST(!plain.ansatz.has_value());
  BOOST_TEST(!plain.exact_enabled);
  BOOST_TEST((plain.vqe.engine == VqeEngineKind::automatic));
  BOOST_TEST((plain.optimizer.method == OptimizerMethod::lbfgs));
  BOOST_TEST((plain.hamiltonian.mapping == Mapping::jordan_wigner));

  const Job job = parse(
      "[ansatz]\nkind = \"hardware-efficient\"\nlayers = 2\nrotations = [\"RY\", \"rz\"]\n"
      "entangler = \"cz\"\npattern = \"ring\"\ninitial = \"zeros\"\n"
      "[vqe]\nengine = \"statevector\"\ngradient = \"parameter-shift\"\n"
      "[optimizer]\nmethod = \"nelder-mead\"\n[hamiltonian]\nmapping = \"parity\"\n"
      "two_qubit_reduction = true\n[exact]\n");
  BOOST_REQUIRE(job.ansatz.has_value());
  const AnsatzOptions& a = *job.ansatz;
  BOOST_TEST((a.kind == AnsatzKind::hardware_efficient));
  BOOST_TEST(a.hardware_efficient.layers == 2);
  BOOST_TEST((a.hardware_efficient.rotations == std::vector<Rotation>{Rotation::ry, Rotation::rz}));
  BOOST_TEST((a.hardware_efficient.entangler == Entangler::cz));
  BOOST_TEST((a.hardware_efficient.pattern == EntanglerPattern::ring));
  BOOST_TEST((a.initial == ParameterStart::zeros));
  BOOST_TEST((job.vqe.gradient == GradientMethod::parameter_shift));
  BOOST_TEST((job.optimizer.method == OptimizerMethod::nelder_mead));
  BOOST_TEST(job.exact_enabled);  // an empty [exact] turns the reference on
  const VqeSpec spec = job.vqe_spec();
  BOOST_TEST((spec.mapping == Mapping::parity));
  BOOST_TEST(spec.two_qubit_reduction);
  // Keys remember their line (5 lines of molecule, then [ansatz] on line 6).
  BOOST_TEST(job.where("ansatz.kind").line == 7);
  BOOST_TEST(job.where("optimizer.method").line == 17);
  BOOST_TEST(job.where("scf.reference").line == 0);
}

BOOST_AUTO_TEST_CASE(a_template_sets_keys_the_job_can_override) {
  const Job job = parse("[ansatz]\ntemplate = \"kupccgsd-2\"\ninitial = \"random\"\n");
  BOOST_REQUIRE(job.ansatz.has_value());
  BOOST_TEST((job.ansatz->kind == AnsatzKind::kupccgsd));
  BOOST_TEST(job.ansatz->k == 2);
  BOOST_TEST((job.ansatz->initial == ParameterStart::random));
  BOOST_TEST(job.ansatz->template_name == "kupccgsd-2");
}

BOOST_AUTO_TEST_CASE(rules_between_keys_name_the_line) {
  struct Case {
    std::string body;
    int line;
    std::string field;
    std::string text;
  };
  const Case cases[] = {
      {"[ansatz]\nkind = \"hardware-efficient\"\n[vqe]\nengine = \"determinant\"\n", 9,
       "vqe.engine", "determinant engine"},
      {"[ansatz]\nkind = \"uccsd\"\n[vqe]\nengine = \"determinant\"\ngradient = "
       "\"parameter-shift\"\n",
       10, "vqe.gradient", "parameter-shift"},
      {"[ansatz]\nkind = \"singlet-uccsd\"\nlayers = 2\n", 8, "ansatz.layers",
       "applies to kind = \"hardware-efficient\""},
      {"[ansatz]\nkind = \"hardware-efficient\"\ninitial = \"mp2\"\n", 8, "ansatz.initial", "mp2"},
      {"[hamiltonian]\ntwo_qubit_reduction = true\n", 7, "hamiltonian.two_qubit_reduction",
       "parity"},
      {"[scf]\nreference = \"uhf\"\n[active_space]\norbitals = 2\nelectrons = 2\n", 7,
       "scf.reference", "RHF or ROHF"},
      {"[scan]\nangle = [0, 1, 5]\nfrom = 90\nto = 100\npoints = 2\n", 7, "scan.angle",
       "names atom"},
      {"[optimizer]\nmax_iterations = 5\n", 7, "optimizer.max_iterations", "[ansatz]"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.body) {
      const InputError e = error_of(c.body);
      BOOST_TEST(e.where().file == "job.toml");
      BOOST_TEST(e.where().line == c.line);
      BOOST_TEST(e.where().field == c.field);
      BOOST_TEST(says(e, c.text), e.what());
    }
  }
  // A singlet-only reference for a triplet.
  try {
    parse_job(
        "[molecule]\natoms = \"O 0 0 0\\nO 0 0 1.2\"\nmultiplicity = 3\n[scf]\n"
        "reference = \"rhf\"\n",
        "o2.toml");
    BOOST_FAIL("rhf accepted for a triplet");
  } catch (const InputError& e) {
    BOOST_TEST(e.where().line == 5);
    BOOST_TEST(says(e, "multiplicity 3"));
  }
}

BOOST_AUTO_TEST_CASE(the_right_combinations_pass) {
  BOOST_CHECK_NO_THROW(parse("[ansatz]\nkind = \"uccsd\"\ninitial = \"mp2\"\n"));
  BOOST_CHECK_NO_THROW(parse("[ansatz]\nkind = \"kupccgsd\"\nk = 3\n"));
  BOOST_CHECK_NO_THROW(
      parse("[ansatz]\nkind = \"uccsd\"\n[vqe]\ngradient = \"parameter-shift\"\n"));
  BOOST_CHECK_NO_THROW(parse("[hamiltonian]\nmapping = \"parity\"\ntwo_qubit_reduction = true\n"));
  BOOST_CHECK_NO_THROW(parse("[scf]\nreference = \"uhf\"\n"));  // SCF alone
}

BOOST_AUTO_TEST_SUITE_END()
