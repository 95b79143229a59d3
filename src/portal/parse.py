"""Reading one content file: UTF-8 text, YAML that remembers the line of every value, a `---` block.

Nothing here knows what a field means; `validate` does. This only makes sure that what an editor
saved can be read at all (UTF-8 text, YAML without tabs, duplicate keys or aliases, a front matter
block in a text file, no file too large), and says where it cannot, with the line.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, _, error

MAX_FILE_BYTES = 1_000_000


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (1-based) and its own first line."""

    line: int = 0
    key_lines: dict[Any, int]  # keys as read from YAML: words, numbers, booleans or None

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

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        sequence = LineList(self.construct_object(child, deep=True) for child in node.value)
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
        return sequence


class _LineLoader(_LineConstructor, yaml.SafeLoader):
    """PyYAML's safe loader in Python: refuses aliases, and words its errors the same on every machine."""

    def __init__(self, stream: str, duplicates: list[tuple[Any, int, int]]) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self.duplicates = duplicates

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
        self.duplicates = duplicates


for _loader in (_LineLoader, _FastLineLoader):
    # PyYAML's stubs expect a constructor of the loader's own class: ours is a mix-in of both loaders.
    _loader.add_constructor("tag:yaml.org,2002:map", _LineConstructor.construct_mapping)  # type: ignore[type-var]
    _loader.add_constructor("tag:yaml.org,2002:seq", _LineConstructor.construct_sequence)  # type: ignore[type-var]
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _LineConstructor.construct_timestamp_or_text)  # type: ignore[type-var]


def _yaml_hint(message: str) -> str:
    if "\\t" in message or "tab" in message.lower():
        return _("indent with spaces, not tabs")
    if "mapping values are not allowed" in message:
        return _('put text that contains `: ` in quotes, e.g. title: "Help: documents"')
    if "could not find expected" in message or "end of stream" in message or "never closed" in message:
        return _("close the quote or bracket that was opened on this line")
    if "constructor for the tag" in message:
        return _("remove the `!!...` tag and write a plain value")
    if "aliases" in message:
        return _("write the value out in full")
    return _("check the indentation and quotes on this line")


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[LineDict | None, list[Problem]]:
    """Parse one YAML document whose top level must be a mapping; report problems with file lines."""
    if "*" not in text and "&" not in text and "\t" not in text:  # no alias, no tab: the fast parser first
        duplicates: list[tuple[Any, int, int]] = []
        fast = None
        try:
            fast = _FastLineLoader(text, duplicates)
            return _checked_document(fast.get_single_data(), duplicates, path, line_offset)
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
        mark = err.problem_mark or err.context_mark
        message = (err.problem or err.context or "not valid YAML").replace("\t", "\\t")
        if err.context and "quoted scalar" in err.context and err.context_mark:
            # PyYAML notices the missing quote only at the end of the file; the editor needs the line it opened on.
            mark, message = err.context_mark, "a quote opened on this line is never closed"
        line = (mark.line + 1 if mark else 1) + line_offset
        return None, [error(path, line, _("not valid YAML: {message}", message=message), _yaml_hint(message))]
    except yaml.YAMLError as err:
        return None, [
            error(path, 1 + line_offset, _("not valid YAML: {err}", err=err), _("check the file's indentation and quotes"))
        ]
    finally:
        if loader is not None:
            loader.dispose()
    return _checked_document(value, duplicates, path, line_offset)


def _checked_document(
    value: Any, duplicates: list[tuple[Any, int, int]], path: str, line_offset: int
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
                _("the file is {size:,} bytes, more than the {limit:,} allowed", size=size, limit=MAX_FILE_BYTES),
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
                    _("the front matter opened on line 1 is never closed"),
                    _("add a line `---` after the last `key: value` line"),
                )
            ],
        )
    front = text[4 : end.start()]
    values, problems = parse_yaml(front, path, line_offset=1)
    body_start = end.end() + 1
    body_line = text[:body_start].count("\n") + 1
    return values, text[body_start:], body_line, problems
