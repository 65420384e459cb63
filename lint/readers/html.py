"""Web page reader (.html, .htm): find the article among the site's chrome.

Decoding follows the BOM, then ``<meta charset>``, then UTF-8, then
detection; a declared charset the bytes contradict (a UTF-8 page declaring
``iso-8859-1``) gives way to what the bytes are, and the reported encoding
says so.  A few undecodable bytes are read as U+FFFD (``encoding-damage``).  Scripts, styles, navigation, breadcrumbs, headers, footers and
share bars are dropped; the article is the element holding most of the page's
Chinese text; the title is the article's (a heading or title block near it),
not the site's name or a date widget.  Locations are lines of the HTML file.
The standard library parser expands only the fixed HTML entities, so there is
no entity expansion to bound.  The tree is bounded in depth (:data:`MAX_DEPTH`)
and walked without recursion; text in ``<pre>`` keeps its lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from lint.document import Document, Line, Suppression
from lint.normalize import clean_line, finish_lines, parse_suppression
from lint.readers import MAX_LINES, ReadError, too_many_lines
from lint.readers.text import decode_damaged

#: Elements nested deeper than this are read as part of their ancestor (no tree of unbounded depth).
MAX_DEPTH = 256

_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "select",
    "iframe",
    "svg",
    "button",
    "head",
    "title",
    "object",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "section",
    "article",
    "table",
    "center",
    "pre",
    "blockquote",
    "dd",
    "dt",
    "ul",
    "ol",
    "font",
    "main",
}
_CLOSES_P = (_BLOCK_TAGS - {"br", "font", "center"}) | {"hr", "form", "header", "footer", "nav", "aside"}
# Table cells are not blocks: a row becomes one line with its cells separated by tabs.
_CELL_TAGS = {"td", "th"}
_CHROME = re.compile(
    r"nav|menu|breadcrumb|crumb|bread|footer|foot|header|head-|topbar|sidebar|share|copyright|banner|logo|search|"
    r"location|position|weizhi|daohang|toolbar|related|xgwz|fenxiang",
    re.IGNORECASE,
)
_TITLE_HINT = re.compile(r"title|biaoti|tit", re.IGNORECASE)
_META_LINE = re.compile(
    r"^(?:来源|信息来源|发布时间|发布日期|发文日期|时间|作者|浏览次数|点击数|阅读次数|字号|【字体|责任编辑|编辑)[：:]"
    r"|^\d{4}年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天]$|^当前位置"
)
#: ``<meta name=…>`` holding the publication date on government sites (PubDate is the common one).
_PUBDATE_META = {"pubdate", "publishdate", "firstpublishedtime", "dc.date.issued"}
#: A labelled publication date in the page's chrome (「来源：某县司法局 发布时间：2024-02-05 10:00」).
_PUBLISHED = re.compile(r"(?:发布时间|发布日期)\s*[：:]\s*[^\s]{6,20}")
#: The document's own date on the same line, taken when the page gives no publication date.
_DATED = re.compile(r"(?:成文日期|发文日期)\s*[：:]\s*[^\s]{6,20}")
_LIST_TAGS = {"li", "ul", "ol", "dl", "dt", "dd"}
_DIGITS = re.compile(r"\d+")
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "area", "base", "col", "embed", "source", "track"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_TITLE_WORDS = re.compile(r"报告|总结|情况")


@dataclass
class _Node:
    tag: str
    attrs: str
    parent: _Node | None = None
    children: list = field(default_factory=list)  # _Node or _Block, in order
    cjk: int = 0


@dataclass
class _Block:
    line: int
    column: int
    text: str
    parent: _Node | None = None
    table: bool = False  # inside a <table>


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", "")
        self.stack = [self.root]
        self.skip = 0
        self.buffer: list[str] = []
        self.start: tuple[int, int] | None = None
        self.suppressions: list[Suppression] = []
        self.tables = 0  # depth of open <table> elements
        self.pre = 0  # depth of open <pre> elements
        self.count = 0  # blocks and elements made so far (bounded: see MAX_LINES)
        #: The page's publication date from ``<meta name="PubDate">`` (government sites carry it): (line, text).
        self.pubdate: tuple[int, str] | None = None

    def handle_comment(self, data):
        found = parse_suppression(f"<!--{data}-->")
        if found:
            line = (
                self.getpos()[0] + data.count("\n") if found[0] != "disable-next-line" else self.getpos()[0]
            )
            self.suppressions.append(Suppression(found[0], line, found[1]))

    def _flush(self) -> None:
        text = "\t".join(
            re.sub(r"[ \t\r\n\u00a0]+", " ", cell).strip() for cell in "".join(self.buffer).split("\x00")
        ).strip("\t ")
        if text and self.start is not None:
            self.count += 1
            if self.count > 2 * MAX_LINES:
                raise too_many_lines(self.count)
            block = _Block(self.start[0], self.start[1] + 1, text, self.stack[-1], table=self.tables > 0)
            self.stack[-1].children.append(block)
        self.buffer, self.start = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "meta" and self.pubdate is None:
            values = dict(attrs)
            if (values.get("name") or "").lower() in _PUBDATE_META and values.get("content"):
                self.pubdate = (self.getpos()[0], f"发布时间：{values['content'][:40]}")
        attr_text = " ".join(f"{k}={v}" for k, v in attrs if k in ("class", "id") and v)
        skipping = tag in _SKIP_TAGS or bool(_CHROME.search(attr_text))
        if tag in _BLOCK_TAGS or skipping:
            self._flush()
        if tag in _CELL_TAGS and not self.skip:
            if self.buffer:
                self.buffer.append("\x00")  # cell separator
        if tag in _CLOSES_P and self.stack[-1].tag == "p" and len(self.stack) > 1:
            self.stack.pop()  # an open <p> ends where another block starts (the HTML parsing rules)
            if self.skip:
                self.skip -= 1
        if tag in _VOID or len(self.stack) > MAX_DEPTH or self.count > 4 * MAX_LINES:
            return  # too deep or too many elements: read as part of the current element
        self.count += 1
        if tag == "table" and not self.skip and not skipping:
            self.tables += 1
        if tag == "pre" and not self.skip and not skipping:
            self.pre += 1
        if self.skip or skipping:
            self.skip += 1
            self.stack.append(_Node(tag, attr_text, self.stack[-1]))
            return
        node = _Node(tag, attr_text, self.stack[-1])
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def handle_endtag(self, tag):
        if tag in _VOID:
            if tag == "br":
                self._flush()
            return
        if not any(n.tag == tag for n in self.stack[1:]):
            return  # stray end tag
        if tag in _BLOCK_TAGS or tag in ("body", "html") or self.skip:
            self._flush()
        while len(self.stack) > 1:
            node = self.stack.pop()
            if self.skip:
                self.skip -= 1
            elif node.tag == "table" and self.tables:
                self.tables -= 1
            elif node.tag == "pre" and self.pre:
                self.pre -= 1
            if node.tag == tag:
                break

    def handle_data(self, data):
        if self.skip:
            return
        if not self.pre:
            if self.start is None and data.strip():
                self.start = self.getpos()
            self.buffer.append(data)
            return
        # Preformatted text (LibreOffice writes whole reports in <pre>): each line is a block.
        line, column = self.getpos()
        for k, part in enumerate(data.split("\n")):
            if k:
                self._flush()
            if self.start is None and part.strip():
                self.start = (line + k, column if k == 0 else 0)
            self.buffer.append(part)

    def close(self):
        super().close()
        self._flush()


def _walk(root: _Node) -> list[_Node]:
    """The nodes under ``root`` (itself included), parents before children, without recursion."""
    order: list[_Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(c for c in reversed(node.children) if isinstance(c, _Node))
    return order


def _count(root: _Node) -> int:
    """Set every node's count of Chinese characters (its own blocks and its descendants')."""
    for node in reversed(_walk(root)):
        node.cjk = sum(c.cjk if isinstance(c, _Node) else len(_CJK.findall(c.text)) for c in node.children)
    return root.cjk


def _ancestors(block: _Block) -> Iterator[_Node]:
    node = block.parent
    while node is not None:
        yield node
        node = node.parent


def _listed(block: _Block) -> bool:
    """Whether the block is an item of a list (<li>, <dd>): a column of other articles and their dates."""
    return any(node.tag in _LIST_TAGS for node in _ancestors(block))


def _inside(block: _Block, node: _Node) -> bool:
    return any(ancestor is node for ancestor in _ancestors(block))


def _blocks(root: _Node) -> list[_Block]:
    """The text blocks under ``root`` in document order, without recursion."""
    out: list[_Block] = []
    stack = [iter(root.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif isinstance(child, _Node):
            stack.append(iter(child.children))
        else:
            out.append(child)
    return out


def _article(root: _Node) -> _Node:
    """Descend while one child holds most of the text: the article's container."""
    node = root
    while True:
        kids = [c for c in node.children if isinstance(c, _Node)]
        if not kids:
            return node
        best = max(kids, key=lambda c: c.cjk)
        if best.cjk < 0.6 * node.cjk or best.cjk == 0:
            return node
        node = best


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii").lower() if m else None


def read(data: bytes, name: str) -> Document:
    text, encoding, damaged = decode_damaged(data, _declared_charset(data))
    builder = _Builder()
    try:
        builder.feed(text)
        builder.close()
    except ReadError:
        raise
    except Exception as exc:  # the stdlib parser is tolerant; this is a last resort
        raise ReadError(f"cannot parse HTML: {exc}", f"无法解析 HTML：{exc}") from None
    _count(builder.root)
    article = _article(builder.root)
    blocks = [b for b in _blocks(article) if not _META_LINE.match(b.text)]
    if not blocks:
        raise ReadError("no article text found in the page", "网页中没有找到正文")
    if len(blocks) > MAX_LINES:
        raise too_many_lines(len(blocks))

    # The article's title: a title-like block or heading just before the article, when the
    # article itself does not start with it.
    everything = _blocks(builder.root)
    first = blocks[0]
    before = everything[: next(i for i, b in enumerate(everything) if b is first)]
    title = None
    for block in reversed(before[-6:]):
        parent = block.parent
        hinted = parent is not None and (parent.tag in ("h1", "h2", "h3") or _TITLE_HINT.search(parent.attrs))
        if (
            hinted
            and _TITLE_WORDS.search(block.text)
            and len(block.text) <= 60
            and not _META_LINE.match(block.text)
        ):
            title = block
            break
    if title is not None and title.text != first.text:
        blocks.insert(0, title)
    # The publication date the page shows at the article (dropped with the chrome: the nearest of the few
    # blocks above its text, or at its start; not a list of other articles further away), else PubDate.
    # A date in a list (<li>, a column of other articles' titles and dates) is not this article's; of several
    # different dates, only one above the text inside the article node (its info line) is.
    shown = [
        (block, m)
        for block in before[::-1][:8] + everything[len(before) : len(before) + 5]
        if len(block.text) <= 200
        and (m := _PUBLISHED.search(block.text) or _DATED.search(block.text))
        and not _listed(block)
    ]
    published = builder.pubdate
    if shown:
        block, m = shown[0]
        above = any(block is b for b in before)
        if (above and _inside(block, article)) or len({tuple(_DIGITS.findall(n.group(0))[:3]) for _, n in shown}) == 1:
            published = (block.line, m.group(0))

    lines: list[Line] = []
    texts: list[str] = []
    for block in blocks:
        cleaned, artifacts, _ = clean_line(block.text)
        lines.append(
            Line(block.line, block.column, block.text, cleaned, artifacts=artifacts, table=block.table)
        )
        texts.append(cleaned)
    # Blocks on one source line would share a line number; keep line numbers unique and increasing.
    last = 0
    for line in lines:
        line.lineno = max(line.lineno, last + 1)
        last = line.lineno
    traditional = finish_lines(lines, texts)
    return Document(
        name,
        "html",
        lines,
        encoding=encoding,
        traditional=traditional,
        suppressions=builder.suppressions,
        undecodable=damaged,
        published=published,
    )
