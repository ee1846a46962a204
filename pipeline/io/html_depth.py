"""How deep a page's elements nest, measured on the markup before any parser sees it.

libxml2 (under lxml and trafilatura) stops building the tree at 256 levels and drops what lies
deeper, so a page nested 100,000 levels comes back with no text and the reason would be
unclear. This scan follows start and end tags the way a lenient parser does: void elements
never open a level, an end tag closes up to its start tag when one is open (and is ignored
otherwise), and a ``p``, ``li``, ``td``… start tag closes an open one of the same name, as HTML
does. It may count a level too few, never one too many, on well-formed pages.

The scan costs about a third of an extraction, so :func:`depth_over_limit` first lets libxml2
itself parse the page (a tenth of the scan's time): a page it builds without its "Excessive
depth" error nests at most ``LIBXML2_MAX_DEPTH`` levels, and only the pages it flags are scanned.
"""

from __future__ import annotations

import re

import lxml.etree

#: libxml2 without XML_PARSE_HUGE (as lxml and trafilatura run it) keeps at most this many levels.
LIBXML2_MAX_DEPTH = 256
_LIBXML2_DEPTH_ERROR = "Excessive depth"

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


def depth_over_limit(html: str, max_depth: int, tree=None) -> int | None:
    """Return the nesting depth of ``html`` when it exceeds ``max_depth``, else None.

    With ``max_depth`` at or above libxml2's own limit, a page that libxml2 builds without
    reaching that limit is within it and is not scanned. ``tree``, the page as libxml2 already
    parsed it (trafilatura's ``load_html``), saves parsing it again: a tree that never reaches
    ``LIBXML2_MAX_DEPTH`` levels lost nothing (one found at that depth is scanned, since a
    page exactly at the limit looks the same as one cut there).
    """
    if max_depth >= LIBXML2_MAX_DEPTH:
        within = (not tree_reaches_depth(tree, LIBXML2_MAX_DEPTH) if tree is not None
                  else not _libxml2_reports_excessive_depth(html))
        if within:
            return None
    depth = html_nesting_depth(html, stop_above=max_depth)
    return depth if depth > max_depth else None


def tree_reaches_depth(tree, levels: int) -> bool:
    """Return whether any element of the parsed ``tree`` sits ``levels`` deep (the root is level 1).

    One XPath of ``levels`` steps, evaluated by libxml2 in one pass over the elements.
    """
    return bool(tree.xpath("boolean(" + "/*" * levels + ")"))


def _libxml2_reports_excessive_depth(html: str) -> bool:
    """Return whether libxml2's HTML parser stops at its depth limit on ``html`` (True if it cannot parse it)."""
    parser = lxml.etree.HTMLParser(encoding="utf-8", collect_ids=False)
    try:
        lxml.etree.fromstring(html.encode("utf-8", "surrogatepass"), parser)
    except (lxml.etree.LxmlError, ValueError):
        return True  # let the scan decide
    return any(_LIBXML2_DEPTH_ERROR in entry.message for entry in parser.error_log)


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
