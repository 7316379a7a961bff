// Maps the C++ exception hierarchy onto the Python one, which is defined in
// textgauge/errors.py so that it has docstrings, attributes and pickles.
// Every C++ exception class is translated here and nowhere else.
#include "register.hpp"
#include "textgauge/error.hpp"

void register_errors(py::module_& m) {
  (void)m;
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const textgauge::DecodeError& e) {
      py::object cls = py::module_::import("textgauge.errors").attr("DecodeError");
      py::object exc =
          cls(e.what(), py::arg("byte_offset") = e.byte_offset(),
              py::arg("source") = e.source().empty() ? py::object(py::none()) : py::str(e.source()));
      PyErr_SetObject(cls.ptr(), exc.ptr());
    } catch (const textgauge::OptionError& e) {
      py::object cls = py::module_::import("textgauge.errors").attr("OptionError");
      PyErr_SetString(cls.ptr(), e.what());
    } catch (const textgauge::Error& e) {
      py::object cls = py::module_::import("textgauge.errors").attr("Error");
      PyErr_SetString(cls.ptr(), e.what());
    }
  });
}
