// textgauge._core: wires one register_<area>() per area. Each area's file only
// converts between Python objects and the C++ API of cpp/include/textgauge.
#include "register.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "textgauge's C++ core. Use the public API in `textgauge`, not this module.";
  m.attr("__version__") = textgauge::version;
  register_errors(m);
  register_text(m);
  register_sentiment(m);
  register_stats(m);
  register_vectorize(m);
}
