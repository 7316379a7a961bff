// _core.text: the text model, Corpus (segmentation, normalisation, interning).
#include "register.hpp"
#include "textgauge/text/corpus.hpp"
#include "texts.hpp"

using namespace textgauge;

namespace {

Corpus make_corpus(ParagraphMode paragraphs, bool sentences, bool tokens, bool ascii_fast_path,
                   NormalForm form, bool casefold, bool strip_accents, bool unify_quotes,
                   DecodeErrors errors) {
  CorpusOptions o;
  o.segment.paragraphs = paragraphs;
  o.segment.sentences = sentences;
  o.segment.tokens = tokens;
  o.segment.ascii_fast_path = ascii_fast_path;
  o.normalize.form = form;
  o.normalize.casefold = casefold;
  o.normalize.strip_accents = strip_accents;
  o.normalize.unify_quotes = unify_quotes;
  o.errors = errors;
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
      .def("vocabulary", &vocabulary_terms)
      .def("memory_bytes", &Corpus::memory_bytes);

  def_options<ParagraphMode, NormalForm, DecodeErrors, TokenKind>(m);
}
