"""Static assets: the site overrides the theme file by file, names carry the content hash, the worker stays at the root."""

from __future__ import annotations

import re

from conftest import write
from portal.assets import collect_assets, hashed_name
from portal.build import build
from portal.config import Language, SiteConfig

CONFIG = SiteConfig(
    title={},
    base_url="https://example.org/portal/",
    default_language="en",
    languages=(Language("en", "English", "en", ()),),
    categories=(),
)


def test_hashed_name_keeps_folder_and_extension():
    assert re.fullmatch(r"static/js/offline\.[0-9a-f]{8}\.js", hashed_name("js/offline.js", b"x"))
    assert hashed_name("a.js", b"one") != hashed_name("a.js", b"two")


def test_site_file_replaces_theme_file_of_the_same_name(tmp_path):
    site, theme = tmp_path / "site" / "static", tmp_path / "theme" / "static"
    write(theme / "offline.js", "theme")
    write(theme / "icons/phone.svg", "<svg/>")
    write(site / "offline.js", "site")
    assets = collect_assets((site, theme), CONFIG)
    assert assets.files[hashed_name("offline.js", b"site")] == b"site"
    assert hashed_name("offline.js", b"theme") not in assets.files
    assert assets.urls["icons/phone.svg"] == "/portal/" + hashed_name("icons/phone.svg", b"<svg/>")


def test_inlined_stylesheet_and_hidden_files_are_not_written(tmp_path):
    theme = tmp_path / "static"
    write(theme / "style.css", "body{}")
    write(theme / ".DS_Store", "x")
    write(theme / "offline.js~", "backup")
    assert collect_assets((theme,), CONFIG).files == {}


def test_service_worker_stays_at_the_root_with_a_version_from_every_asset(tmp_path):
    theme = tmp_path / "static"
    write(theme / "sw.js", 'var VERSION = "__PORTAL_VERSION__";')
    write(theme / "offline.js", "one")
    first = collect_assets((theme,), CONFIG)
    assert first.urls["sw.js"] == "/portal/sw.js"
    version = re.fullmatch(r'var VERSION = "([0-9a-f]{8})";', first.files["sw.js"].decode()).group(1)
    write(theme / "offline.js", "two")
    second = collect_assets((theme,), CONFIG)
    assert version not in second.files["sw.js"].decode(), "a changed asset must install a new worker"
    assert collect_assets((theme,), CONFIG) == second, "the same files give the same bytes and names"


def test_build_writes_theme_assets_and_pages_load_them_deferred(site):
    files = build(site).files
    [script] = [name for name in files if re.fullmatch(r"static/offline\.[0-9a-f]{8}\.js", name)]
    assert "sw.js" in files and "__PORTAL_VERSION__" not in files["sw.js"].decode()
    html = files["en/index.html"].decode()
    assert f'<script src="/{script}" defer data-sw="/sw.js" data-scope="/"></script>' in html
    assert "style.css" not in files


def test_a_site_static_file_overrides_the_theme_in_a_build(site):
    write(site / "static/offline.js", "// nothing offline here\n")
    files = build(site).files
    assert files[hashed_name("offline.js", b"// nothing offline here\n")] == b"// nothing offline here\n"
