"""Tests of pipeline.text.boilerplate: rules, title, dateline, templates, seeds, config errors."""

import json
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.text.boilerplate import (
    REASONS,
    BoilerplateSettings,
    SiteTemplate,
    build_site_template,
    clean_text,
    load_boilerplate_resources,
    normalise_line,
)

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "config"
SEEDS = REPO.parent / "shared" / "seeds"
RULES = BoilerplateSettings(use_line_model=False)

PARA_1 = ("The city council voted on Tuesday to expand the bus network into three new districts, "
          "a plan that had been debated for more than two years.")
PARA_2 = ("Supporters said the new routes would cut commuting times for thousands of residents, "
          "while critics questioned how the extra service would be paid for.")
PARA_3 = ("The first of the new lines is expected to open next spring, according to the "
          "transport department, which will publish timetables in the coming weeks.")


@pytest.fixture(scope="module")
def resources():
    return load_boilerplate_resources(CONFIG)


def removed_reasons(cleaned):
    return {r.line: r.reason for r in cleaned.removed if r.reason != "empty"}


def test_every_reason_is_in_the_vocabulary(resources):
    text = "\n".join(["Home » News » Local", "Council expands the bus network to new districts",
                      "By Jane Doe", "March 3, 2021", PARA_1, "Share this article", PARA_2,
                      "Read also:", PARA_3, "Tags:", "buses", "council", "Leave a reply"])
    cleaned = clean_text(text, resources=resources, settings=BoilerplateSettings())
    for r in cleaned.removed:
        assert r.reason in REASONS or r.reason.startswith("pattern:"), r


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
@pytest.mark.parametrize("settings", [BoilerplateSettings(), RULES], ids=["model", "rules"])
def test_seed_articles_match_gold(resources, settings):
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["documents"]
    for name, doc in sorted(gold.items()):
        cleaned = clean_text((SEEDS / name).read_text(encoding="utf-8"),
                             resources=resources, settings=settings)
        expected = {int(k) for k in doc["boilerplate"]}
        if doc.get("title_line"):
            expected.add(doc["title_line"])
        removed = removed_reasons(cleaned)
        assert set(removed) == expected, name
        assert cleaned.title == doc.get("title"), name
        assert cleaned.published == doc.get("published"), name
        if doc.get("title_line"):
            assert removed[doc["title_line"]] == "title"


def test_title_leaves_body_and_repeat_and_breadcrumb_go(resources):
    text = "\n".join([
        "Home » Local » Council expands the bus network to new districts",
        "Council expands the bus network to new districts",
        "Council expands the bus network to new districts",
        PARA_1, PARA_2, PARA_3])
    cleaned = clean_text(text, resources=resources, settings=RULES)
    assert cleaned.title == "Council expands the bus network to new districts"
    assert removed_reasons(cleaned) == {1: "breadcrumb", 2: "title", 3: "repeated_title"}
    assert [n for n, _ in cleaned.kept] == [4, 5, 6]


def test_title_site_suffix_is_cut_and_known_title_wins(resources):
    text = "\n".join(["Bus network grows into new districts – Daily Courier", PARA_1, PARA_2])
    cleaned = clean_text(text, resources=resources, settings=RULES)
    assert cleaned.title == "Bus network grows into new districts"
    text = "\n".join(["Weather warning issued for the coast", "Bus network grows", PARA_1, PARA_2])
    cleaned = clean_text(text, resources=resources, settings=RULES,
                         known_title="Bus network grows | Daily Courier")
    assert cleaned.title == "Bus network grows"
    assert removed_reasons(cleaned)[2] == "title"


def test_title_needs_body_overlap_at_threshold(resources):
    # headline content words: bus, network, weather, storm -> 2 of 4 recur in the body (0.5)
    text = "\n".join(["Bus network weather storm", PARA_1, PARA_2])
    at = BoilerplateSettings(use_line_model=False, title_min_body_overlap=0.5)
    above = BoilerplateSettings(use_line_model=False, title_min_body_overlap=0.51)
    assert clean_text(text, resources=resources, settings=at).title == "Bus network weather storm"
    assert clean_text(text, resources=resources, settings=above).title is None


def test_dateline_becomes_published_in_several_languages(resources):
    for line, iso in [("September 12, 2023", "2023-09-12"),
                      ("Published: 3 March 2021, 10:15", "2021-03-03"),
                      ("12 de septiembre de 2023", "2023-09-12"),
                      ("12 сентября 2023 г.", "2023-09-12"),
                      ("Opublikowano 2022-01-05", "2022-01-05")]:
        cleaned = clean_text("\n".join([line, PARA_1, PARA_2]), resources=resources, settings=RULES)
        assert cleaned.published == iso, line
        assert removed_reasons(cleaned)[1] == "dateline", line
    # a sentence that mentions a date is not a dateline
    sentence = "On September 12, 2023 the council met again to discuss the budget for buses."
    cleaned = clean_text("\n".join([PARA_1, sentence, PARA_2]), resources=resources, settings=RULES)
    assert cleaned.published is None
    assert 2 in {n for n, _ in cleaned.kept}


def test_dateline_other_words_edge(resources):
    # "posted by anna smith" -> other words: by, anna, smith = 3 (posted is a dateline word)
    line = "Posted by Anna Smith on May 4, 2020"
    text = "\n".join([line, PARA_1, PARA_2])
    three = BoilerplateSettings(use_line_model=False, dateline_max_other_words=3)
    two = BoilerplateSettings(use_line_model=False, dateline_max_other_words=2)
    assert clean_text(text, resources=resources, settings=three).published == "2020-05-04"
    assert clean_text(text, resources=resources, settings=two).published is None


def test_patterns_in_several_languages(resources):
    lines = {"Leave a Reply": "comment_form", "Publicar un comentario": "comment_form",
             "Laisser un commentaire": "comment_form", "Schreibe einen Kommentar": "comment_form",
             "Deixe um comentário": "comment_form", "Lascia un commento": "comment_form",
             "Оставить комментарий": "comment_form", "Залишити коментар": "comment_form",
             "Share post:": "share_widget", "Teilen": "share_widget", "Поділитися": "share_widget",
             "Read also:": "related_links", "Lee también": "related_links",
             "Читайте также": "related_links", "Leggi anche": "related_links",
             "Tags": "tag_list", "Mots-clés :": "tag_list", "Теги": "tag_list",
             "We use cookies to improve your experience.": "pattern:cookie_notice",
             "Subscribe to our newsletter for daily updates": "pattern:subscription"}
    for line, reason in lines.items():
        assert resources.match(line, 6) == reason, line


def test_prefix_phrase_extra_words_edge(resources):
    # "you may also be interested in ..." + exactly N extra words
    base = "You may also be interested in"
    assert resources.match(base + " one two three four five six", 6) == "related_links"
    assert resources.match(base + " one two three four five six seven", 6) is None


def test_tag_list_run_and_related_run(resources):
    text = "\n".join([PARA_1, PARA_2, PARA_3, "Keywords:", "buses", "city council", "transport",
                      "A longer line that is clearly a sentence and not a tag at all."])
    cleaned = clean_text(text, resources=resources, settings=RULES)
    removed = removed_reasons(cleaned)
    assert [removed[i] for i in (4, 5, 6, 7)] == ["tag_list"] * 4
    assert 8 not in removed
    narrow = BoilerplateSettings(use_line_model=False, tag_max_words=1)
    removed = removed_reasons(clean_text(text, resources=resources, settings=narrow))
    assert removed[5] == "tag_list" and removed.get(6) != "tag_list"


def test_comment_thread_after_comment_heading_late_in_page(resources):
    text = "\n".join([PARA_1, PARA_2, PARA_3, "3 Comments",
                      "Mark on March 4, 2021 said:",
                      "I think this is a great idea and long overdue for our neighbourhood.",
                      "Reply"])
    cleaned = clean_text(text, resources=resources, settings=RULES)
    removed = removed_reasons(cleaned)
    assert removed[4] == "comment_form"
    assert {removed[i] for i in (5, 6, 7)} <= {"comment_thread", "dateline"}
    assert removed[6] == "comment_thread"
    assert [n for n, _ in cleaned.kept] == [1, 2, 3]
    # a comment heading in the first half of the page does not start a thread
    early = "\n".join(["Comments", PARA_1, PARA_2, PARA_3])
    assert [n for n, _ in clean_text(early, resources=resources, settings=RULES).kept] == [2, 3, 4]


def test_breadcrumb_part_length_edge(resources):
    short = "\n".join(["News » Local Politics » City", PARA_1, PARA_2])
    assert removed_reasons(clean_text(short, resources=resources, settings=RULES))[1] == "breadcrumb"
    long_part = "\n".join(["News about the city and the region » Politics » City", PARA_1, PARA_2])
    assert removed_reasons(clean_text(long_part, resources=resources, settings=RULES)).get(1) != "breadcrumb"


def test_run_together_menu_is_navigation(resources):
    text = "\n".join(["HomeNewsSportsJobs", PARA_1, PARA_2])
    assert removed_reasons(clean_text(text, resources=resources, settings=RULES))[1] == "navigation"
    text = "\n".join([PARA_1, "McDonald", PARA_2])   # one hump is a name, not a menu
    assert removed_reasons(clean_text(text, resources=resources, settings=RULES)).get(2) is None


def test_short_heading_between_paragraphs_stays(resources):
    text = "\n".join([PARA_1, "What happens next", PARA_2, PARA_3])
    for settings in (RULES, BoilerplateSettings()):
        cleaned = clean_text(text, resources=resources, settings=settings)
        assert [n for n, _ in cleaned.kept] == [1, 2, 3, 4]


def test_line_numbers_are_raw_and_blank_lines_are_empty(resources):
    text = "\r\n".join([PARA_1, "", PARA_2, "   ", PARA_3]) + "\n"
    cleaned = clean_text(text, resources=resources, settings=RULES)
    assert [n for n, _ in cleaned.kept] == [1, 3, 5]
    assert [(r.line, r.reason) for r in cleaned.removed] == [(2, "empty"), (4, "empty")]


def test_normalise_line():
    assert normalise_line("  Share THIS: ") == "share this"
    assert normalise_line("Posted 12 March 2021") == "posted 0 march 0"
    assert normalise_line("12/03/2021") == ""
    assert normalise_line("") == ""


SITE_PAGES = [
    "\n".join(["Riverside Gazette", "Subscribe for unlimited access to local journalism", body,
               "Support independent local news from Riverside", "Riverside Gazette Ltd 2024"])
    for body in (PARA_1, PARA_2, PARA_3,
                 "Flooding closed two roads near the river on Sunday, and crews worked overnight.",
                 "The library will extend its opening hours over the summer holidays this year.")
]


def test_site_template_drops_recurring_lines(resources):
    template = build_site_template(SITE_PAGES)
    assert template.n_docs == 5
    assert template.line_doc_counts["riverside gazette"] == 5
    cleaned = clean_text(SITE_PAGES[0], resources=resources, settings=RULES, site_template=template)
    removed = removed_reasons(cleaned)
    assert removed[2] == "site_template" and removed[4] == "site_template"
    assert [n for n, _ in cleaned.kept] == [3]


def test_site_template_min_docs_edge(resources):
    quote = "“We will not stop until every family has a safe home,” the mayor said at the rally."
    pages = [p + "\n" + quote if i < 2 else p for i, p in enumerate(SITE_PAGES)]
    template = build_site_template(pages)
    assert template.line_doc_counts[normalise_line(quote)] == 2
    kept = {t for _, t in clean_text(pages[0], resources=resources, settings=RULES,
                                     site_template=template).kept}
    assert quote in kept       # a sentence repeated once (two pages) stays
    at_two = BoilerplateSettings(use_line_model=False, template_min_docs=2)
    kept = {t for _, t in clean_text(pages[0], resources=resources, settings=at_two,
                                     site_template=template).kept}
    assert quote not in kept


def test_site_template_share_edge():
    settings = BoilerplateSettings(template_min_docs=3, template_min_doc_share=0.1)
    assert SiteTemplate(30, {"a b": 3}).is_template("a b", settings)          # 0.1
    assert not SiteTemplate(31, {"a b": 3}).is_template("a b", settings)      # 0.097
    assert not SiteTemplate(30, {"a b": 2}).is_template("a b", settings)      # below min docs
    assert not SiteTemplate(30, {"": 30}).is_template("", settings)


def test_bad_config_entries_fail_with_file_and_line(tmp_path):
    lists = tmp_path / "boilerplate" / "patterns" / "en"
    lists.mkdir(parents=True)
    (lists / "share_widget.txt").write_text("# comment\nshare\nre:(unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"share_widget\.txt:3:"):
        load_boilerplate_resources(tmp_path)
    (lists / "share_widget.txt").write_text("share\n...\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"share_widget\.txt:2:"):
        load_boilerplate_resources(tmp_path / ".")
    (lists / "share_widget.txt").write_text("share\n", encoding="utf-8")
    (tmp_path / "boilerplate" / "months.txt").write_text("en 13 smarch\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"months\.txt:1:"):
        load_boilerplate_resources(tmp_path / "boilerplate" / "..")


def test_user_can_extend_lists(tmp_path):
    lists = tmp_path / "boilerplate" / "patterns" / "xx"
    lists.mkdir(parents=True)
    (lists / "promo.txt").write_text("buy our mug ...\n", encoding="utf-8")
    res = load_boilerplate_resources(tmp_path)
    cleaned = clean_text("\n".join([PARA_1, "Buy our mug today", PARA_2]), resources=res,
                         settings=RULES)
    assert removed_reasons(cleaned) == {2: "pattern:promo"}


def test_known_title_does_not_remove_another_line_as_title(resources):
    """Issue 6 (b): with the first pass's headline as ``known_title``, the second pass used to
    remove the only remaining line as ``title`` although it is not that headline."""
    first = clean_text("the the council!\nthe the the the council the.\n", resources=resources,
                       settings=BoilerplateSettings(), from_html=True)
    assert first.title == "the the council!"
    second = clean_text("\n".join(kept for _, kept in first.kept), resources=resources,
                        settings=BoilerplateSettings(), from_html=True, known_title=first.title)
    assert [(item.reason, item.text) for item in second.removed] == []


def test_a_stale_line_model_is_refused_when_loaded(tmp_path):
    """Issue 6 (c): a line model trained on other features is refused by
    load_boilerplate_resources (so a run stops before any work), not in the middle of a run."""
    import shutil

    config = tmp_path / "config"
    shutil.copytree(CONFIG, config)
    path = config / "boilerplate" / "line_model.json"
    model = json.loads(path.read_text(encoding="utf-8"))
    model["features"] = ["renamed_" + name for name in model["features"]]
    path.write_text(json.dumps(model), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line_model\.json:0: feature names differ"):
        load_boilerplate_resources(config)
    assert load_boilerplate_resources(config, with_line_model=False).line_model is None


def test_lines_like_the_known_title_are_repeats_sentences_are_not(resources):
    known = "Council expands bus network | Daily Courier"    # headline words: 4
    text = "\n".join(["Council expands the bus network",          # Jaccard 4/5 = 0.8: a repeat
                      PARA_1, "Council expands bus network in the north",   # 4/7 = 0.57: stays
                      PARA_2, "Council expands bus network",          # 1.0: the headline
                      "Council expands the bus network.", PARA_3])    # a sentence: not by likeness
    cleaned = clean_text(text, resources=resources, settings=RULES, known_title=known)
    removed = removed_reasons(cleaned)
    assert cleaned.title == "Council expands bus network"
    assert removed[5] == "title" and removed[1] == "repeated_title"
    assert 3 not in removed and 6 not in removed
    at = BoilerplateSettings(use_line_model=False, title_known_min_similarity=4 / 7)
    assert removed_reasons(clean_text(text, resources=resources, settings=at, known_title=known))[3] == (
        "repeated_title")


def test_text_without_boilerplate_has_its_first_line_as_only_headline_candidate(resources):
    # no rule claims a line: the first line is the headline when running text follows it ...
    cleaned = clean_text("\n".join(["Bus network grows into new districts", PARA_1, PARA_2]),
                         resources=resources, settings=RULES)
    assert cleaned.title == "Bus network grows into new districts"
    # ... a subheading further down is never taken for one ...
    text = "\n".join([PARA_1, "Bus network grows into new districts", PARA_2, PARA_3])
    assert clean_text(text, resources=resources, settings=RULES).title is None
    # ... nor a first line followed by a short line, or holding two sentences
    text = "\n".join(["Bus network grows into new districts", "Timetables", PARA_1, PARA_2])
    assert clean_text(text, resources=resources, settings=RULES).title is None
    text = "\n".join(["The bus network grows. (Report by the city desk)", PARA_1, PARA_2])
    assert clean_text(text, resources=resources, settings=RULES).title is None
    # with a boilerplate line, candidates run up to the running text
    text = "\n".join(["Share this article", "Opinion", "Bus network grows into new districts",
                      PARA_1, PARA_2])
    assert clean_text(text, resources=resources, settings=RULES).title == "Bus network grows into new districts"


def test_comment_section_headings_counters_and_thread_markers(resources):
    for line, reason in [("[ 167 comments ]", "comment_form"),
                         ("10 thoughts on “Business Focus: Why Some People Triumph”", "comment_form"),
                         ("3 of 11 comments", "comment_form"), ("Top Rated Comments", "comment_form"),
                         ("Readers' Comments", "comment_form"), ("Show more comments", "comment_form"),
                         ("blog comments powered by Disqus", "comment_form"),
                         ("2 days ago at 07:52 am", "comment_thread"),
                         ("Rating: 36 Votes", "comment_thread"), ("Advertisement", "pattern:advertising"),
                         ("Related Links", "related_links"), ("Share this on WhatsApp", "share_widget"),
                         ("Printer friendly version", "share_widget")]:
        assert resources.match(line, 6) == reason, line
    for line in ["3 responses to the crisis were considered by the board.", "Comments from the mayor",
                 "Ad hoc committee meets on Tuesday"]:
        assert resources.match(line, 6) is None, line


def test_datelines_after_a_comment_heading_mark_the_thread(resources):
    # the heading is in the first half of the page: the thread starts only if markers follow it
    more = [p.replace("council", "board") for p in (PARA_1, PARA_2, PARA_3)]
    text = "\n".join([PARA_1, PARA_2, "Comments", "Mark Lee", "March 4, 2021 at 3:17 pm",
                      "I think this is a great idea and long overdue for our area.", "Ann Cole",
                      "March 5, 2021 at 9:02 am", "Buses are always late on my street.", PARA_3, *more])
    removed = removed_reasons(clean_text(text, resources=resources, settings=RULES))
    assert removed[3] == "comment_form"
    assert {removed[i] for i in (5, 8)} == {"dateline"}
    assert {removed[i] for i in (4, 6, 7, 9, 10, 11, 12, 13)} == {"comment_thread"}
    three_markers = BoilerplateSettings(use_line_model=False, comment_thread_min_markers=3)
    removed = removed_reasons(clean_text(text, resources=resources, settings=three_markers))
    assert removed[3] == "comment_form" and 10 not in removed and 11 not in removed


def test_first_matching_list_wins_whatever_the_kind_of_entry(tmp_path):
    lists = tmp_path / "boilerplate" / "patterns" / "xx"
    lists.mkdir(parents=True)
    (lists / "aaa.txt").write_text("re:^buy\\b\n", encoding="utf-8")
    (lists / "mmm.txt").write_text("buy our ...\n", encoding="utf-8")
    (lists / "zzz.txt").write_text("buy our mug\nsell our mug\n", encoding="utf-8")
    res = load_boilerplate_resources(tmp_path)
    assert res.match("Buy our mug", 6) == "pattern:aaa"          # regex of the first list
    assert res.match("Sell our mug", 6) == "pattern:zzz"
    assert res.match("buy one", 6) == "pattern:aaa"
    other = tmp_path / "other" / "boilerplate" / "patterns" / "xx"
    other.mkdir(parents=True)
    for name in ("mmm.txt", "zzz.txt"):
        (other / name).write_text((lists / name).read_text(encoding="utf-8"), encoding="utf-8")
    res = load_boilerplate_resources(tmp_path / "other")
    assert res.match("Buy our mug", 6) == "pattern:mmm"          # a prefix beats a later phrase
    assert res.match("Buy our mug and more of our fine goods today", 2) is None   # 6 extra words
