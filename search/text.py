"""How search compares text: the search key, the parsed query and highlighting.

Stored and query keys both come from `search_key` ("Норов" and "Norov" share
"norov"). Chinese is compared in Simplified characters everywhere. CJK runs
are matched as substrings (`cjk_key`): PostgreSQL does not split them into words.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.utils.html import escape
from django.utils.safestring import mark_safe
from opencc import OpenCC
from unidecode import unidecode

MAX_QUERY_LENGTH = 200  # characters of a query that are used; the rest is ignored

# Han, kana and Hangul: scripts written without spaces between words.
CJK = re.compile(
    r"[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+"
)
# A CJK run after a "-" that starts a word: left out, as a word of another script is.
_EXCLUDED_CJK = re.compile(rf"(?<!\S)-({CJK.pattern})")
_NOT_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W_]+")
# "--word" leaves the word out, as "-word" does, not as negations that cancel out.
_MINUSES = re.compile(r"(?<!\S)--+")

# Read-only once made: one converter serves every thread.
_TO_SIMPLIFIED = OpenCC("t2s")


def simplified(text):
    """`text` with its CJK runs in Simplified Chinese characters; the rest as it is."""
    return CJK.sub(lambda run: _TO_SIMPLIFIED.convert(run[0]), text)


def search_key(text):
    """`text` transliterated to Latin, case-folded, as words separated by single spaces."""
    return " ".join(_NOT_WORD.sub(" ", unidecode(simplified(text)).casefold()).split())


def _latin(word):
    return word if word.isascii() else search_key(word)


def latin_words(text):
    """The keys of the non-ASCII words of `text` but CJK runs: "Норов met Ermék": "norov ermek"."""
    return " ".join(
        search_key(word) for word in _WORD.findall(CJK.sub(" ", text)) if not word.isascii()
    )


def _pairs(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _run_key(run):
    """`run` as it occurs in the `cjk_key` of any text holding it: its pairs, or the character."""
    return " ".join(_pairs(run)) or run


def cjk_key(text):
    """The CJK runs of `text` (Simplified) as words for PostgreSQL's full-text search.

    Each run as its overlapping pairs, then its last character alone: "数字经济"
    gives "数字 字经 经济 济", so a query's run matches as the phrase of its pairs.
    """
    runs = CJK.findall(simplified(text))
    return " ".join(" ".join([*_pairs(run), run[-1]]) for run in runs)


@dataclass(frozen=True)
class Query:
    """A visitor's query, split into what each kind of matching uses.

    - `text`: stripped, at most MAX_QUERY_LENGTH characters.
    - `rest`: without CJK runs, one "-" per excluded word (websearch syntax);
      `rest_in_latin`: its non-ASCII words transliterated, or "" if none.
    - `included`: `rest` without excluded words; `words`: its keys.
    - `excluded_text`: the excluded words as written; `excluded`: their keys.
    - `cjk`, `excluded_cjk`: the included and excluded CJK runs, Simplified.
    """

    text: str
    rest: str
    rest_in_latin: str
    included: str
    words: tuple
    excluded_text: str
    excluded: tuple
    cjk: tuple
    excluded_cjk: tuple

    @classmethod
    def parse(cls, text):
        text = (text or "").strip()[:MAX_QUERY_LENGTH]
        one_minus = _MINUSES.sub("-", simplified(text))
        # The excluded runs go with their "-", which would otherwise be left alone in `rest`.
        included_cjk = _EXCLUDED_CJK.sub(" ", one_minus)
        rest = CJK.sub(" ", included_cjk)
        tokens = rest.split()
        excluded = " ".join(token[1:] for token in tokens if token.startswith("-"))
        included = " ".join(token for token in tokens if not token.startswith("-"))
        in_latin = _WORD.sub(lambda word: _latin(word[0]), rest)
        return cls(
            text,
            rest,
            "" if in_latin == rest else in_latin,
            included,
            tuple(search_key(included).split()),
            " ".join(_NOT_WORD.sub(" ", excluded).split()),
            tuple(search_key(excluded).split()),
            tuple(CJK.findall(included_cjk)),
            tuple(_EXCLUDED_CJK.findall(one_minus)),
        )

    def __bool__(self):
        """False when nothing in the query can match: empty, spaces or punctuation only."""
        return bool(self.words or self.cjk)

    @property
    def key(self):
        return " ".join(self.words)

    @property
    def cjk_keys(self):
        """The CJK runs as they occur in the `cjk_key` of a text holding them (a substring)."""
        return tuple(_run_key(run) for run in self.cjk)

    @property
    def excluded_cjk_keys(self):
        """The excluded CJK runs as they occur in the `cjk_key` of a text holding them."""
        return tuple(_run_key(run) for run in self.excluded_cjk)

    @property
    def cjk_tsquery(self):
        """A tsquery (text) matching documents whose `cjk_key` holds every CJK run, or "".

        Safe to quote: the pieces are CJK characters only.
        """
        runs = [
            " <-> ".join(f"'{pair}'" for pair in _pairs(run)) if len(run) > 1 else f"'{run}':*"
            for run in self.cjk
        ]
        return " & ".join(f"({run})" for run in runs)

    @property
    def prefix_tsquery(self):
        """A tsquery (text) for names with words starting with each of `words`, or ""."""
        return " & ".join(f"'{word}':*" for word in self.words)

    @cached_property
    def _marks(self):
        """A regex for what to highlight: words starting with a query word, and CJK runs.

        Words as typed and transliterated; excluded words are not marked.
        """
        typed = _NOT_WORD.sub(" ", self.included.casefold()).split()
        words = sorted({*typed, *self.words}, key=len, reverse=True)
        parts = [rf"(?<!\w){re.escape(word)}\w*" for word in words]
        parts += [re.escape(run) for run in self.cjk]
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def _spans(self, text):
        """The spans of `text` to highlight, in order, its Chinese read as Simplified.

        Read as written if the conversion changed the length (spans would shift).
        """
        if self._marks is None:
            return iter(())
        source = simplified(text) if self.cjk else text
        if len(source) != len(text):
            source = text
        return (match.span() for match in self._marks.finditer(source))

    def highlight(self, text):
        """`text`, HTML-escaped, with what matches the query in <mark> elements."""
        pieces, end = [], 0
        for start, stop in self._spans(text):
            pieces += [escape(text[end:start]), f"<mark>{escape(text[start:stop])}</mark>"]
            end = stop
        pieces.append(escape(text[end:]))
        # Every piece is escaped above; only the <mark> tags are markup.
        return mark_safe("".join(pieces))  # nosec B308 B703

    def snippet(self, text, length=240):
        """About `length` characters of `text` around its first match, highlighted.

        The start of `text` when nothing in it matches; "…" marks each cut.
        """
        first = next(self._spans(text), None)
        start = 0
        if first and first[0] > length // 3:
            start = text.rfind(" ", 0, first[0] - length // 3) + 1
        excerpt = text[start : start + length]
        if start + length < len(text):
            excerpt = excerpt.rsplit(" ", 1)[0] + " …"
        return self.highlight(("… " if start else "") + excerpt)
