"""Writes a seed corpus for each fuzz target into OUT/<target>/ (run by `make fuzz`).

Seeds are a few short snippets of ../shared/corpora (when present; never
committed) and hand-made edge cases: invalid UTF-8, surrogates, BOM, CRLF,
NUL, emoji ZWJ sequences, mixed scripts, VADER rule words, lexicon lines.

    python fuzz/seed.py build/fuzz/corpus
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"

EDGE = [
    b"",
    b"a",
    b"\xef\xbb\xbfHello world.\r\n\r\nSecond para.",
    b"one\rtwo\r\rthree",
    b"a\x00b\x00\x00c",
    b"price \xa3100",
    b"\xe2\x82",
    b"\xed\xa0\x80 surrogate",
    b"\xf4\x90\x80\x80",
    b"\xc0\xaf overlong",
    b"\xff\xfe\xfd",
    (
        "caf\u00e9 na\u00efve \u20ac5, "
        "\u4f60\u597d\u4e16\u754c \u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35"
    ).encode(),
    (
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 \U0001f44d\U0001f3fd "
        "\u2764\ufe0f 1\ufe0f\u20e3 \U0001f1eb\U0001f1f7"
    ).encode(),
    b"The food is not very good, but the service was kind of GREAT!!! :) lol",
    b"never so good, at least not bad; without doubt the best... ???",
    b"U.S. 1,250.5 don't a_b x:y",
    b"!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
    b"but but but but good but bad",
    "isn\u2019t \u201cquoted\u201d".encode(),
    b"\n\n\n\n\n\n\n\n",
    b"   \t \x0b\x0c\x1c\x1d\x1e\x1f\x85",
    "\u00a0\u2028\u2029\u3000x".encode(),
]
LEXICON = [
    b"good\t1.9\t0.9\t[2, 2, 1]\nbad\t-2.5\n\n  spaced  \t 1.0 \n",
    b"lol\t2.9\nlol\t1.8\n",
    b"x\tnan\n",
    b"x\tinf\n",
    b"no tab here\n",
    b"\t1\n",
    b"k\t1e308\nj\t-0\n",
    b"\xff\t1\n",
]
EMOJI = [
    "\U0001f600\tgrinning face\n\u2764\tred heart\n".encode(),
    b":)\tsmile\n",
    b"\n",
    b"a\tb\tc\n",
    "\U0001f44d\U0001f3fd\tthumbs up: medium skin tone\n".encode(),
]


def snippets(limit: int = 24, size: int = 600) -> list[bytes]:
    out: list[bytes] = []
    news = CORPORA / "news_paragraphs.txt"
    if news.exists():
        with news.open("rb") as f:
            lines = [f.readline() for _ in range(2000)]
        out += [ln[:size] for ln in lines[:: max(1, len(lines) // (limit // 2))]][: limit // 2]
    for path in sorted((CORPORA / "bbc").glob("*/*.txt"))[::200][: limit // 2]:
        out.append(path.read_bytes()[:size])
    return out


def write(folder: Path, items: list[bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, data in enumerate(items):
        (folder / f"seed{i:03d}").write_bytes(data)


def main(out: Path) -> None:
    texts = EDGE + snippets()
    write(out / "fuzz_sentiment", texts)
    # Targets whose first byte(s) pick options: a few option bytes per text.
    write(out / "fuzz_utf8_segment", [bytes([flags]) + t for t in texts for flags in (0, 3, 5)])
    write(
        out / "fuzz_analyzer",
        [bytes([a, b]) + t for t in texts for a, b in ((0, 0), (1, 5), (2, 9), (4, 0x55))],
    )
    write(out / "fuzz_lexicon", [b"\x00" + x for x in LEXICON] + [b"\x01" + x for x in EMOJI])


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/fuzz/corpus"))
