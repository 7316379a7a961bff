// _core.vectorize: the term-counting engine (analyzer.hpp, dtm.hpp, weights.hpp,
// hashing.hpp): texts in, CSR buffers and compact string tables out.
#include <string_view>

#include "register.hpp"
#include "textgauge/error.hpp"
#include "textgauge/vectorize/analyzer.hpp"
#include "textgauge/vectorize/dtm.hpp"
#include "textgauge/vectorize/hashing.hpp"
#include "textgauge/vectorize/weights.hpp"
#include "texts.hpp"

using namespace textgauge;

namespace {

// Contiguous arrays of one element type, converted from any array-like (forcecast).
template <typename T>
using DenseArray = py::array_t<T, py::array::c_style | py::array::forcecast>;
using I64Array = DenseArray<std::int64_t>;
using I32Array = DenseArray<std::int32_t>;
using U8Array = DenseArray<std::uint8_t>;
using F64Array = DenseArray<double>;

AnalyzerOptions make_analyzer_options(AnalyzerKind analyzer, bool lowercase, StripAccents strip_accents,
                                      int min_n, int max_n, int skip, std::vector<std::string> stop_words,
                                      int unicode_major, int unicode_minor) {
  AnalyzerOptions o;
  o.kind = analyzer;
  o.lowercase = lowercase;
  o.strip_accents = strip_accents;
  o.min_n = min_n;
  o.max_n = max_n;
  o.skip = skip;
  o.stop_words = std::move(stop_words);
  o.unicode_major = unicode_major;
  o.unicode_minor = unicode_minor;
  Analyzer check(o);  // validates now, with the caller's arguments at hand
  return o;
}

py::dict csr_dict(Csr&& m) {
  py::dict d;
  d["indptr"] = to_numpy(std::move(m.indptr));
  d["indices"] = to_numpy(std::move(m.indices));
  d["data"] = to_numpy(std::move(m.data));
  d["n_cols"] = m.n_cols;
  d["sorted_indices"] = m.sorted;
  return d;
}

py::list analyze_shim(const AnalyzerOptions& o, const py::object& texts) {
  TextViews tv = text_views(texts);
  std::vector<FeatureList> out(tv.views.size());
  {
    // Every Python object has been converted and is kept alive by tv.keep.
    py::gil_scoped_release release;
    Analyzer a(o);
    for (std::size_t i = 0; i < tv.views.size(); ++i) a.analyze(tv.views[i], out[i]);
  }
  py::list result(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    py::list feats(out[i].size());
    for (std::size_t k = 0; k < out[i].size(); ++k) {
      const auto f = out[i][k];
      feats[k] = py::str(f.data(), f.size());
    }
    result[i] = feats;
  }
  return result;
}

py::tuple fit_shim(const AnalyzerOptions& o, const py::object& texts, double high, double low,
                   std::int64_t max_features, bool binary, unsigned threads, bool keep_stats,
                   bool sorted_indices) {
  TextViews tv = text_views(texts);
  PruneOptions p;
  p.high = high;
  p.low = low;
  p.max_features = max_features;
  p.binary = binary;
  FitResult r;
  {
    py::gil_scoped_release release;  // tv.keep holds every text
    r = fit_counts(tv.views, o, p, threads, keep_stats, sorted_indices, &tv.ascii);
  }
  py::object stats = keep_stats ? py::cast(std::move(r.stats)) : py::none();
  py::object kept = keep_stats ? py::object(to_numpy(std::move(r.kept))) : py::none();
  return py::make_tuple(csr_dict(std::move(r.matrix)), table_to_python(std::move(r.vocabulary)), stats, kept);
}

py::tuple fit_ids_shim(const I64Array& token_row, const I32Array& token_term, std::size_t n_rows,
                       const std::vector<std::string>& terms, const U8Array& drop, int min_n, int max_n,
                       int skip, const std::string& separator, double high, double low,
                       std::int64_t max_features, bool binary) {
  std::vector<std::int64_t> rows(token_row.data(), token_row.data() + token_row.size());
  std::vector<std::int32_t> term(token_term.data(), token_term.data() + token_term.size());
  std::vector<std::uint8_t> dropped(drop.data(), drop.data() + drop.size());
  StringTable table;
  for (const auto& t : terms) table.push(t);
  PruneOptions p;
  p.high = high;
  p.low = low;
  p.max_features = max_features;
  p.binary = binary;
  FitResult r;
  {
    py::gil_scoped_release release;  // only C++ copies are used from here on
    r = fit_counts_from_ids(rows, term, n_rows, table, dropped, min_n, max_n, skip, separator, p);
  }
  return py::make_tuple(csr_dict(std::move(r.matrix)), table_to_python(std::move(r.vocabulary)),
                        py::cast(std::move(r.stats)));
}

TermStats stats_shim(const AnalyzerOptions& o, const py::object& texts, unsigned threads) {
  TextViews tv = text_views(texts);
  py::gil_scoped_release release;  // tv.keep holds every text
  return count_stats(tv.views, o, threads, &tv.ascii);
}

py::dict transform_shim(const AnalyzerOptions& o, const py::object& texts, const FixedVocabulary& vocabulary,
                        bool binary, unsigned threads) {
  TextViews tv = text_views(texts);
  Csr m;
  {
    py::gil_scoped_release release;  // tv.keep holds every text
    m = transform_counts(tv.views, o, vocabulary, binary, threads);
  }
  return csr_dict(std::move(m));
}

py::dict hash_shim(const AnalyzerOptions& o, const py::object& texts, std::int64_t n_features,
                   bool alternate_sign, unsigned threads) {
  TextViews tv = text_views(texts);
  HashedCsr m;
  {
    py::gil_scoped_release release;  // tv.keep holds every text
    m = hash_features(tv.views, o, n_features, alternate_sign, threads);
  }
  py::dict d;
  d["indptr"] = to_numpy(std::move(m.indptr));
  d["indices"] = to_numpy(std::move(m.indices));
  d["data"] = to_numpy(std::move(m.data));
  return d;
}

py::array_t<std::int64_t> prune_shim(const TermStats& s, double high, double low, std::int64_t max_features,
                                     bool binary) {
  PruneOptions p;
  p.high = high;
  p.low = low;
  p.max_features = max_features;
  p.binary = binary;
  return to_numpy(prune(s, p));
}

std::vector<std::int64_t> int64_vector(const I64Array& a) { return {a.data(), a.data() + a.size()}; }

TermStats stats_from_state(const py::tuple& state) {
  if (state.size() != 5) throw py::value_error("TermStats state must have 5 items");
  TermStats s;
  s.terms =
      table_from(state[0].cast<py::bytes>(), state[1].cast<py::array_t<std::int64_t, py::array::c_style>>());
  s.term_count = int64_vector(state[2].cast<I64Array>());
  s.doc_count = int64_vector(state[3].cast<I64Array>());
  s.n_docs = state[4].cast<std::int64_t>();
  if (s.term_count.size() != s.terms.size() || s.doc_count.size() != s.terms.size())
    throw py::value_error("TermStats arrays must have one entry per term");
  for (std::size_t i = 1; i < s.terms.size(); ++i)
    if (!(s.terms[i - 1] < s.terms[i])) throw py::value_error("TermStats terms must be sorted and unique");
  return s;
}

py::tuple stats_state(const TermStats& s) {
  StringTable t = s.terms;
  auto tc = s.term_count;
  auto dc = s.doc_count;
  return py::make_tuple(py::bytes(t.bytes.data(), t.bytes.size()), to_numpy(std::move(t.offsets)),
                        to_numpy(std::move(tc)), to_numpy(std::move(dc)), s.n_docs);
}

TermStats merged_shim(const TermStats& a, const TermStats& b) {
  TermStats out = a;
  out.merge(b);
  return out;
}

FixedVocabulary fixed_vocabulary_shim(const py::bytes& bytes,
                                      const py::array_t<std::int64_t, py::array::c_style>& offsets) {
  return FixedVocabulary(table_from(bytes, offsets));
}

// Weights, in place on a float64 CSR matrix's own buffers (no copies: the
// matrix can be large).
void tfidf_shim(const py::array& indptr_any, const py::array& indices_any,
                py::array_t<double, py::array::c_style> data, TfScheme tf, const py::object& idf, Norm norm,
                unsigned threads) {
  const auto indptr = I64Array::ensure(indptr_any);
  const auto indices = I32Array::ensure(indices_any);
  if (!indptr || !indices) throw py::type_error("indptr and indices must be integer arrays");
  std::vector<double> w;
  if (!idf.is_none()) {
    auto a = idf.cast<F64Array>();
    w.assign(a.data(), a.data() + a.size());
  }
  const std::size_t rows = static_cast<std::size_t>(indptr.size()) - 1;
  if (indptr.size() < 1 || indptr.data()[rows] != data.size() || indices.size() != data.size())
    throw py::value_error("indptr, indices and data do not form a CSR matrix");
  const std::int64_t* ip = indptr.data();
  const std::int32_t* ix = indices.data();
  double* d = data.mutable_data();
  bool columns_ok = true;
  {
    // The arrays are referenced by this frame; only their memory is touched.
    py::gil_scoped_release release;
    if (!w.empty())
      columns_ok = columns_below(ix, static_cast<std::size_t>(indices.size()), w.size(), threads);
    if (columns_ok) csr_weigh(ip, rows, ix, d, tf, w.empty() ? nullptr : w.data(), norm, threads);
  }
  if (!columns_ok) throw py::value_error("column index outside the idf vector");
}

// Count matrices become TF-IDF matrices: converting the int64 counts to
// float64 in their own buffer spares a second copy of the largest array.
void counts_to_float64_shim(py::array_t<std::int64_t, py::array::c_style> data, unsigned threads) {
  std::int64_t* p = data.mutable_data();
  const auto n = static_cast<std::size_t>(data.size());
  py::gil_scoped_release release;  // only the array's memory is touched
  counts_to_double(p, n, threads);
}

py::array_t<double> bm25_shim(const I64Array& indptr, const I32Array& indices, const F64Array& counts,
                              const F64Array& idf, double k1, double b) {
  std::vector<std::int64_t> ip(indptr.data(), indptr.data() + indptr.size());
  std::vector<std::int32_t> ix(indices.data(), indices.data() + indices.size());
  std::vector<double> d(counts.data(), counts.data() + counts.size());
  std::vector<double> w(idf.data(), idf.data() + idf.size());
  apply_bm25(ip, ix, d, w, k1, b);
  return to_numpy(std::move(d));
}

py::array_t<double> idf_shim(const I64Array& df, std::int64_t n_docs, IdfScheme scheme) {
  return to_numpy(idf_weights(int64_vector(df), n_docs, scheme));
}

std::int64_t murmur_shim(const py::bytes& key, std::uint32_t seed, bool positive) {
  const std::string k(key);
  const std::uint32_t h = murmurhash3_x86_32(k, seed);
  return positive ? static_cast<std::int64_t>(h) : static_cast<std::int64_t>(static_cast<std::int32_t>(h));
}

}  // namespace

void register_vectorize(py::module_& m) {
  py::class_<AnalyzerOptions>(m, "AnalyzerOptions")
      .def(py::init(&make_analyzer_options), py::kw_only(), py::arg("analyzer") = "word",
           py::arg("lowercase") = true, py::arg("strip_accents") = "none", py::arg("min_n") = 1,
           py::arg("max_n") = 1, py::arg("skip") = 0, py::arg("stop_words") = std::vector<std::string>{},
           py::arg("unicode_major") = 14, py::arg("unicode_minor") = 0);

  py::class_<TermStats>(m, "TermStats")
      .def(py::init(&stats_from_state), py::arg("state"))
      .def_readonly("n_docs", &TermStats::n_docs)
      .def("__len__", [](const TermStats& s) { return s.terms.size(); })
      // A read-only view of the document counts (the stats object stays alive
      // with it): the idf of a fit reads them without copying every term.
      .def_property_readonly("doc_count",
                             [](const py::object& self) {
                               const auto& s = self.cast<const TermStats&>();
                               py::array_t<std::int64_t> a({s.doc_count.size()}, {sizeof(std::int64_t)},
                                                           s.doc_count.data(), self);
                               a.attr("setflags")(py::arg("write") = false);
                               return a;
                             })
      .def("state", &stats_state)
      .def("merged", &merged_shim, py::arg("other"))
      // Loads the TermStats pickles of textgauge 0.1.0 (textgauge._core.TermStats with a
      // __setstate__); pickles now go through textgauge._pickle, with a format version.
      .def(py::pickle(&stats_state, &stats_from_state));

  py::class_<FixedVocabulary>(m, "FixedVocabulary")
      .def(py::init(&fixed_vocabulary_shim), py::arg("bytes"), py::arg("offsets"))
      .def("__len__", &FixedVocabulary::size);

  m.def("analyze", &analyze_shim, py::arg("options"), py::arg("texts"));
  m.def("fit", &fit_shim, py::arg("options"), py::arg("texts"), py::kw_only(), py::arg("high"),
        py::arg("low"), py::arg("max_features"), py::arg("binary"), py::arg("threads") = 1u,
        py::arg("keep_stats") = false, py::arg("sorted_indices") = true);
  m.def("fit_ids", &fit_ids_shim, py::arg("token_row"), py::arg("token_term"), py::arg("n_rows"),
        py::arg("terms"), py::arg("drop"), py::kw_only(), py::arg("min_n"), py::arg("max_n"), py::arg("skip"),
        py::arg("separator"), py::arg("high"), py::arg("low"), py::arg("max_features"), py::arg("binary"));
  m.def("stats", &stats_shim, py::arg("options"), py::arg("texts"), py::kw_only(), py::arg("threads") = 1u);
  m.def("transform", &transform_shim, py::arg("options"), py::arg("texts"), py::arg("vocabulary"),
        py::kw_only(), py::arg("binary"), py::arg("threads") = 1u);
  m.def("hash", &hash_shim, py::arg("options"), py::arg("texts"), py::kw_only(), py::arg("n_features"),
        py::arg("alternate_sign"), py::arg("threads") = 1u);
  m.def("prune", &prune_shim, py::arg("stats"), py::kw_only(), py::arg("high"), py::arg("low"),
        py::arg("max_features"), py::arg("binary"));
  m.def("tfidf_inplace", &tfidf_shim, py::arg("indptr"), py::arg("indices"), py::arg("data").noconvert(),
        py::kw_only(), py::arg("tf"), py::arg("idf"), py::arg("norm"), py::arg("threads") = 1u);
  m.def("counts_to_float64", &counts_to_float64_shim, py::arg("data").noconvert(), py::kw_only(),
        py::arg("threads") = 1u,
        "Converts an int64 array to float64 values in the same buffer; view it as float64 afterwards.");
  m.def("bm25", &bm25_shim, py::arg("indptr"), py::arg("indices"), py::arg("counts"), py::arg("idf"),
        py::kw_only(), py::arg("k1"), py::arg("b"));
  m.def("idf", &idf_shim, py::arg("df"), py::arg("n_docs"), py::arg("scheme"));
  m.def("murmurhash3_32", &murmur_shim, py::arg("key"), py::kw_only(), py::arg("seed") = 0u,
        py::arg("positive") = false);
  def_options<AnalyzerKind, StripAccents, TfScheme, IdfScheme, Norm>(m);
}
