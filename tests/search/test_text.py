from search.text import MAX_QUERY_LENGTH, Query, cjk_key, latin_words, search_key


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


def test_chinese_is_compared_in_simplified_characters():
    query = Query.parse("張明 -數字")

    assert query.cjk == ("张明",)
    assert query.excluded_cjk == ("数字",)
    assert query.text == "張明 -數字"
    assert cjk_key("上海合作組織") == cjk_key("上海合作组织") == "上海 海合 合作 作组 组织 织"
    assert search_key("諾羅夫") == search_key("诺罗夫") == "nuo luo fu"


def test_a_cjk_run_is_matched_as_it_occurs_in_a_cjk_key():
    query = Query.parse("數字經濟 -教 forum")

    assert query.cjk_keys == ("数字 字经 经济",)
    assert query.excluded_cjk_keys == ("教",)
    assert query.cjk_keys[0] in cjk_key("发展数字经济")
    assert query.cjk_keys[0] not in cjk_key("数字 经济")


def test_words_of_other_scripts_are_also_given_in_latin_letters():
    assert latin_words("Норов met Ermék in 北京; Молодёжь, Xi'an") == "norov ermek molodiozh"
    query = Query.parse('Норов "Владимир Норов" -Ермек forum')
    assert query.rest_in_latin == 'norov "vladimir norov" -ermek forum'
    assert Query.parse("forum -youth").rest_in_latin == ""


def test_highlight_marks_chinese_in_either_form():
    html = Query.parse("张明").highlight("張明主持。张明发言")

    assert html == "<mark>張明</mark>主持。<mark>张明</mark>发言"
