// Under ThreadSanitizer (scripts/test): a screening run. Its workers are processes (fork), one per
// molecule, so they share no memory; what TSan sees is the parent's loop and, in every worker,
// the whole threaded pipeline (integrals, SCF, exact, VQE). A report in a worker ends that
// worker (halt_on_error), which the summary shows as a failed molecule.

#include "qmol/workflow/screen.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "qmol/io/csv.h"
#include "support/temporary_directory.h"
#include "support/test_paths.h"

BOOST_AUTO_TEST_SUITE(screen)

using namespace qmol;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_CASE(two_workers_screen_three_molecules) {
  const testing::TemporaryDirectory tmp("qmol-tsan-screen");
  const fs::path& dir = tmp.path();
  const std::string settings =
      tmp.write("settings.toml",
                "[molecule]\nbasis = \"sto-3g\"\n[active_space]\nfrozen_core = true\n"
                "[ansatz]\nkind = \"uccsd\"\n[exact]\nenabled = true\n");
  const std::string molecules = testing::molecules_dir();
  ScreenSettings s;
  s.jobs = 2;
  const int status =
      run_screen({molecules + "/h2.xyz", molecules + "/lih.xyz", molecules + "/hf.xyz"}, settings,
                 (dir / "out").string(), s);
  const CsvTable summary = read_csv((dir / "out" / "summary.csv").string());
  BOOST_REQUIRE_EQUAL(summary.rows.size(), 3u);
  for (const auto& row : summary.rows)
    BOOST_CHECK_MESSAGE(row[summary.column("status")] == "ok",
                        row[0] << ": " << row[summary.column("message")]);
  BOOST_CHECK_EQUAL(status, 0);
}

BOOST_AUTO_TEST_SUITE_END()
