"""Where the raw input and the output live: a filesystem path or a ``file://`` URL.

The raw and output locations are URL-like settings (``[locations]`` in ``config/luigi.cfg``,
or ``--raw`` / ``--out``). Today they must name a filesystem: a local folder, or shared storage
mounted at the same path on every machine (NFS, CephFS, an object store through s3fs or
gcsfuse). A scheme we cannot write to (``s3://``, ``gs://``, ``http://``) is a configuration
error that says so, rather than a folder named ``s3:`` in the working directory.
docs/scaling.md describes what object-store targets would take.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

from pipeline.errors import ConfigError

#: The section of luigi.cfg that holds the default locations (operational: not hashed).
LOCATIONS_SECTION = "locations"
DEFAULT_LOCATIONS = {"raw": "raw", "out": "clean"}
_LOCAL_HOSTS = ("", "localhost")


def local_path(location: str, what: str) -> Path:
    """Return the absolute path named by ``location`` (a path or a ``file://`` URL).

    ``what`` names the setting in error messages. Raises ConfigError for an empty location,
    another URL scheme, or a ``file://`` URL on another host.
    """
    if not location or not location.strip():
        raise ConfigError(f"{what}: empty location")
    if "://" not in location:
        return Path(location).expanduser().absolute()
    parts = urllib.parse.urlsplit(location)
    scheme = parts.scheme.lower()
    if scheme != "file":
        raise ConfigError(
            f"{what} {location!r}: newsclean reads and writes a filesystem path or a file:// URL, not {scheme}://; "
            "for several machines mount the shared storage at the same path on each (NFS, CephFS, s3fs, gcsfuse)")
    if parts.netloc.lower() not in _LOCAL_HOSTS:
        raise ConfigError(f"{what} {location!r}: a file:// URL names this machine's filesystem (file:///path), "
                          f"not host {parts.netloc!r}")
    if parts.query or parts.fragment:
        raise ConfigError(f"{what} {location!r}: a file:// URL takes no query or fragment")
    path = urllib.parse.unquote(parts.path)
    if not path.startswith("/"):
        raise ConfigError(f"{what} {location!r}: a file:// URL holds an absolute path (file:///path)")
    return Path(path)


def configured_location(key: str, given: str | None) -> tuple[str, str]:
    """Return ``(location, where it came from)``: ``given`` (a command-line value), else luigi.cfg, else the default."""
    import luigi.configuration

    if given is not None:
        return given, f"--{key}"
    parser = luigi.configuration.get_config()
    if parser.has_option(LOCATIONS_SECTION, key):
        return parser.get(LOCATIONS_SECTION, key).split(" --", 1)[0].strip(), f"[{LOCATIONS_SECTION}] {key}"
    return DEFAULT_LOCATIONS[key], f"the default {key} location"
