// Sentiment.load of textblob/_text.py and textblob/en/__init__.py: the
// lexicon pattern looks words up in, built from en-sentiment.xml's entries.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sentiment/textblob/textblob_impl.hpp"
#include "textgauge/error.hpp"

namespace textgauge::textblob {

namespace {

struct Triple {
  double v[3];
};

// pattern's avg(): sum(list) / float(len(list) or 1). CPython 3.11's sum()
// of floats from the int 0 adds left to right (0 + -0.0 is +0.0, as here).
Triple average(const std::vector<Triple>& xs) {
  Triple out{};
  for (int k = 0; k < 3; ++k) {
    double acc = 0.0;
    for (const Triple& t : xs) acc += t.v[k];
    out.v[k] = acc / static_cast<double>(xs.empty() ? 1 : xs.size());
  }
  return out;
}

struct PosGroup {
  bool has_pos;
  std::string pos;
  std::vector<Triple> senses;
  Triple avg{};
};

struct Form {
  std::string form;
  std::vector<PosGroup> groups;  // in order of first appearance, as pattern's dict
};

}  // namespace

WordTable build_word_table(const std::vector<TextBlobLexiconEntry>& entries) {
  WordTable table;
  table.labels = {"", "mood", "irony"};
  std::vector<Form> forms;
  std::unordered_map<std::string, std::size_t> index;
  std::unordered_map<std::string, std::string> labels;
  for (const TextBlobLexiconEntry& e : entries) {
    if (e.form.empty()) continue;  // `if w:`
    auto [it, fresh] = index.try_emplace(e.form, forms.size());
    if (fresh) forms.push_back(Form{e.form, {}});
    Form& f = forms[it->second];
    PosGroup* g = nullptr;
    for (PosGroup& c : f.groups)
      if (c.has_pos == e.pos.has_value() && (!c.has_pos || c.pos == *e.pos)) g = &c;
    if (!g) {
      f.groups.push_back(PosGroup{e.pos.has_value(), e.pos.value_or(""), {}, {}});
      g = &f.groups.back();
    }
    g->senses.push_back(Triple{{e.polarity, e.subjectivity, e.intensity}});
    if (!e.label.empty()) labels[e.form] = e.label;  // `if w and label:` the last one wins
  }
  auto label_index = [&](const std::string& form) -> std::uint8_t {
    const auto it = labels.find(form);
    if (it == labels.end()) return kNoLabel;
    for (std::size_t k = kFirstLexiconLabel; k < table.labels.size(); ++k)
      if (table.labels[k] == it->second) return static_cast<std::uint8_t>(k);
    if (table.labels.size() >= 255) throw Error("the TextBlob lexicon has more than 252 labels");
    table.labels.push_back(it->second);
    return static_cast<std::uint8_t>(table.labels.size() - 1);
  };
  // Averaged over the senses of each part of speech, then (the None entry a
  // word without a tag is looked up with) over the parts of speech.
  std::vector<std::pair<std::string, Entry>> words;
  std::unordered_map<std::string, std::size_t> at;  // form -> index in `words`
  words.reserve(forms.size() * 2);
  for (Form& f : forms) {
    std::vector<Triple> per_pos;
    bool adverb = false;
    for (PosGroup& g : f.groups) {
      g.avg = average(g.senses);
      per_pos.push_back(g.avg);
      adverb |= g.has_pos && g.pos == "RB";
    }
    const Triple none = average(per_pos);
    at.emplace(f.form, words.size());
    words.emplace_back(f.form, Entry{none.v[0], none.v[1], none.v[2], adverb, label_index(f.form)});
  }
  // textblob.en: every adjective also makes an adverb ("happy" -> "happily",
  // "terrible" -> "terribly") with the adjective's values as its RB and None
  // entries, replacing those of a word already there; in the lexicon's order,
  // so the last adjective wins. The label stays the word's own.
  for (const Form& f : forms) {
    const PosGroup* jj = nullptr;
    for (const PosGroup& g : f.groups)
      if (g.has_pos && g.pos == "JJ") jj = &g;
    if (!jj) continue;
    std::string w = f.form;
    if (w.ends_with('y')) w.back() = 'i';
    if (w.ends_with("le")) w.resize(w.size() - 2);
    w += "ly";
    auto [it, fresh] = at.try_emplace(w, words.size());
    if (fresh) words.emplace_back(w, Entry{});
    Entry& e = words[it->second].second;
    e = Entry{jj->avg.v[0], jj->avg.v[1], jj->avg.v[2], true, fresh ? label_index(w) : e.label};
  }
  table.assign(words);
  return table;
}

void WordTable::assign(const std::vector<std::pair<std::string, Entry>>& items) {
  keys_.clear();
  entries_.clear();
  longest_ = 0;
  std::size_t size = 16;
  while (size < items.size() * 2) size *= 2;
  slots_.assign(size, Slot{});
  mask_ = size - 1;
  filter_.assign(1024, 0);
  for (const auto& [key, entry] : items) {
    const std::size_t h = hash(key);
    filter_[(h >> 48) >> 6] |= std::uint64_t{1} << ((h >> 48) & 63);
    std::size_t i = h & mask_;
    while (slots_[i].entry != kEmpty) i = (i + 1) & mask_;
    slots_[i] = Slot{static_cast<std::uint32_t>(keys_.size()), static_cast<std::uint32_t>(key.size()),
                     static_cast<std::uint32_t>(entries_.size())};
    keys_ += key;
    entries_.push_back(entry);
    longest_ = std::max(longest_, key.size());
  }
}

}  // namespace textgauge::textblob
