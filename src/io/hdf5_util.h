#pragma once

// Private to src/io: the only place qmol touches the HDF5 C++ API besides the writer and reader.
// Every dataset written here carries a `units` attribute ("hartree", "bohr", "1", ...).

#include <H5Cpp.h>

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace qmol::h5 {

// Opens a group, creating it (and its parents) when absent. "/" is the root.
H5::Group open_or_create(H5::Group& parent, const std::string& path);
H5::Group open_or_create(H5::H5File& file, const std::string& path);

void write_string_attribute(H5::H5Object& object, const std::string& name,
                            const std::string& value);
std::string read_string_attribute(const H5::H5Object& object, const std::string& name);

void write(H5::Group& g, const std::string& name, double value, const std::string& units);
void write(H5::Group& g, const std::string& name, long long value, const std::string& units = "1");
void write(H5::Group& g, const std::string& name, const std::string& value);
void write(H5::Group& g, const std::string& name, const std::vector<double>& values,
           const std::string& units);
void write(H5::Group& g, const std::string& name, const std::vector<long long>& values,
           const std::string& units = "1");
void write(H5::Group& g, const std::string& name, const std::vector<std::string>& values);
// Row-major on disk, so h5py sees the matrix with the same (row, column) indices.
void write(H5::Group& g, const std::string& name, const Eigen::MatrixXd& values,
           const std::string& units);
// An array of any shape (row-major data), e.g. (pq|rs) as n x n x n x n.
void write_array(H5::Group& g, const std::string& name, const std::vector<double>& data,
                 const std::vector<hsize_t>& shape, const std::string& units);
void write_array(H5::Group& g, const std::string& name, const std::vector<std::uint64_t>& data,
                 const std::vector<hsize_t>& shape, const std::string& units = "1");
void write_array(H5::Group& g, const std::string& name, const std::vector<long long>& data,
                 const std::vector<hsize_t>& shape, const std::string& units = "1");

bool has(const H5::Group& g, const std::string& name);
double read_double(const H5::Group& g, const std::string& name);
long long read_int(const H5::Group& g, const std::string& name);
std::string read_string(const H5::Group& g, const std::string& name);
std::vector<double> read_doubles(const H5::Group& g, const std::string& name);
std::vector<long long> read_ints(const H5::Group& g, const std::string& name);
std::vector<std::uint64_t> read_uint64s(const H5::Group& g, const std::string& name);
std::vector<std::string> read_strings(const H5::Group& g, const std::string& name);
Eigen::MatrixXd read_matrix(const H5::Group& g, const std::string& name);
std::vector<hsize_t> shape(const H5::Group& g, const std::string& name);

// "2024-05-01T12:34:56Z"
std::string utc_now_iso8601();

}  // namespace qmol::h5
