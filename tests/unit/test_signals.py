"""Tests of pipeline.text.signals: lexicon loading, sourcing, hedging and style counts."""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.text.signals import (
    BODY_CATEGORIES,
    LEXICON_CATEGORIES,
    SIGNAL_KEYS,
    TITLE_CATEGORIES,
    SignalSettings,
    _token_indexes,
    extract_signals,
    is_proper_noun,
    is_shouted,
    load_lexicons,
    split_sentences,
    tokenize,
)

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"
SETTINGS = SignalSettings()


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons(CONFIG_DIR)


def signals(text, lexicons, language="en", title=None, settings=SETTINGS):
    return extract_signals(text, language, title, lexicons=lexicons, settings=settings)


def write_lexicon(root: Path, lang: str = "en", **overrides: str) -> Path:
    """Write a minimal lexicon tree under root/lexicons/lang; return root."""
    lang_dir = root / "lexicons" / lang
    lang_dir.mkdir(parents=True)
    for category in LEXICON_CATEGORIES:
        (lang_dir / f"{category}.txt").write_text(overrides.get(category, "# empty\n"), "utf-8")
    return root


# --- lexicon files -------------------------------------------------------------------------


def test_shipped_lexicons_cover_the_required_languages(lexicons):
    assert set(lexicons.languages) >= {"en", "es", "fr", "de", "ru"}
    assert lexicons.entry_counts["en"]["hedges"] >= 50


def test_bad_entry_raises_with_file_and_line(tmp_path):
    root = write_lexicon(tmp_path, hedges="# hedges\nmay\nmi*ght\n")
    with pytest.raises(ConfigError, match=r"hedges\.txt:3: bad lexicon entry"):
        load_lexicons(root)


def test_duplicate_entry_raises_with_file_and_line(tmp_path):
    root = write_lexicon(tmp_path, boosters="clearly\n\nClearly  # same word\n")
    with pytest.raises(ConfigError, match=r"boosters\.txt:3: duplicate lexicon entry"):
        load_lexicons(root)


def test_missing_category_file_raises(tmp_path):
    root = write_lexicon(tmp_path)
    (root / "lexicons" / "en" / "weasels.txt").unlink()
    with pytest.raises(ConfigError, match="weasels"):
        load_lexicons(root)


def test_prefix_entry_and_learned_file(tmp_path):
    root = write_lexicon(tmp_path, hedges="suggest*\n")
    (root / "lexicons" / "en" / "hedges.learned.txt").write_text("perhaps\n", "utf-8")
    lex = load_lexicons(root)
    counts = signals("Data suggested it. Perhaps not. Suggestion box here.", lex).counts
    # "suggested" by prefix, "Perhaps" sentence-initial from the learned file, "Suggestion"
    # sentence-initial also matches the prefix
    assert counts["hedges"] == 3


# --- sentences -----------------------------------------------------------------------------


def test_split_sentences_keeps_titles_and_initials():
    text = "Mr. Smith came to the U.S. in 2000. He left!\n\nNew paragraph? Yes."
    assert split_sentences(text) == [
        "Mr. Smith came to the U.S. in 2000.",
        "He left!",
        "New paragraph?",
        "Yes.",
    ]


# --- sourcing ------------------------------------------------------------------------------


def test_named_source_and_attributed_hedge(lexicons):
    result = signals("John Smith said the plan may fail.", lexicons)
    c = result.counts
    assert (c["attributions"], c["named_sources"], c["anonymous_sources"]) == (1, 1, 0)
    assert (c["hedges"], c["attributed_hedges"], c["own_hedges"]) == (1, 1, 0)
    kinds = [e["kind"] for e in result.evidence]
    assert kinds == ["named_source", "attributed_hedge"]
    assert result.evidence[0]["text"] == "John Smith said"
    assert result.evidence[1] == {
        "kind": "attributed_hedge", "text": "may", "sentence": "John Smith said the plan may fail."
    }


def test_anonymous_source(lexicons):
    c = signals("The deal is off, people familiar with the talks said on Monday.", lexicons).counts
    assert (c["attributions"], c["named_sources"], c["anonymous_sources"]) == (1, 0, 1)
    assert c["dates"] == 1


def test_own_hedge_without_attribution(lexicons):
    c = signals("The plan may fail.", lexicons).counts
    assert (c["hedges"], c["own_hedges"], c["attributed_hedges"]) == (1, 1, 0)


def test_pronoun_attribution_is_neither_named_nor_anonymous(lexicons):
    c = signals("He said the road was closed.", lexicons).counts
    assert (c["attributions"], c["named_sources"], c["anonymous_sources"]) == (1, 0, 0)


@pytest.mark.parametrize("window, named", [(4, 0), (5, 1)])
def test_attribution_window_edge(lexicons, window, named):
    # "Smith" stands 5 tokens before "said"
    settings = replace(SETTINGS, attribution_window_tokens=window)
    c = signals("Yesterday Smith met the press and said it.", lexicons, settings=settings).counts
    assert c["named_sources"] == named


@pytest.mark.parametrize("after, named", [(1, 0), (2, 1)])
def test_attribution_after_window_edge(lexicons, after, named):
    # "Reuters" stands 2 tokens after "according to"
    settings = replace(SETTINGS, attribution_after_tokens=after)
    c = signals("the figures rose, according to the Reuters tally.", lexicons, settings=settings).counts
    assert c["named_sources"] == named


@pytest.mark.parametrize("min_words, expected", [(3, 1), (4, 0)])
def test_quote_minimum_words_edge(lexicons, min_words, expected):
    settings = replace(SETTINGS, min_quote_words=min_words)
    c = signals("She called it “a real mess” and a \"scam\" yesterday.", lexicons, settings=settings).counts
    assert c["quotes"] == expected


def test_citations_and_figures(lexicons):
    c = signals("A report by the census office found 42 percent in 2019.", lexicons).counts
    assert c["citations"] == 2  # "report", "census"
    assert c["numbers"] == 2


# --- hedging -------------------------------------------------------------------------------


def test_capitalised_month_is_not_a_hedge(lexicons):
    assert signals("The vote was held in May and he won.", lexicons).counts["hedges"] == 0
    assert signals("May the vote be fair.", lexicons).counts["hedges"] == 1


def test_weasel_phrase_with_a_hedge_is_both(lexicons):
    c = signals("It is believed that the results were rigged.", lexicons).counts
    assert (c["weasels"], c["hedges"], c["loaded_words"]) == (1, 1, 1)
    c = signals("Some say the results were rigged.", lexicons).counts
    assert (c["weasels"], c["hedges"]) == (1, 0)


def test_boosters(lexicons):
    c = signals("This is clearly and undoubtedly the best plan.", lexicons).counts
    assert c["boosters"] == 2


# --- style ---------------------------------------------------------------------------------


@pytest.mark.parametrize("letters, boosters", [(6, 1), (7, 1), (8, 0)])
def test_shouted_lexicon_word_length_edge(lexicons, letters, boosters):
    # "CLEARLY" has 7 letters: shouting (counted) at min_caps_word_letters <= 7, else an
    # acronym or name (skipped as a proper noun, like "Clearly Ltd")
    settings = replace(SETTINGS, min_caps_word_letters=letters)
    c = signals("The plan is CLEARLY wrong.", lexicons, settings=settings).counts
    assert c["boosters"] == boosters
    assert c["all_caps_words"] == boosters


@pytest.mark.parametrize(
    "text, category, expected",
    [
        # a lone short word in capitals is an acronym or a label, not shouting
        ("It is FAKE news.", "loaded_words", 0),
        ("The group EPIC called the ruling epic.", "loaded_words", 1),
        ("The DATA Act passed.", "citations", 0),
        ("The vote was held in MAY 2019.", "hedges", 0),
        # beside another word in capitals of two or more letters it is shouted
        ("It is FAKE NEWS.", "loaded_words", 1),
        ("Then WE MAY go.", "hedges", 1),
        # ... a one-letter word in capitals ("I", "A") makes no run
        ("Then I MAY go.", "hedges", 0),
        ("It was A HUGE day.", "boosters", 0),
        ("It was A HUGE DAY.", "boosters", 1),
        # a capitalised word (not in capitals) is still a proper noun
        ("The vote was held in May.", "hedges", 0),
    ],
)
def test_short_words_in_capitals_count_only_in_a_shouted_run(lexicons, text, category, expected):
    assert signals(text, lexicons).counts[category] == expected


@pytest.mark.parametrize(
    "words, index, shouted, proper",
    [
        (["It", "is", "SHOCKING"], 2, True, False),  # 8 letters
        (["It", "is", "HUGE"], 2, False, True),  # 4 letters, alone
        (["It", "is", "HUGEE"], 2, True, False),  # 5 letters: at the threshold
        (["NO", "HUGE"], 1, True, False),  # 2-letter neighbour in capitals
        (["HUGE", "NO"], 0, True, False),  # first word: never a proper noun
        (["A", "HUGE"], 1, False, True),  # 1-letter neighbour
        (["The", "Huge"], 1, False, True),  # capitalised, not in capitals
        (["the", "huge"], 1, False, False),
        (["COVID-19", "DATA"], 1, True, False),  # letters, not characters, are counted
    ],
)
def test_is_shouted_and_is_proper_noun_edges(words, index, shouted, proper):
    assert is_shouted(words, index, 5) is shouted
    assert is_proper_noun(words, index, 5) is proper


@pytest.mark.parametrize("letters, expected", [(5, 1), (6, 0)])
def test_all_caps_word_length_edge(lexicons, letters, expected):
    settings = replace(SETTINGS, min_caps_word_letters=letters)
    c = signals("NATO said this is HUGE news, WOWZA.", lexicons, settings=settings).counts
    assert c["all_caps_words"] == expected  # WOWZA has 5 letters; NATO and HUGE have 4


def test_exclamations_questions_and_title(lexicons):
    result = signals(
        "What is going on? This is a disgrace! Nobody knows.",
        lexicons,
        title="You Won't Believe What Happened Next!",
    )
    c = result.counts
    assert (c["questions"], c["exclamations"], c["sentences"]) == (1, 1, 3)
    assert c["title_clickbait"] == 2  # "you won't believe", "what happened next"
    assert (c["title_exclamation"], c["title_question"]) == (1, 0)
    assert {"clickbait_title", "exclamation", "loaded_word"} <= {e["kind"] for e in result.evidence}


def test_evidence_limit_edge(lexicons):
    text = "The plan may fail. It might work. It could change."
    assert len(signals(text, lexicons).evidence) == 3
    settings = replace(SETTINGS, max_evidence_per_doc=2)
    assert len(signals(text, lexicons, settings=settings).evidence) == 2


# --- languages -----------------------------------------------------------------------------


def test_language_without_lexicon_is_marked_and_not_counted(lexicons):
    result = signals("O plano pode falhar, disse o ministro.", lexicons, language="pt")
    assert result.signals_language is None
    assert result.counts["lexicon_matched"] == 0
    assert result.counts["hedges"] == 0 and result.counts["attributions"] == 0
    assert result.counts["words"] == 7
    assert set(result.counts) == set(SIGNAL_KEYS)


@pytest.mark.parametrize(
    "language, text",
    [
        ("es", "Según fuentes oficiales, el acuerdo podría fracasar."),
        ("fr", "Selon une source proche du dossier, l'accord pourrait échouer."),
        ("de", "Das Abkommen könnte scheitern, sagte ein Beamter."),
        ("ru", "Соглашение может сорваться, сообщил источник в правительстве."),
    ],
)
def test_other_languages_attribution_and_hedging(lexicons, language, text):
    result = signals(text, lexicons, language=language)
    c = result.counts
    assert result.signals_language == language
    assert (c["attributions"], c["anonymous_sources"], c["hedges"]) == (1, 1, 1)


def test_language_code_with_region(lexicons):
    assert signals("It may rain.", lexicons, language="en-GB").signals_language == "en"


def test_hearsay_counts_as_hedge_and_apart(lexicons):
    result = signals("The minister reportedly resigned and allegedly took the files.", lexicons)
    c = result.counts
    assert (c["hearsay"], c["hedges"], c["own_hedges"]) == (2, 2, 2)
    assert [e["text"] for e in result.evidence if e["kind"] == "hearsay"] == ["reportedly", "allegedly"]


def test_absolutist_words(lexicons):
    c = signals("They always lie and nothing ever changes.", lexicons).counts
    assert c["absolutes"] == 3  # always, nothing, ever


@pytest.mark.parametrize("min_words, sentences", [(4, 2), (5, 1)])
def test_prose_paragraph_edge(lexicons, min_words, sentences):
    # "Follow us on Twitter" has 4 words and no final punctuation: a leftover when < min_words
    settings = replace(SETTINGS, min_prose_paragraph_words=min_words)
    text = "The council may vote on Friday.\n\nFollow us on Twitter"
    c = signals(text, lexicons, settings=settings).counts
    assert c["sentences"] == sentences
    assert c["leftover_paragraphs"] == 2 - sentences


def test_evidence_per_kind_limit(lexicons):
    text = "It may rain. It might snow. It could hail."
    settings = replace(SETTINGS, max_evidence_per_kind=2)
    kinds = [e["kind"] for e in signals(text, lexicons, settings=settings).evidence]
    assert kinds == ["own_hedge", "own_hedge"]


def test_lines_are_paragraphs_and_wrapped_lines_are_joined(lexicons):
    # one paragraph a line (the cleaned body): the heading line is a leftover, not a sentence
    text = "Read also\nThe council may vote on Friday.\nIt said the\nplan could fail."
    c = signals(text, lexicons).counts
    assert (c["sentences"], c["leftover_paragraphs"]) == (2, 1)
    assert c["hedges"] == 2


def test_named_source_evidence_names_the_source(lexicons):
    sentence = "The summit will go ahead, Kremlin spokesman Dmitry Peskov said on Monday."
    result = signals(sentence, lexicons)
    assert result.evidence[0] == {"kind": "named_source", "text": "Dmitry Peskov said", "sentence": sentence}
    sentence = "Rates will rise, according to the Federal Reserve."
    assert signals(sentence, lexicons).evidence[0]["text"] == "according to the Federal Reserve"


def test_missing_title_and_empty_text(lexicons):
    result = signals("", lexicons, title=float("nan"))
    assert result.counts["words"] == 0 and result.counts["title_question"] == 0
    assert result.evidence == () and result.signals_language == "en"


def test_german_names_need_two_capitalised_words(lexicons):
    named = signals("Das Gesetz kommt, sagte Ministerin Anna Weber.", lexicons, language="de")
    assert named.counts["named_sources"] == 1
    noun = signals("Laut einem Bericht kommt das Gesetz.", lexicons, language="de")
    assert (noun.counts["attributions"], noun.counts["named_sources"]) == (1, 0)


# --- phrase matching: longest match, overlaps, prefixes, case (one pass for all categories) ---


@pytest.fixture()
def phrase_lexicons(tmp_path):
    """A small lexicon with overlapping, nested and prefixed entries in three categories."""
    root = write_lexicon(
        tmp_path,
        hedges="may\nmay well\nmay well be\nso call*\nit is rumour*\nis rumoured\n",
        weasels="a b\nb c\n",
        boosters="won't believe\nclearly\n",
        loaded_words="shock*\n",
    )
    return load_lexicons(root)


def test_longest_entry_wins_and_nested_entries_do_not_count_twice(phrase_lexicons):
    result = signals("It may well be late. It may well. It may.", phrase_lexicons)
    assert result.counts["hedges"] == 3
    assert [e["text"] for e in result.evidence] == ["may well be", "may well", "may"]


def test_overlapping_entries_of_one_category_match_left_to_right(phrase_lexicons):
    # "a b" and "b c" overlap in "a b c": the left one wins, the right one is not counted;
    # the later "b c" stands alone and counts
    result = signals("x a b c d b c.", phrase_lexicons)
    assert result.counts["weasels"] == 2
    assert [e["text"] for e in result.evidence] == ["a b", "b c"]


def test_prefix_entries_at_the_end_of_two_and_three_word_phrases(phrase_lexicons):
    result = signals("The so called experts and so calling it.", phrase_lexicons)
    assert [e["text"] for e in result.evidence] == ["so called", "so calling"]
    result = signals("It is rumoured, it is rumour, it is rumours.", phrase_lexicons)
    # the three-word "it is rumour*" is longer than the exact "is rumoured" inside it
    assert [e["text"] for e in result.evidence] == [
        "It is rumoured", "it is rumour", "it is rumours"
    ]
    assert result.counts["hedges"] == 3


def test_phrase_cut_by_the_sentence_end_does_not_match(phrase_lexicons):
    assert signals("It may. Well be it.", phrase_lexicons).evidence[0]["text"] == "may"
    assert signals("So. Called it.", phrase_lexicons).counts["hedges"] == 0
    assert signals("They say it is. Rumoured.", phrase_lexicons).counts["hedges"] == 0


def test_case_apostrophe_and_proper_noun_rules(phrase_lexicons):
    result = signals("You won’t believe it. Clearly it works, but Clearly Ltd said clearly not.",
                     phrase_lexicons)
    # typographic apostrophe matches the plain one; "Clearly" counts at the start of a
    # sentence, not inside it (a name), the lower-case one counts
    assert [e["text"] for e in result.evidence if e["kind"] == "booster"] == [
        "won’t believe", "Clearly", "clearly"
    ]
    result = signals("The news was SHOCKING and shocking.", phrase_lexicons)
    # a shouted word inside the sentence is not a proper noun: it counts in its category as
    # well as in all_caps_words
    assert result.counts["loaded_words"] == 2
    assert result.counts["all_caps_words"] == 1
    assert [e["text"] for e in result.evidence if e["kind"] == "loaded_word"] == [
        "SHOCKING", "shocking"
    ]


def test_categories_overlap_each_other(lexicons):
    result = signals("Prices rose, according to a report by the newspaper.", lexicons)
    c = result.counts
    assert (c["attributions"], c["citations"], c["outlet_citations"]) == (1, 1, 2)
    assert [(e["kind"], e["text"]) for e in result.evidence] == [
        ("citation", "report"),
        ("outlet_citation", "according to a report"),
        ("outlet_citation", "the newspaper"),
    ]


@pytest.mark.parametrize(
    "language, text, evidence",
    [
        ("ru", "Это может быть правдой, сказал Иван Петров.",
         [("named_source", "сказал Иван Петров"), ("attributed_hedge", "может быть")]),
        ("ru", "Он может уйти. Источники сообщили об этом.",
         [("own_hedge", "может"), ("anonymous_source", "Источники сообщили")]),
        ("fr", "Selon le ministre, il est possible que l’accord échoue et il s’attend à un vote.",
         [("attributed_hedge", "il est possible"), ("attributed_hedge", "s’attend")]),
    ],
)
def test_non_english_longest_match_prefix_and_apostrophe(lexicons, language, text, evidence):
    result = signals(text, lexicons, language=language)
    assert [(e["kind"], e["text"]) for e in result.evidence] == evidence


def _random_sentences(matchers, rng, n_sentences=300):
    """Yield token lists drawn from the words of ``matchers``' phrases (prefixes extended)."""
    vocabulary = {"the", "x", "Name"}
    for matcher in matchers.values():
        for table in (matcher.by_first, matcher.prefixed_by_first):
            for phrases in table.values():
                for phrase in phrases:
                    vocabulary.update(phrase)
                    vocabulary.add(phrase[-1] + "ed")
        vocabulary.update(p + "ed" for p in matcher.prefixes)
    vocabulary = sorted(vocabulary)
    for _ in range(n_sentences):
        yield [rng.choice(vocabulary) for _ in range(rng.randint(1, 25))]


@pytest.mark.parametrize("language", ["en", "de", "ru", "phrases"])
def test_one_pass_index_finds_what_each_phrase_matcher_finds(lexicons, phrase_lexicons, language):
    """The per-sentence index gives, category by category, PhraseMatcher.find's spans."""
    lex, language = (phrase_lexicons, "en") if language == "phrases" else (lexicons, language)
    matchers = lex.matchers[language]
    body, title = _token_indexes(lex, language)
    for words in _random_sentences(matchers, random.Random(7)):
        keys = tuple(w.casefold().replace("’", "'") for w in words)
        for index, categories in ((body, BODY_CATEGORIES), (title, TITLE_CATEGORIES)):
            found = index.find_all(index.describe_all(words))
            for category in categories:
                expected = matchers[category].find(keys)
                assert found.get(category, []) == expected, (words, category)


def test_token_memory_bound_gives_the_same_results(monkeypatch, tmp_path):
    from pipeline.text import signals as module

    text = "Officials said the plan may fail, according to a report. It is clearly a SHOCKING hoax!"
    expected = signals(text, load_lexicons(CONFIG_DIR), title="Why it matters?")
    monkeypatch.setattr(module, "TOKEN_CACHE_MAX_ENTRIES", 2)
    shutil.copytree(CONFIG_DIR / "lexicons", tmp_path / "lexicons")
    bounded = load_lexicons(tmp_path)  # another Lexicons object: its indexes are built anew
    assert signals(text, bounded, title="Why it matters?") == expected


def test_tokens_match_the_plain_word_pattern():
    plain = re.compile(r"\w+(?:[-'’]\w+)*")
    text = ("rock-'n'-roll don't l’accord a--b x_y 2,5 –dash ’tis dogs' Straße ǅemal "
            "О'Коннор well-")
    assert tokenize(text) == [(m.group(0), m.start(), m.end()) for m in plain.finditer(text)]
    assert [t for t, _, _ in tokenize(text)][:5] == ["rock", "n", "roll", "don't", "l’accord"]


def test_sentence_ends_after_a_single_capital_and_letters_before_it():
    # "B." ends its sentence when a sentence opener follows; "éA." is no initial: "A" is not a
    # word on its own
    assert split_sentences("Plan B. Then more. Il a vu éA. Puis il est parti.") == [
        "Plan B.", "Then more.", "Il a vu éA.", "Puis il est parti."
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a name after the initial, or an initials run, continues the sentence
        ("He met George W. Bush. Then he left.", ["He met George W. Bush.", "Then he left."]),
        ("It was written by J. R. R. Tolkien.", ["It was written by J. R. R. Tolkien."]),
        ("Take Plan B. A. Smith agreed.", ["Take Plan B. A. Smith agreed."]),
        # ... the same capital as an article, a pronoun or a digit opens a new sentence
        ("Take Plan B. A new plan came.", ["Take Plan B.", "A new plan came."]),
        ("It has vitamin C. It helps.", ["It has vitamin C.", "It helps."]),
        ("It has vitamin C. I take it.", ["It has vitamin C.", "I take it."]),
        ("It has vitamin C. “It helps,” he said.",
         ["It has vitamin C.", "“It helps,” he said."]),
        ("IT HAS VITAMIN C. THE END.", ["IT HAS VITAMIN C.", "THE END."]),
        # an unknown capitalised word may be a surname, a number a bill: joined (the rule errs
        # that way)
        ("It has vitamin C. Researchers agree.", ["It has vitamin C. Researchers agree."]),
        ("The bill is S. 2262 now.", ["The bill is S. 2262 now."]),
        ("He holds a Ph.D. in law. He left.", ["He holds a Ph.D. in law.", "He left."]),
        ("He holds a Ph.D. He left.", ["He holds a Ph.D.", "He left."]),
        ("Surnames like George W. Will stay.", ["Surnames like George W. Will stay."]),
        # lower case after the capital continues the sentence
        ("It has vitamin C. it helps.", ["It has vitamin C. it helps."]),
        # an initial opening the sentence always joins, even before an opener ("Q. What")
        ("J. Smith said so. Q. What now? A. The plan.",
         ["J. Smith said so.", "Q. What now?", "A. The plan."]),
        # titles and dotted abbreviations always join (also before an opener)
        ("Mr. Smith came to the U.S. The end.", ["Mr. Smith came to the U.S. The end."]),
    ],
)
def test_single_capital_ends_a_sentence_only_before_a_sentence_opener(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize("closers", ['"', "”", "’", "»", ")", "]", '")', "”)"])
def test_closing_quotes_and_brackets_stay_with_their_sentence(closers):
    opener = {
        '"': '"', "”": "“", "’": "‘", "»": "«", ")": "(", "]": "[", '")': '("', "”)": "(“"
    }
    text = f"He said {opener[closers]}no.{closers} Then he left."
    assert split_sentences(text) == [f"He said {opener[closers]}no.{closers}", "Then he left."]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a closer after an abbreviation ends the sentence before a sentence opener ...
        ('He said "No." Then he left.', ['He said "No."', "Then he left."]),
        ('He moved to the U.S." Then he left.', ['He moved to the U.S."', "Then he left."]),
        ("They chose (Plan B.) Then they left.", ["They chose (Plan B.)", "Then they left."]),
        # ... and continues it before lower case or a name
        ('He wrote "Plan B." in the memo.', ['He wrote "Plan B." in the memo.']),
        ('She moved to the "U.S." last year.', ['She moved to the "U.S." last year.']),
        ("“So [Dr.] Anthony Fauci is right.”", ["“So [Dr.] Anthony Fauci is right.”"]),
        ("Members of the Durham (N.C.) Association met.",
         ["Members of the Durham (N.C.) Association met."]),
    ],
)
def test_closing_quote_after_an_abbreviation(text, expected):
    assert split_sentences(text) == expected


def test_sentences_of_a_paragraph_keep_every_character():
    # the sentences, joined by single spaces, give the paragraph back: nothing is dropped
    paragraph = ('He said "no." Then (Plan B.) “It works!” [Sen.] Smith, Ph.D. in law, met '
                 "George W. Bush. It has vitamin C. It helps?! «Oui.» Fin… 2 more.")
    sentences = split_sentences(paragraph)
    assert len(sentences) == 9
    assert " ".join(sentences) == paragraph


def test_evidence_sentence_keeps_its_closing_quote(lexicons):
    text = "“The plan may fail.” Officials were calm."
    result = signals(text, lexicons)
    assert result.counts["sentences"] == 2
    assert result.evidence[0] == {
        "kind": "own_hedge", "text": "may", "sentence": "“The plan may fail.”"
    }


def test_sentence_count_after_a_single_capital(lexicons):
    assert signals("They chose Plan B. Then it failed.", lexicons).counts["sentences"] == 2
    assert signals("They met George W. Bush on Monday.", lexicons).counts["sentences"] == 1


def test_evidence_text_keeps_the_original_spelling_between_tokens(lexicons):
    sentence = "Prices  fell, according  to   the “Federal Reserve” data."
    result = signals(sentence, lexicons)
    assert result.evidence[0]["text"] == "according to the “Federal Reserve"
