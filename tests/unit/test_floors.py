from pipeline.evaluation.floors import check


def test_floor_edges():
    floors = {"x": {"a": 0.9, "mem": {"max": 1000}, "_note": "comment"}, "_about": "comment"}
    assert check({"x": {"a": 0.9, "mem": 1000}}, floors) == []
    assert check({"x": {"a": 0.8999, "mem": 1000.1}}, floors) == ["x.a = 0.8999 < 0.9", "x.mem = 1000.1 > 1000 (ceiling)"]
    assert check({"x": {"mem": 1}}, floors) == ["x.a = None < 0.9"]
    assert check({"y": {}}, floors) == []
