import contextlib
import shutil

import luigi.configuration
import pytest

from pipeline import settings
from pipeline.errors import ConfigError


@pytest.fixture
def config_copy(tmp_path, repo):
    folder = tmp_path / "config"
    shutil.copytree(repo / "config", folder)
    yield folder
    settings.use_config_dir(repo / "config")


def test_hash_follows_data_files_but_not_floors_or_prose(config_copy, repo):
    settings.use_config_dir(config_copy)
    base = settings.config_hash()
    (config_copy / "quality_floors.json").write_text("{}")
    (config_copy / "boilerplate" / "README.md").write_text("changed prose")
    settings.significant_config.cache_clear()
    assert settings.config_hash() == base
    with open(config_copy / "boilerplate" / "patterns" / "en" / "share_widget.txt", "a") as stream:
        stream.write("\nshare this on the fediverse\n")
    settings.significant_config.cache_clear()
    assert settings.config_hash() != base


@contextlib.contextmanager
def _overridden(**values):
    """Set ``[newsclean]`` keys in Luigi's config for the block, then remove them."""
    parser = luigi.configuration.get_config()
    for key, value in values.items():
        parser.set("newsclean", key, value)
    settings.load_settings.cache_clear()
    try:
        yield
    finally:
        for key in values:
            parser.remove_option("newsclean", key)
        settings.load_settings.cache_clear()


def test_settings_override_and_unknown_keys(config_copy):
    with _overridden(shard_size_docs="123"):
        assert settings.settings_for("newsclean").shard_size_docs == 123
    with _overridden(no_such_setting="1"), pytest.raises(ConfigError, match="no_such_setting"):
        settings.load_settings()


def test_bad_number_is_a_config_error():
    with _overridden(part_size_bytes="lots"), pytest.raises(ConfigError, match="part_size_bytes"):
        settings.load_settings()


def test_uncommented_documented_line_reads_its_value():
    with _overridden(shard_size_docs="5000             -- documents per (source, shard) task"):
        assert settings.settings_for("newsclean").shard_size_docs == 5000
