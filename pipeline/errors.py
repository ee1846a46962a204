"""Errors that stop a run before or during work (configuration and I/O faults only).

A bad document is data, not an exception: it goes to the rejected ledger with a reason.
"""


class ConfigError(Exception):
    """A settings value or a data file under config/ is invalid.

    The message starts with ``file:line:`` when the fault is in a data file.
    """
