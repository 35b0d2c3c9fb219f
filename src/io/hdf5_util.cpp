#include "hdf5_util.h"

#include <ctime>

namespace qmol::h5 {
namespace {

const H5::StrType& text_type() {
  static const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  return type;
}

void set_units(H5::DataSet& d, const std::string& units) {
  write_string_attribute(d, "units", units);
}

template <typename T>
void write_typed(H5::Group& g, const std::string& name, const T* data,
                 const std::vector<hsize_t>& shape, const H5::PredType& type,
                 const std::string& units) {
  H5::DataSpace space = shape.empty() ? H5::DataSpace(H5S_SCALAR)
                                      : H5::DataSpace(static_cast<int>(shape.size()), shape.data());
  H5::DataSet d = g.createDataSet(name, type, space);
  bool empty = false;
  for (hsize_t n : shape) empty = empty || n == 0;
  if (!empty) d.write(data, type);
  set_units(d, units);
}

std::size_t element_count(const H5::DataSet& d) {
  const H5::DataSpace space = d.getSpace();
  return static_cast<std::size_t>(space.getSimpleExtentNpoints());
}

template <typename T>
std::vector<T> read_typed(const H5::Group& g, const std::string& name, const H5::PredType& type) {
  const H5::DataSet d = g.openDataSet(name);
  std::vector<T> values(element_count(d));
  if (!values.empty()) d.read(values.data(), type);
  return values;
}

}  // namespace

H5::Group open_or_create(H5::Group& parent, const std::string& path) {
  if (path.empty() || path == "/") return parent.openGroup("/");
  std::string so_far;
  H5::Group g = parent;
  std::size_t start = path[0] == '/' ? 1 : 0;
  if (path[0] == '/') g = parent.openGroup("/");
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string part = path.substr(start, end - start);
    g = g.nameExists(part) ? g.openGroup(part) : g.createGroup(part);
    start = end + 1;
  }
  return g;
}

H5::Group open_or_create(H5::H5File& file, const std::string& path) {
  H5::Group root = file.openGroup("/");
  return open_or_create(root, path);
}

void write_string_attribute(H5::H5Object& object, const std::string& name,
                            const std::string& value) {
  if (object.attrExists(name)) object.removeAttr(name);
  H5::Attribute a = object.createAttribute(name, text_type(), H5::DataSpace(H5S_SCALAR));
  const char* c = value.c_str();
  a.write(text_type(), &c);
}

std::string read_string_attribute(const H5::H5Object& object, const std::string& name) {
  if (!object.attrExists(name)) return "";
  H5::Attribute a = object.openAttribute(name);
  std::string value;
  a.read(a.getStrType(), value);
  return value;
}

void write(H5::Group& g, const std::string& name, double value, const std::string& units) {
  write_typed(g, name, &value, {}, H5::PredType::NATIVE_DOUBLE, units);
}

void write(H5::Group& g, const std::string& name, long long value, const std::string& units) {
  write_typed(g, name, &value, {}, H5::PredType::NATIVE_LLONG, units);
}

void write(H5::Group& g, const std::string& name, const std::string& value) {
  H5::DataSet d = g.createDataSet(name, text_type(), H5::DataSpace(H5S_SCALAR));
  const char* c = value.c_str();
  d.write(&c, text_type());
  set_units(d, "1");
}

void write(H5::Group& g, const std::string& name, const std::vector<double>& values,
           const std::string& units) {
  write_typed(g, name, values.data(), {values.size()}, H5::PredType::NATIVE_DOUBLE, units);
}

void write(H5::Group& g, const std::string& name, const std::vector<long long>& values,
           const std::string& units) {
  write_typed(g, name, values.data(), {values.size()}, H5::PredType::NATIVE_LLONG, units);
}

void write(H5::Group& g, const std::string& name, const std::vector<std::string>& values) {
  const hsize_t n = values.size();
  H5::DataSet d = g.createDataSet(name, text_type(), H5::DataSpace(1, &n));
  std::vector<const char*> pointers;
  for (const std::string& s : values) pointers.push_back(s.c_str());
  if (n) d.write(pointers.data(), text_type());
  set_units(d, "1");
}

void write(H5::Group& g, const std::string& name, const Eigen::MatrixXd& values,
           const std::string& units) {
  std::vector<double> row_major(static_cast<std::size_t>(values.size()));
  for (Eigen::Index i = 0; i < values.rows(); ++i)
    for (Eigen::Index j = 0; j < values.cols(); ++j)
      row_major[static_cast<std::size_t>(i * values.cols() + j)] = values(i, j);
  write_array(g, name, row_major,
              {static_cast<hsize_t>(values.rows()), static_cast<hsize_t>(values.cols())}, units);
}

void write_array(H5::Group& g, const std::string& name, const std::vector<double>& data,
                 const std::vector<hsize_t>& shape, const std::string& units) {
  write_typed(g, name, data.data(), shape, H5::PredType::NATIVE_DOUBLE, units);
}

void write_array(H5::Group& g, const std::string& name, const std::vector<std::uint64_t>& data,
                 const std::vector<hsize_t>& shape, const std::string& units) {
  write_typed(g, name, data.data(), shape, H5::PredType::NATIVE_UINT64, units);
}

void write_array(H5::Group& g, const std::string& name, const std::vector<long long>& data,
                 const std::vector<hsize_t>& shape, const std::string& units) {
  write_typed(g, name, data.data(), shape, H5::PredType::NATIVE_LLONG, units);
}

bool has(const H5::Group& g, const std::string& name) {
  return g.nameExists(name);
}

double read_double(const H5::Group& g, const std::string& name) {
  double v = 0.0;
  g.openDataSet(name).read(&v, H5::PredType::NATIVE_DOUBLE);
  return v;
}

long long read_int(const H5::Group& g, const std::string& name) {
  long long v = 0;
  g.openDataSet(name).read(&v, H5::PredType::NATIVE_LLONG);
  return v;
}

std::string read_string(const H5::Group& g, const std::string& name) {
  const H5::DataSet d = g.openDataSet(name);
  std::string value;
  d.read(value, d.getStrType());
  return value;
}

std::vector<double> read_doubles(const H5::Group& g, const std::string& name) {
  return read_typed<double>(g, name, H5::PredType::NATIVE_DOUBLE);
}

std::vector<long long> read_ints(const H5::Group& g, const std::string& name) {
  return read_typed<long long>(g, name, H5::PredType::NATIVE_LLONG);
}

std::vector<std::uint64_t> read_uint64s(const H5::Group& g, const std::string& name) {
  return read_typed<std::uint64_t>(g, name, H5::PredType::NATIVE_UINT64);
}

std::vector<std::string> read_strings(const H5::Group& g, const std::string& name) {
  const H5::DataSet d = g.openDataSet(name);
  std::vector<char*> pointers(element_count(d), nullptr);
  if (pointers.empty()) return {};
  d.read(pointers.data(), text_type());
  std::vector<std::string> values(pointers.begin(), pointers.end());
  H5::DataSet::vlenReclaim(pointers.data(), text_type(), d.getSpace());
  return values;
}

Eigen::MatrixXd read_matrix(const H5::Group& g, const std::string& name) {
  const auto dims = shape(g, name);
  const std::vector<double> data = read_doubles(g, name);
  const Eigen::Index rows = dims.size() > 0 ? static_cast<Eigen::Index>(dims[0]) : 0;
  const Eigen::Index cols = dims.size() > 1 ? static_cast<Eigen::Index>(dims[1]) : 1;
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = data[static_cast<std::size_t>(i * cols + j)];
  return m;
}

std::vector<hsize_t> shape(const H5::Group& g, const std::string& name) {
  const H5::DataSpace space = g.openDataSet(name).getSpace();
  std::vector<hsize_t> dims(static_cast<std::size_t>(space.getSimpleExtentNdims()));
  if (!dims.empty()) space.getSimpleExtentDims(dims.data());
  return dims;
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace qmol::h5
