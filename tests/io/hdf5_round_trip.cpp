#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <random>

#include "qmol/core/errors.h"
#include "qmol/io/hdf5_reader.h"
#include "qmol/io/hdf5_writer.h"
#include "support/temporary_directory.h"

BOOST_AUTO_TEST_SUITE(hdf5_round_trip)

namespace fs = std::filesystem;
using namespace qmol;

namespace {

// A scratch directory removed at the end of each test.
using TempDir = qmol::testing::TemporaryDirectory;

// Every field filled with distinct, non-round numbers, so a swapped or dropped value shows.
RunResult full_result() {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  auto vec = [&](int n) {
    std::vector<double> v(n);
    for (double& x : v) x = u(rng);
    return v;
  };
  RunResult r;
  r.name = "water";
  r.job_text = "[molecule]\ngeometry = \"h2o.xyz\"\n# unicode: Å\n";
  Molecule m;
  m.name = "h2o";
  m.atoms = {{8, {0.0, 0.1, 0.2}}, {1, {1.4, u(rng), 0.3}}, {1, {-1.4, u(rng), 0.3}}};
  r.molecule = m;
  r.basis = RunResult::BasisSummary{"sto-3g", 7, true};
  ScfResult s;
  s.reference = Reference::rohf;
  s.energy = -74.9629;
  s.electronic_energy = u(rng);
  s.nuclear_repulsion = u(rng);
  s.iterations = 11;
  s.n_alpha = 5;
  s.n_beta = 5;
  s.coefficients_alpha = Eigen::MatrixXd::Random(7, 7);
  s.coefficients_beta = Eigen::MatrixXd::Random(7, 7);
  s.orbital_energies_alpha = Eigen::VectorXd::Random(7);
  s.orbital_energies_beta = Eigen::VectorXd::Random(7);
  s.density_alpha = Eigen::MatrixXd::Random(7, 7);
  s.density_beta = Eigen::MatrixXd::Random(7, 7);
  s.homo_lumo_gap = u(rng);
  s.dipole_debye = Eigen::Vector3d(u(rng), u(rng), u(rng));
  s.s_squared = 0.75;
  s.energy_history = vec(11);
  s.error_history = vec(11);
  r.scf = s;
  ActiveSpaceInfo a;
  a.n_electrons = 4;
  a.n_orbitals = 3;
  a.frozen_core = 1;
  a.core_energy = u(rng);
  a.active_orbitals = {2, 3, 4};
  OrbitalSelection sel;
  sel.method = ActiveSpaceSelection::natural_orbitals;
  sel.orbitals = {2, 3, 4};
  sel.occupations = {u(rng), u(rng), u(rng)};
  sel.n_electrons = 4;
  sel.n_orbitals = 3;
  sel.note = "max_orbitals = 3 kept 3 of the 5 selected orbitals";
  a.selection = sel;
  a.mp2 = Mp2Energy{u(rng), u(rng), 1};
  r.active_space = a;
  const int n = 3;
  Eigen::MatrixXd h1 = Eigen::MatrixXd::Random(n, n);
  r.hamiltonian = MolecularHamiltonian(u(rng), h1, vec(n * n * n * n), 2, 2);
  RunResult::QubitSummary q;
  q.mapping = Mapping::bravyi_kitaev;
  q.two_qubit_reduction = true;
  q.n_qubits = 6;
  q.n_terms = 3;
  q.one_norm = u(rng);
  QubitOperator op(70);  // beyond 64 qubits: the second mask word must survive too
  op.add(PauliString{}, {u(rng), 0.0});
  op.add(PauliString::parse("X0 Y1 Z5"), {u(rng), 0.0});
  op.add(PauliString::parse("Z3 X66 Y69"), {u(rng), u(rng)});
  q.qubit_operator = op;
  r.qubit = q;
  ExactResult e;
  e.energy = u(rng);
  e.n_determinants = 9;
  e.iterations = 3;
  e.converged = true;
  e.method = "dense";
  e.ground_state = vec(9);
  r.exact = e;
  RunResult::VqeSummary v;
  v.ansatz = AnsatzKind::uccsd;
  v.engine = VqeEngineKind::determinant;
  v.optimizer = OptimizerMethod::lbfgs;
  v.n_qubits = 6;
  v.n_parameters = 2;
  v.parameter_labels = {"0->4", "0,1->4,5"};
  FermionicAnsatz f;
  f.kind = "uccsd";
  f.n_spin_orbitals = 6;
  f.reference = {0, 1, 2, 3};
  f.terms = {{{{0}, {4}}, 0, 0.5}, {{{0, 1}, {4, 5}}, 1, -1.25}};
  f.n_parameters = 2;
  f.parameter_labels = v.parameter_labels;
  v.fermionic_ansatz = f;
  Circuit c(6, 2);
  c.set_initial_state(std::vector<int>{0, 1, 2, 3});
  c.h(0);
  c.ry(1, Angle::of(0, 0.5));
  c.cnot(0, 1);
  c.rz(2, Angle::fixed(0.125));
  c.pauli_rotation(PauliString::parse("X0 Y1 Z2"), Angle{1, -2.0, 0.25});
  v.circuit = c;
  v.result.energy = u(rng);
  v.result.converged = true;
  v.result.iterations = 7;
  v.result.evaluations = 9;
  v.result.parameters = vec(2);
  v.result.history = vec(7);
  v.result.gradient_norms = vec(7);
  v.result.seconds = 0.5;
  v.result.message = "gradient norm below tolerance";
  r.vqe = v;
  ExcitedResult x;
  x.method = ExcitedMethod::ssvqe;
  x.spin_filter = ExactSpin::any;
  x.spin = 0.5;
  for (int k = 0; k < 3; ++k) {
    ExcitedState s;
    s.energy = u(rng);
    s.s_squared = u(rng);
    s.parameters = vec(2);
    s.max_overlap = u(rng);
    s.energy_spread = u(rng);
    s.converged = k != 1;
    s.iterations = 10 + k;
    x.states.push_back(s);
  }
  x.errors = vec(3);
  x.weights = vec(3);
  x.overlap_penalty = u(rng);
  x.spin_penalty = u(rng);
  x.sector_penalty = u(rng);
  x.warnings = {"state 1 did not converge"};
  x.seconds = 0.75;
  r.excited = x;
  r.seconds = {{"scf", 0.25}, {"vqe", 1.5}, {"exact", 0.125}};
  return r;
}

template <typename A>
void check_vector(const A& a, const A& b) {
  BOOST_CHECK_EQUAL_COLLECTIONS(a.begin(), a.end(), b.begin(), b.end());
}

void check_matrix(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  BOOST_REQUIRE_EQUAL(a.rows(), b.rows());
  BOOST_REQUIRE_EQUAL(a.cols(), b.cols());
  BOOST_CHECK(a == b);  // bit for bit
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_number_reads_back_equal) {
  TempDir dir;
  const RunResult w = full_result();
  write_hdf5(dir.file("run.h5"), w, false);
  const RunResult r = read_hdf5(dir.file("run.h5"));

  BOOST_CHECK_EQUAL(r.name, w.name);
  BOOST_CHECK_EQUAL(r.job_text, w.job_text);
  BOOST_REQUIRE(r.molecule);
  BOOST_CHECK_EQUAL(r.molecule->name, w.molecule->name);
  BOOST_CHECK_EQUAL(r.molecule->charge, w.molecule->charge);
  BOOST_CHECK_EQUAL(r.molecule->multiplicity, w.molecule->multiplicity);
  BOOST_REQUIRE_EQUAL(r.molecule->atoms.size(), w.molecule->atoms.size());
  for (std::size_t i = 0; i < w.molecule->atoms.size(); ++i) {
    BOOST_CHECK_EQUAL(r.molecule->atoms[i].atomic_number, w.molecule->atoms[i].atomic_number);
    BOOST_CHECK(r.molecule->atoms[i].position == w.molecule->atoms[i].position);
  }
  BOOST_REQUIRE(r.basis);
  BOOST_CHECK_EQUAL(r.basis->name, "sto-3g");
  BOOST_CHECK_EQUAL(r.basis->n_functions, 7);
  BOOST_CHECK(r.basis->spherical);

  BOOST_REQUIRE(r.scf);
  const ScfResult &a = *r.scf, &b = *w.scf;
  BOOST_CHECK(a.reference == b.reference);
  BOOST_CHECK_EQUAL(a.energy, b.energy);
  BOOST_CHECK_EQUAL(a.electronic_energy, b.electronic_energy);
  BOOST_CHECK_EQUAL(a.nuclear_repulsion, b.nuclear_repulsion);
  BOOST_CHECK_EQUAL(a.iterations, b.iterations);
  BOOST_CHECK_EQUAL(a.n_alpha, b.n_alpha);
  BOOST_CHECK_EQUAL(a.n_beta, b.n_beta);
  check_matrix(a.coefficients_alpha, b.coefficients_alpha);
  check_matrix(a.coefficients_beta, b.coefficients_beta);
  check_matrix(a.orbital_energies_alpha, b.orbital_energies_alpha);
  check_matrix(a.orbital_energies_beta, b.orbital_energies_beta);
  check_matrix(a.density_alpha, b.density_alpha);
  check_matrix(a.density_beta, b.density_beta);
  BOOST_CHECK_EQUAL(a.homo_lumo_gap, b.homo_lumo_gap);
  BOOST_CHECK(a.dipole_debye == b.dipole_debye);
  BOOST_CHECK_EQUAL(a.s_squared, b.s_squared);
  check_vector(a.energy_history, b.energy_history);
  check_vector(a.error_history, b.error_history);

  BOOST_REQUIRE(r.active_space);
  BOOST_CHECK_EQUAL(r.active_space->n_electrons, 4);
  BOOST_CHECK_EQUAL(r.active_space->n_orbitals, 3);
  BOOST_CHECK_EQUAL(r.active_space->frozen_core, 1);
  BOOST_CHECK_EQUAL(r.active_space->core_energy, w.active_space->core_energy);
  check_vector(r.active_space->active_orbitals, w.active_space->active_orbitals);
  BOOST_REQUIRE(r.active_space->selection);
  const OrbitalSelection& rs = *r.active_space->selection;
  const OrbitalSelection& ws = *w.active_space->selection;
  BOOST_CHECK(rs.method == ws.method);
  check_vector(rs.orbitals, ws.orbitals);
  check_vector(rs.occupations, ws.occupations);
  BOOST_CHECK(rs.overlaps.empty());
  BOOST_CHECK_EQUAL(rs.n_electrons, ws.n_electrons);
  BOOST_CHECK_EQUAL(rs.n_orbitals, ws.n_orbitals);
  BOOST_CHECK_EQUAL(rs.note, ws.note);
  BOOST_REQUIRE(r.active_space->mp2);
  BOOST_CHECK_EQUAL(r.active_space->mp2->energy, w.active_space->mp2->energy);
  BOOST_CHECK_EQUAL(r.active_space->mp2->correlation_energy,
                    w.active_space->mp2->correlation_energy);
  BOOST_CHECK_EQUAL(r.active_space->mp2->frozen_core, 1);

  BOOST_REQUIRE(r.hamiltonian);
  BOOST_CHECK_EQUAL(r.hamiltonian->core_energy(), w.hamiltonian->core_energy());
  BOOST_CHECK_EQUAL(r.hamiltonian->n_alpha(), 2);
  BOOST_CHECK_EQUAL(r.hamiltonian->n_beta(), 2);
  check_matrix(r.hamiltonian->one_body(), w.hamiltonian->one_body());
  check_vector(r.hamiltonian->two_body_data(), w.hamiltonian->two_body_data());

  BOOST_REQUIRE(r.qubit);
  BOOST_CHECK(r.qubit->mapping == Mapping::bravyi_kitaev);
  BOOST_CHECK(r.qubit->two_qubit_reduction);
  BOOST_CHECK_EQUAL(r.qubit->n_qubits, 6);
  BOOST_CHECK_EQUAL(r.qubit->n_terms, 3u);
  BOOST_CHECK_EQUAL(r.qubit->one_norm, w.qubit->one_norm);
  BOOST_REQUIRE(r.qubit->qubit_operator);
  BOOST_CHECK_EQUAL(r.qubit->qubit_operator->n_qubits(), 70);
  BOOST_REQUIRE_EQUAL(r.qubit->qubit_operator->size(), 3u);
  for (std::size_t t = 0; t < 3; ++t) {
    BOOST_CHECK(r.qubit->qubit_operator->terms()[t].first ==
                w.qubit->qubit_operator->terms()[t].first);
    BOOST_CHECK(r.qubit->qubit_operator->terms()[t].second ==
                w.qubit->qubit_operator->terms()[t].second);
  }

  BOOST_REQUIRE(r.exact);
  BOOST_CHECK_EQUAL(r.exact->energy, w.exact->energy);
  BOOST_CHECK_EQUAL(r.exact->n_determinants, w.exact->n_determinants);
  BOOST_CHECK_EQUAL(r.exact->iterations, w.exact->iterations);
  BOOST_CHECK_EQUAL(r.exact->converged, w.exact->converged);
  BOOST_CHECK_EQUAL(r.exact->method, w.exact->method);
  check_vector(r.exact->ground_state, w.exact->ground_state);

  BOOST_REQUIRE(r.vqe);
  const auto &v = *r.vqe, &x = *w.vqe;
  BOOST_CHECK(v.ansatz == x.ansatz);
  BOOST_CHECK(v.engine == x.engine);
  BOOST_CHECK(v.optimizer == x.optimizer);
  BOOST_CHECK_EQUAL(v.n_qubits, x.n_qubits);
  BOOST_CHECK_EQUAL(v.n_parameters, x.n_parameters);
  check_vector(v.parameter_labels, x.parameter_labels);
  BOOST_CHECK_EQUAL(v.result.energy, x.result.energy);
  BOOST_CHECK_EQUAL(v.result.converged, x.result.converged);
  BOOST_CHECK_EQUAL(v.result.iterations, x.result.iterations);
  BOOST_CHECK_EQUAL(v.result.evaluations, x.result.evaluations);
  check_vector(v.result.parameters, x.result.parameters);
  check_vector(v.result.history, x.result.history);
  check_vector(v.result.gradient_norms, x.result.gradient_norms);
  BOOST_CHECK_EQUAL(v.result.seconds, x.result.seconds);
  BOOST_CHECK_EQUAL(v.result.message, x.result.message);
  BOOST_REQUIRE(v.fermionic_ansatz);
  const FermionicAnsatz &f = *v.fermionic_ansatz, &g = *x.fermionic_ansatz;
  BOOST_CHECK_EQUAL(f.kind, g.kind);
  BOOST_CHECK_EQUAL(f.n_spin_orbitals, g.n_spin_orbitals);
  BOOST_CHECK_EQUAL(f.n_parameters, g.n_parameters);
  check_vector(f.reference, g.reference);
  check_vector(f.parameter_labels, g.parameter_labels);
  BOOST_REQUIRE_EQUAL(f.terms.size(), g.terms.size());
  for (std::size_t t = 0; t < f.terms.size(); ++t) {
    check_vector(f.terms[t].excitation.from, g.terms[t].excitation.from);
    check_vector(f.terms[t].excitation.to, g.terms[t].excitation.to);
    BOOST_CHECK_EQUAL(f.terms[t].parameter, g.terms[t].parameter);
    BOOST_CHECK_EQUAL(f.terms[t].coefficient, g.terms[t].coefficient);
  }
  BOOST_REQUIRE(v.circuit);
  const Circuit &c = *v.circuit, &d = *x.circuit;
  BOOST_CHECK_EQUAL(c.n_qubits(), d.n_qubits());
  BOOST_CHECK_EQUAL(c.n_parameters(), d.n_parameters());
  check_vector(c.initial_qubits(), d.initial_qubits());
  BOOST_REQUIRE_EQUAL(c.size(), d.size());
  for (std::size_t i = 0; i < c.size(); ++i) {
    const Gate &p = c.gates()[i], &q = d.gates()[i];
    BOOST_CHECK(p.kind == q.kind);
    BOOST_CHECK_EQUAL(p.qubits[0], q.qubits[0]);
    BOOST_CHECK_EQUAL(p.qubits[1], q.qubits[1]);
    BOOST_CHECK_EQUAL(p.angle.parameter, q.angle.parameter);
    BOOST_CHECK_EQUAL(p.angle.coefficient, q.angle.coefficient);
    BOOST_CHECK_EQUAL(p.angle.offset, q.angle.offset);
    BOOST_CHECK(p.pauli == q.pauli);
  }
  BOOST_CHECK(r.seconds == w.seconds);

  BOOST_REQUIRE(r.excited);
  const ExcitedResult &xr = *r.excited, &xw = *w.excited;
  BOOST_CHECK(xr.method == xw.method);
  BOOST_CHECK(xr.spin_filter == xw.spin_filter);
  BOOST_CHECK_EQUAL(xr.spin, xw.spin);
  BOOST_REQUIRE_EQUAL(xr.states.size(), xw.states.size());
  for (std::size_t k = 0; k < xr.states.size(); ++k) {
    BOOST_CHECK_EQUAL(xr.states[k].energy, xw.states[k].energy);
    BOOST_CHECK_EQUAL(xr.states[k].s_squared, xw.states[k].s_squared);
    check_vector(xr.states[k].parameters, xw.states[k].parameters);
    BOOST_CHECK_EQUAL(xr.states[k].max_overlap, xw.states[k].max_overlap);
    BOOST_CHECK_EQUAL(xr.states[k].energy_spread, xw.states[k].energy_spread);
    BOOST_CHECK_EQUAL(xr.states[k].converged, xw.states[k].converged);
    BOOST_CHECK_EQUAL(xr.states[k].iterations, xw.states[k].iterations);
  }
  check_vector(xr.excitation_energies_ev(), xw.excitation_energies_ev());
  check_vector(xr.errors, xw.errors);
  check_vector(xr.weights, xw.weights);
  BOOST_CHECK_EQUAL(xr.overlap_penalty, xw.overlap_penalty);
  BOOST_CHECK_EQUAL(xr.spin_penalty, xw.spin_penalty);
  BOOST_CHECK_EQUAL(xr.sector_penalty, xw.sector_penalty);
  check_vector(xr.warnings, xw.warnings);
  BOOST_CHECK_EQUAL(xr.seconds, xw.seconds);

  const auto meta = read_hdf5_metadata(dir.file("run.h5"));
  BOOST_CHECK_EQUAL(meta.at("format"), "qmol-results");
  BOOST_CHECK(!meta.at("qmol_version").empty());
  BOOST_CHECK(!meta.at("git_commit").empty());
  BOOST_CHECK_EQUAL(meta.at("created").size(), 20u);  // 2024-01-02T03:04:05Z
}

BOOST_AUTO_TEST_CASE(a_partial_result_reads_back_partial) {
  TempDir dir;
  RunResult w;
  w.name = "scf only";
  w.job_text = "";
  write_hdf5(dir.file("partial.h5"), w, false);
  const RunResult r = read_hdf5(dir.file("partial.h5"));
  BOOST_CHECK_EQUAL(r.name, "scf only");
  BOOST_CHECK(!r.molecule && !r.scf && !r.hamiltonian && !r.qubit && !r.vqe && !r.exact &&
              !r.excited);
}

BOOST_AUTO_TEST_CASE(existing_file_needs_force_and_no_temporary_is_left) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  write_hdf5(path, full_result(), false);
  try {
    write_hdf5(path, RunResult{}, false);
    BOOST_FAIL("an existing file was overwritten without force");
  } catch (const InputError& e) {
    BOOST_CHECK(std::string(e.what()).find("--force") != std::string::npos);
  }
  BOOST_CHECK(read_hdf5(path).vqe.has_value());  // untouched
  write_hdf5(path, RunResult{}, true);
  BOOST_CHECK(!read_hdf5(path).vqe.has_value());
  for (const auto& e : fs::directory_iterator(dir.path()))
    BOOST_CHECK_MESSAGE(e.path().filename() == "run.h5", "left behind: " << e.path());
}

BOOST_AUTO_TEST_CASE(an_abandoned_writer_leaves_no_file) {
  TempDir dir;
  const std::string path = dir.file("never.h5");
  {
    Hdf5Writer writer(path, false);
    writer.write_run("/", full_result());
    // No commit(): as if the process failed part way.
  }
  BOOST_CHECK(!fs::exists(path));
  BOOST_CHECK(fs::is_empty(dir.path()));
}

BOOST_AUTO_TEST_CASE(groups_and_tables) {
  TempDir dir;
  const std::string path = dir.file("scan.h5");
  Hdf5Writer writer(path, false);
  writer.write_run("points/000", full_result());
  writer.write_run("points/001", RunResult{});
  writer.write_table("summary", {{"energy", "hartree", std::vector<double>{-1.0, -1.1}},
                                 {"n", "1", std::vector<long long>{3, 4}},
                                 {"status", "1", std::vector<std::string>{"ok", "failed"}}});
  writer.commit();
  BOOST_CHECK(read_hdf5(path, "points/000").vqe.has_value());
  BOOST_CHECK(!read_hdf5(path, "points/001").vqe.has_value());
  BOOST_CHECK_THROW(read_hdf5(path, "points/002"), IoError);
  BOOST_CHECK_THROW(read_hdf5(dir.file("missing.h5")), IoError);
}

BOOST_AUTO_TEST_SUITE_END()
