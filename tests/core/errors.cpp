// The one-line form of qmol errors and the location QMOL_ASSERT records.
#include "qmol/core/errors.h"

#include <boost/test/unit_test.hpp>
#include <string>

BOOST_AUTO_TEST_SUITE(errors)

using namespace qmol;

BOOST_AUTO_TEST_CASE(describe_prefixes_file_and_line) {
  BOOST_CHECK_EQUAL(InputError("bad key", Location{"job.toml", 7, "scf.guess"}).describe(),
                    "job.toml:7: bad key");
  BOOST_CHECK_EQUAL(IoError("cannot write", Location{"out.h5", 0, ""}).describe(),
                    "out.h5: cannot write");
  BOOST_CHECK_EQUAL(NumericalError("NaN").describe(), "NaN");
  const InputError e("x", Location{"a.xyz", 3, "atoms"});
  BOOST_CHECK_EQUAL(e.what(), std::string("x"));
  BOOST_CHECK_EQUAL(e.where().field, "atoms");
}

BOOST_AUTO_TEST_CASE(error_kinds) {
  // A resource refusal is bad input (exit 2); an internal error is not.
  BOOST_CHECK_THROW(throw ResourceError("too big"), InputError);
  try {
    throw InternalError("bug");
  } catch (const InputError&) {
    BOOST_FAIL("InternalError caught as InputError");
  } catch (const Error& e) {
    BOOST_CHECK_EQUAL(e.what(), std::string("bug"));
  }
}

BOOST_AUTO_TEST_CASE(assert_records_its_file_and_line) {
  int evaluations = 0;
  auto message = [&] {
    ++evaluations;
    return std::string("two is not three");
  };
  QMOL_ASSERT(1 + 1 == 2, message());
  BOOST_CHECK_EQUAL(evaluations, 0);  // the message is built only on failure
  int line = 0;
  try {
    line = __LINE__ + 1;
    QMOL_ASSERT(1 + 1 == 3, message());
    BOOST_FAIL("QMOL_ASSERT did not throw");
  } catch (const InternalError& e) {
    BOOST_CHECK_EQUAL(evaluations, 1);
    BOOST_CHECK_EQUAL(e.where().file, "tests/core/errors.cpp");
    BOOST_CHECK_EQUAL(e.where().line, line);
    BOOST_CHECK_EQUAL(e.describe(), "tests/core/errors.cpp:" + std::to_string(line) +
                                        ": internal error: two is not three (1 + 1 == 3 is false)");
  }
}

BOOST_AUTO_TEST_SUITE_END()
