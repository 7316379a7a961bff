#pragma once
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "textgauge/version.hpp"

namespace py = pybind11;

void register_errors(py::module_& m);
void register_text(py::module_& m);
void register_sentiment(py::module_& m);
void register_stats(py::module_& m);
void register_vectorize(py::module_& m);

// Hands a vector's buffer to numpy without copying: the capsule owns it.
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& v) {
  auto* owned = new std::vector<T>(std::move(v));
  py::capsule free_when_done(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>({owned->size()}, {sizeof(T)}, owned->data(), free_when_done);
}
