"""Reading one content file: UTF-8 text, YAML that remembers the line of every value, a `---` block.

Nothing here knows what a field means; `validate` does. This only makes sure that what an editor
saved can be read at all (UTF-8 text, YAML without tabs, duplicate keys or aliases, a front matter
block in a text file, no file too large), and says where it cannot, with the line.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .errors import Problem, _, error, n_

MAX_FILE_BYTES = 1_000_000


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (1-based) and its own first line.

    The top-level mapping of a file also remembers, by line, the words YAML read as true or false
    (`yes`, `no`, `on`, `off`, ...), so that a message can name the word the editor wrote.
    """

    line: int = 0
    key_lines: dict[Any, int]  # keys as read from YAML: words, numbers, booleans or None
    bool_words: Mapping[int, tuple[str, ...]] = MappingProxyType({})

    def line_of(self, key: object) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A YAML sequence that remembers the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass(frozen=True)
class YamlFile:
    path: str  # relative to the site folder, with forward slashes
    values: LineDict


class _LineConstructor(yaml.constructor.SafeConstructor):
    """Builds LineDict and LineList values, and notes keys written twice."""

    duplicates: list[tuple[Any, int, int]]  # (key, line, first line)
    bool_words: dict[int, list[str]]  # line -> the words read as true or false on it, as written

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise yaml.MarkedYAMLError(None, None, "a key must be a plain word", key_node.start_mark)
            if key in mapping:
                self.duplicates.append((key, key_node.start_mark.line + 1, mapping.key_lines[key]))
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_timestamp_or_text(self, node: yaml.ScalarNode) -> datetime.date | str:
        # 2026-13-01 looks like a date but is none: kept as text, so that validation names the field and line.
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_int_or_clock(self, node: yaml.ScalarNode) -> int | str:
        # YAML 1.1 reads an unquoted 8:30 as the number 510 (base 60) and 0113230401 as an octal number:
        # both are kept as the text written (a time of day, a phone number), which no one means as a number.
        written = str(node.value)
        if ":" in written or (len(written) > 1 and written.startswith("0") and written.isdigit()):
            return written
        return int(self.construct_yaml_int(node))

    def construct_bool_noting_word(self, node: yaml.ScalarNode) -> bool:
        # `cost: yes` is read as true; the message about it names `yes`, not `True`.
        self.bool_words.setdefault(node.start_mark.line + 1, []).append(str(node.value))
        return bool(self.construct_yaml_bool(node))

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        sequence = LineList(self.construct_object(child, deep=True) for child in node.value)
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
        return sequence


class _LineLoader(_LineConstructor, yaml.SafeLoader):
    """PyYAML's safe loader in Python: refuses aliases, and words its errors the same on every machine."""

    def __init__(self, stream: str, duplicates: list[tuple[Any, int, int]]) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self.duplicates, self.bool_words = duplicates, {}

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]  # PyYAML's stubs leave peek_event unannotated
            # Aliases can multiply a small file into gigabytes ("billion laughs"); content never needs them.
            raise yaml.MarkedYAMLError(None, None, "anchors and aliases (`*name`) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


class _FastLineLoader(_LineConstructor, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml when PyYAML has it
    """The same with libyaml's parser, for the common case: a valid file without anchors (many times faster)."""

    def __init__(self, stream: str, duplicates: list[tuple[Any, int, int]]) -> None:
        super().__init__(stream)  # type: ignore[call-arg]  # CSafeLoader's, which mypy cannot see through getattr
        self.duplicates, self.bool_words = duplicates, {}


for _loader in (_LineLoader, _FastLineLoader):
    # PyYAML's stubs expect a constructor of the loader's own class: ours is a mix-in of both loaders.
    _loader.add_constructor("tag:yaml.org,2002:map", _LineConstructor.construct_mapping)  # type: ignore[type-var]
    _loader.add_constructor("tag:yaml.org,2002:seq", _LineConstructor.construct_sequence)  # type: ignore[type-var]
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _LineConstructor.construct_timestamp_or_text)  # type: ignore[type-var]
    _loader.add_constructor("tag:yaml.org,2002:bool", _LineConstructor.construct_bool_noting_word)  # type: ignore[type-var]
    _loader.add_constructor("tag:yaml.org,2002:int", _LineConstructor.construct_int_or_clock)  # type: ignore[type-var]


# Quotes a word processor types (and a phone keyboard may): YAML does not read them as quotes.
CURLY_QUOTES = "“”„‟‘’‚‛«»"
_CURLY_PAIR = re.compile(r"^(\s*(?:-\s+)?[^\s:#][^:#]*:\s+)([“„‘‚«])(.*)([”“’‘»])\s*$")
_CURLY_OPENED = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#][^:#]*:\s+)?[“„‘‚«]")
_KEY_VALUE = re.compile(r"^(\s*)([^\s:#\"'][^:#]*?):(?:\s|$)")
_YAML_TAG = re.compile(r"tag '(?:tag:yaml\.org,2002:)?([^']*)'")


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[LineDict | None, list[Problem]]:
    """Parse one YAML document whose top level must be a mapping; report problems with file lines."""
    if "*" not in text and "&" not in text and "\t" not in text:  # no alias, no tab: the fast parser first
        duplicates: list[tuple[Any, int, int]] = []
        fast = None
        try:
            fast = _FastLineLoader(text, duplicates)
            return _checked_document(fast.get_single_data(), duplicates, fast.bool_words, path, line_offset)
        except yaml.YAMLError:
            pass  # parse again below, for a message in the same words on every machine
        finally:
            if fast is not None:
                fast.dispose()
    duplicates = []
    loader = None
    try:
        loader = _LineLoader(text, duplicates)  # the reader already refuses control characters here
        value = loader.get_single_data()
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + 1 + line_offset
        return None, [
            error(
                path,
                line,
                _("the file contains the invisible character #x{character:04x}", character=err.character),
                _("retype the text on this line without it"),
            )
        ]
    except yaml.MarkedYAMLError as err:
        line, message, hint = _unreadable(err, text.split("\n"))
        return None, [error(path, line + line_offset, message, hint)]
    except yaml.YAMLError as err:
        return None, [
            error(
                path,
                1 + line_offset,
                _("the file cannot be read ({detail})", detail=str(err)),
                _("check the file's indentation and quotes"),
            )
        ]
    finally:
        if loader is not None:
            loader.dispose()
    return _checked_document(value, duplicates, loader.bool_words, path, line_offset)


def _unreadable(err: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str, str]:
    """Where YAML could not read the text (a line of `lines`, 1-based), and what is wrong there in portal's words.

    PyYAML's own messages ("mapping values are not allowed here") are parser English; each that editors
    meet is said again as what they did and what to type instead, translatable like every message."""
    problem, context = err.problem or "", err.context or ""
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    if err.context_mark and (
        "quoted scalar" in context or "simple key" in context or "flow sequence" in context or "flow mapping" in context
    ):
        line = err.context_mark.line + 1  # where the quote, bracket or key began, not where PyYAML gave up
    if "flow" in context and not any(bracket in "".join(lines[line - 1 : line]) for bracket in "[{"):
        line = next((i + 1 for i in range(min(line, len(lines)) - 1, -1, -1) if "[" in lines[i] or "{" in lines[i]), line)
    written = lines[line - 1] if 0 < line <= len(lines) else ""
    if _CURLY_OPENED.match(written) and "\t" not in problem:  # curly quotes typed where YAML's quotes go
        return line, *_curly_quotes(written)
    if "'\\t'" in problem or "tab" in problem:
        return line, _("this line is indented with a tab"), _("indent with spaces, not tabs")
    if "mapping values are not allowed" in problem:
        return line, *_colon_in_value(lines, line)
    if "quoted scalar" in context and "end of stream" in problem:
        return line, _("a quote opened on this line is never closed"), _("close the quote at the end of the value")
    if "unknown escape character" in problem:
        return (
            line,
            _("a backslash \\ in double quotes starts a special character"),
            _("write \\\\ for a backslash, or put the value in single quotes '...'"),
        )
    return line, *_unreadable_by_kind(err, problem, context, written)


def _unreadable_by_kind(err: yaml.MarkedYAMLError, problem: str, context: str, written: str) -> tuple[str, str]:
    """The rarer ways YAML cannot read a line, each in portal's words; the last resort keeps PyYAML's."""
    if "flow sequence" in context or "flow mapping" in context or "flow node" in context:
        return _("a list in brackets [ ] or { } opened on this line is not closed"), _(
            "close it on the same line: [first, second]"
        )
    if "cannot start any token" in problem:
        character = problem.split("'")[1] if "'" in problem else "?"
        return (
            _("a value cannot start with the sign {character}", character=character),
            _("put the value in quotes: `{example}`", example=_quoted_line(written)),
        )
    if "constructor for the tag" in problem:
        found = _YAML_TAG.search(problem)
        tag = f"!!{found.group(1)}" if found and "yaml.org" in problem else (found.group(1) if found else "!")
        return _("the tag `{tag}` is not allowed", tag=tag), _("remove the `!!...` tag and write a plain value")
    if "aliases" in problem:
        return _("anchors and aliases (`*name`) are not allowed"), _("write the value out in full")
    if "another document" in problem:
        return _("a second line `---`: a file holds one block of `key: value` lines"), _("remove this line `---`")
    if "simple key" in context:
        return _("this line has no colon after its field name"), _("write the field name, a colon and a space, then the value")
    if "<scalar>" in problem:
        return (
            _("the line goes on after a closing quote"),
            _("put the whole value in quotes; inside '...', write an apostrophe as ''"),
        )
    if "block" in context or "block" in problem:
        return (
            _("this line does not line up with the lines above"),
            _("start each `key:` of a block, and each `- ` of a list, at the same place as the others"),
        )
    return _("this line cannot be read ({detail})", detail=problem or context), _("check the indentation and quotes on this line")


def _curly_quotes(written: str) -> tuple[str, str]:
    found = " ".join(dict.fromkeys(quote for quote in written if quote in CURLY_QUOTES))
    wrapped = _CURLY_PAIR.match(written)
    if wrapped:
        fixed = wrapped.group(1) + json.dumps(wrapped.group(3), ensure_ascii=False)
        return (
            _("the quotes {quotes} on this line are curly quotes, which do not count as quotes here", quotes=found),
            _("type straight quotes instead: `{fixed}`", fixed=fixed.strip()),
        )
    return (
        _("the quotes {quotes} on this line are curly quotes, which do not count as quotes here", quotes=found),
        _('type straight quotes " " around the whole value instead'),
    )


def _colon_in_value(lines: list[str], line: int) -> tuple[str, str]:
    """`mapping values are not allowed here`: a `: ` in unquoted text, or a `key:` indented too far."""
    written = lines[line - 1] if 0 < line <= len(lines) else ""
    key = _KEY_VALUE.match(written)
    above = next((lines[i] for i in range(line - 2, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), "")
    indent = len(written) - len(written.lstrip(" "))
    if key and indent > len(above) - len(above.lstrip(" ")) and not above.rstrip().endswith(":"):
        return (
            _("`{key}:` is indented more than the line above", key=key.group(2)),
            _("start `{key}:` at the same place as the line above", key=key.group(2)),
        )
    return _("the value on this line contains `: `"), _("put the value in quotes: `{example}`", example=_quoted_line(written))


def _quoted_line(written: str) -> str:
    """The line with its value in double quotes, as the editor could type it."""
    key = _KEY_VALUE.match(written)
    if not key:
        return json.dumps(written.strip(), ensure_ascii=False)
    value = written[key.end() :].strip()
    return f"{key.group(2)}: {json.dumps(value, ensure_ascii=False)}"


def _checked_document(
    value: Any, duplicates: list[tuple[Any, int, int]], bool_words: dict[int, list[str]], path: str, line_offset: int
) -> tuple[LineDict | None, list[Problem]]:
    """A parsed document as a LineDict with lines of the file, and its duplicate keys as problems."""
    problems = [
        error(
            path,
            line + line_offset,
            _("`{key}` is written twice (first on line {first})", key=key, first=first + line_offset),
            _("keep one of them; the second would silently replace the first"),
        )
        for key, line, first in duplicates
    ]
    if value is None:
        value = LineDict()
        value.line, value.key_lines = 1, {}
    if not isinstance(value, LineDict):
        return None, [
            error(path, 1 + line_offset, _("expected `key: value` lines"), _("start each line with a field name and a colon"))
        ]
    _shift_lines(value, line_offset)
    if bool_words:
        value.bool_words = MappingProxyType({line + line_offset: tuple(words) for line, words in bool_words.items()})
    return value, problems


def _shift_lines(value: object, offset: int) -> None:
    if not offset:
        return
    if isinstance(value, LineDict):
        value.line += offset
        value.key_lines = {key: line + offset for key, line in value.key_lines.items()}
        for item in value.values():
            _shift_lines(item, offset)
    elif isinstance(value, LineList):
        value.line += offset
        value.item_lines = [line + offset for line in value.item_lines]
        for item in value:
            _shift_lines(item, offset)


def read_text(file: Path, path: str) -> tuple[str | None, list[Problem]]:
    """Read a content file as UTF-8 text with `\\n` line ends; a byte-order mark is dropped."""
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [
            error(
                path,
                0,
                n_(
                    "the file is {size} byte, more than the {limit} allowed",
                    "the file is {size} bytes, more than the {limit} allowed",
                    "size",
                    size=size,
                    limit=MAX_FILE_BYTES,
                ),
                _("split it into several entries or shorten it"),
            )
        ]
    data = file.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [error(path, line, _("the file is not UTF-8 text"), _("save it again as UTF-8 (GitHub's editor does this)"))]
    if "\x00" in text:
        return None, [
            error(
                path,
                text[: text.index("\x00")].count("\n") + 1,
                _("the file contains a NUL byte"),
                _("it looks like a binary file; content files are text"),
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


_FRONT_MATTER_END = re.compile(r"^---[ \t]*$", re.MULTILINE)


def parse_text_file(text: str, path: str) -> tuple[LineDict | None, str, int, list[Problem]]:
    """Split `---` front matter from the Markdown body; returns (front matter, body, body line, problems)."""
    if not text.strip():
        return None, "", 1, [error(path, 1, _("the file is empty"), _("start it with `---`, a line `title: ...`, and `---`"))]
    if not text.startswith("---\n"):
        return (
            None,
            "",
            1,
            [
                error(
                    path,
                    1,
                    _("a text file must start with a line `---`"),
                    _("write `---`, then `title: ...`, then `---`, then the text"),
                )
            ],
        )
    end = _FRONT_MATTER_END.search(text, 4)
    if not end:
        return (
            None,
            "",
            1,
            [
                error(
                    path,
                    1,
                    _("the `---` block opened on line 1 is never closed"),
                    _("add a line `---` after the last `key: value` line"),
                )
            ],
        )
    front = text[4 : end.start()]
    values, problems = parse_yaml(front, path, line_offset=1)
    body_start = end.end() + 1
    body_line = text[:body_start].count("\n") + 1
    return values, text[body_start:], body_line, problems
