// Exits 0 when the installed library segments a sentence as expected.
#include <iostream>
#include <textgauge/text/corpus.hpp>
#include <textgauge/version.hpp>

int main() {
  textgauge::Corpus corpus;
  corpus.add({"Hello, installed world!"});
  const auto doc = corpus.document(0);
  std::cout << "textgauge " << textgauge::version << ": " << doc.units.tokens.size() << " tokens, "
            << corpus.vocabulary().size() << " terms\n";
  return doc.units.tokens.size() == 5 && corpus.vocabulary().term(doc.terms[0]) == "hello" ? 0 : 1;
}
