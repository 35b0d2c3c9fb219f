#pragma once
// The rules of a job that involve several keys, and its size against the memory limit: all
// checked before any integral is computed, each error naming the file and line of a key.

#include <string>

#include "qmol/active_space/active_space.h"
#include "qmol/workflow/job.h"

namespace qmol {

// The rules between keys (parse_job runs this; so does anything that changes a parsed job, such
// as a geometry given on the command line). InputError at the offending key.
void validate_job(const Job& job);

// The active space the job will build from a basis of n_basis_functions (its window checked
// against the basis, before integrals). Requires a molecule.
ActiveSpaceInfo planned_active_space(const Job& job, int n_basis_functions);

// [orbital_optimization] needs rotations between the inactive (doubly occupied, not frozen
// core), active and virtual orbitals: InputError at the section when there are none.
void check_orbital_rotations(const Job& job, int n_inactive, int n_active, int n_virtual);

// ResourceError when `estimate` bytes exceed `limit`, naming `what` and the `smaller` problem
// that would fit.
void check_memory(double estimate, double limit, const std::string& what,
                  const std::string& job_path,
                  const std::string& smaller = "a smaller active space");

// Memory of the storage the SCF needs for n_basis_functions (the two-electron integrals).
void check_scf_memory(const Job& job, int n_basis_functions, double limit);

// Memory of the exact solver and the VQE engine for an active space of this shape.
void check_correlated_memory(const Job& job, int n_orbitals, int n_alpha, int n_beta, double limit);

}  // namespace qmol
