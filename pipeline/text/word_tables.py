"""Compact word-frequency tables: wordfreq's lists as sorted 64-bit word hashes in numpy arrays.

Both the wordfreq term of the paragraph detector (``pipeline.text.language``) and the
glued-word check (``pipeline.text.artifacts``) ask one question of wordfreq's lists: how
frequent is this word in that language? As Python dicts (word -> float) the answers cost about
110 bytes a word: the 26 small lists took 118 MB, a glued-word lexicon 5 to 15 MB more.

Here an entry is 11 bytes in three parallel numpy arrays sorted by key: a 64-bit BLAKE2b hash
of the word (``uint64``), the index of its language in the table (``uint8``) and its wordfreq
bucket (``uint16``; bucket ``i`` holds the words of frequency 10^(-i/100), Zipf 9 - i/100).
A lookup hashes the query words and binary-searches the keys (``numpy.searchsorted``), all
words of a text in one call. One table holds the small lists of all configured languages, so
one search answers for every language at once.

Hashes can collide: a word missing from the lists whose hash equals a listed word's would get
that word's frequency. With n entries the chance for one query word is about n / 2^64 (below
1e-13 for the 1.4 million entries of the small lists and the glued-word bands together). The
hash is not salted, so whatever happens happens the same way in every run.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from pipeline.text.lang_config import BUCKETS, wordfreq_bucket_lists
from pipeline.text.memory import release_free_memory

#: Bytes of the BLAKE2b digest used as a word's key.
HASH_BYTES = 8
#: A bucket index no wordfreq list reaches: "missing" in lookups (Zipf 9 - 655.35), the
#: largest ``uint16`` (lang_config.BUCKETS, one past the last usable bucket).
MISSING = BUCKETS


def word_hash(word: str) -> int:
    """Return the 64-bit key of ``word``: BLAKE2b of its UTF-8 bytes, little-endian."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=HASH_BYTES).digest(),
                          "little")


def word_hashes(words: Sequence[str]) -> np.ndarray:
    """Return the keys of ``words`` as a ``uint64`` array, in order (the values of :func:`word_hash`)."""
    blake2b = hashlib.blake2b
    digests = b"".join(blake2b(word.encode("utf-8", "surrogatepass"), digest_size=HASH_BYTES).digest() for word in words)
    return np.frombuffer(digests, dtype="<u8").astype(np.uint64)


@dataclass(frozen=True, eq=False)
class WordTable:
    """Word lists of one or more languages: parallel arrays sorted by ``keys``.

    ``keys[k]`` is a word's hash, ``language[k]`` the index of its language in ``languages``
    and ``bucket[k]`` its wordfreq bucket; a word listed in several languages has one entry
    per language (adjacent, by language index). A word appears at most once per language.
    """

    languages: tuple[str, ...]
    keys: np.ndarray
    language: np.ndarray
    bucket: np.ndarray

    @property
    def nbytes(self) -> int:
        """Return the bytes the three arrays take."""
        return int(self.keys.nbytes + self.language.nbytes + self.bucket.nbytes)

    def __len__(self) -> int:
        return int(len(self.keys))

    def entries(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(query position, entry index)`` for every entry matching one of ``hashes``.

        Positions are in query order and, within one query, entries in language order.
        """
        left = np.searchsorted(self.keys, hashes, side="left")
        right = np.searchsorted(self.keys, hashes, side="right")
        counts = right - left
        total = int(counts.sum())
        if not total:
            empty = np.zeros(0, dtype=np.intp)
            return empty, empty
        positions = np.repeat(np.arange(len(hashes)), counts)
        starts = np.cumsum(counts) - counts
        index = np.arange(total) - np.repeat(starts, counts) + np.repeat(left, counts)
        return positions, index

    def buckets_in(self, hashes: np.ndarray, language_index: int) -> np.ndarray:
        """Return the bucket of each hash in one language (``MISSING`` where not listed)."""
        out = np.full(len(hashes), MISSING, dtype=np.uint16)
        positions, index = self.entries(hashes)
        if len(index):
            mine = self.language[index] == language_index
            out[positions[mine]] = self.bucket[index[mine]]
        return out


def _in_sorted(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Return a boolean array: which of ``values`` occur in ``sorted_keys`` (sorted ascending)."""
    if not len(sorted_keys):
        return np.zeros(len(values), dtype=bool)
    index = np.searchsorted(sorted_keys, values)
    index[index == len(sorted_keys)] = 0
    return sorted_keys[index] == values


def build_table(languages: Sequence[str], sources: Iterable[tuple[int, int, Sequence[str]]]) -> WordTable:
    """Return the :class:`WordTable` of ``sources``: ``(language index, bucket, words)`` triples.

    Of a word listed twice in one language the more frequent bucket (the smaller index) is kept,
    as a dict's ``setdefault`` over the list in order would.
    """
    keys, langs, buckets = [], [], []
    for language_index, bucket, words in sources:
        if not words:
            continue
        keys.append(word_hashes(words))
        langs.append(np.full(len(words), language_index, dtype=np.uint8))
        buckets.append(np.full(len(words), bucket, dtype=np.uint16))
    if not keys:
        empty = np.zeros(0, dtype=np.uint64)
        return WordTable(tuple(languages), empty, np.zeros(0, dtype=np.uint8), np.zeros(0, dtype=np.uint16))
    key = np.concatenate(keys)
    lang = np.concatenate(langs)
    bucket = np.concatenate(buckets)
    del keys, langs, buckets
    order = np.lexsort((bucket, lang, key))  # by key, then language, then most frequent first
    key, lang, bucket = key[order], lang[order], bucket[order]
    del order
    keep = np.ones(len(key), dtype=bool)
    keep[1:] = (key[1:] != key[:-1]) | (lang[1:] != lang[:-1])
    return WordTable(tuple(languages), key[keep].copy(), lang[keep].copy(), bucket[keep].copy())


def _list_sources(language: str, language_index: int, wordlist: str, last_bucket: int | None = None):
    for bucket, words in wordfreq_bucket_lists(language, wordlist):
        if last_bucket is not None and bucket > last_bucket:
            break
        yield language_index, bucket, words


def small_lists_table(languages: tuple[str, ...]) -> WordTable:
    """Return one table of wordfreq's "small" lists of ``languages`` (cached; about 11 MB for 26)."""
    return lists_table(languages, "small")


@functools.lru_cache(maxsize=4)
def lists_table(languages: tuple[str, ...], wordlist: str, last_bucket: int | None = None) -> WordTable:
    """Return one table of wordfreq's ``wordlist`` lists of ``languages``, down to bucket ``last_bucket`` (cached).

    The "best" lists down to Zipf 2 (bucket 700) hold 2.7 million entries for 26 languages:
    about 30 MB of arrays, 2 s to read and hash.
    """

    def sources():
        for index, code in enumerate(languages):
            yield from _list_sources(code, index, wordlist, last_bucket)

    table = build_table(languages, sources())
    release_free_memory()
    return table


@dataclass(frozen=True, eq=False)
class WordList:
    """One language's wordfreq list down to ``last_bucket``, read through a shared table.

    ``band`` holds the list's entries that ``base`` (a table listing ``base_index``'s
    language) does not hold with the same bucket; ``excluded`` the words ``base`` lists, down
    to ``last_bucket``, that the list lacks. So "``band``, else ``base`` unless ``excluded``"
    reads exactly the list: for wordfreq's "best" lists over the small ones the band is the
    rarer words (Zipf below 3) and ``excluded`` is empty.
    """

    language: str
    last_bucket: int
    band: WordTable
    excluded: WordTable
    base: WordTable | None
    base_index: int

    @property
    def nbytes(self) -> int:
        """Return the bytes of the arrays this list holds itself (the shared base not counted)."""
        return self.band.nbytes + self.excluded.nbytes

    def buckets(self, hashes: np.ndarray) -> np.ndarray:
        """Return each hash's bucket in the list (``MISSING`` where the list does not hold it)."""
        out = self.band.buckets_in(hashes, 0)
        if self.base is None:
            return out
        rest = out == MISSING
        if rest.any():
            from_base = self.base.buckets_in(hashes[rest], self.base_index)
            from_base[from_base > self.last_bucket] = MISSING
            if len(self.excluded):
                from_base[_in_sorted(hashes[rest], self.excluded.keys)] = MISSING
            out[rest] = from_base
        return out


def word_list(language: str, wordlist: str, last_bucket: int, base: WordTable | None = None) -> WordList:
    """Return the :class:`WordList` of wordfreq's ``wordlist`` in ``language`` down to bucket ``last_bucket``.

    Only what ``base`` (when it lists ``language``) does not already hold is kept.
    """
    full = build_table((language,), _list_sources(language, 0, wordlist, last_bucket))
    listed = over_base(full, last_bucket, base)
    del full
    release_free_memory()
    return listed


def over_base(full: WordTable, last_bucket: int, base: WordTable | None) -> WordList:
    """Return the one-language list ``full`` (entries down to ``last_bucket``) as a :class:`WordList` over ``base``."""
    language = full.languages[0]
    empty = build_table((language,), ())
    if base is None or language not in base.languages:
        return WordList(language, last_bucket, full, empty, None, 0)
    index = base.languages.index(language)
    new = full.bucket != base.buckets_in(full.keys, index)
    band = WordTable((language,), full.keys[new].copy(), full.language[new].copy(), full.bucket[new].copy())
    mine = base.language == index
    base_keys, base_buckets = base.keys[mine], base.bucket[mine]
    lacking = (base_buckets <= last_bucket) & ~_in_sorted(base_keys, full.keys)
    excluded = WordTable((language,), base_keys[lacking].copy(), np.zeros(int(lacking.sum()), dtype=np.uint8),
                         base_buckets[lacking].copy())
    return WordList(language, last_bucket, band, excluded, base, index)
