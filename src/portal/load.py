"""Stage 1, load: files under the site folder become records that remember the line of every value.

Nothing here knows what a field means; `validate` does. The loader walks `content/` (one folder
per kind, one per entry) and reads each file with portal.parse, refusing what cannot be content:
a link out of `content/`, an unknown kind, a file that is neither facts nor a text. A `README.md`
in `content/` or in a kind's folder is a note to editors (GitHub shows it below the folder's files)
and is not content.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .attachments import is_attachment_name
from .errors import Problem, _, did_you_mean, error
from .parse import LineDict, YamlFile, parse_text_file, parse_yaml, read_text

FACTS_NAME = "facts.yml"
TEXT_SUFFIX = ".md"
FOLDER_NOTE = "README.md"  # what goes in content/ or content/<kind>/, for editors; never read as content


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


@dataclass(frozen=True)
class AttachedFile:
    """A picture or document in an entry's folder (portal.attachments)."""

    kind: str
    entry_id: str
    name: str
    path: str
    data: bytes


@dataclass
class LoadedSite:
    root: Path
    config: YamlFile | None
    facts: list[FactsFile] = field(default_factory=list)
    texts: list[TextFile] = field(default_factory=list)
    facts_on_disk: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) with a facts file, readable or not
    # (kind, id, language) with a text file, readable or not: a text with mistakes is not also reported as missing
    texts_on_disk: set[tuple[str, str, str]] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    attached: list[AttachedFile] = field(default_factory=list)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def load_site(
    root: Path,
    kinds: tuple[str, ...],
    earlier: LoadedSite | None = None,
    changed: Iterable[str] = (),
    config_name: str = "site.yml",
) -> LoadedSite:
    """Read site.yml and every content file under root/content; never raises on bad content.

    Given what an `earlier` call read, only the entries of the files `changed` since are read again (reload_site).
    """
    if earlier is not None:
        return reload_site(earlier, changed, kinds, config_name)
    site = LoadedSite(root=root, config=None)
    config_path = root / config_name
    if not config_path.is_file():
        site.problems.append(
            error(config_name, 0, _("the site configuration is missing"), _("create {config_name}", config_name=config_name))
        )
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
        if kind_dir.name.startswith(".") or _is_folder_note(kind_dir):
            continue
        if kind_dir.is_symlink() and not _inside(kind_dir, content):
            site.problems.append(error(rel, 0, _("this link leads out of content/"), _("replace the link by the folder itself")))
            continue
        if not kind_dir.is_dir():
            site.problems.append(error(rel, 0, _("unexpected file in content/"), _("content/ holds only folders, one per kind")))
            continue
        if kind_dir.name not in kinds:
            site.problems.append(
                error(rel, 0, _("unknown kind of content `{kind}`", kind=kind_dir.name), did_you_mean(kind_dir.name, kinds))
            )
            continue
        for entry_dir in sorted(kind_dir.iterdir()):
            _load_entry(site, content, kind_dir.name, entry_dir)
    return site


def reload_site(
    previous: LoadedSite, changed: Iterable[str], kinds: tuple[str, ...], config_name: str = "site.yml"
) -> LoadedSite:
    """The content after the files `changed` (paths relative to the site folder) changed: only the
    entries they are in are read again. A change outside any entry (site.yml, a kind's folder) reads all."""
    root, touched = previous.root, set()
    for path in changed:
        parts = path.split("/")
        if path == config_name or (parts[0] == "content" and (len(parts) < 3 or parts[1] not in kinds)):
            return load_site(root, kinds, config_name=config_name)
        if parts[0] == "content":
            touched.add((parts[1], parts[2]))
    if not touched:
        return previous

    def inside(path: str) -> bool:
        return tuple(path.split("/")[1:3]) in touched

    site = LoadedSite(
        root,
        previous.config,
        [f for f in previous.facts if (f.kind, f.entry_id) not in touched],
        [t for t in previous.texts if (t.kind, t.entry_id) not in touched],
        {key for key in previous.facts_on_disk if key not in touched},
        {key for key in previous.texts_on_disk if key[:2] not in touched},
        [p for p in previous.problems if not (p.source.path.startswith("content/") and inside(p.source.path))],
        [a for a in previous.attached if (a.kind, a.entry_id) not in touched],
    )
    for kind, entry_id in sorted(touched):
        entry_dir = root / "content" / kind / entry_id
        if entry_dir.exists() or entry_dir.is_symlink():
            _load_entry(site, root / "content", kind, entry_dir)
    # the order load_site reads in: folder by folder, names sorted
    site.facts.sort(key=lambda file: file.path.split("/"))
    site.texts.sort(key=lambda file: file.path.split("/"))
    site.attached.sort(key=lambda file: file.path.split("/"))
    return site


def _load_entry(site: LoadedSite, content: Path, kind: str, entry_dir: Path) -> None:
    rel = f"content/{kind}/{entry_dir.name}"
    if entry_dir.name.startswith(".") or _is_folder_note(entry_dir):
        return
    if entry_dir.is_symlink() and not _inside(entry_dir, content):
        site.problems.append(error(rel, 0, _("this link leads out of content/"), _("replace the link by the folder itself")))
        return
    if not entry_dir.is_dir():
        site.problems.append(
            error(
                rel,
                0,
                _("an entry must be a folder"),
                _("move it to content/{kind}/<id>/facts.yml and content/{kind}/<id>/<language>.md", kind=kind),
            )
        )
        return
    for file in sorted(entry_dir.iterdir()):
        path = f"{rel}/{file.name}"
        if file.name.startswith("."):
            continue
        if file.is_symlink() and not _inside(file, content):
            site.problems.append(error(path, 0, _("this link leads out of content/"), _("replace the link by the file itself")))
            continue
        if not file.is_file():
            site.problems.append(
                error(path, 0, _("unexpected folder inside an entry"), _("an entry holds facts.yml and <language>.md files"))
            )
            continue
        if file.name == FACTS_NAME:
            site.facts_on_disk.add((kind, entry_dir.name))
            _load_facts(site, kind, entry_dir.name, file, path)
        elif file.suffix == TEXT_SUFFIX:
            site.texts_on_disk.add((kind, entry_dir.name, file.name[: -len(TEXT_SUFFIX)]))
            _load_text(site, kind, entry_dir.name, file, path)
        elif is_attachment_name(file.name):
            site.attached.append(AttachedFile(kind, entry_dir.name, file.name, path, file.read_bytes()))
        else:
            site.problems.append(
                error(
                    path,
                    0,
                    _("unexpected file in an entry"),
                    _(
                        "name it facts.yml, <language>.md such as en.md, a picture (.jpg, .png, .webp) "
                        "or a document (.pdf, .odt, .docx, .xlsx)"
                    ),
                )
            )


def _is_folder_note(path: Path) -> bool:
    return path.name == FOLDER_NOTE and path.is_file() and not path.is_symlink()


def _load_facts(site: LoadedSite, kind: str, entry_id: str, file: Path, path: str) -> None:
    text, problems = read_text(file, path)
    site.problems += problems
    if text is None:
        return
    if not text.strip():
        site.problems.append(
            error(path, 1, _("the facts file is empty"), _("write at least `source_date: YYYY` or `last_verified: YYYY-MM-DD`"))
        )
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
