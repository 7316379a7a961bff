#include "texts.hpp"

using textgauge::ArrowTexts;
using textgauge::StringTable;

namespace {

template <class T>
T* capsule_pointer(const py::object& capsule, const char* name) {
  void* p = PyCapsule_GetPointer(capsule.ptr(), name);
  if (!p) throw py::error_already_set();
  return static_cast<T*>(p);
}

// Takes the arrays out of the producer's capsules: the ArrowTexts owns them
// from here on (the capsules' destructors see them released and do nothing).
ArrowTexts arrow_from_python(py::handle texts) {
  if (py::hasattr(texts, "__arrow_c_stream__")) {
    py::object capsule = texts.attr("__arrow_c_stream__")();
    return ArrowTexts::from_stream(capsule_pointer<ArrowArrayStream>(capsule, "arrow_array_stream"));
  }
  py::tuple pair = texts.attr("__arrow_c_array__")();
  if (pair.size() != 2) throw py::type_error("__arrow_c_array__ must return (schema, array) capsules");
  ArrowTexts out(capsule_pointer<ArrowSchema>(pair[0], "arrow_schema"));
  out.add_chunk(capsule_pointer<ArrowArray>(pair[1], "arrow_array"));
  return out;
}

[[noreturn]] void null_text(std::size_t row) {
  throw py::type_error("text " + std::to_string(row) +
                       " is null (a missing value in the Arrow column), expected str");
}

}  // namespace

bool is_arrow(py::handle texts) {
  // A list or tuple is the usual batch (and one text's call wraps it in a list): two failed
  // attribute lookups would cost about what the call itself does.
  if (PyList_CheckExact(texts.ptr()) || PyTuple_CheckExact(texts.ptr())) return false;
  return py::hasattr(texts, "__arrow_c_stream__") || py::hasattr(texts, "__arrow_c_array__");
}

TextViews text_views(py::handle texts, Surrogates surrogates) {
  TextViews tv;
  if (is_arrow(texts)) {
    tv.arrow.emplace(arrow_from_python(texts));
    ArrowTexts::Read r;
    {
      // Only the arrays' buffers are read, and tv.arrow owns them: no Python
      // object is touched, so other threads may run meanwhile.
      py::gil_scoped_release release;
      r = tv.arrow->read(/*validate_utf8=*/true);
    }
    if (r.first_null != ArrowTexts::npos) null_text(r.first_null);
    tv.views = std::move(r.views);
    tv.ascii = std::move(r.ascii);
    return tv;
  }
  // The items are read straight from a list or tuple argument (anything
  // else is copied into a list first); `keep` is a new list, filled below.
  const auto fast =
      py::reinterpret_steal<py::object>(PySequence_Fast(texts.ptr(), "texts must be a sequence"));
  if (!fast) throw py::error_already_set();
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(fast.ptr());
  tv.keep = py::reinterpret_steal<py::list>(PyList_New(n));  // slots not yet filled are NULL
  if (!tv.keep) throw py::error_already_set();
  // It holds only str and bytes, so it can be in no reference cycle: untracked,
  // a garbage collection that runs while a batch is held does not walk every text.
  PyObject_GC_UnTrack(tv.keep.ptr());
  tv.views.reserve(static_cast<std::size_t>(n));
  tv.ascii.reserve(static_cast<std::size_t>(n));
  for (Py_ssize_t i = 0; i < n; ++i) {
    // Re-read per item: no Python code runs below, but this stays correct if some did.
    PyObject* const* items = PySequence_Fast_ITEMS(fast.ptr());
    if (PySequence_Fast_GET_SIZE(fast.ptr()) != n)
      throw py::value_error("texts changed size during conversion");
    // str objects lie wherever Python allocated them: fetch a later one's
    // header while this one is converted (one pass touches each text once).
    if (i + 8 < n) __builtin_prefetch(items[i + 8]);
    PyObject* h = items[i];
    if (!PyUnicode_Check(h))
      throw py::type_error("text " + std::to_string(i) + " is " +
                           std::string(py::str(py::type::handle_of(h).attr("__name__"))) +
                           ", expected str (decode bytes first)");
    const bool ascii = PyUnicode_IS_ASCII(h);
    tv.ascii.push_back(ascii);
    if (ascii) {
      Py_INCREF(h);
      PyList_SET_ITEM(tv.keep.ptr(), i, h);
      tv.views.emplace_back(static_cast<const char*>(PyUnicode_DATA(h)),
                            static_cast<std::size_t>(PyUnicode_GET_LENGTH(h)));
      continue;
    }
    PyObject* utf8 =
        PyUnicode_AsEncodedString(h, "utf-8", surrogates == Surrogates::pass ? "surrogatepass" : "strict");
    if (!utf8) throw py::error_already_set();
    PyList_SET_ITEM(tv.keep.ptr(), i, utf8);  // steals the new bytes
    tv.views.emplace_back(PyBytes_AS_STRING(utf8), static_cast<std::size_t>(PyBytes_GET_SIZE(utf8)));
  }
  return tv;
}

std::vector<std::string> texts_from_python(py::handle texts) {
  std::vector<std::string> out;
  if (is_arrow(texts)) {
    const ArrowTexts arrow = arrow_from_python(texts);
    ArrowTexts::Read r;
    {
      py::gil_scoped_release release;  // only `arrow`'s buffers are read
      r = arrow.read(/*validate_utf8=*/false);
    }
    if (r.first_null != ArrowTexts::npos) null_text(r.first_null);
    py::gil_scoped_release release;  // copied into C++ strings
    out.reserve(r.views.size());
    for (std::string_view v : r.views) out.emplace_back(v);
    return out;
  }
  out.reserve(py::len(texts));
  for (py::handle h : py::reinterpret_borrow<py::iterable>(texts)) {
    if (PyUnicode_Check(h.ptr())) {
      if (PyUnicode_IS_ASCII(h.ptr())) {  // its characters are its UTF-8
        out.emplace_back(static_cast<const char*>(PyUnicode_DATA(h.ptr())),
                         static_cast<std::size_t>(PyUnicode_GET_LENGTH(h.ptr())));
        continue;
      }
      // Encoded into a temporary bytes, not through PyUnicode_AsUTF8AndSize, which would
      // leave a UTF-8 copy cached inside the caller's str for as long as it lives.
      const auto utf8 = py::reinterpret_steal<py::object>(PyUnicode_AsUTF8String(h.ptr()));
      if (!utf8) throw py::error_already_set();  // lone surrogates: the Python layer replaces them first
      out.emplace_back(PyBytes_AS_STRING(utf8.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(utf8.ptr())));
    } else if (PyBytes_Check(h.ptr())) {
      out.emplace_back(PyBytes_AS_STRING(h.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(h.ptr())));
    } else {
      throw py::type_error("texts must be str or bytes, got " +
                           std::string(py::str(py::type::handle_of(h).attr("__name__"))));
    }
  }
  return out;
}

StringTable table_from(const py::bytes& bytes, const py::array_t<std::int64_t, py::array::c_style>& offsets) {
  StringTable t;
  t.bytes = std::string(bytes);
  t.offsets.assign(offsets.data(), offsets.data() + offsets.size());
  if (t.offsets.empty() || t.offsets.front() != 0 ||
      t.offsets.back() != static_cast<std::int64_t>(t.bytes.size()))
    throw py::value_error("string table offsets do not match its bytes");
  for (std::size_t i = 1; i < t.offsets.size(); ++i)
    if (t.offsets[i] < t.offsets[i - 1]) throw py::value_error("string table offsets must not decrease");
  return t;
}

py::tuple table_to_python(StringTable&& t) {
  py::bytes b(t.bytes.data(), t.bytes.size());
  return py::make_tuple(b, to_numpy(std::move(t.offsets)));
}
