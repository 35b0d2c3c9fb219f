#include "qmol/workflow/resume.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "qmol/core/errors.h"
#include "support/temporary_directory.h"

BOOST_AUTO_TEST_SUITE(resume)

namespace fs = std::filesystem;
using namespace qmol;
using nlohmann::json;

namespace {

using TempDir = qmol::testing::TemporaryDirectory;

ResumableDirectory open_scan(const TempDir& d, const std::string& key, bool force = false) {
  return ResumableDirectory::open(d.str(), "scan", key, "job", {"scan.csv"}, force);
}

}  // namespace

BOOST_AUTO_TEST_CASE(fingerprints_separate_their_parts) {
  BOOST_CHECK_EQUAL(fingerprint({"ab", "c"}), fingerprint({"ab", "c"}));
  BOOST_CHECK_NE(fingerprint({"ab", "c"}), fingerprint({"a", "bc"}));
  BOOST_CHECK_EQUAL(fingerprint({"x"}).size(), 16u);
}

BOOST_AUTO_TEST_CASE(the_same_key_resumes_another_key_needs_force) {
  TempDir d;
  {
    const ResumableDirectory dir = open_scan(d, "job-a");
    d.write("points/000.h5", "result");
    dir.write_record("000", json{{"key", "k0"}, {"status", "ok"}, {"result", "points/000.h5"}});
    dir.write_record("001", json{{"key", "k1"}, {"status", "failed"}});
    dir.write_record("002", json{{"key", "k2"}, {"status", "ok"}, {"result", "points/002.h5"}});
    dir.write_record("003", json{{"key", "k3"}, {"status", "failed"}, {"retry", true}});
    d.write("scan.csv", "point\n0\n");
    d.write("scan.csv.tmp-999999999", "left by a killed process");
  }
  const ResumableDirectory dir = open_scan(d, "job-a");
  BOOST_CHECK(!fs::exists(d.path() / "scan.csv.tmp-999999999"));  // pid gone: removed
  BOOST_CHECK(dir.finished(dir.record("000"), "k0"));
  BOOST_CHECK(!dir.finished(dir.record("000"), "other inputs"));
  BOOST_CHECK(dir.finished(dir.record("001"), "k1"));   // a failure is final...
  BOOST_CHECK(!dir.finished(dir.record("003"), "k3"));  // ...unless the worker died
  BOOST_CHECK(!dir.finished(dir.record("002"), "k2"));  // its result file is missing
  BOOST_CHECK(!dir.finished(dir.record("004"), "k4"));

  std::string message;
  try {
    open_scan(d, "job-b");
  } catch (const InputError& e) {
    message = e.what();
  }
  BOOST_CHECK(message.find("another job") != std::string::npos);
  BOOST_CHECK(message.find("--force") != std::string::npos);
  BOOST_CHECK_THROW(ResumableDirectory::open(d.str(), "screen", "job-a", "settings", {}, false),
                    InputError);
  BOOST_CHECK(fs::exists(d.path() / "scan.csv"));  // refusals delete nothing

  // --force: the previous run's records, results and summaries go; other files stay.
  d.write("notes.txt", "the user's");
  const ResumableDirectory forced = open_scan(d, "job-b", true);
  BOOST_CHECK(!forced.record("000"));
  BOOST_CHECK(!fs::exists(d.path() / "points/000.h5"));
  BOOST_CHECK(!fs::exists(d.path() / "scan.csv"));
  BOOST_CHECK(fs::exists(d.path() / "notes.txt"));
  BOOST_CHECK_NO_THROW(open_scan(d, "job-b"));
}

BOOST_AUTO_TEST_CASE(results_without_a_manifest_need_force) {
  TempDir d;
  d.write("scan.csv", "from an older qmol\n");
  BOOST_CHECK_THROW(open_scan(d, "job"), InputError);
  BOOST_CHECK_NO_THROW(open_scan(d, "job", true));
  BOOST_CHECK(!fs::exists(d.path() / "scan.csv"));
  // Unrelated files are no previous run.
  TempDir other("qmol-resume-other");
  other.write("README", "x");
  BOOST_CHECK_NO_THROW(open_scan(other, "job"));
}

BOOST_AUTO_TEST_SUITE_END()
