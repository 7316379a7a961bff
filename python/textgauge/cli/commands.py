"""Command definitions of the ``textgauge`` command line: arguments, batching, progress."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn

import numpy as np
import pandas as pd

from .. import __version__, _corpus
from .. import clean as _clean
from .._methods import METHODS as METHOD_NAMES
from ..text import Corpus
from .inputs import (
    FORMATS,
    InputError,
    Unit,
    detect_format,
    discover,
    read_text,
    read_units,
    total_bytes,
    unit_texts,
)
from .outputs import Output, OutputUsageError, Schema

if TYPE_CHECKING:  # imported when a keyness run starts; here for the annotation (pdoc, mypy)
    from ..partial import GroupedTermStats
    from ..sentiment import SentimentIntensityAnalyzer

EXIT_OK = 0
EXIT_INPUT_ERROR = 1  # also: the output cannot be written, or the input holds no such group
EXIT_USAGE = 2
EXIT_SKIPPED = 3

KEY_COLUMNS = (
    ("source", "string"),
    ("record", "string"),
    ("paragraph", "Int64"),
    ("sentence", "Int64"),
)
ERROR_COLUMN = (("error", "string"),)
SCORE_COLUMNS = (
    ("neg", "float64"),
    ("neu", "float64"),
    ("pos", "float64"),
    ("compound", "float64"),
)


# ---------------------------------------------------------------------------------------
# batching and progress


def batches(units: Iterator[Unit], batch_bytes: int) -> Iterator[list[Unit]]:
    """Consecutive units in lists of about `batch_bytes` input bytes (bounded memory)."""
    batch: list[Unit] = []
    size = 0
    for unit in units:
        batch.append(unit)
        size += unit.nbytes or len(unit.text or "")
        if size >= batch_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


class Progress:
    """A tqdm bar on stderr (bytes, paragraphs/s, ETA) when stderr is a terminal."""

    def __init__(self, total: int | None, quiet: bool, unit: str = "paragraphs") -> None:
        self.bar = None
        self.unit = unit
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(
                total=total,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                desc="textgauge",
                file=sys.stderr,
                dynamic_ncols=True,
            )
        self.paragraphs = 0

    def update(self, nbytes: int, done: int) -> None:
        """`nbytes` more input read; `done` = paragraphs (or documents) processed so far."""
        if self.bar is not None:
            elapsed = self.bar.format_dict.get("elapsed") or 0
            per_s = done / elapsed if elapsed else 0
            self.bar.set_postfix_str(
                f"{done:,} {self.unit}, {per_s:,.0f} {self.unit}/s", refresh=False
            )
            self.bar.update(nbytes)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# ---------------------------------------------------------------------------------------
# commands


class Command:
    """One subcommand: its output schema, how a batch becomes rows, and final rows."""

    name = ""
    whole_documents = True
    progress_unit = "paragraphs"  # what `done` counts for the progress bar

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.errors = 0
        self.done = 0  # paragraphs (or documents, see progress_unit) processed
        self.paragraph_base: dict[str, int] = {}  # paragraphs already seen per text source
        self.sentence_base: dict[str, int] = {}
        # --compound: the multi-word expressions joined in every batch's corpus (read
        # before any input, so that a bad file is a usage error)
        self.expressions: list[list[str]] | None = None
        if getattr(args, "compound", None) is not None:
            self.expressions = read_expressions(args.compound, args.compound_delimiter)

    def schema(self) -> Schema:
        raise NotImplementedError

    def corpus(self, units: list[Unit], **options: Any) -> Corpus:
        """The corpus of a batch, the --compound expressions joined."""
        return self.compounded(self.plain_corpus(units, **options))

    def plain_corpus(self, units: list[Unit], **options: Any) -> Corpus:
        # A placeholder (an unreadable paragraph, decoded with U+FFFD) is counted, never reported.
        texts = unit_texts(units)
        return Corpus.from_texts(
            texts,
            paragraphs=self.args.paragraphs,
            threads=self.args.threads,
            clean=self.args.clean,
            **options,
        )

    def compounded(self, corpus: Corpus) -> Corpus:
        """The corpus with the --compound expressions joined (as Corpus.compound), or itself."""
        if self.expressions is None:
            return corpus
        joined: Corpus = corpus.compound(self.expressions, delimiter=self.args.compound_delimiter)
        return joined

    def compound_options(self) -> dict[str, Any]:
        """The keyword arguments that make textgauge.partial compound its corpora too."""
        if self.expressions is None:
            return {}
        return {"compound": self.expressions, "compound_delimiter": self.args.compound_delimiter}

    def error_rows(self, units: list[Unit]) -> pd.DataFrame:
        """One row per unit that could not be read (its `_unit` is its place in the batch)."""
        bad = [i for i, u in enumerate(units) if u.error is not None]
        self.errors += len(bad)
        for i in bad:
            print(f"textgauge: skipped: {units[i].error}", file=sys.stderr)
        return pd.DataFrame(
            {
                "_unit": bad,
                "source": [units[i].source for i in bad],
                "record": [units[i].record for i in bad],
                "error": [units[i].error for i in bad],
            }
        )

    def keys(
        self, units: list[Unit], good: list[int], corpus: Corpus, df: pd.DataFrame
    ) -> tuple[pd.DataFrame, np.ndarray]:
        """Adds `_unit`, source, record and file-wide paragraph/sentence numbers to rows whose
        `document` column indexes the corpus made of units[good]; moves the per-file counters
        past this batch's blocks of text files. Also returns the file-wide number of each
        block's first paragraph (aligned with `good`)."""
        n = len(good)
        par = np.bincount(_corpus.table(corpus, "paragraph")["document"], minlength=n)
        sen = np.bincount(_corpus.table(corpus, "sentence")["document"], minlength=n)
        par_base, sen_base = np.zeros(n, np.int64), np.zeros(n, np.int64)
        for k, i in enumerate(good):
            u = units[i]
            if not u.whole_document:  # blocks of one file follow each other in order
                par_base[k] = self.paragraph_base.get(u.source, 0)
                sen_base[k] = self.sentence_base.get(u.source, 0)
                self.paragraph_base[u.source] = int(par_base[k] + par[k])
                self.sentence_base[u.source] = int(sen_base[k] + sen[k])
        doc = df["document"].to_numpy().astype(np.int64)
        unit_index = np.asarray(good, dtype=np.int64)[doc]
        df.insert(0, "_unit", unit_index)
        df.insert(1, "source", [units[i].source for i in unit_index])
        df.insert(2, "record", [units[i].record for i in unit_index])
        if "paragraph" in df:
            df["paragraph"] = df["paragraph"].to_numpy() + par_base[doc]
        if "sentence" in df:
            df["sentence"] = df["sentence"].to_numpy() + sen_base[doc]
        return df, par_base

    def group_of(self, unit: Unit) -> str:
        """A unit's group: the --group-column value of a record, else its file's directory name."""
        if unit.group is not None:
            return unit.group
        return os.path.basename(os.path.dirname(unit.source)) or "."

    def process(self, units: list[Unit]) -> pd.DataFrame:
        raise NotImplementedError

    def finish(self) -> pd.DataFrame | None:
        return None


class SentimentCommand(Command):
    name = "sentiment"

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(args)
        from .. import _methods
        from ..errors import OptionError
        from ..sentiment import SentimentIntensityAnalyzer

        self.whole_documents = args.level == "document"
        self.method: str = getattr(args, "method", "vader")
        self.analyzer: SentimentIntensityAnalyzer | None = None
        self.score_columns: tuple[tuple[str, str], ...] = SCORE_COLUMNS
        if self.method == "vader":
            self.analyzer = SentimentIntensityAnalyzer(
                mode="fixed" if args.mode == "fixed" else "vader"
            )
            return
        if args.mode == "fixed":
            raise UsageError(
                f"--mode fixed is VADER's; --method {self.method} takes vader or sentences"
            )
        try:
            # The method's columns, from one real call (its module is imported here).
            probe = _methods.method_frame(["Good."], method=self.method, threads=1)
        except (OptionError, ModuleNotFoundError) as e:
            raise UsageError(f"--method {self.method}: {e}") from None
        self.score_columns = tuple((str(c), "float64") for c in probe.columns)

    def schema(self) -> Schema:
        text = (("text", "string"),) if self.args.with_text else ()
        return Schema(KEY_COLUMNS + text + self.score_columns + ERROR_COLUMN)

    def process(self, units: list[Unit]) -> pd.DataFrame:
        # An unreadable paragraph of a text file is in the corpus as its placeholder, so that
        # the paragraphs and sentences after it are numbered as in the clean file; its rows
        # are dropped and its one error row carries its paragraph number.
        counted = [i for i, u in enumerate(units) if u.error is None or u.placeholder is not None]
        placeholders = [i for i in counted if units[i].error is not None]
        errors = self.error_rows(units)
        out = [errors]
        if counted:
            # Scores need only the units' spans: skip word tokens, and sentences unless used.
            need_sentences = self.args.level == "sentence" or self.args.mode == "sentences"
            corpus = self.corpus(
                [units[i] for i in counted], tokens=False, sentences=need_sentences
            )
            df = corpus.sentiment(
                self.args.level, mode=self.args.mode, analyzer=self.analyzer, method=self.method
            )
            self.done += len(_corpus.table(corpus, "paragraph")["document"]) - len(placeholders)
            df, first = self.keys(units, counted, corpus, df)
            if placeholders:
                df = df[~df["_unit"].isin(placeholders)]
                first_of = dict(zip(counted, first.tolist()))
                errors["paragraph"] = pd.array(
                    [first_of.get(i) for i in errors["_unit"]], dtype="Int64"
                )
            out.append(df)
        return in_input_order(out)


def in_input_order(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Rows of a batch in input order: by unit; within a unit, as produced (paragraph order)."""
    df = pd.concat(frames, ignore_index=True)
    return df.sort_values("_unit", kind="stable").drop(columns="_unit")


def parse_ngram(text: str) -> tuple[int, int]:
    try:
        lo, _, hi = text.partition("-")
        low, high = int(lo), int(hi or lo)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--ngram takes N or N-M, got {text!r}") from None
    if not 1 <= low <= high:
        raise argparse.ArgumentTypeError(f"--ngram needs 1 <= N <= M, got {text!r}")
    return low, high


class TermsCommand(Command):
    """Term frequencies: corpus-wide (default), per document, or per group, top N each."""

    name = "terms"

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(args)
        self.totals: dict[Any, pd.Series] = {}  # group -> term counts
        self.docfreq: dict[Any, pd.Series] = {}

    def schema(self) -> Schema:
        # Corpus.frequency's columns (term, frequency, rank, docfreq, group), keyed by
        # source and record when per document.
        keys = (("source", "string"), ("record", "string")) if self.args.by == "document" else ()
        return Schema(
            keys
            + (
                ("term", "string"),
                ("frequency", "Int64"),
                ("rank", "Int64"),
                ("docfreq", "Int64"),
                ("group", "string"),
            )
            + ERROR_COLUMN
        )

    def process(self, units: list[Unit]) -> pd.DataFrame:
        good = [u for u in units if u.error is None]
        errors = self.error_rows(units).drop(columns="_unit")
        if not good:
            return errors
        # counts need tokens, not sentences; expressions are joined within sentences
        corpus = self.corpus(good, sentences=self.expressions is not None)
        self.done += len(_corpus.table(corpus, "paragraph")["document"])
        try:
            X, terms = corpus.dtm(
                level="document",
                ngram_range=self.args.ngram,
                stop_words=None if self.args.keep_stop_words else "english",
            )
        except ValueError as e:
            # As scikit-learn, the vectorizer refuses a batch with no term (empty, blank or
            # stop words only): here that is a batch that adds nothing to the counts.
            if not str(e).startswith("empty vocabulary"):
                raise
            return errors
        X = X.tocsr()
        if self.args.by == "document":
            rows = []
            for i, u in enumerate(good):
                row = X.getrow(i)
                counts = pd.Series(row.data, index=terms[row.indices]).astype("int64")
                top = rank_table(counts, pd.Series(1, index=counts.index), self.args.top)
                top.insert(0, "source", u.source)
                top.insert(1, "record", u.record)
                top["group"] = self.group_of(u)
                rows.append(top)
            return pd.concat([errors] + rows, ignore_index=True)
        groups = [self.group_of(u) if self.args.by == "group" else "all" for u in good]
        for g in dict.fromkeys(groups):
            rows_g = np.flatnonzero(np.array(groups, dtype=object) == g)
            sub = X[rows_g]
            counts = pd.Series(np.asarray(sub.sum(axis=0)).ravel(), index=terms)
            df = pd.Series(np.asarray((sub > 0).sum(axis=0)).ravel(), index=terms)
            keep = counts.to_numpy() > 0
            self.totals[g] = self.totals.get(g, pd.Series(dtype="int64")).add(
                counts[keep], fill_value=0
            )
            self.docfreq[g] = self.docfreq.get(g, pd.Series(dtype="int64")).add(
                df[keep], fill_value=0
            )
        return errors

    def finish(self) -> pd.DataFrame | None:
        if self.args.by == "document":
            return None
        out = []
        for g, counts in self.totals.items():
            top = rank_table(counts.astype("int64"), self.docfreq[g].astype("int64"), self.args.top)
            top["group"] = g
            out.append(top)
        return pd.concat(out, ignore_index=True) if out else None


class UsageError(Exception):
    """A run that cannot give a result for its arguments (exit code 2)."""


def _group_list(groups: Any) -> str:
    return ", ".join(repr(g) for g in groups) or "none"


class KeynessCommand(Command):
    """Keyness of a target group against a reference group (default: all other documents),
    from term counts merged batch by batch (textgauge.partial.GroupedTermStats)."""

    name = "keyness"
    progress_unit = "documents"

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(args)

        if args.reference is not None and args.reference == args.target:
            raise UsageError(f"--reference {args.reference!r} is the target group itself")
        self.stats: GroupedTermStats | None = None
        self.batch = 0
        self.groups: dict[str, None] = {}  # every group seen, in order (for the messages)
        # The statistic's column is named as in Corpus.keyness: after the measure.
        self.statistic = "odds_ratio" if args.measure == "exact" else args.measure

    def schema(self) -> Schema:
        # Corpus.keyness's columns and kinds: counts are integers, even of the reference.
        return Schema(
            (
                ("term", "string"),
                ("n_target", "Int64"),
                ("n_reference", "Int64"),
                (self.statistic, "float64"),
                ("p", "float64"),
                ("log_ratio", "float64"),
            )
            + ERROR_COLUMN
        )

    def label(self, unit: Unit) -> str | None:
        group = self.group_of(unit)
        self.groups[group] = None
        if group == self.args.target:
            return "target"
        if self.args.reference is None or group == self.args.reference:
            return "reference"
        return None  # in neither: left out

    def process(self, units: list[Unit]) -> pd.DataFrame:
        from ..partial import GroupedTermStats

        good = [u for u in units if u.error is None]
        if good:
            part = GroupedTermStats.from_texts(
                unit_texts(good),
                [self.label(u) for u in good],
                part=self.batch,
                threads=self.args.threads or 0,
                corpus_options={"paragraphs": self.args.paragraphs, "clean": self.args.clean},
                **self.compound_options(),
            )
            self.stats = part if self.stats is None else self.stats.merged(part)
            self.batch += 1
            self.done += len(good)
        return self.error_rows(units).drop(columns="_unit")

    def finish(self) -> pd.DataFrame | None:
        # Which groups exist is known only once all input is read; the output file is
        # then dropped (see Output), so no header-only table is left behind.
        groups = {} if self.stats is None else self.stats.groups
        if "target" not in groups:
            raise InputError(
                f"no input belongs to the target group {self.args.target!r}; "
                f"groups: {_group_list(self.groups)}"
            )
        if "reference" not in groups:
            which = (
                f"to the reference group {self.args.reference!r}"
                if self.args.reference is not None
                else f"to a group other than the target {self.args.target!r}"
            )
            raise InputError(f"no input belongs {which}; groups: {_group_list(self.groups)}")
        if groups["target"][1] == 0 or groups["reference"][1] == 0:
            return None  # a group of empty or blank documents: nothing to count, as for terms
        from ..keyness import resolve_correction

        correction = resolve_correction(self.args.measure, self.args.correction)
        df = self.stats.keyness(  # type: ignore[union-attr]
            "target",
            "reference",
            measure=self.args.measure,
            correction=correction,
        )
        return df.head(self.args.top) if self.args.top else df


class CollocationsCommand(Command):
    """Bigram collocations with NLTK's measures, from counts merged batch by batch
    (textgauge.partial.CollocationStats); never across documents."""

    name = "collocations"
    progress_unit = "documents"

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(args)
        from ..collocations import QUANTEDA_MEASURES, measure_names

        try:
            names = measure_names(2, args.measure.split(",") if args.measure != "all" else "all")
        except ValueError as e:
            raise UsageError(str(e)) from None
        self.measures = (
            [m for m in names if m not in QUANTEDA_MEASURES] if args.measure == "all" else names
        )
        bad = [m for m in self.measures if m in QUANTEDA_MEASURES]
        if bad:
            raise UsageError(
                f"{bad} need positional counts; the command line scores NLTK's measures"
            )
        self.stats: Any = None

    def schema(self) -> Schema:
        return Schema(
            (("collocation", "string"), ("count", "Int64"))
            + tuple((m, "float64") for m in self.measures)
            + ERROR_COLUMN
        )

    def process(self, units: list[Unit]) -> pd.DataFrame:
        from ..partial import CollocationStats

        good = [u for u in units if u.error is None]
        if good:
            part = CollocationStats.from_texts(
                unit_texts(good),
                window=self.args.window,
                across_sentences=not self.args.within_sentences,
                corpus_options={"paragraphs": self.args.paragraphs, "clean": self.args.clean},
                threads=self.args.threads or 0,
                **self.compound_options(),
            )
            self.stats = part if self.stats is None else self.stats.merged(part)
            self.done += len(good)
        return self.error_rows(units).drop(columns="_unit")

    def finish(self) -> pd.DataFrame | None:
        if self.stats is None:
            return None
        df: pd.DataFrame = self.stats.scores(measure=self.measures, min_count=self.args.min_count)
        return df.head(self.args.top) if self.args.top else df


class PhrasesCommand(Command):
    """gensim's Phrases (textgauge.Phrases), the models of batches merged as gensim's
    add_vocab merges them; the table of the whole input at the end."""

    name = "phrases"
    progress_unit = "documents"

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(args)
        from ..phrases import ENGLISH_CONNECTOR_WORDS, Phrases

        connectors: frozenset[str] = frozenset()
        if args.connector_words == "english":
            connectors = ENGLISH_CONNECTOR_WORDS
        elif args.connector_words:
            connectors = frozenset(w for w in args.connector_words.split(",") if w)
        self.params: dict[str, Any] = {
            "min_count": args.min_count,
            "threshold": args.threshold,
            "scoring": args.scoring,
            "connector_words": connectors,
            "delimiter": args.phrase_delimiter,
        }
        try:
            Phrases(None, **self.params)
        except ValueError as e:
            raise UsageError(str(e)) from None
        self.model: Any = None

    def schema(self) -> Schema:
        return Schema(
            (("phrase", "string"), ("count", "Int64"), ("score", "float64")) + ERROR_COLUMN
        )

    def process(self, units: list[Unit]) -> pd.DataFrame:
        from ..phrases import Phrases

        good = [u for u in units if u.error is None]
        if good:
            part = Phrases(self.corpus(good), **self.params)
            self.model = part if self.model is None else self.model + part
            self.done += len(good)
        return self.error_rows(units).drop(columns="_unit")

    def finish(self) -> pd.DataFrame | None:
        if self.model is None:
            return None
        df: pd.DataFrame = self.model.table()
        return df.head(self.args.top) if self.args.top else df


class KeywordsCommand(Command):
    """YAKE keywords of each document, as the yake package extracts them."""

    name = "keywords"
    progress_unit = "documents"

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(args)
        from ..keywords import check_options

        self.params: dict[str, Any] = {
            "top": args.top,
            "lan": args.lan,
            "max_ngram_size": args.max_ngram_size,
            "dedup_lim": args.dedup_lim,
            "dedup_func": args.dedup_func,
            "window_size": args.window_size,
        }
        try:
            check_options(
                args.max_ngram_size, args.dedup_lim, args.dedup_func, args.window_size, args.top
            )
        except ValueError as e:
            raise UsageError(str(e)) from None

    def schema(self) -> Schema:
        return Schema(
            (("source", "string"), ("record", "string"), ("keyword", "string"))
            + (("score", "float64"),)
            + ERROR_COLUMN
        )

    def process(self, units: list[Unit]) -> pd.DataFrame:
        from ..keywords import yake_keywords

        good = [i for i, u in enumerate(units) if u.error is None]
        out = [self.error_rows(units)]
        if good:
            texts = unit_texts([units[i] for i in good], arrow=False)
            cleaner = _clean.as_cleaner(self.args.clean)
            if cleaner is not None:  # --clean: the keywords of the cleaned text
                texts = cleaner.clean(texts, threads=self.args.threads)
            found = yake_keywords(texts, **self.params)
            rows = [(i, kw, score) for i, pairs in zip(good, found) for kw, score in pairs]
            out.append(
                pd.DataFrame(
                    {
                        "_unit": [r[0] for r in rows],
                        "source": [units[r[0]].source for r in rows],
                        "record": [units[r[0]].record for r in rows],
                        "keyword": [r[1] for r in rows],
                        "score": pd.array([r[2] for r in rows], dtype="float64"),
                    }
                )
            )
            self.done += len(good)
        return in_input_order(out)


def rank_table(counts: pd.Series, docfreq: pd.Series, top: int | None) -> pd.DataFrame:
    """Terms by frequency (descending, ties by term), with min-rank and docfreq: the columns
    of Corpus.frequency."""
    df = pd.DataFrame(
        {
            "term": counts.index.astype(str),
            "frequency": counts.to_numpy(),
            "docfreq": docfreq.reindex(counts.index).to_numpy(),
        }
    )
    df = df.sort_values(["frequency", "term"], ascending=[False, True], kind="stable")
    df.insert(2, "rank", df["frequency"].rank(method="min", ascending=False).astype("int64"))
    return (df.head(top) if top else df).reset_index(drop=True)


class LookupCommand(Command):
    """Dictionary counts per document, paragraph or sentence (``Corpus.lookup``)."""

    name = "lookup"

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(args)
        from ..dictionary import Dictionary
        from ..errors import DictionaryError, OptionError

        self.whole_documents = args.level == "document"
        try:
            self.dictionary = Dictionary.read(args.dictionary, format=args.dictionary_format)
        except (DictionaryError, OptionError) as e:
            raise UsageError(f"--dictionary: {e}") from None
        except OSError as e:
            raise UsageError(f"--dictionary {args.dictionary}: {e.strerror or e}") from None
        self.options: dict[str, Any] = {
            "level": args.level,
            "valuetype": args.valuetype,
            "nested_scope": args.nested_scope,
            "proportions": args.proportions,
            "nomatch": args.nomatch,
            "negation": args.negation,
            "window": args.window,
        }
        probe = Corpus.from_texts([""]).lookup(self.dictionary, **self.options)
        self.categories = list(probe.columns[list(probe.columns).index("tokens") + 1 :])
        taken = {n for n, _ in KEY_COLUMNS} | {"tokens", "error"}
        clash = [c for c in self.categories if c in taken]
        if clash:
            raise UsageError(f"--dictionary: categories named like output columns: {clash}")

    def schema(self) -> Schema:
        kind = "float64" if self.args.proportions else "int64"
        cats = tuple((c, kind) for c in self.categories)
        return Schema(KEY_COLUMNS + (("tokens", "int64"),) + cats + ERROR_COLUMN)

    def process(self, units: list[Unit]) -> pd.DataFrame:
        # as SentimentCommand: placeholders keep the numbering and are dropped afterwards
        counted = [i for i, u in enumerate(units) if u.error is None or u.placeholder is not None]
        placeholders = [i for i in counted if units[i].error is not None]
        errors = self.error_rows(units)
        out = [errors]
        if counted:
            corpus = self.corpus([units[i] for i in counted])
            df = corpus.lookup(self.dictionary, **self.options)
            self.done += len(_corpus.table(corpus, "paragraph")["document"]) - len(placeholders)
            df, first = self.keys(units, counted, corpus, df)
            if placeholders:
                df = df[~df["_unit"].isin(placeholders)]
                first_of = dict(zip(counted, first.tolist()))
                errors["paragraph"] = pd.array(
                    [first_of.get(i) for i in errors["_unit"]], dtype="Int64"
                )
            out.append(df.drop(columns="document"))
        return in_input_order(out)


COMMANDS: dict[str, type[Command]] = {
    "lookup": LookupCommand,
    "sentiment": SentimentCommand,
    "terms": TermsCommand,
    "keyness": KeynessCommand,
    "collocations": CollocationsCommand,
    "phrases": PhrasesCommand,
    "keywords": KeywordsCommand,
}


# ---------------------------------------------------------------------------------------
# argument parsing and the run loop

EPILOG = """\
exit codes:
  0  every input was processed (an empty input gives the header and no rows)
  1  an input could not be read (--on-error fail), the output could not be written,
     or the input holds no --target/--reference group; no output file is left behind
  2  bad command line (unknown option or value, unknown output extension)
  3  finished, but some units could not be read and were written as error rows
     (--on-error skip)
"""


class _Parser(argparse.ArgumentParser):
    """argparse with a usage error said in one line on stderr (exit 2), without the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions as written; each option's default shown after its help, unless it has
    none worth saying (None, False) or the help says it already."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if (
            not action.option_strings
            or action.default in (None, False, argparse.SUPPRESS)
            or "default" in text
        ):
            return text
        return f"{text} (default: %(default)s)" if text else "default: %(default)s"


def _integer(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"expected an integer >= {minimum}, got {text!r}")
        return value

    return parse


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number > 0, got {text!r}")
    return value


def _delimiter(text: str) -> str:
    # A shell makes a tab hard to type: "\t" and "tab" name it.
    value = "\t" if text in ("\\t", "tab", "TAB") else text
    if len(value) != 1 or value in '\r\n"':
        raise argparse.ArgumentTypeError(f"expected one character (or \\t, tab), got {text!r}")
    return value


def _clean_steps(text: str) -> tuple[str, ...]:
    """--clean's value: "news" or comma-separated step names."""
    if text == "news":
        return _clean.NEWS
    steps = tuple(s.strip() for s in text.split(",") if s.strip())
    bad = [s for s in steps if s not in _clean.STEPS]
    if bad or not steps:
        raise argparse.ArgumentTypeError(
            f"unknown cleaning step(s) {', '.join(map(repr, bad or [text]))}; "
            f"choose news or from: {', '.join(_clean.STEPS)}"
        )
    return steps


_TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")


def read_expressions(path: str, delimiter: str) -> list[list[str]]:
    """The multi-word expressions of a --compound file, each as its list of terms.

    A table (.csv, .tsv, .jsonl/.ndjson, .parquet, optionally .gz) has a ``phrase`` column,
    as the output of ``textgauge phrases`` has: each phrase is split at ``delimiter``.
    Any other file has one expression per line, written as in the text ("New York");
    blank lines and lines starting with ``#`` are left out. Each line is segmented and
    normalised as the input is (case folded, quotes unified), so that it spells the
    corpus's terms. An expression of one term joins nothing: a warning names its line.
    A file that cannot be read is a usage error."""
    name = path[:-3] if path.endswith(".gz") else path
    where = f"--compound {path}"
    try:
        if name.endswith(_TABLE_SUFFIXES):
            return _table_expressions(path, name, delimiter, where)
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise UsageError(f"{where}: {e.strerror or e}") from None
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0  # a byte order mark (Windows editors)
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        raise UsageError(f"{where}: invalid UTF-8 at byte offset {bom + e.start}") from None
    # lines as an editor numbers them (str.splitlines also cuts at form feeds and U+2028)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    numbered = [
        (i, line.strip())
        for i, line in enumerate(lines, 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    corpus = Corpus.from_texts([line for _, line in numbered])
    tokens = _corpus.table(corpus, "token")
    vocabulary = corpus.vocabulary
    terms: list[list[str]] = [[] for _ in numbered]
    for d, t in zip(tokens["document"].tolist(), tokens["term"].tolist()):
        terms[d].append(vocabulary[t])
    out = []
    for (number, line), words in zip(numbered, terms):
        if len(words) < 2:
            print(
                f"textgauge: {where}:{number}: {line!r} is one term: nothing to join",
                file=sys.stderr,
            )
        else:
            out.append(words)
    if not out:
        print(
            f"textgauge: {where}: no expression of two or more terms: nothing is joined",
            file=sys.stderr,
        )
    return out


def _table_expressions(path: str, name: str, delimiter: str, where: str) -> list[list[str]]:
    """The phrases of a --compound table, split at ``delimiter``."""
    try:
        if name.endswith(".parquet"):
            table = pd.read_parquet(path)
        elif name.endswith((".jsonl", ".ndjson")):
            table = pd.read_json(path, lines=True, dtype=False)
        else:
            sep = "\t" if name.endswith(".tsv") else ","
            table = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False)
    except (ValueError, ImportError) as e:  # pandas' parse errors are ValueErrors
        raise UsageError(f"{where}: cannot be read as a table ({e})") from None
    if "phrase" not in table.columns:
        raise UsageError(
            f"{where}: a table needs a 'phrase' column (as textgauge phrases writes); "
            f"columns: {', '.join(map(str, table.columns))}"
        )
    out = []
    for phrase in table["phrase"].tolist():
        if not isinstance(phrase, str):
            raise UsageError(f"{where}: a phrase is not text: {phrase!r}")
        out.append(phrase.split(delimiter))
    return out


def _add_compound_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("multi-word expressions")
    g.add_argument(
        "--compound",
        metavar="FILE",
        help="join multi-word expressions into single terms before counting (as "
        "Corpus.compound): a text file of one expression per line, written as in the text "
        "('New York'), or a table with a 'phrase' column, such as the output of "
        "textgauge phrases (.csv, .tsv, .jsonl, .parquet)",
    )
    g.add_argument(
        "--compound-delimiter",
        default="_",
        metavar="TEXT",
        help="joins the terms of an expression (new_york); also splits a table's phrases",
    )


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories (recursive) or - for stdin"
    )
    g = p.add_argument_group("input")
    g.add_argument(
        "--include",
        metavar="GLOB",
        help="in directories, only files whose name matches (e.g. '*.txt')",
    )
    g.add_argument(
        "--format",
        choices=["auto", *FORMATS],
        default="auto",
        help="input format; auto: by extension (.jsonl/.ndjson, .csv, .tsv, .parquet, "
        ".gz stripped), else plain text",
    )
    g.add_argument(
        "--delimiter",
        type=_delimiter,
        metavar="CHAR",
        help="field separator of CSV/TSV input (default: ',' for CSV, tab for TSV)",
    )
    g.add_argument(
        "--text-column",
        metavar="NAME",
        help="JSON Lines / CSV / TSV column holding the text (default: text)",
    )
    g.add_argument(
        "--id-column",
        metavar="NAME",
        help="JSON Lines / CSV / TSV column holding the record id (default: line/row number)",
    )
    g.add_argument(
        "--group-column",
        metavar="NAME",
        help="JSON Lines / CSV / TSV column holding the group, for terms --by group "
        "and keyness (default: the file's directory name)",
    )
    g.add_argument(
        "--paragraphs",
        choices=["blank", "line"],
        default="blank",
        help="plain text: paragraphs separated by blank lines, or one per line",
    )
    g.add_argument(
        "--clean",
        nargs="?",
        const="news",
        type=_clean_steps,
        metavar="STEPS",
        help="clean the text before counting (offsets still point into the input): "
        "news (the default when STEPS is left out: HTML entities and tags, spaces, quotes "
        "and dashes) or comma-separated steps, from: "
        + ", ".join(_clean.STEPS)
        + " (put STEPS right after --clean, or the paths first)",
    )
    g.add_argument(
        "--on-error",
        choices=["fail", "skip", "replace"],
        default="fail",
        help="unreadable input, invalid UTF-8, a bad JSON/CSV record or a missing "
        "column: fail: stop (exit 1); skip: one error row for that paragraph, "
        "record or file, and go on (exit 3); replace: decode invalid UTF-8 with "
        "U+FFFD",
    )
    o = p.add_argument_group("output")
    o.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="output file, by extension: .csv, .jsonl (.ndjson), .parquet (default: CSV on stdout)",
    )
    o.add_argument(
        "--output-format",
        choices=["csv", "jsonl", "parquet"],
        help="the output format, whatever the extension",
    )
    r = p.add_argument_group("run")
    r.add_argument(
        "--threads", type=_integer(0), default=None, help="worker threads (default: all cores)"
    )
    r.add_argument(
        "--batch-mb", type=_positive_float, default=8.0, help="input per batch, MB (bounds memory)"
    )
    r.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def build_parser(description: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; ``description`` is the --help text (``textgauge.cli``'s docstring,
    which main passes: this module does not import its package)."""
    common: dict[str, Any] = {"formatter_class": _HelpFormatter, "epilog": EPILOG}
    parser = _Parser(prog="textgauge", description=description, **common)
    parser.add_argument("--version", action="version", version=f"textgauge {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        description = text[0].upper() + text[1:] + "."
        return sub.add_parser(name, help=text, description=description, **common)

    s = command("sentiment", "sentiment per document, paragraph or sentence (VADER by default)")
    _add_input_options(s)
    s.add_argument(
        "--level",
        choices=["document", "paragraph", "sentence"],
        default="paragraph",
        help="the unit scored: one row per document, paragraph or sentence",
    )
    s.add_argument(
        "--mode",
        choices=["vader", "sentences", "fixed"],
        default="vader",
        help="vader: score each unit's text; sentences: aggregate sentence scores; "
        "fixed: VADER with its bugs fixed (--method vader only)",
    )
    s.add_argument(
        "--method",
        choices=list(METHOD_NAMES),
        default="vader",
        help="the scorer: vader (vaderSentiment 3.3.2, columns neg neu pos compound), afinn "
        "(afinn 0.1: polarity = tanh(score/5), score), textblob (polarity, subjectivity), "
        "textgauge (textgauge's own scorer); see docs/sentiment.md",
    )
    s.add_argument("--with-text", action="store_true", help="add the unit's text as a column")

    t = command("terms", "term frequencies, top N overall, per document or per group")
    _add_input_options(t)
    t.add_argument(
        "--ngram", type=parse_ngram, default="1", metavar="N[-M]", help="n-gram sizes, e.g. 1-2"
    )
    t.add_argument("--top", type=_integer(0), default=20, help="terms per table (0: all)")
    t.add_argument(
        "--by",
        choices=["corpus", "document", "group"],
        default="corpus",
        help="one table overall, per document, or per group (a file's directory name)",
    )
    t.add_argument("--keep-stop-words", action="store_true", help="do not drop English stop words")
    _add_compound_options(t)

    k = command("keyness", "terms key to a target group against a reference group")
    _add_input_options(k)
    k.add_argument(
        "--target",
        required=True,
        help="the target group (a directory name, or --group-column value)",
    )
    k.add_argument("--reference", help="the reference group (default: every other input)")
    k.add_argument(
        "--measure",
        choices=["chi2", "lr", "pmi", "exact"],
        default="chi2",
        help="the statistic, its column named after it (exact: odds_ratio)",
    )
    k.add_argument(
        "--correction",
        choices=["default", "yates", "williams", "none"],
        default="default",
        help="default: Yates for chi2, Williams for lr (as quanteda), none otherwise",
    )
    k.add_argument("--top", type=_integer(0), default=50, help="rows (0: all)")
    _add_compound_options(k)

    c = command("collocations", "bigram collocations scored with NLTK's measures")
    _add_input_options(c)
    c.add_argument(
        "--measure",
        default="likelihood_ratio",
        help="comma-separated NLTK measures (raw_freq, pmi, likelihood_ratio, chi_sq, student_t, "
        "dice, jaccard, poisson_stirling, mi_like, fisher, phi_sq) or 'all'; "
        "rows sort by the first",
    )
    c.add_argument("--min-count", type=_integer(1), default=2, help="drop bigrams seen fewer times")
    c.add_argument(
        "--window",
        type=_integer(2),
        default=2,
        help="pairs up to WINDOW-1 tokens apart (NLTK's window)",
    )
    c.add_argument(
        "--within-sentences", action="store_true", help="never pair tokens of different sentences"
    )
    c.add_argument("--top", type=_integer(0), default=50, help="rows (0: all)")
    _add_compound_options(c)

    ph = command("phrases", "gensim's Phrases: multi-word expressions and their scores")
    _add_input_options(ph)
    ph.add_argument("--min-count", type=_positive_float, default=5, help="gensim's min_count")
    ph.add_argument("--threshold", type=float, default=10.0, help="gensim's threshold")
    ph.add_argument(
        "--scoring", choices=["default", "npmi"], default="default", help="gensim's scoring"
    )
    ph.add_argument(
        "--connector-words",
        default="",
        help="'english' (gensim's ENGLISH_CONNECTOR_WORDS) or comma-separated words that may sit "
        "inside a phrase (default: none)",
    )
    ph.add_argument(
        "--phrase-delimiter", default="_", help="joins the words of a phrase (gensim's delimiter)"
    )
    ph.add_argument("--top", type=_integer(0), default=50, help="rows (0: all)")
    _add_compound_options(ph)
    lk = command("lookup", "dictionary category counts per document, paragraph or sentence")
    _add_input_options(lk)
    lk.add_argument(
        "--dictionary",
        required=True,
        metavar="FILE",
        help="the dictionary: YAML (.yml), LIWC (.dic), Lexicoder (.lc3, .lcd) or CSV (.csv)",
    )
    lk.add_argument(
        "--dictionary-format",
        choices=["yaml", "liwc", "lexicoder", "csv"],
        default=None,
        help="the dictionary's format (default: from its extension)",
    )
    lk.add_argument(
        "--level",
        choices=["document", "paragraph", "sentence"],
        default="document",
        help="the unit counted: one row per document, paragraph or sentence",
    )
    lk.add_argument(
        "--valuetype",
        choices=["glob", "regex", "fixed"],
        default="glob",
        help="how entries are read (as quanteda's valuetype)",
    )
    lk.add_argument(
        "--nested-scope",
        choices=["key", "dictionary"],
        default="key",
        help="where a longer match hides the shorter ones inside it (as quanteda)",
    )
    lk.add_argument(
        "--proportions", action="store_true", help="shares of the unit's tokens, not counts"
    )
    lk.add_argument("--nomatch", metavar="NAME", help="a column counting unmatched tokens")
    lk.add_argument(
        "--negation",
        action="store_true",
        help="a hit after a negator (within --window tokens) counts for NEG_<category>",
    )
    lk.add_argument("--window", type=_integer(1), default=3, help="the negation window")
    _add_compound_options(lk)

    kw = command("keywords", "YAKE keywords of each document (as the yake package)")
    _add_input_options(kw)
    kw.add_argument("--top", type=_integer(1), default=10, help="keywords per document")
    kw.add_argument("--lan", default="en", help="yake's stop word list (language code)")
    kw.add_argument(
        "--max-ngram-size", type=_integer(1), default=3, help="longest keyword, in words"
    )
    kw.add_argument(
        "--dedup-lim", type=float, default=0.9, help="drop keywords more similar than this"
    )
    kw.add_argument(
        "--dedup-func", choices=["seqm", "jaro", "levs"], default="seqm", help="yake's similarity"
    )
    kw.add_argument(
        "--window-size", type=_integer(1), default=1, help="yake's co-occurrence window"
    )

    d = command("demo", "report on the bundled sample article (or a file)")
    d.add_argument(
        "path", nargs="?", help="a UTF-8 text file instead of the sample article (- for stdin)"
    )
    d.add_argument(
        "--paragraphs",
        choices=["blank", "line"],
        default="line",
        help="paragraphs separated by blank lines, or one per line",
    )
    return parser


COLUMN_OPTIONS = (
    ("--delimiter", "delimiter"),
    ("--text-column", "text_column"),
    ("--id-column", "id_column"),
    ("--group-column", "group_column"),
)


def check_input_options(args: argparse.Namespace, files: list[str]) -> None:
    """Options for records (columns, delimiter) never pass unnoticed on input without them:
    a usage error for a --format that has none, a warning for plain text files found by
    extension (a directory may mix them with CSV)."""
    given = [option for option, name in COLUMN_OPTIONS if getattr(args, name) is not None]
    if args.format == "text" and given:
        raise UsageError(f"{', '.join(given)}: plain text input has no columns (--format text)")
    if args.format == "jsonl" and args.delimiter is not None:
        raise UsageError("--delimiter: JSON Lines input has no delimiter (--format jsonl)")
    if args.format == "parquet" and args.delimiter is not None:
        raise UsageError("--delimiter: Parquet input has no delimiter (--format parquet)")
    if args.format != "auto" or not given:
        return
    text_files = [f for f in files if detect_format(f, "auto") == "text"]
    if text_files:
        more = f" and {len(text_files) - 1} more" if len(text_files) > 1 else ""
        first = "stdin" if text_files[0] == "-" else text_files[0]
        print(
            f"textgauge: warning: {', '.join(given)} not used for plain text input "
            f"({first}{more}; see --format)",
            file=sys.stderr,
        )


def run_demo(args: argparse.Namespace) -> int:
    from ..demo import report

    text = None
    if args.path:
        try:
            text = read_text(args.path)
        except InputError as e:
            print(f"textgauge: {e}", file=sys.stderr)
            return EXIT_INPUT_ERROR
    report(sys.stdout, text, paragraphs=args.paragraphs, name=args.path)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.command == "demo":
        return run_demo(args)
    files = discover(args.paths, args.include)
    try:
        command = COMMANDS[args.command](args)
        if not files:
            raise UsageError(
                f"no input files in {', '.join(args.paths)}"
                + (f" matching --include {args.include!r}" if args.include else "")
            )
        check_input_options(args, files)
        output = Output(args.output, args.output_format, command.schema())
    except (UsageError, OutputUsageError) as e:
        print(f"textgauge: {e}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as e:
        print(f"textgauge: -o {args.output}: cannot write ({e.strerror or e})", file=sys.stderr)
        return EXIT_INPUT_ERROR
    progress = Progress(total_bytes(files), args.quiet, command.progress_unit)
    committed = False
    try:
        units = read_units(
            files,
            fmt=args.format,
            policy=args.on_error,
            paragraphs=args.paragraphs,
            whole_documents=command.whole_documents,
            text_column=args.text_column or "text",
            id_column=args.id_column,
            group_column=args.group_column,
            delimiter=args.delimiter,
        )
        for batch in batches(units, max(1, int(args.batch_mb * (1 << 20)))):
            rows = command.process(batch)
            if len(rows):  # nothing yet, not even a header, if the run fails before any row
                output.write(rows)
            progress.update(sum(u.nbytes for u in batch), command.done)
        final = command.finish()
        if final is not None:
            output.write(final)
        output.commit()
        committed = True
    except InputError as e:
        print(f"textgauge: {e}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except UsageError as e:
        print(f"textgauge: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        raise  # the reader of stdout has gone (`| head`): main() ends quietly
    except OSError as e:  # input errors are InputError: this one is the output's
        where = args.output or "stdout"
        print(f"textgauge: {where}: cannot write ({e.strerror or e})", file=sys.stderr)
        return EXIT_INPUT_ERROR
    finally:
        progress.close()
        if not committed:
            output.abort()
    return EXIT_SKIPPED if command.errors else EXIT_OK


def quiet_stdout() -> None:
    """Points stdout at /dev/null after its reader went away, so that the interpreter's last
    flush at exit does not fail again (the recipe of the Python docs on SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # stdout is no file descriptor (e.g. captured in-process): nothing to flush at exit
