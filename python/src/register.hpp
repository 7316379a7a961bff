#pragma once
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <type_traits>
#include <vector>

#include "textgauge/options.hpp"
#include "textgauge/version.hpp"

namespace py = pybind11;

// One function per area, each filling its submodule of _core (module.cpp).
void register_errors(py::module_& m);
void register_text(py::module_& m);
void register_sentiment(py::module_& m);
void register_afinn(py::module_& m);     // into the sentiment submodule
void register_textblob(py::module_& m);  // into the sentiment submodule
void register_gauge(py::module_& m);     // textgauge's own scorer, in the sentiment submodule
void register_stats(py::module_& m);
void register_phrases(py::module_& m);  // part of _core.stats
// part of _core.stats too (YAKE keywords)
void register_keywords(py::module_& m);
void register_vectorize(py::module_& m);
void register_testing(py::module_& m);

// Hands a vector's buffer to numpy without copying: the capsule owns it.
template <class T, class A>
py::array_t<T> to_numpy(std::vector<T, A>&& v) {
  auto* owned = new std::vector<T, A>(std::move(v));
  py::capsule free_when_done(owned, [](void* p) { delete static_cast<std::vector<T, A>*>(p); });
  return py::array_t<T>({owned->size()}, {sizeof(T)}, owned->data(), free_when_done);
}

// `<area>.options()`: the names that each option enum of the area takes, by
// option label ({"tf": ["raw", ...], ...}), for Python to show and check.
template <class... E>
void def_options(py::module_& m) {
  m.def(
      "options",
      [] {
        py::dict d;
        ((d[py::str(std::string(textgauge::OptionTable<E>::label))] = textgauge::option_names<E>()), ...);
        return d;
      },
      "The names each option of this area takes, by option.");
}

namespace pybind11::detail {

#if defined(PYBIND11_HAS_NATIVE_ENUM)
// pybind11 3 has a caster for every enum (py::native_enum); the option enums
// use the one below instead (pybind11's documented opt-out).
template <class E>
struct type_caster_enum_type_enabled<E, std::enable_if_t<textgauge::is_option<E>>> : std::false_type {};
#endif

// An argument typed as an option enum (textgauge/options.hpp) takes its name
// as a str: the binding has no if-chains of option names, and a bad name
// raises textgauge.OptionError (listing the names) from the core's parser.
template <class E>
struct type_caster<E, std::enable_if_t<textgauge::is_option<E>>> {
  PYBIND11_TYPE_CASTER(E, const_name("str"));

  bool load(handle src, bool) {
    if (!isinstance<str>(src)) return false;  // TypeError, as for any argument of the wrong type
    value = textgauge::parse_option<E>(src.cast<std::string>());
    return true;
  }

  static handle cast(E v, return_value_policy, handle) { return str(textgauge::option_name(v)).release(); }
};

}  // namespace pybind11::detail
