from pathlib import Path

import luigi.configuration
import pytest

from pipeline.errors import ConfigError
from pipeline.io.locations import configured_location, local_path


def test_paths_and_file_urls_name_the_same_folder(tmp_path):
    assert local_path(str(tmp_path), "--out") == tmp_path
    assert local_path(tmp_path.as_uri(), "--out") == tmp_path
    assert local_path(f"file://localhost{tmp_path}", "--out") == tmp_path
    assert local_path("file:///srv/news%20corpus/clean", "--out") == Path("/srv/news corpus/clean")
    assert local_path("clean", "--out") == Path.cwd() / "clean"


@pytest.mark.parametrize("location, message", [
    ("s3://bucket/clean", "not s3://"),
    ("gs://bucket/clean", "not gs://"),
    ("https://example.org/clean", "not https://"),
    ("file://otherhost/clean", "not host 'otherhost'"),
    ("file:///clean?x=1", "no query"),
    ("", "empty location"),
])
def test_locations_we_cannot_write_are_refused_with_the_reason(location, message):
    with pytest.raises(ConfigError, match=message):
        local_path(location, "--out")


def test_the_command_line_wins_over_luigi_cfg_which_wins_over_the_default():
    parser = luigi.configuration.get_config()
    added = not parser.has_section("locations")
    if added:
        parser.add_section("locations")
    try:
        assert configured_location("out", None) == ("clean", "the default out location")
        parser.set("locations", "out", "file:///srv/clean      -- the shared mount")
        assert configured_location("out", None) == ("file:///srv/clean", "[locations] out")
        assert configured_location("out", "/tmp/here") == ("/tmp/here", "--out")
    finally:
        parser.remove_option("locations", "out")
        if added:
            parser.remove_section("locations")
