"""Names in the order a reader of their language sorts them.

English by letter, accents and case aside; Russian in the Russian alphabet
(ё as its own letter after "ye", Cyrillic before Latin, as ICU's Russian collation has it);
Chinese by pinyin (`pypinyin`), so that 王 sorts among the Ws, beside a name
shown in Latin letters. Done in Python, not by a database collation: SQLite has
none for Russian or pinyin, and both databases must give the same order.

A list is sorted by the text each record is *shown* under in the reader's
language (`secretariat.languages`), fallback included, so a record without a
Russian name sorts by the name the Russian page shows.
"""

import unicodedata

from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from modeltranslation.utils import build_localized_fieldname
from pypinyin import Style, lazy_pinyin

from secretariat.languages import CODES, reader_language, reading_order

_RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_RUSSIAN_RANK = {letter: rank for rank, letter in enumerate(_RUSSIAN)}


def _plain(text):
    """`text` case-folded, accents off (the letters, not ё and й: decomposed, they would change)."""
    folded = text.casefold()
    kept = []
    for char in unicodedata.normalize("NFD", folded):
        if unicodedata.combining(char) and kept and kept[-1] not in "еи":
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _char_rank(char):
    """(group, rank): spaces and punctuation, then digits, then Cyrillic, then other letters."""
    if char in _RUSSIAN_RANK:
        return (2, _RUSSIAN_RANK[char])
    if char.isdigit():
        return (1, ord(char))
    if char.isalpha():
        return (3, ord(char))
    return (0, ord(char))


def sort_key(text, language=None):
    """A key that orders `text` as a reader of `language` (default: the page's) sorts names.

    Ties broken by the text itself, so that the order is total and stable.
    """
    language = language or reader_language()
    text = text or ""
    if language == "ru":
        return (tuple(_char_rank(char) for char in _plain(text)), text)
    if language == "zh-hans":
        syllables = lazy_pinyin(text, style=Style.TONE3)
        plain = "".join(_plain(syllable) for syllable in syllables)
        plain_letters = "".join(char for char in plain if char.isalnum() and not char.isdigit())
        return (plain_letters, plain, text)
    return (_plain(text), text)


def sorted_by(objects, field="name", language=None):
    """`objects` as a list sorted by `obj.<field>` as shown to the reader, then by pk."""
    language = language or reader_language()
    return sorted(objects, key=lambda obj: (sort_key(getattr(obj, field), language), obj.pk))


class SortedByName:
    """A queryset's rows in the reader's order of their shown `field`, for a Paginator.

    `count()` reads every row's texts of `field` in one query (instead of a
    COUNT); a slice fetches only its rows, with the queryset's select_related
    and prefetches, in one query plus those prefetches. The query count of a
    paginated page is thus the same as with an SQL ORDER BY.
    """

    def __init__(self, queryset, field="name", language=None):
        self.queryset = queryset
        self.field = field
        self.language = language or reader_language()
        self._pks = None

    def _ordered_pks(self):
        if self._pks is None:
            model = self.queryset.model
            columns = [build_localized_fieldname(self.field, code) for code in CODES]
            bare = self.queryset.select_related(None).prefetch_related(None).order_by()
            rows = bare.values_list("pk", *columns)
            # Built, not fetched: the model's descriptor picks the shown text by the one rule.
            texts = [
                model(pk=pk, **dict(zip(columns, values, strict=True))) for pk, *values in rows
            ]
            self._pks = [obj.pk for obj in sorted_by(texts, self.field, self.language)]
        return self._pks

    def count(self):
        return len(self._ordered_pks())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        pks = self._ordered_pks()[index]
        if not isinstance(index, slice):
            return self.queryset.get(pk=pks)
        if not pks:
            return []
        rows = {obj.pk: obj for obj in self.queryset.order_by().filter(pk__in=pks)}
        return [rows[pk] for pk in pks if pk in rows]


def shown_text(model, field="name"):
    """SQL for the text of `field` a reader sees, of a model with no original language.

    The reader's column, else the others in `reading_order`: to choose which
    rows come first in SQL, before `sorted_by` puts them in the reader's order.
    """
    columns = [build_localized_fieldname(field, code) for code in reading_order(model())]
    return Coalesce(*(NullIf(F(column), Value("")) for column in columns), Value(""))
