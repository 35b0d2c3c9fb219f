// The stress test: hundreds of small `qmol run` jobs (integrals, SCF, active space, exact
// diagonalization) one after another in one process, every threaded kernel on 2 threads
// (OMP_NUM_THREADS=2 from ctest). A race in any of them shows as a crash, a failed SCF or an
// energy that is off the smooth curve or differs between identical runs.

#include <fmt/format.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "qmol/workflow/job.h"
#include "qmol/workflow/run.h"

BOOST_AUTO_TEST_SUITE(scf_exact_jobs)

using namespace qmol;

namespace {

// A system whose bonds are scaled by `stretch` (1 = the equilibrium geometry given).
struct System {
  const char* name;
  std::string (*atoms)(double stretch);
  const char* settings;  // the job file after [molecule]'s atoms
  int geometries;
};

std::string water(double s) {
  return fmt::format("O 0 0 0\nH {:.8f} 0 0\nH {:.8f} {:.8f} 0\n", 0.9578 * s, -0.2395 * s,
                     0.9274 * s);
}
std::string hydrogen(double s) {
  return fmt::format("H 0 0 0\nH 0 0 {:.8f}\n", 0.735 * s);
}
std::string lithium_hydride(double s) {
  return fmt::format("Li 0 0 0\nH 0 0 {:.8f}\n", 1.595 * s);
}

const std::vector<System> kSystems = {
    {"H2O+ ROHF/STO-3G, exact", water,
     "charge = 1\nmultiplicity = 2\nbasis = \"sto-3g\"\n[scf]\nreference = \"rohf\"\n"
     "[exact]\nenabled = true\n",
     80},
    {"H2 RHF/6-31G, exact", hydrogen, "basis = \"6-31g\"\n[exact]\nenabled = true\n", 60},
    {"LiH RHF/STO-3G, exact", lithium_hydride, "basis = \"sto-3g\"\n[exact]\nenabled = true\n", 50},
    {"H2O RHF/cc-pVDZ, CASCI(4,4)", water,
     "basis = \"cc-pvdz\"\n[active_space]\nelectrons = 4\norbitals = 4\n[exact]\nenabled = true\n",
     20},
};

struct Energies {
  double scf = 0.0;
  double exact = 0.0;
};

Energies run(const System& system, double stretch) {
  const std::string text = fmt::format("[molecule]\natoms = \"\"\"\n{}\"\"\"\n{}",
                                       system.atoms(stretch), system.settings);
  const RunResult r = run_job(parse_job(text, "stress.toml"), RunOptions{});
  BOOST_REQUIRE(r.scf && r.exact);  // a non-converged SCF throws, failing the test
  return {r.scf->energy, r.exact->energy};
}

}  // namespace

BOOST_AUTO_TEST_CASE(hundreds_of_jobs_on_two_threads) {
  const auto start = std::chrono::steady_clock::now();
  int jobs = 0;
  for (const System& system : kSystems) {
    std::vector<Energies> curve;
    for (int k = 0; k < system.geometries; ++k) {
      // Bonds from 0.97 to 1.03 of equilibrium: the energies change by a few mEh at most.
      const double stretch = 0.97 + 0.06 * k / (system.geometries - 1);
      curve.push_back(run(system, stretch));
      ++jobs;
      const Energies& e = curve.back();
      BOOST_CHECK_MESSAGE(e.exact <= e.scf + 1e-10, system.name << ": exact above SCF");
      if (k > 0) {
        // Neighbouring geometries differ by < 0.1 %: a wrong integral or Fock matrix would
        // jump off the curve.
        BOOST_CHECK_SMALL(e.scf - curve[k - 1].scf, 5e-3);
        BOOST_CHECK_SMALL(e.exact - curve[k - 1].exact, 5e-3);
      }
    }
    // The same job again gives the same bits (the threaded sums are in a fixed order).
    const Energies again = run(system, 0.97);
    ++jobs;
    BOOST_CHECK_EQUAL(again.scf, curve.front().scf);
    BOOST_CHECK_EQUAL(again.exact, curve.front().exact);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST_MESSAGE(fmt::format("{} jobs in {:.1f} s", jobs, seconds));
  BOOST_CHECK_GE(jobs, 200);
}

BOOST_AUTO_TEST_SUITE_END()
