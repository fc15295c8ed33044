"""How search compares text: the search key, the parsed query and highlighting.

One rule, `search_key`, turns any name or text into what is compared: Latin
letters (transliterated by Unidecode, so "Норов" and "Norov" share the key
"norov", and accents are dropped), case-folded, with punctuation replaced by
spaces. Stored keys and query keys both come from it, which is also what makes
the SQLite fallback case-insensitive beyond ASCII.

Chinese, Japanese and Korean runs are kept apart from the rest of a query:
PostgreSQL's parser does not split them into words, so they are matched as
substrings of the original text instead (see `search.selectors`), or, after a
"-", must not occur in it.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.utils.html import escape
from django.utils.safestring import mark_safe
from unidecode import unidecode

MAX_QUERY_LENGTH = 200  # characters of a query that are used; the rest is ignored

# Han (with radicals and compatibility ideographs), kana and Hangul: scripts written
# without spaces between words.
CJK = re.compile(
    r"[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+"
)
# A CJK run after a "-" that starts a word: left out, as a word of another script is.
_EXCLUDED_CJK = re.compile(rf"(?<!\S)-({CJK.pattern})")
_NOT_WORD = re.compile(r"[\W_]+")
# Several "-" before a word: one, as everywhere else here ("--word" leaves the
# word out), not negations that cancel out, as the websearch syntax reads them.
_MINUSES = re.compile(r"(?<!\S)--+")


def search_key(text):
    """`text` transliterated to Latin, case-folded, as words separated by single spaces."""
    return " ".join(_NOT_WORD.sub(" ", unidecode(text).casefold()).split())


def _pairs(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def cjk_key(text):
    """The CJK runs of `text` as words for PostgreSQL's full-text search.

    Each run as its overlapping pairs of characters, then its last character
    alone: "数字经济" gives "数字 字经 经济 济". A query's run then matches as
    the phrase of its pairs (`Query.cjk_tsquery`), which is exactly "occurs in
    the run"; a single character matches as the prefix of a pair or the last
    character.
    """
    return " ".join(" ".join([*_pairs(run), run[-1]]) for run in CJK.findall(text))


@dataclass(frozen=True)
class Query:
    """A visitor's query, split into what each kind of matching uses.

    `text` is the query as used (stripped, at most MAX_QUERY_LENGTH characters);
    `rest` is `text` without its CJK runs, and with one "-" where several
    start a word, for PostgreSQL's websearch syntax;
    `included` is `rest` without the words excluded with a leading "-", and
    `words` the keys of its words; `excluded_text` is the words excluded
    with a "-", as written (letters and digits, separated by spaces), and
    `excluded` their keys; `cjk` are the CJK runs, except those
    excluded with a "-" before them, which are `excluded_cjk`.
    """

    text: str
    rest: str
    included: str
    words: tuple
    excluded_text: str
    excluded: tuple
    cjk: tuple
    excluded_cjk: tuple

    @classmethod
    def parse(cls, text):
        text = (text or "").strip()[:MAX_QUERY_LENGTH]
        one_minus = _MINUSES.sub("-", text)
        # The excluded runs go with their "-", which would otherwise be left alone in `rest`.
        included_cjk = _EXCLUDED_CJK.sub(" ", one_minus)
        rest = CJK.sub(" ", included_cjk)
        tokens = rest.split()
        excluded = " ".join(token[1:] for token in tokens if token.startswith("-"))
        included = " ".join(token for token in tokens if not token.startswith("-"))
        return cls(
            text,
            rest,
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
    def cjk_tsquery(self):
        """A tsquery (text) matching documents whose `cjk_key` holds every CJK run, or "".

        The pieces are CJK characters only, so quoting them cannot be broken out of.
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

        Query words are taken both as typed and transliterated, so "Норов"
        marks "Норов" and "Norov"; words left out with "-" are not marked.
        """
        typed = _NOT_WORD.sub(" ", self.included.casefold()).split()
        words = sorted({*typed, *self.words}, key=len, reverse=True)
        parts = [rf"(?<!\w){re.escape(word)}\w*" for word in words]
        parts += [re.escape(run) for run in self.cjk]
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def highlight(self, text):
        """`text`, HTML-escaped, with what matches the query in <mark> elements."""
        if self._marks is None:
            return escape(text)
        pieces, end = [], 0
        for match in self._marks.finditer(text):
            pieces += [escape(text[end : match.start()]), f"<mark>{escape(match[0])}</mark>"]
            end = match.end()
        pieces.append(escape(text[end:]))
        # Every piece is escaped above; only the <mark> tags are markup.
        return mark_safe("".join(pieces))  # nosec B308 B703

    def snippet(self, text, length=240):
        """About `length` characters of `text` around its first match, highlighted.

        The start of `text` when nothing in it matches (a name or transliteration
        match); an ellipsis marks where text was cut.
        """
        match = self._marks.search(text) if self._marks else None
        start = 0
        if match and match.start() > length // 3:
            start = text.rfind(" ", 0, match.start() - length // 3) + 1
        excerpt = text[start : start + length]
        if start + length < len(text):
            excerpt = excerpt.rsplit(" ", 1)[0] + " …"
        return self.highlight(("… " if start else "") + excerpt)
