"""The search index: one `Document` per searchable record and language, every kind in one table.

- Written only by `search.indexing` (from `search.signals`).
- A record has a document in each of the site's languages: its texts as a
  reader of that language is shown them (`secretariat.languages`), its names
  in every script. A search reads the documents of the reader's language only.
- What is public is decided when searching (`visible()`), not when indexing, so
  a scheduled event appears at its time unaided.
- On SQLite `vector` stays empty and the GIN indexes do not exist (see the
  migration).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from secretariat.languages import reader_language
from tags.models import Tag

# The indexes cover only what the public may see: drafts have no `public_from`.
PUBLISHED = Q(public_from__isnull=False)
# Index expressions: `search.backends.postgresql` must repeat them exactly to use
# the indexes. The names as words, for suggestions' prefix matching.
NAME_WORDS = SearchVector("name_key", config="simple")
# The vector's A weight (titles and names), for the search's sample.
TITLE_WORDS = Func(
    F("vector"), Value("{a}"), function="ts_filter", output_field=SearchVectorField()
)


class DocumentQuerySet(models.QuerySet):
    def visible(self):
        """Documents the public may see: those whose `public_from` has come.

        That is: what `Event.objects.published()` includes (copied into
        `public_from` when indexing), every person and organisation, and tags
        one of those carries (`search.indexing.refresh_tags`).
        """
        return self.filter(public_from__lte=timezone.now())

    def in_language(self, language=None):
        """The documents of `language` (one of `languages.CODES`; default: the reader's)."""
        return self.filter(language=language or reader_language())


class Document(models.Model):
    class Kind(models.TextChoices):
        EVENT = "event", _("Event")
        SESSION = "session", _("Session")
        QUOTE = "quote", _("Statement")
        VISIT = "visit", _("Visit")
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")
        TAG = "tag", _("Tag")

    kind = models.CharField(max_length=20, choices=Kind)
    object_id = models.BigIntegerField(help_text=_("The primary key of the record, by kind."))
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        help_text=_("The event the record is, or belongs to: what decides its visibility."),
    )
    language = models.CharField(
        max_length=10,
        help_text=_("The language of the readers this document is for (`languages.CODES`)."),
    )
    title = models.CharField(max_length=600)
    url = models.CharField(max_length=500)
    title_language = models.CharField(
        max_length=10,
        help_text=_("The language the title is in: `language`, or the one it falls back to."),
    )
    text_language = models.CharField(
        max_length=10,
        help_text=_("The language of the record's main text (summary, statement, biography…)."),
    )
    date = models.DateField(null=True, help_text=_("The event's date, for the year filter."))
    # By weight: A titles and names, B summaries, statements and session titles,
    # C bodies.
    a_text = models.TextField(blank=True)
    b_text = models.TextField(blank=True)
    c_text = models.TextField(blank=True)
    name_key = models.TextField(help_text=_("`search_key` of `a_text`: names for trigrams."))
    content_key = models.TextField(help_text=_("`search_key` of all the text."))
    cjk_key = models.TextField(
        blank=True,
        help_text=_("The CJK runs of the text as overlapping pairs of characters."),
    )
    cjk_name_key = models.TextField(
        blank=True,
        help_text=_("`cjk_key` of `a_text`: titles and names, weighted A in the vector."),
    )
    latin_key = models.TextField(
        blank=True,
        help_text=_(
            "`latin_words` of `a_text`, `b_text` and `c_text`, one line each: "
            "the words of other scripts in Latin letters, for the vector."
        ),
    )
    vector = SearchVectorField(null=True, help_text=_("Filled on PostgreSQL only."))
    public_from = models.DateTimeField(
        null=True,
        help_text=_(
            "When the record became or becomes public; empty while it is a draft. "
            "Copied from the event's status and publication time when indexing."
        ),
    )
    sample_order = models.IntegerField(
        default=0,
        help_text=_(
            "The order in which matches are sampled before ranking: names first, then newest first."
        ),
    )
    tags = models.ManyToManyField(Tag, through="DocumentTag", related_name="+")
    # The tags again, read with each ranked document rather than looked up per tag.
    tag_labels = models.JSONField(
        default=list,
        blank=True,
        help_text=_("The tags as [slug, name] pairs, for the search's tag facet."),
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        ordering = ["kind", "object_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="unique_search_document_language"
            ),
        ]
        indexes = [
            GinIndex(fields=["vector"], name="search_document_vector_idx", condition=PUBLISHED),
            GinIndex(
                fields=["name_key"],
                opclasses=["gin_trgm_ops"],
                name="search_document_name_idx",
                # Only names are matched by trigrams (search.backends.postgresql).
                condition=PUBLISHED & Q(kind__in=["person", "organisation", "tag"]),
            ),
            # Events apart: a prefix can start a word of thousands of their titles.
            GinIndex(
                NAME_WORDS,
                name="search_name_words_idx",
                condition=PUBLISHED & Q(kind__in=["person", "organisation", "tag"]),
            ),
            GinIndex(
                NAME_WORDS,
                name="search_event_words_idx",
                condition=PUBLISHED & Q(kind="event"),
            ),
            GinIndex(TITLE_WORDS, name="search_document_title_idx", condition=PUBLISHED),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        return self.url


class DocumentTag(models.Model):
    """A tag of a document's record, copied so the search's tag filter and facet are joins.

    Field names as the content apps' tag links, for `secretariat.filters.with_all_tags`.
    """

    content_object = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="search_document_links")

    class Meta:
        verbose_name = _("search document tag")
        verbose_name_plural = _("search document tags")
        ordering = ["content_object", "tag"]
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_document_tag")
        ]

    def __str__(self):
        return f"{self.content_object} — {self.tag}"
