#!/bin/bash
# A Slurm batch script for an MPI screening: one coordinator rank and N-1 worker ranks, each
# worker computing one molecule at a time with --threads OpenMP threads. DIR must be on a
# filesystem every node sees (the workers write their molecules' results there, the coordinator
# reads them). Resubmitting the same script resumes: finished molecules are skipped.
#   sbatch examples/slurm_screen.sh library.sdf settings.toml results/
#SBATCH --job-name=qmol-screen
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=8        # 32 ranks: rank 0 coordinates (little CPU), 31 compute
#SBATCH --cpus-per-task=4          # = --threads below
#SBATCH --time=24:00:00
#SBATCH --output=qmol-screen-%j.log
set -euo pipefail
inputs=${1:?structure file, directory or CSV list}
settings=${2:?settings job (no geometry)}
out=${3:?output directory on a shared filesystem}
export OMP_PROC_BIND=close OMP_PLACES=cores
srun --mpi=pmix qmol screen "$inputs" --settings "$settings" --out "$out" \
  --threads "$SLURM_CPUS_PER_TASK" --retries 1
# Or, with OpenMPI's own launcher inside the allocation:
#   mpirun --map-by slot:PE=$SLURM_CPUS_PER_TASK qmol screen ... --threads $SLURM_CPUS_PER_TASK
