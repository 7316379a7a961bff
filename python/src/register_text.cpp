// _core.text: the text model, Corpus (segmentation, normalisation, interning).
#include <map>
#include <memory>

#include "register.hpp"
#include "textgauge/parallel.hpp"
#include "textgauge/text/clean.hpp"
#include "textgauge/text/corpus.hpp"
#include "textgauge/text/hyphenation.hpp"
#include "textgauge/text/segtok.hpp"
#include "textgauge/text/utf8.hpp"
#include "texts.hpp"

using namespace textgauge;

namespace {

Corpus make_corpus(ParagraphMode paragraphs, bool sentences, bool tokens, bool ascii_fast_path,
                   NormalForm form, bool casefold, bool strip_accents, bool unify_quotes, DecodeErrors errors,
                   std::shared_ptr<Cleaner> cleaner) {
  CorpusOptions o;
  o.cleaner = std::move(cleaner);
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

void add_shim(Corpus& c, const py::object& texts, const std::vector<std::string>& sources, unsigned threads) {
  auto owned = texts_from_python(texts);
  // Every Python object has been converted: the core works on its own copies.
  py::gil_scoped_release release;
  c.add(std::move(owned), sources, threads);
}

// Python's html module's tables (as make_cleaner takes them), for html.unescape.
std::shared_ptr<EntityTable> make_entities(const std::map<std::string, std::string>& named,
                                           const std::map<std::uint32_t, std::string>& numeric,
                                           const std::vector<std::uint32_t>& invalid) {
  auto table = std::make_shared<EntityTable>();
  table->named.insert(named.begin(), named.end());
  table->numeric.insert(numeric.begin(), numeric.end());
  table->invalid.insert(invalid.begin(), invalid.end());
  return table;
}

// entities: (named references, numeric replacements, invalid code points) as
// Python's html module has them; placeholders: step name -> replacement.
std::shared_ptr<Cleaner> make_cleaner(const std::vector<CleanStep>& steps,
                                      const std::map<CleanStep, std::string>& placeholders,
                                      const std::map<std::string, std::string>& named,
                                      const std::map<std::uint32_t, std::string>& numeric,
                                      const std::vector<std::uint32_t>& invalid) {
  CleanOptions o;
  o.steps = steps;
  for (const auto& [step, text] : placeholders) o.placeholders[static_cast<std::size_t>(step)] = text;
  o.entities = make_entities(named, numeric, invalid);
  return std::make_shared<Cleaner>(std::move(o));
}

// segtok's split_multi of each text.
std::vector<std::vector<std::string>> split_multi_shim(const std::vector<std::string>& texts) {
  std::vector<std::vector<std::string>> out(texts.size());
  // Only C++ objects from here on (copies of the Python inputs).
  py::gil_scoped_release release;
  for (std::size_t i = 0; i < texts.size(); ++i) segtok_split_multi(texts[i], out[i]);
  return out;
}

// segtok's web_tokenizer (+ split_contractions) of each sentence.
std::vector<std::vector<std::string>> segtok_shim(const std::vector<std::string>& sentences,
                                                  const EntityTable& entities, bool contractions) {
  std::vector<std::vector<std::string>> out(sentences.size());
  // Only C++ objects from here on (copies of the Python inputs).
  py::gil_scoped_release release;
  for (std::size_t i = 0; i < sentences.size(); ++i)
    segtok_tokens(sentences[i], entities, contractions, out[i]);
  return out;
}

// The cleaned texts and, with origins, for each code point of each cleaned
// text the code-point span of the original it comes from.
py::list clean_shim(const Cleaner& cleaner, const py::sequence& texts, bool origins, unsigned threads) {
  auto owned = texts_from_python(texts);
  std::vector<std::vector<std::int64_t>> starts(owned.size()), ends(owned.size());
  {
    // Every Python object has been converted; the cleaner is const and
    // thread-safe, and each text is written by one thread only.
    py::gil_scoped_release release;
    parallel_chunks(owned.size(), 64, threads, [&](std::size_t, std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) {
        if (find_invalid_utf8(owned[i]) != std::string_view::npos)
          throw DecodeError(find_invalid_utf8(owned[i]), "text " + std::to_string(i));
        Cleaned c = cleaner.clean(owned[i]);
        if (origins) code_point_origins(owned[i], c.text, c.map, starts[i], ends[i]);
        owned[i] = std::move(c.text);
      }
    });
  }
  py::list out(owned.size());
  for (std::size_t i = 0; i < owned.size(); ++i) {
    py::str text(owned[i]);
    if (origins)
      out[i] = py::make_tuple(text, to_numpy(std::move(starts[i])), to_numpy(std::move(ends[i])));
    else
      out[i] = text;
  }
  return out;
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

// Hyphenation.positions(word): the word's code points in, break indices out.
std::vector<std::int32_t> hyphenation_positions(const Hyphenation& h, std::string_view word, int left,
                                                int right) {
  return h.positions(decode_utf8(word), left, right);
}

py::list vocabulary_terms(const Corpus& c) {
  const auto& v = c.vocabulary();
  py::list out(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out[i] = py::str(v.term(static_cast<Vocabulary::id_type>(i)));
  return out;
}

}  // namespace

void register_text(py::module_& m) {
  py::class_<EntityTable, std::shared_ptr<EntityTable>>(m, "HtmlEntities")
      .def(py::init(&make_entities), py::kw_only(), py::arg("named"), py::arg("numeric"), py::arg("invalid"));
  m.def("segtok_split_multi", &split_multi_shim, py::arg("texts"));
  m.def("segtok_tokens", &segtok_shim, py::arg("sentences"), py::kw_only(), py::arg("entities"),
        py::arg("contractions") = true);
  py::class_<Cleaner, std::shared_ptr<Cleaner>>(m, "Cleaner")
      .def(py::init(&make_cleaner), py::kw_only(), py::arg("steps"), py::arg("placeholders"),
           py::arg("named"), py::arg("numeric"), py::arg("invalid"))
      .def("clean", &clean_shim, py::arg("texts"), py::kw_only(), py::arg("origins") = false,
           py::arg("threads") = 0u);

  py::class_<Corpus>(m, "Corpus")
      .def(py::init(&make_corpus), py::kw_only(), py::arg("paragraphs") = "blank",
           py::arg("sentences") = true, py::arg("tokens") = true, py::arg("ascii_fast_path") = true,
           py::arg("form") = "NFC", py::arg("casefold") = true, py::arg("strip_accents") = false,
           py::arg("unify_quotes") = true, py::arg("errors") = "strict", py::arg("cleaner") = py::none())
      .def("add", &add_shim, py::arg("texts"), py::kw_only(), py::arg("sources") = std::vector<std::string>{},
           py::arg("threads") = 0u)
      .def("__len__", &Corpus::size)
      .def(
          "text", [](const Corpus& c, std::size_t i) { return c.original(i); }, py::arg("index"))
      // Python shows units in the text as given: offsets into the original.
      .def("paragraph_table",
           [](const Corpus& c) { return unit_dict(c.paragraph_table(Corpus::Offsets::original)); })
      .def("sentence_table",
           [](const Corpus& c) { return unit_dict(c.sentence_table(Corpus::Offsets::original)); })
      .def("token_table",
           [](const Corpus& c) { return token_dict(c.token_table(Corpus::Offsets::original)); })
      // The units as the corpus analyses them (cleaned when it cleans), for
      // scoring one document: the tables' offsets point into the original.
      .def("unit_texts", py::overload_cast<Unit, std::size_t>(&Corpus::unit_texts, py::const_),
           py::arg("level"), py::arg("index"))
      .def("vocabulary", &vocabulary_terms)
      .def("memory_bytes", &Corpus::memory_bytes);

  py::class_<Hyphenation>(m, "Hyphenation")
      .def(py::init<std::string_view>(), py::arg("patterns"))
      .def("positions", &hyphenation_positions, py::arg("word"), py::kw_only(), py::arg("left") = 2,
           py::arg("right") = 2)
      .def("__len__", &Hyphenation::patterns);

  def_options<ParagraphMode, NormalForm, DecodeErrors, TokenKind, CleanStep, Unit>(m);
}
