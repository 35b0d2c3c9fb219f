// The single translation unit that holds Boost.Test's runner (header-only form: no link flags).
#define BOOST_TEST_MODULE qmol
#include <boost/test/included/unit_test.hpp>
