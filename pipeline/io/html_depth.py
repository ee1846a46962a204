"""How deep a page's elements nest, measured on the markup before any parser sees it.

libxml2 (under lxml and trafilatura) stops building the tree at 256 levels and drops what lies
deeper, so a page nested 100,000 levels comes back with no text and the reason would be
unclear. This scan follows start and end tags the way a lenient parser does: void elements
never open a level, an end tag closes up to its start tag when one is open (and is ignored
otherwise), and a ``p``, ``li``, ``td``… start tag closes an open one of the same name, as HTML
does. It may count a level too few, never one too many, on well-formed pages.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>")  # linear: an attribute run stops at the next "<"
_RAW_TEXT_OPENERS = (("<!--", "-->"), ("<script", "</script"), ("<style", "</style"))
VOID_ELEMENTS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "basefont", "bgsound", "frame", "keygen",
})
SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})


def html_nesting_depth(html: str, stop_above: int | None = None) -> int:
    """Return the deepest element nesting of ``html`` (0 for no element).

    With ``stop_above``, the scan stops as soon as the depth exceeds it and returns that depth.
    """
    stack: list[str] = []
    deepest = 0
    for match in _TAG.finditer(_markup_only(html)):
        closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if name in VOID_ELEMENTS:
            continue
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name):]
            continue
        if attributes.endswith("/"):
            continue
        if name in SELF_CLOSING_SIBLINGS and name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name):]
        stack.append(name)
        if len(stack) > deepest:
            deepest = len(stack)
            if stop_above is not None and deepest > stop_above:
                break
    return deepest


def _markup_only(html: str) -> str:
    """Return ``html`` without comments, scripts and styles (whose text is not markup).

    A plain left-to-right scan with ``str.find``: linear even when a block is never closed
    (the rest of the page is then dropped, as a parser would treat it).
    """
    lowered = html.lower()
    pieces = []
    position = 0
    while True:
        starts = [(lowered.find(opener, position), opener, closer) for opener, closer in _RAW_TEXT_OPENERS]
        starts = [item for item in starts if item[0] >= 0]
        if not starts:
            pieces.append(html[position:])
            break
        start, opener, closer = min(starts)
        pieces.append(html[position:start])
        end = lowered.find(closer, start + len(opener))
        if end < 0:
            break
        position = end + len(closer)
    return " ".join(pieces)
