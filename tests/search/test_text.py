from search.text import MAX_QUERY_LENGTH, Query, search_key


def test_search_key_transliterates_casefolds_and_drops_punctuation():
    assert search_key("Норов") == "norov"
    assert search_key("  ERMÉKBAEV,  Kairat ") == "ermekbaev kairat"
    assert search_key("Xi'an — 5G!") == "xi an 5g"
    assert search_key("Straße") == "strasse"


def test_query_splits_words_exclusions_and_cjk_runs():
    query = Query.parse(' Норов "vocational education" -youth 上海合作 ')

    assert query.words == ("norov", "vocational", "education")
    assert query.excluded_text == "youth"
    assert query.excluded == ("youth",)
    assert query.cjk == ("上海合作",)
    assert query.text == 'Норов "vocational education" -youth 上海合作'


def test_excluded_words_are_kept_as_written_without_punctuation_nor_a_second_minus():
    query = Query.parse('forum --Молодёжь -"e-commerce" -(youth) --数字')

    assert query.rest == 'forum -Молодёжь -"e-commerce" -(youth)  '
    assert query.excluded_text == "Молодёжь e commerce youth"
    assert query.excluded == ("molodiozh", "e", "commerce", "youth")
    assert query.excluded_cjk == ("数字",)
    assert query.text == 'forum --Молодёжь -"e-commerce" -(youth) --数字'


def test_query_excludes_a_cjk_run_after_a_minus():
    query = Query.parse("forum -数字 经济")

    assert query.words == ("forum",)
    assert query.excluded == ()
    assert query.cjk == ("经济",)
    assert query.excluded_cjk == ("数字",)
    assert query.rest.split() == ["forum"]


def test_query_of_punctuation_or_spaces_is_empty():
    for text in ["", "   ", "&|!():*'\"\\;", "-"]:
        assert not Query.parse(text)


def test_query_is_cut_to_the_maximum_length():
    assert len(Query.parse("a" * 2000).text) == MAX_QUERY_LENGTH


def test_highlight_escapes_and_marks_typed_and_transliterated_words():
    query = Query.parse("Норов 合作")

    html = query.highlight("<b>Norov</b> & Норову: 上海合作组织")

    assert html == (
        "&lt;b&gt;<mark>Norov</mark>&lt;/b&gt; &amp; <mark>Норову</mark>: 上海<mark>合作</mark>组织"
    )


def test_highlight_leaves_excluded_words_unmarked():
    assert Query.parse("forum -art").highlight("Art forum") == "Art <mark>forum</mark>"


def test_snippet_is_cut_around_the_first_match():
    text = "opening " * 40 + "the Education centre " + "closing " * 60

    snippet = Query.parse("education").snippet(text, length=120)

    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>Education</mark>" in snippet
    assert len(snippet) < 160


def test_snippet_without_a_match_is_the_start_of_the_text():
    assert Query.parse("norov").snippet("Short text.") == "Short text."
