from __future__ import annotations

from pipeline.smallest import SmallestByKey


def test_the_smallest_keys_are_kept_in_bounded_memory_whatever_the_order():
    smallest = SmallestByKey(4)
    for i in range(10_000, 0, -1):  # worst case: every item is smaller than the ones before it
        smallest.add(i, i)
        assert len(smallest) < 8
    assert smallest.items() == [1, 2, 3, 4]


def test_equal_keys_come_out_in_the_order_added():
    smallest = SmallestByKey(3)
    for item in ("a", "b", "c", "d"):
        smallest.add(1, item)
    assert smallest.items() == ["a", "b", "c"]


def test_an_identity_counts_once_under_its_smallest_key():
    first = SmallestByKey(3, identity=lambda item: item[1])
    for i in range(1000, 0, -1):  # each entry comes before all the ones seen so far
        first.add(i, (f"d{i:04d}", f"s{i % 7}"))
        assert len(first) < 6
    assert first.items() == [("d0001", "s1"), ("d0002", "s2"), ("d0003", "s3")]
