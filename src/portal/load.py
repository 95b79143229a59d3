"""Stage 1, load: files under the site folder become records that remember the line of every value.

Nothing here knows what a field means; `validate` does. The loader only makes sure that what
an editor saved can be read at all: UTF-8 text, YAML without tabs, duplicate keys or aliases,
a front matter block in every text file, no file too large, no link out of `content/`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from .errors import Problem, _, did_you_mean, error

MAX_FILE_BYTES = 1_000_000
FACTS_NAME = "facts.yml"
TEXT_SUFFIX = ".md"


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (1-based) and its own first line."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A YAML sequence that remembers the line of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass(frozen=True)
class YamlFile:
    path: str  # relative to the site folder, with forward slashes
    values: LineDict


@dataclass(frozen=True)
class FactsFile:
    kind: str
    entry_id: str
    path: str
    values: LineDict


@dataclass(frozen=True)
class TextFile:
    kind: str
    entry_id: str
    language: str  # as written in the file name; validate checks it against site.yml
    path: str
    values: LineDict  # the front matter
    body: str
    body_line: int  # line of the body's first line in the file


@dataclass
class LoadedSite:
    root: Path
    config: YamlFile | None
    facts: list[FactsFile] = field(default_factory=list)
    texts: list[TextFile] = field(default_factory=list)
    facts_on_disk: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) with a facts file, readable or not
    problems: list[Problem] = field(default_factory=list)


class _LineConstructor:
    """Builds LineDict and LineList values, and notes keys written twice."""

    duplicates: list

    def construct_mapping(self, node, deep=False):
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

    def construct_yaml_timestamp(self, node):
        # 2026-13-01 looks like a date but is none: kept as text, so that validation names the field and line.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_sequence(self, node, deep=False):
        sequence = LineList(self.construct_object(child, deep=True) for child in node.value)
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
        return sequence


class _LineLoader(_LineConstructor, yaml.SafeLoader):
    """PyYAML's safe loader in Python: refuses aliases, and words its errors the same on every machine."""

    def __init__(self, stream, duplicates: list):
        yaml.SafeLoader.__init__(self, stream)
        self.duplicates = duplicates

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            # Aliases can multiply a small file into gigabytes ("billion laughs"); content never needs them.
            raise yaml.MarkedYAMLError(None, None, "anchors and aliases (`*name`) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


class _FastLineLoader(_LineConstructor, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same with libyaml's parser, for the common case: a valid file without anchors (many times faster)."""

    def __init__(self, stream, duplicates: list):
        super().__init__(stream)
        self.duplicates = duplicates


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _LineConstructor.construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", _LineConstructor.construct_sequence)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _LineConstructor.construct_yaml_timestamp)


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
        duplicates: list = []
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
        return None, [error(path, line, _("the file contains the invisible character #x{character:04x}", character=err.character),
                            _("retype the text on this line without it"))]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        message = (err.problem or err.context or "not valid YAML").replace("\t", "\\t")
        if err.context and "quoted scalar" in err.context and err.context_mark:
            # PyYAML notices the missing quote only at the end of the file; the editor needs the line it opened on.
            mark, message = err.context_mark, "a quote opened on this line is never closed"
        line = (mark.line + 1 if mark else 1) + line_offset
        return None, [error(path, line, _("not valid YAML: {message}", message=message), _yaml_hint(message))]
    except yaml.YAMLError as err:
        return None, [error(path, 1 + line_offset, _("not valid YAML: {err}", err=err), _("check the file's indentation and quotes"))]
    finally:
        if loader is not None:
            loader.dispose()
    return _checked_document(value, duplicates, path, line_offset)


def _checked_document(value, duplicates: list, path: str, line_offset: int) -> tuple[LineDict | None, list[Problem]]:
    """A parsed document as a LineDict with lines of the file, and its duplicate keys as problems."""
    problems = [
        error(path, line + line_offset, _("`{key}` is written twice (first on line {first})", key=key, first=first + line_offset),
              _("keep one of them; the second would silently replace the first"))
        for key, line, first in duplicates
    ]
    if value is None:
        value = LineDict()
        value.line, value.key_lines = 1, {}
    if not isinstance(value, LineDict):
        return None, [error(path, 1 + line_offset, _("expected `key: value` lines"), _("start each line with a field name and a colon"))]
    _shift_lines(value, line_offset)
    return value, problems

def _shift_lines(value, offset: int) -> None:
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
        return None, [error(path, 0, _("the file is {size:,} bytes, more than the {limit:,} allowed", size=size, limit=MAX_FILE_BYTES),
                            _("split it into several entries or shorten it"))]
    data = file.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [error(path, line, _("the file is not UTF-8 text"), _("save it again as UTF-8 (GitHub's editor does this)"))]
    if "\x00" in text:
        return None, [error(path, text[: text.index("\x00")].count("\n") + 1, _("the file contains a NUL byte"),
                            _("it looks like a binary file; content files are text"))]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


_FRONT_MATTER_END = re.compile(r"^---[ \t]*$", re.MULTILINE)


def parse_text_file(text: str, path: str) -> tuple[LineDict | None, str, int, list[Problem]]:
    """Split `---` front matter from the Markdown body; returns (front matter, body, body line, problems)."""
    if not text.strip():
        return None, "", 1, [error(path, 1, _("the file is empty"), _("start it with `---`, a line `title: ...`, and `---`"))]
    if not text.startswith("---\n"):
        return None, "", 1, [error(path, 1, _("a text file must start with a line `---`"),
                                   _("write `---`, then `title: ...`, then `---`, then the text"))]
    end = _FRONT_MATTER_END.search(text, 4)
    if not end:
        return None, "", 1, [error(path, 1, _("the front matter opened on line 1 is never closed"),
                                   _("add a line `---` after the last `key: value` line"))]
    front = text[4 : end.start()]
    values, problems = parse_yaml(front, path, line_offset=1)
    body_start = end.end() + 1
    body_line = text[:body_start].count("\n") + 1
    return values, text[body_start:], body_line, problems


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def load_site(root: Path, kinds: tuple[str, ...], config_name: str = "site.yml") -> LoadedSite:
    """Read site.yml and every content file under root/content; never raises on bad content."""
    site = LoadedSite(root=root, config=None)
    config_path = root / config_name
    if not config_path.is_file():
        site.problems.append(error(config_name, 0, _("the site configuration is missing"), _("create {config_name}", config_name=config_name)))
    else:
        text, problems = read_text(config_path, config_name)
        site.problems += problems
        if text is not None:
            values, problems = parse_yaml(text, config_name)
            site.problems += problems
            if values is not None:
                site.config = YamlFile(config_name, values)
    content = root / "content"
    if not content.is_dir():
        site.problems.append(error("content", 0, _("there is no content folder"), _("create content/ with one folder per kind")))
        return site
    for kind_dir in sorted(content.iterdir()):
        rel = f"content/{kind_dir.name}"
        if kind_dir.name.startswith("."):
            continue
        if kind_dir.is_symlink() and not _inside(kind_dir, content):
            site.problems.append(error(rel, 0, _("this link leads out of content/"), _("replace the link by the folder itself")))
            continue
        if not kind_dir.is_dir():
            site.problems.append(error(rel, 0, _("unexpected file in content/"), _("content/ holds only folders, one per kind")))
            continue
        if kind_dir.name not in kinds:
            site.problems.append(error(rel, 0, _("unknown kind of content `{kind}`", kind=kind_dir.name), did_you_mean(kind_dir.name, kinds)))
            continue
        for entry_dir in sorted(kind_dir.iterdir()):
            _load_entry(site, content, kind_dir.name, entry_dir)
    return site


def reload_site(previous: LoadedSite, changed: Iterable[str], kinds: tuple[str, ...], config_name: str = "site.yml") -> LoadedSite:
    """The content after the files `changed` (paths relative to the site folder) changed: only the
    entries they are in are read again. A change outside any entry (site.yml, a kind's folder) reads all."""
    root, touched = previous.root, set()
    for path in changed:
        parts = path.split("/")
        if path == config_name or (parts[0] == "content" and (len(parts) < 3 or parts[1] not in kinds)):
            return load_site(root, kinds, config_name)
        if parts[0] == "content":
            touched.add((parts[1], parts[2]))
    if not touched:
        return previous
    inside = lambda path: tuple(path.split("/")[1:3]) in touched
    site = LoadedSite(root, previous.config, [f for f in previous.facts if (f.kind, f.entry_id) not in touched],
                      [t for t in previous.texts if (t.kind, t.entry_id) not in touched],
                      {key for key in previous.facts_on_disk if key not in touched},
                      [p for p in previous.problems if not (p.source.path.startswith("content/") and inside(p.source.path))])
    for kind, entry_id in sorted(touched):
        entry_dir = root / "content" / kind / entry_id
        if entry_dir.exists() or entry_dir.is_symlink():
            _load_entry(site, root / "content", kind, entry_dir)
    # the order load_site reads in: folder by folder, names sorted
    site.facts.sort(key=lambda file: file.path.split("/"))
    site.texts.sort(key=lambda file: file.path.split("/"))
    return site


def _load_entry(site: LoadedSite, content: Path, kind: str, entry_dir: Path) -> None:
    rel = f"content/{kind}/{entry_dir.name}"
    if entry_dir.name.startswith("."):
        return
    if entry_dir.is_symlink() and not _inside(entry_dir, content):
        site.problems.append(error(rel, 0, _("this link leads out of content/"), _("replace the link by the folder itself")))
        return
    if not entry_dir.is_dir():
        site.problems.append(error(rel, 0, _("an entry must be a folder"),
                                   _("move it to content/{kind}/<id>/facts.yml and content/{kind}/<id>/<language>.md", kind=kind)))
        return
    for file in sorted(entry_dir.iterdir()):
        path = f"{rel}/{file.name}"
        if file.name.startswith("."):
            continue
        if file.is_symlink() and not _inside(file, content):
            site.problems.append(error(path, 0, _("this link leads out of content/"), _("replace the link by the file itself")))
            continue
        if not file.is_file():
            site.problems.append(error(path, 0, _("unexpected folder inside an entry"), _("an entry holds facts.yml and <language>.md files")))
            continue
        if file.name == FACTS_NAME:
            site.facts_on_disk.add((kind, entry_dir.name))
            _load_facts(site, kind, entry_dir.name, file, path)
        elif file.suffix == TEXT_SUFFIX:
            _load_text(site, kind, entry_dir.name, file, path)
        else:
            site.problems.append(error(path, 0, _("unexpected file in an entry"),
                                       _("name it facts.yml, or <language>.md such as en.md")))


def _load_facts(site: LoadedSite, kind: str, entry_id: str, file: Path, path: str) -> None:
    text, problems = read_text(file, path)
    site.problems += problems
    if text is None:
        return
    if not text.strip():
        site.problems.append(error(path, 1, _("the facts file is empty"), _("write at least `last_verified: YYYY-MM-DD`")))
        return
    values, problems = parse_yaml(text, path)
    site.problems += problems
    if values is not None:
        site.facts.append(FactsFile(kind, entry_id, path, values))


def _load_text(site: LoadedSite, kind: str, entry_id: str, file: Path, path: str) -> None:
    text, problems = read_text(file, path)
    site.problems += problems
    if text is None:
        return
    values, body, body_line, problems = parse_text_file(text, path)
    site.problems += problems
    if values is not None:
        site.texts.append(TextFile(kind, entry_id, file.name[: -len(TEXT_SUFFIX)], path, values, body, body_line))
