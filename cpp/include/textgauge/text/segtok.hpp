#pragma once
// segtok's sentence splitter (segtok 1.5, segtok/segmenter.py) and word
// tokenizer (segtok/tokenizer.py), sentence for sentence and token for token,
// as the `yake` package runs them: `split_multi` on the text, then
// `web_tokenizer` and `split_contractions` on each sentence. Written from
// segtok's documented rules and checked against segtok itself
// (tests/python/test_segtok.py); no regular expressions.
//
// web_tokenizer keeps URIs (scheme://[user@]host[:port][/path][?query][#fragment])
// and e-mail addresses (local@domain.tld) whole where they stand between
// "visual borders" (start or end, white space, quotes, brackets, < >), and runs
// the word tokenizer over the text between them after Python's html.unescape.
// The word tokenizer:
//  * joins `alnum hyphen <spaces> line break <spaces> alnum` into `alnum hyphen alnum`;
//  * splits on white space (Unicode White_Space), then each piece into the runs
//    that its word pattern matches and the runs between them. The word pattern
//    is a run of: a letter or digit followed by a dot (not before "..");
//    a letter or digit and a comma before another; a digit and a colon before
//    another; a letter or digit, an optional (non-ASCII) apostrophe and a
//    hyphen before a letter or digit; a non-ASCII apostrophe not doubled;
//    a letter or digit and an ASCII quote before another; "s'" at the end;
//    a unit with a superscript power at the end ("km²"); a chemical formula
//    with subscript counts ("H₂O"); any letter or digit. Letters are Lu Ll Lt
//    Lm (not Lo), digits Nd Nl;
//  * splits a sentence terminal off the end (or start) of the first of the
//    last three tokens that is a word or holds a terminal;
//  * splits trailing commas, semicolons and colons off every token, each its
//    own token.
// split_contractions splits `word'd|ll|m|re|s|t|ve` (any apostrophe; `n't`
// stays whole) into the word and the contraction.
#include <string>
#include <string_view>
#include <vector>

#include "textgauge/text/clean.hpp"

namespace textgauge {

// segtok's `split_multi(text)` with its defaults, sentence for sentence: the
// text is cut after a sentence terminal (. ! ? and their CJK and full-width
// forms) that is followed, past an optional closing quote and closing
// brackets, by white space, and at two or more newlines; then the pieces are
// joined back where segtok's rules say the terminal did not end a sentence:
//  * a dot after a known abbreviation ("e.g", "Dr", "Jan", ...), after a lone
//    character or a number, or after initials in a name context ("by J.",
//    "Smith, J.", "(A.B", ...);
//  * a dot before a lone lower-case word, a day before a month ("3. Mai" is
//    not one, "3. Mar" is), or "Word X." before a capitalized word;
//  * a lower-case word after a closing quote or bracket, "spp." or a one- or
//    two-letter abbreviation;
//  * a short piece (under 55 code points, either side) inside an open
//    bracket that closes later;
//  * a piece starting with a continuation word ("and", "of", "was", ...).
// Each sentence is stripped of white space (Python's str.strip); empty
// sentences are kept, as segtok gives them. `text` is UTF-8.
void segtok_split_multi(std::string_view text, std::vector<std::string>& sentences);
std::vector<std::string> segtok_split_multi(std::string_view text);

// The tokens of one sentence (UTF-8), appended to `tokens`: segtok's
// `web_tokenizer(sentence)`, then `split_contractions` when `contractions`.
// `entities` decodes references as html.unescape does.
void segtok_tokens(std::string_view sentence, const EntityTable& entities, bool contractions,
                   std::vector<std::string>& tokens);

}  // namespace textgauge
