#include "qmol/workflow/screen.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "qmol/core/errors.h"
#include "qmol/io/csv.h"
#include "qmol/io/hdf5_reader.h"
#include "support/temporary_directory.h"

BOOST_AUTO_TEST_SUITE(screen)

namespace fs = std::filesystem;
using namespace qmol;

namespace {

using TempDir = qmol::testing::TemporaryDirectory;

const char* kH2 = "2\nH2\nH 0 0 0\nH 0 0 0.735\n";

}  // namespace

BOOST_AUTO_TEST_CASE(csv_quoting_round_trips) {
  const std::vector<std::string> fields = {"plain", "with,comma", "with \"quotes\"", "two\nlines",
                                           ""};
  const CsvTable t = parse_csv(csv_line({"a", "b", "c", "d", "e"}) + csv_line(fields), "t.csv");
  BOOST_REQUIRE_EQUAL(t.rows.size(), 1u);
  BOOST_CHECK_EQUAL_COLLECTIONS(t.rows[0].begin(), t.rows[0].end(), fields.begin(), fields.end());
  BOOST_CHECK_EQUAL(t.column("C"), 2);
  BOOST_CHECK_THROW(parse_csv("a,b\n1,2,3\n", "t.csv"), InputError);
  BOOST_CHECK_THROW(parse_csv("a,b\n\"open,2\n", "t.csv"), InputError);
}

BOOST_AUTO_TEST_CASE(inputs_expand_from_files_directories_and_csv) {
  TempDir dir;
  dir.write("lib/b.xyz", kH2);
  dir.write("lib/a.xyz", kH2);
  dir.write("lib/notes.txt", "not a molecule");
  dir.write("list.csv", "file,charge,multiplicity,name\nlib/a.xyz,1,2,h2plus\nlib/a.xyz,x,,\n");
  const auto inputs =
      expand_screen_inputs({(dir.path() / "lib").string(), (dir.path() / "list.csv").string(),
                            (dir.path() / "lib/a.xyz").string()});
  BOOST_REQUIRE_EQUAL(inputs.size(), 5u);
  BOOST_CHECK_EQUAL(inputs[0].name, "a");
  BOOST_CHECK_EQUAL(inputs[1].name, "b");
  BOOST_CHECK_EQUAL(inputs[2].name, "h2plus");
  BOOST_CHECK_EQUAL(inputs[2].charge.value(), 1);
  BOOST_CHECK_EQUAL(inputs[2].multiplicity.value(), 2);
  BOOST_CHECK_EQUAL(inputs[3].name, "a-2");  // names stay unique
  BOOST_CHECK(inputs[3].error.find("charge 'x'") != std::string::npos);
  BOOST_CHECK_EQUAL(inputs[4].name, "a-3");
}

BOOST_AUTO_TEST_CASE(broken_inputs_fail_alone_and_a_rerun_skips_finished_work) {
  TempDir dir;
  const std::string settings = dir.write(
      "settings.toml",
      "[molecule]\nbasis = \"sto-3g\"\n[ansatz]\nkind = \"uccsd\"\n[exact]\nenabled = true\n");
  const std::string good = dir.write("h2.xyz", kH2);
  const std::string broken = dir.write("broken.xyz", "2\nbad\nH 0 0 0\nXx 0 0 1\n");
  const std::string missing = (dir.path() / "missing.xyz").string();
  const std::string out = (dir.path() / "out").string();
  ScreenSettings s;
  s.jobs = 2;
  BOOST_CHECK_EQUAL(run_screen({good, broken, missing}, settings, out, s), 1);
  const CsvTable summary = read_csv(out + "/summary.csv");
  BOOST_REQUIRE_EQUAL(summary.rows.size(), 3u);
  const int status = summary.column("status"), message = summary.column("message");
  BOOST_CHECK_EQUAL(summary.rows[0][status], "ok");
  BOOST_CHECK_EQUAL(summary.rows[1][status], "failed");
  BOOST_CHECK(summary.rows[1][message].find("Xx") != std::string::npos);
  BOOST_CHECK_EQUAL(summary.rows[2][status], "failed");
  BOOST_CHECK(summary.rows[2][message].find("no such file") != std::string::npos);
  BOOST_CHECK(read_hdf5(out + "/h2.h5").vqe.has_value());

  // A second run does nothing new: the h2 file is not rewritten.
  const auto stamp = fs::last_write_time(out + "/h2.h5");
  BOOST_CHECK_EQUAL(run_screen({good, broken, missing}, settings, out, s), 1);
  BOOST_CHECK(fs::last_write_time(out + "/h2.h5") == stamp);
  BOOST_CHECK_EQUAL(read_csv(out + "/summary.csv").rows.size(), 3u);
}

BOOST_AUTO_TEST_SUITE_END()
