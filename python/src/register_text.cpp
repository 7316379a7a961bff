// Binding of the text model: Corpus (segmentation, normalisation, interning).
#include <stdexcept>

#include "register.hpp"
#include "textgauge/text/corpus.hpp"
#include "textgauge/text/terms.hpp"
#include "texts.hpp"

using namespace textgauge;

namespace {

Corpus make_corpus(const std::string& paragraphs, bool sentences, bool tokens, bool ascii_fast_path,
                   const std::string& form, bool casefold, bool strip_accents, bool unify_quotes,
                   const std::string& errors) {
  CorpusOptions o;
  if (paragraphs == "blank")
    o.segment.paragraphs = ParagraphMode::blank_lines;
  else if (paragraphs == "line")
    o.segment.paragraphs = ParagraphMode::lines;
  else
    throw py::value_error("paragraphs must be 'blank' or 'line', got '" + paragraphs + "'");
  o.segment.sentences = sentences;
  o.segment.tokens = tokens;
  o.segment.ascii_fast_path = ascii_fast_path;
  if (form == "NFC")
    o.normalize.form = NormalForm::nfc;
  else if (form == "NFKC")
    o.normalize.form = NormalForm::nfkc;
  else
    throw py::value_error("form must be 'NFC' or 'NFKC', got '" + form + "'");
  o.normalize.casefold = casefold;
  o.normalize.strip_accents = strip_accents;
  o.normalize.unify_quotes = unify_quotes;
  if (errors == "strict")
    o.errors = DecodeErrors::strict;
  else if (errors == "replace")
    o.errors = DecodeErrors::replace;
  else
    throw py::value_error("errors must be 'strict' or 'replace', got '" + errors + "'");
  return Corpus(o);
}

void add_shim(Corpus& c, const py::sequence& texts, const std::vector<std::string>& sources,
              unsigned threads) {
  auto owned = texts_from_python(texts);
  // Every Python object has been converted: the core works on its own copies.
  py::gil_scoped_release release;
  c.add(std::move(owned), sources, threads);
}

py::dict unit_dict(UnitTable&& t) {
  py::dict d;
  d["document"] = to_numpy(std::move(t.document));
  d["paragraph"] = to_numpy(std::move(t.paragraph));
  d["sentence"] = to_numpy(std::move(t.sentence));
  d["byte_start"] = to_numpy(std::move(t.byte_start));
  d["byte_end"] = to_numpy(std::move(t.byte_end));
  d["start"] = to_numpy(std::move(t.cp_start));
  d["end"] = to_numpy(std::move(t.cp_end));
  return d;
}

py::dict token_dict(TokenTable&& t) {
  py::array_t<std::uint8_t> kind = to_numpy(std::move(t.kind));
  py::array_t<std::int32_t> term = to_numpy(std::move(t.term));
  py::dict d = unit_dict(std::move(t));
  d["kind"] = kind;
  d["term"] = term;
  return d;
}

py::list vocabulary_terms(const Corpus& c) {
  const auto& v = c.vocabulary();
  py::list out(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out[i] = py::str(v.term(static_cast<Vocabulary::id_type>(i)));
  return out;
}

std::size_t raw_icu_word_loop_shim(const py::sequence& texts) {
  const TextViews tv = text_views(texts);
  py::gil_scoped_release release;  // the views stay valid: tv holds the objects
  return raw_word_boundaries(tv.views);
}

// Term ids of every token of every text, one vocabulary for the batch:
// (ids, per-text offsets into ids, (term bytes, term offsets)).
py::tuple extract_terms_shim(const py::sequence& texts, bool ascii_fast_path, bool casefold) {
  const TextViews tv = text_views(texts);  // well-formed UTF-8, read in place
  std::vector<Vocabulary::id_type> ids;
  std::vector<std::int64_t> offsets{0};
  Vocabulary vocab;
  {
    py::gil_scoped_release release;  // only C++ objects from here on
    SegmentOptions so;
    so.ascii_fast_path = ascii_fast_path;
    so.sentences = false;
    NormalizeOptions no;
    no.casefold = casefold;
    TermExtractor extractor(so, no);
    extractor.extract_all(tv.views, tv.ascii, vocab, ids, offsets);
  }
  StringTable terms = vocab.table();
  return py::make_tuple(to_numpy(std::move(ids)), to_numpy(std::move(offsets)),
                        table_to_python(std::move(terms)));
}

}  // namespace

void register_text(py::module_& m) {
  py::class_<Corpus>(m, "Corpus")
      .def(py::init(&make_corpus), py::kw_only(), py::arg("paragraphs") = "blank",
           py::arg("sentences") = true, py::arg("tokens") = true, py::arg("ascii_fast_path") = true,
           py::arg("form") = "NFC", py::arg("casefold") = true, py::arg("strip_accents") = false,
           py::arg("unify_quotes") = true, py::arg("errors") = "strict")
      .def("add", &add_shim, py::arg("texts"), py::kw_only(), py::arg("sources") = std::vector<std::string>{},
           py::arg("threads") = 0u)
      .def("__len__", &Corpus::size)
      .def(
          "text", [](const Corpus& c, std::size_t i) { return c.document(i).text; }, py::arg("index"))
      .def("paragraph_table", [](const Corpus& c) { return unit_dict(c.paragraph_table()); })
      .def("sentence_table", [](const Corpus& c) { return unit_dict(c.sentence_table()); })
      .def("token_table", [](const Corpus& c) { return token_dict(c.token_table()); })
      .def("vocabulary", &vocabulary_terms);

  m.def("kind_names", [] {
    return std::vector<std::string>{kind_name(TokenKind::word), kind_name(TokenKind::number),
                                    kind_name(TokenKind::punctuation), kind_name(TokenKind::symbol)};
  });
  m.def("extract_terms", &extract_terms_shim, py::arg("texts"), py::kw_only(),
        py::arg("ascii_fast_path") = true, py::arg("casefold") = true);
  m.def("raw_icu_word_loop", &raw_icu_word_loop_shim, py::arg("texts"),
        "Benchmark baseline: a bare ICU word BreakIterator loop; returns the boundary count.");
}
