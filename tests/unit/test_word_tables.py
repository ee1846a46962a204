"""Tests of the compact word-frequency tables (pipeline.text.word_tables) and pipeline.text.memory."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from wordfreq import zipf_frequency

from pipeline.text.lang_config import bucket_zipf
from pipeline.text.language import LanguageSettings, configured_languages
from pipeline.text.memory import release_free_memory
from pipeline.text.word_tables import (
    MISSING,
    WordList,
    build_table,
    over_base,
    small_lists_table,
    word_hash,
    word_hashes,
    word_list,
)


def test_word_hash_is_blake2b_little_endian_and_not_salted():
    expected = int.from_bytes(hashlib.blake2b("Straße".encode(), digest_size=8).digest(), "little")
    assert word_hash("Straße") == expected == 0x129AC8E86711EF3E  # the same in every process and run


def table(languages, rows):
    """Return a table from ``(language index, bucket, words)`` rows."""
    return build_table(languages, rows)


def test_build_table_keeps_the_most_frequent_bucket_and_one_entry_per_language():
    t = table(("en", "de"), [(0, 100, ["the", "and"]), (1, 150, ["die", "and"]), (0, 300, ["and", "rare"])])
    assert len(t) == 5  # "and" once in en (bucket 100, not 300) and once in de
    assert list(t.keys) == sorted(t.keys)
    hashes = word_hashes(["and", "rare", "die", "missing"])
    assert t.buckets_in(hashes, 0).tolist() == [100, 300, MISSING, MISSING]
    assert t.buckets_in(hashes, 1).tolist() == [150, MISSING, 150, MISSING]
    positions, index = t.entries(hashes)
    assert positions.tolist() == [0, 0, 1, 2]  # "and" in both languages, in language order
    assert t.language[index].tolist() == [0, 1, 0, 1]
    assert t.nbytes == 5 * 11


def test_empty_table_and_empty_queries():
    empty = table(("en",), [])
    assert len(empty) == 0 and empty.buckets_in(word_hashes(["a"]), 0).tolist() == [MISSING]
    full = table(("en",), [(0, 100, ["a"])])
    assert full.buckets_in(word_hashes([]), 0).tolist() == []


def test_word_list_over_a_base_reads_exactly_its_own_list():
    base = table(("en", "de"), [(0, 300, ["the", "and"]), (0, 320, ["gone"]), (0, 800, ["below"]), (1, 300, ["und"])])
    # the list itself: "the" as in the base, "and" at another bucket, "rare" added, "gone" missing;
    # "below" is in the base but rarer than the list's range
    own = table(("en",), [(0, 300, ["the"]), (0, 310, ["and"]), (0, 390, ["rare"])])
    listed = over_base(own, 400, base)
    assert isinstance(listed, WordList) and listed.base is base
    assert len(listed.band) == 2  # "and" (another bucket) and "rare"; "the" comes from the base
    assert len(listed.excluded) == 1  # "gone": in the base within the range, not in the list
    words = ["the", "and", "rare", "gone", "below", "und", "absent"]
    assert listed.buckets(word_hashes(words)).tolist() == [300, 310, 390, MISSING, MISSING, MISSING, MISSING]
    alone = over_base(own, 400, None)
    assert alone.buckets(word_hashes(words)).tolist() == [300, 310, 390, MISSING, MISSING, MISSING, MISSING]


def test_small_lists_table_gives_wordfreq_frequencies():
    languages = configured_languages(LanguageSettings())
    t = small_lists_table(languages)
    words = ["the", "news", "die", "и"]
    for code in ("en", "de", "ru"):
        buckets = t.buckets_in(word_hashes(words), languages.index(code)).tolist()
        for word, bucket in zip(words, buckets):
            expected = zipf_frequency(word, code, wordlist="small")
            assert (bucket_zipf(bucket) if bucket != MISSING else 0.0) == expected, (code, word)
    assert t.nbytes < 15_000_000  # 26 small lists, about 1 million entries


def test_best_list_over_the_small_table_adds_the_rarer_words():
    languages = configured_languages(LanguageSettings())
    base = small_lists_table(languages)
    listed = word_list("en", "best", 800, base)  # down to Zipf 1
    assert not len(listed.excluded)  # every small-list word is in the best list, at the same frequency
    words = ["the", "lifeboat", "fooddue"]
    zipfs = [bucket_zipf(b) if b != MISSING else 0.0 for b in listed.buckets(word_hashes(words)).tolist()]
    assert zipfs == [zipf_frequency(w, "en", wordlist="best") for w in words]
    assert listed.nbytes < 5_000_000


def test_release_free_memory_on_glibc():
    assert release_free_memory() is True  # Linux with glibc: malloc_trim is there


def test_word_hashes_match_word_hash():
    words = ["the", "привет", "日本", "", "naïve"]
    assert word_hashes(words).tolist() == [word_hash(w) for w in words]
    assert word_hashes([]).dtype == np.uint64 and word_hashes([]).shape == (0,)
