"""Tests of the translation-artifact detectors (pipeline.text.artifacts) and their evaluation."""

from __future__ import annotations

import dataclasses
import random
import shutil
from pathlib import Path

import pytest

import regex

from pipeline.errors import ConfigError
from pipeline.evaluation import artifacts as artifacts_eval
from pipeline.text import artifacts
from pipeline.text.artifacts import (
    Artifact,
    ArtifactSettings,
    artifact_rate,
    count_language_words,
    find_artifacts,
    ftfy_would_look,
    glued_lexicon,
    glued_split,
    has_language_words,
    load_artifact_resources,
    split_sentences,
)
from pipeline.text.language import LanguageSettings

SETTINGS = ArtifactSettings()
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def kinds(found: list[Artifact]) -> list[tuple[str, int, str]]:
    return [(a.kind, a.line, a.text) for a in found]


def run(text: str, language: str = "en", settings: ArtifactSettings = SETTINGS, first_line: int = 1):
    lines = [(first_line + i, line) for i, line in enumerate(text.split("\n"))]
    return find_artifacts(lines, language, settings)


def assert_text_in_line(found, text: str, first_line: int = 1):
    lines = text.split("\n")
    for artifact in found:
        assert artifact.text in lines[artifact.line - first_line]


# ----------------------------------------------------------------------------- homoglyph


def test_standalone_cyrillic_a_among_latin_words():
    text = "Vladimir Putin & Kim Jong Un have \u0430 lot in common."
    found = run(text, first_line=3)
    assert kinds(found) == [("homoglyph", 3, "\u0430")]
    assert "U+0430" in found[0].detail
    assert_text_in_line(found, text, first_line=3)


def test_cyrillic_letter_inside_latin_word():
    text = "The minister w\u0430s in Moscow on Tuesday."
    found = run(text)
    assert kinds(found) == [("homoglyph", 1, "\u0430")]
    assert "w\u0430s" in found[0].detail


def test_latin_letter_inside_cyrillic_word_in_russian_text():
    text = "Пр\u0065зидент встретился с министром."  # Latin e inside a Cyrillic word
    found = run(text, language="ru")
    assert kinds(found) == [("homoglyph", 1, "e")]


@pytest.mark.parametrize(
    "text",
    [
        "Putin (Путин) met Kim in Vladivostok.",
        "The α-helix and β-sheets of the protein, and TNF-α levels.",
        "Samples of 5μm were used.",
        "Путин встретился с Ким Чен Ыном в Амурской области.",
        "在ユジノサハリンスク日本総領事の協力で開かれている日本語教室",
        "SNS에 올라온 글을 MBC는 보도했다.",
        "He spoke Greek: ο άνθρωπος είναι καλός.",
    ],
)
def test_real_mixed_script_is_not_a_homoglyph(text):
    assert [a for a in run(text, language="en") if a.kind == "homoglyph"] == []


def test_lookalike_word_between_cyrillic_words_is_not_flagged():
    # "а" (and, but) in a Russian sentence quoted in an English line
    text = "He wrote: Мы пришли, а они ушли. That was all."
    assert [a for a in run(text) if a.kind == "homoglyph"] == []


def test_homoglyph_latin_share_edge():
    text = "have \u0430 lot и мир"  # 7 Latin letters and 5 Cyrillic ones (including а)
    latin, total = 7, 12
    at = dataclasses.replace(SETTINGS, homoglyph_min_latin_share=latin / total)
    above = dataclasses.replace(SETTINGS, homoglyph_min_latin_share=latin / total + 1e-9)
    assert [a.text for a in run(text, settings=at) if a.kind == "homoglyph"] == ["\u0430"]
    assert [a for a in run(text, settings=above) if a.kind == "homoglyph"] == []


# ----------------------------------------------------------------------------- mojibake


def test_mojibake_is_flagged_with_fix_and_text_untouched():
    text = "Washington\u00e2\u20ac\u2122s suspicions lie in the caf\u00c3\u00a9."
    found = run(text)
    assert [a.kind for a in found] == ["mojibake", "mojibake"]
    assert [a.text for a in found] == ["\u00e2\u20ac\u2122", "\u00c3\u00a9"]
    assert "\u2019" in found[0].detail and "\u00e9" in found[1].detail
    assert_text_in_line(found, text)


def test_latin1_mojibake_with_control_characters():
    text = "It\u00e2\x80\x99s over."
    found = run(text)
    assert [a.kind for a in found] == ["mojibake"]
    assert found[0].text in text


def test_mojibake_inside_text_of_another_script():
    # ftfy leaves the line alone; the UTF-8-as-Windows-1252 shape is decoded back
    text = "Эксклюзивный рецеп\u00d1\u201a для быстрого ужина."
    found = run(text, language="ru")
    assert kinds(found) == [("mojibake", 1, "\u00d1\u201a")]
    assert '"т"' in found[0].detail


def test_lookalike_shapes_that_decode_to_marks_are_not_mojibake():
    # "Ö°" decodes to a Hebrew point (not a letter), "ß‚" to a non-letter
    assert run("Gr\u00d6\u00b0 and Stra\u00df\u201a.") == []


def test_correct_accents_and_quotes_are_not_mojibake():
    text = "He said “the café’s naïve décor” – in Zürich, 5 µm, Ångström."
    assert run(text) == []


# ----------------------------------------------------------------------------- glued words


def test_glued_common_words():
    text = "On the North Korean side it weighs Pyongyang’s lack of cash and fooddue to years of sanctions."
    found = run(text, first_line=17)
    assert kinds(found) == [("glued_words", 17, "fooddue")]
    assert '"food due"' in found[0].detail


@pytest.mark.parametrize("word", ["lifeboat", "cannot", "goverment", "recieve", "ocelot", "Fooddue", "food2due"])
def test_real_words_misspellings_rare_words_and_names_are_not_glued(word):
    assert glued_split(word, "en", SETTINGS) is None


def test_repeated_coinage_is_a_term_not_glued():
    once = "The planset arrived today."
    twice = "The planset arrived today. We opened the planset at noon."
    assert [a.text for a in run(once)] == ["planset"]
    assert run(twice) == []
    allow_two = dataclasses.replace(SETTINGS, glued_max_occurrences=2)
    assert [a.text for a in run(twice, settings=allow_two)] == ["planset", "planset"]


def test_short_part_must_be_very_common():
    # "doc" (Zipf 4.4) and "poll" (4.3) are short and not common enough; "new" (6.2), "plan" (5.3) are
    assert glued_split("docsite", "en", SETTINGS) is None
    assert glued_split("newpoll", "en", SETTINGS) is None
    assert glued_split("newplan", "en", SETTINGS)[:2] == ("new", "plan")
    z_doc = glued_split("docsite", "en", dataclasses.replace(SETTINGS, glued_short_part_min_zipf=4.0))[2]
    assert glued_split("docsite", "en", dataclasses.replace(SETTINGS, glued_short_part_min_zipf=z_doc)) is not None
    assert glued_split("docsite", "en", dataclasses.replace(SETTINGS, glued_short_part_min_zipf=z_doc + 0.01)) is None


def test_function_word_lets_the_other_part_be_rarer():
    # "taunt" (Zipf 3.2) is below glued_part_min_zipf=3.5 here, "the" is a function word
    strict = dataclasses.replace(SETTINGS, glued_part_min_zipf=3.5)
    assert glued_split("tauntthe", "en", strict)[:2] == ("taunt", "the")
    no_function_path = dataclasses.replace(strict, glued_function_word_min_zipf=9.0)
    assert glued_split("tauntthe", "en", no_function_path) is None


def test_affixes_are_derivations_not_glued_words():
    assert glued_split("redeclares", "en", SETTINGS) is None  # re- is a prefix
    assert glued_split("saveable", "en", SETTINGS) is None  # -able is a suffix
    no_affixes = dataclasses.replace(SETTINGS, glued_affixes_dir="artifacts/none")
    assert glued_split("saveable", "en", no_affixes)[:2] == ("save", "able")


def test_glued_part_zipf_edge():
    first, second, z1, z2 = glued_split("fooddue", "en", SETTINGS)
    assert (first, second) == ("food", "due")
    at = dataclasses.replace(SETTINGS, glued_part_min_zipf=min(z1, z2))
    above = dataclasses.replace(SETTINGS, glued_part_min_zipf=min(z1, z2) + 0.01)
    assert glued_split("fooddue", "en", at) is not None
    assert glued_split("fooddue", "en", above) is None


def test_glued_min_letters_edge():
    assert glued_split("fooddue", "en", dataclasses.replace(SETTINGS, glued_min_letters=7)) is not None
    assert glued_split("fooddue", "en", dataclasses.replace(SETTINGS, glued_min_letters=8)) is None


def test_glued_lexicon_knows_listed_words_that_split():
    lexicon = glued_lexicon("en", SETTINGS)
    # listed words with an acceptable split; "lifeboat" has none ("boat" is short and not common
    # enough), "fooddue" is not listed, "Cannot" is not lower-case and "into" is shorter than
    # glued_min_letters
    words = ["cannot", "however", "weekend", "lifeboat", "fooddue", "goverment", "Cannot", "into"]
    assert lexicon.known_words(words) == {"cannot", "however", "weekend"}
    assert lexicon.zipfs(["the", "fooddue"])[0] > 7 and lexicon.zipfs(["the", "fooddue"])[1] is None


def test_glued_verdicts_in_a_batch_equal_one_by_one():
    words = ["fooddue", "planset", "newplan", "lifeboat", "tauntthe", "docsite", "Fooddue", "a", "saveable"]
    lexicon = glued_lexicon("en", SETTINGS)
    one_by_one = {word: glued_split(word, "en", SETTINGS) for word in words}
    lexicon.memo.clear()
    batch = lexicon.splits(words)
    assert {word: batch[word] for word in words} == one_by_one
    assert [word for word in words if one_by_one[word]] == ["fooddue", "planset", "newplan", "tauntthe"]


def test_glued_memo_overflow_keeps_every_word_of_the_call(monkeypatch):
    text = "Prices rose fooddue to demand and the planset was late while newplan waited."
    expected = run(text)
    lexicon = glued_lexicon("en", SETTINGS, LanguageSettings())
    monkeypatch.setattr(artifacts, "GLUED_MEMO_MAX_WORDS", 3)
    lexicon.memo.clear()
    lexicon.splits(["alpha", "beta", "gamma"])  # fills the memo to its limit
    assert run(text) == expected
    assert [a.text for a in expected] == ["fooddue", "planset", "newplan"]
    lexicon.memo.clear()


def test_glued_words_not_checked_in_compounding_language():
    text = "Die Haustür war offen und die schulbehörde schwieg."
    assert [a for a in run(text, language="de") if a.kind == "glued_words"] == []


# ----------------------------------------------------------------------------- stray punctuation


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("the summit will be held this week and? will deal with issues", "and? will"),
        ("Read the! news today", "the! news"),
    ],
)
def test_stray_punctuation(text, flagged):
    found = run(text)
    assert kinds(found) == [("stray_punctuation", 1, flagged)]


@pytest.mark.parametrize(
    "text",
    [
        "Arms deal? Analysts believe so.",
        '"Why?" he asked.',
        "Yahoo! news is gone.",
        "What is it? It is a plan!",
        "Is it ?? no",  # the mark is not glued to a word
    ],
)
def test_sentence_final_marks_are_not_stray(text):
    assert [a for a in run(text) if a.kind == "stray_punctuation"] == []


# ----------------------------------------------------------------------------- foreign fragments

GERMAN = "Die Regierung hat am Dienstag die neuen Pläne für die Schulen vorgestellt."


def test_foreign_paragraph():
    text = "The government presented its plans for schools on Tuesday.\n" + GERMAN
    found = run(text)
    assert kinds(found) == [("foreign_fragment", 2, GERMAN)]
    assert "paragraph in de" in found[0].detail


def test_foreign_sentence_inside_paragraph():
    text = "The government presented its plans on Tuesday. " + GERMAN + " Critics were not convinced."
    found = run(text)
    assert kinds(found) == [("foreign_fragment", 1, GERMAN)]
    assert "sentence in de" in found[0].detail
    assert_text_in_line(found, text)


def test_foreign_uses_given_paragraph_languages():
    text = "The government presented its plans on Tuesday to the press."
    lines = [(1, text)]
    given = [{"line": 1, "language": "de", "confidence": 0.99}]
    # the paragraph label says German, but the plain-words check does not confirm it
    assert find_artifacts(lines, "en", SETTINGS, given) == []


@pytest.mark.parametrize(
    "text",
    [
        "Location: Rio de Janeiro, Brazil",
        "rsync -t -l -r -c ps:/etc/ ps-etc/ --delete-after",
        "Photo David von Diemar on https://unsplash.com/de/fotos/lila-und-blaue-lichter",
        "Blade Runner The Final Cut (4K Ultra HD + Blu-Ray)",
    ],
)
def test_names_code_and_urls_are_not_foreign(text):
    assert [a for a in run("The story is in English and goes on.\n" + text) if a.kind == "foreign_fragment"] == []


def test_foreign_min_words_edge():
    text = "The talks went on.\nDie neuen Pläne sind gut."  # 4 lower-case words + "Die", "Pläne"
    assert count_language_words("Die neuen Pläne sind gut.") == 3
    at = dataclasses.replace(SETTINGS, foreign_min_words=3)
    above = dataclasses.replace(SETTINGS, foreign_min_words=4)
    assert [a.kind for a in run(text, settings=at)] == ["foreign_fragment"]
    assert run(text, settings=above) == []


def test_no_foreign_check_when_document_language_unknown():
    assert run(GERMAN, language="unknown") == []


def test_count_language_words_and_sentences():
    assert count_language_words("Rio de Janeiro is big") == 3
    assert count_language_words("我们今天讨论") == 6
    assert count_language_words("see https://x.org/a-b now") == 2
    text = 'He left. "She stayed." 不过她来了。Then 5 more came. Dec. 5 was cold.'
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "He left.", '"She stayed."', "不过她来了。", "Then 5 more came.", "Dec.", "5 was cold."]


#: The sentence break before it was rewritten for speed (same breaks, no look-behind).
_OLD_SENTENCE_BREAK = regex.compile(
    r"(?<=[.!?…][\"'”’)\]]*)\s+(?=[\"'“‘(\[]*[\p{Lu}\p{Lt}\p{Lo}\p{N}])|(?<=[。！？])\s*(?=\S)")


def _old_split_sentences(text):
    spans, start = [], 0
    for match in _OLD_SENTENCE_BREAK.finditer(text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _reference_count(text):
    count = 0
    for word in artifacts._chunk_words(text):
        unspaced = len(artifacts.UNSPACED_LETTER.findall(word))
        if unspaced:
            count += unspaced
        elif artifacts.PLAIN_WORD.match(word) and not artifacts.UPPER.search(word):
            count += 1
    return count


def test_sentence_split_and_word_count_equal_their_reference_on_random_text():
    rng = random.Random(7)
    alphabet = list("ab AZÉé'’-.,!?…\"”“)]([1。！？ \t\n\x1c\xa0我") + ["\u0301", "ǅ", "ʰ"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert split_sentences(text) == _old_split_sentences(text), repr(text)
        assert count_language_words(text) == _reference_count(text), repr(text)
        for minimum in (0, 1, 2, 3):
            assert has_language_words(text, minimum) == (_reference_count(text) >= minimum), repr(text)


def test_has_language_words_edge():
    text = "die neuen Pläne sind gut"  # 4 words carry language ("Pläne" has a capital)
    assert has_language_words(text, 4) and not has_language_words(text, 5)
    assert has_language_words("我们今天", 4) and not has_language_words("我们今天", 5)


def test_ftfy_screen_never_hides_what_ftfy_calls_bad():
    from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad

    chars = sorted({c for members in MOJIBAKE_CATEGORIES.values() for c in members}
                   | {c for c in BADNESS_RE.pattern if ord(c) > 127})
    alphabet = chars + list("aAzZ .,?!-'\"1\t") + ["\u0410", "\u044f", "ґ", "é", "ó"]
    rng = random.Random(11)
    bad = 0
    for _ in range(50_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        if is_bad(text):
            bad += 1
            assert ftfy_would_look(text), repr(text)
    assert bad > 10_000  # the draw does reach ftfy's patterns
    # ordinary accented and Cyrillic text is screened out, typical mojibake is not
    assert not ftfy_would_look("El ayuntamiento aprobó ayer el plan según los datos, dijo el alcalde.")
    assert not ftfy_would_look("Городской совет проголосовал за новый план развития порта.")
    assert ftfy_would_look("the caf\u00c3\u00a9 and Washington\u00e2\u20ac\u2122s")


# ----------------------------------------------------------------------------- whole


def test_find_artifacts_order_lines_and_texts():
    text = ("Intro line without problems.\n"
            "They have \u0430 plan and? will act.\n"
            "Prices rose fooddue to caf\u00c3\u00a9 demand.")
    found = run(text, first_line=10)
    assert kinds(found) == [
        ("homoglyph", 11, "\u0430"),
        ("stray_punctuation", 11, "and? will"),
        ("mojibake", 12, "\u00c3\u00a9"),
        ("glued_words", 12, "fooddue"),
    ]
    assert_text_in_line(found, text, first_line=10)


def test_clean_text_has_no_artifacts():
    text = ("North Korean leader Kim Jong-un arrived in Russia on Tuesday to meet President Putin.\n"
            "Both sides confirmed the meeting but did not give the date or the place.")
    assert run(text) == []


def test_artifact_rate_per_thousand_words():
    items = [Artifact("homoglyph", 1, "а", "")] * 3
    assert artifact_rate(items, 1500) == 2.0
    assert artifact_rate(items, 0) == 0.0
    assert artifact_rate([], 100) == 0.0


# ----------------------------------------------------------------------------- config files


def config_copy(tmp_path: Path, name: str, body: str) -> ArtifactSettings:
    source = Path(__file__).resolve().parents[2] / "config" / "artifacts"
    folder = tmp_path / "artifacts"
    shutil.copytree(source, folder)
    (folder / name).write_text(body, encoding="utf-8")
    return dataclasses.replace(SETTINGS, config_dir=str(tmp_path))


@pytest.mark.parametrize(
    "name, body, message",
    [
        ("confusables.txt", "U+0430 a\nU+0435\n", r"confusables.txt:2: expected"),
        ("confusables.txt", "# c\nU+0061 a\n", r"confusables.txt:2: U\+0061 is not a letter of another script"),
        ("confusables.txt", "U+0430 ab\n", r"confusables.txt:1: 'ab' is not one Latin letter"),
        ("allowed_mixed_script.txt", "ok\n(unclosed\n", r"allowed_mixed_script.txt:2: bad RE2 pattern"),
        ("glued_languages.txt", "en\n\nxx\n", r"glued_languages.txt:3: wordfreq has no word list for 'xx'"),
    ],
)
def test_bad_data_file_raises_with_line(tmp_path, name, body, message):
    settings = config_copy(tmp_path, name, body)
    with pytest.raises(ConfigError, match=message):
        load_artifact_resources(settings)


# ----------------------------------------------------------------------------- evaluation


def test_bad_affix_entry_raises_with_line(tmp_path):
    settings = config_copy(tmp_path, "affixes/en.txt", "re-\n# comment\nable\n")
    with pytest.raises(ConfigError, match=r"en.txt:3: expected 'prefix-' or '-suffix'"):
        glued_split("fooddue", "en", settings)


def test_injection_is_seeded_and_marks_the_changed_text():
    lines = [(1, "The minister said the plan was good. Critics said it was far too late for that."),
             (3, "Prices rose again in the spring and the government did not act.")]
    injector = artifacts_eval.Injector(SETTINGS, {"de": ["Die Regierung hat am Dienstag die neuen Pläne vorgestellt."]})
    first = artifacts_eval.inject_document(lines, "en", injector, random.Random("x"))
    second = artifacts_eval.inject_document(lines, "en", injector, random.Random("x"))
    assert first == second
    damaged, injections = first
    assert len(injections) == 3  # one per sentence
    assert len({item.kind for item in injections}) == 3  # kinds taken in turn
    originals = dict(lines)
    for item in injections:
        assert damaged[[n for n, _ in damaged].index(item.line)][1] != originals[item.line]
        assert item.end > item.start


def test_evaluate_on_a_tiny_folder(tmp_path):
    folder = tmp_path / "data" / "boilerplate" / "dev"
    folder.mkdir(parents=True)
    (folder / "a.gold.txt").write_text(
        "The minister said the plan was good and that the work would start soon.\n\n"
        "Critics said it was far too late for the people who had waited for years.\n", encoding="utf-8")
    (folder / "b.gold.txt").write_text(
        "Prices rose again in the spring, and the government did not act on them.\n", encoding="utf-8")
    metrics = artifacts_eval.evaluate(folder, seeds=tmp_path / "none", langid=tmp_path / "none.tsv")
    assert metrics["artifacts.docs"] == 2.0
    assert metrics["artifacts.words"] == 14 + 15 + 14
    assert sum(metrics[f"artifacts.injected.{k}"] for k in artifacts_eval.KINDS
               if f"artifacts.injected.{k}" in metrics) == 3
    assert all(metrics[f"artifacts.false.{k}"] == 0.0 for k in artifacts_eval.KINDS)
    assert "artifacts.seeds.expected" not in metrics
    assert "translation artifacts" in artifacts_eval.format_report(metrics)


@pytest.mark.skipif(not (SHARED / "seeds" / "gold.json").is_file(), reason="shared seeds not present")
def test_seed_artifacts_are_flagged():
    metrics = artifacts_eval.check_seeds(SHARED / "seeds", artifacts_eval.LanguageSettings(), SETTINGS)
    assert metrics["artifacts.seeds.expected"] == 3.0
    assert metrics["artifacts.seeds.found"] == 3.0
    assert metrics["artifacts.seeds.extra_flags"] == 0.0
