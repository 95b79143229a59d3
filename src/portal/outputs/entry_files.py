"""The pictures and documents of each entry's folder, published inside its page's folder in every language.

The page of a language links the file of its language (portal.attachments.chosen), under the name its text
wrote, so each language's folder holds that variant under the same name. Pictures are made smaller once per
build context (a preview does not compress a photo again after an edit elsewhere).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from .. import urls
from ..attachments import PublishedFiles, chosen, file_languages, files_by_reference, published_bytes
from ..errors import Problem
from ..model import Site


def entry_files(site: Site, root: Path, memo: PublishedFiles | None = None) -> tuple[dict[str, bytes], list[Problem]]:
    """Every entry's files by output path, in every language; a file read earlier but gone since is left out."""
    config, files = site.config, {}
    for entry in site.entries.values():
        if not entry.files:
            continue
        read: dict[str, bytes | None] = {}
        for language in config.tags:
            chain = file_languages(config, language, entry.source_language)
            for reference in files_by_reference(entry.files):
                file = chosen(entry.files, reference, chain)
                if file is None:
                    continue
                if file.path not in read:
                    source = root / file.path
                    read[file.path] = source.read_bytes() if source.is_file() else None
                data = read[file.path]
                if data is not None:
                    url = urls.entry_file_url(config, language, entry.kind, entry.id, reference)
                    files[unquote(urls.output_path(config, url))] = published_bytes(file, data, memo)
    return files, []
