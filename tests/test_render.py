"""Stage 6, render (portal.render): the theme's templates, and a site's own in their place; text in another
language marked as such; a template mistake told with the template's line and the names the view has; and
compiled templates kept between builds without changing a byte."""

from __future__ import annotations

import pytest

from conftest import copy_of_minimal, run_stages, write
from portal.build import build
from portal.model import LocalText
from portal.render import Renderer, RenderMemo, render_pages, template_problems

# ---------------------------------------------------------------- which template


def test_a_site_template_overrides_the_theme_template_of_the_same_name(site):
    write(
        site / "templates/404.html",
        "{% extends 'base.html' %}{% block title %}Oops{% endblock %}{% block main %}<h1>Custom 404</h1>{% endblock %}",
    )
    files = build(site).files
    assert "Custom 404" in files["en/404.html"].decode()
    assert "Custom 404" not in files["en/index.html"].decode()


def test_a_site_template_can_extend_the_themes_template_of_the_same_name(site):
    write(
        site / "templates/home.html",
        '{% extends "!theme/home.html" %}\n{% block main %}<p class="notice">Kancelarija je zatvorena 1. maja.</p>\n{{ super() }}{% endblock %}\n',
    )
    html = build(site).files["sr-latn/index.html"].decode("utf-8")
    assert '<p class="notice">Kancelarija je zatvorena 1. maja.</p>' in html
    assert 'href="/sr-latn/needs/legal-aid/"' in html  # the theme's own start page is still all there


def test_the_theme_prefix_never_finds_the_site_s_own_template(site):
    # `!theme/404.html` inside the site's 404.html is the theme's, not itself again (which would never end)
    write(site / "templates/404.html", '{% extends "!theme/404.html" %}{% block title %}Nema{% endblock %}')
    html = build(site).files["sr-latn/404.html"].decode("utf-8")
    assert "<title>Nema · " in html and '<a class="button" href="/sr-latn/">' in html


# ---------------------------------------------------------------- text in another language


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    """The Czech pages' Jinja environment of the minimal fixture."""
    return run_stages(copy_of_minimal(tmp_path_factory.mktemp("render"))).renderer().environment("cs")


def shown(environment, value) -> str:
    return environment.from_string("{{ text(value) }}").render(value=value)


def test_a_fallback_text_is_wrapped_in_its_own_language(environment):
    assert shown(environment, LocalText("O nama", "sr-Latn", is_fallback=True)) == '<span lang="sr-Latn">O nama</span>'


def test_a_text_in_the_page_s_own_language_is_shown_as_it_is(environment):
    assert shown(environment, LocalText("O nás", "cs")) == "O nás"


def test_markup_in_a_text_is_shown_as_text_whether_or_not_it_is_a_fallback(environment):
    assert shown(environment, LocalText("<b>Neo</b> & co", "cs")) == "&lt;b&gt;Neo&lt;/b&gt; &amp; co"
    assert shown(environment, LocalText("<b>Neo</b>", "en", is_fallback=True)) == '<span lang="en">&lt;b&gt;Neo&lt;/b&gt;</span>'


def test_templates_can_ask_whether_a_text_is_a_fallback(environment):
    template = environment.from_string("{{ value is fallback }}")
    assert template.render(value=LocalText("x", "en", is_fallback=True)) == "True"
    assert template.render(value=LocalText("x", "cs")) == "False"


def test_showing_a_text_the_view_does_not_have_is_an_error_not_an_empty_line(environment):
    with pytest.raises(Exception, match="the view has no such text"):
        shown(environment, None)


# ---------------------------------------------------------------- mistakes in templates


def rendered_with(site, template: str):
    write(site / "templates/pages.html", template)
    stages = run_stages(site)
    return render_pages(stages.plan.pages, stages.renderer())


def test_a_misspelt_name_is_told_with_the_template_s_line_and_the_names_the_view_has(site):
    rendered = rendered_with(site, "{% extends 'base.html' %}\n{% block main %}\n{{ page.entry.titel }}\n{% endblock %}")
    assert [problem.format() for problem in template_problems(rendered.failures)] == [
        "templates/pages.html:3: error: the template failed on /sr-latn/about/ and 3 more pages: "
        "`titel` is not part of the view EntryView; did you mean `title`?"
    ]
    assert "sr-latn/about/index.html" not in rendered.files and "sr-latn/index.html" in rendered.files  # other pages render


def test_a_name_no_view_has_is_told_with_jinja_s_words_and_what_to_look_at(site):
    rendered = rendered_with(site, "{% extends 'base.html' %}\n{% block main %}{{ pgae.url }}{% endblock %}")
    [problem] = template_problems(rendered.failures)
    assert problem.format() == (
        "templates/pages.html:2: error: the template failed on /sr-latn/about/ and 3 more pages: 'pgae' is undefined; "
        "fix the template; a variable it uses may be misspelt or missing from the page's view"
    )


def test_a_mistake_in_the_whole_build_names_the_template_and_line(site):
    write(site / "templates/pages.html", "{% extends 'base.html' %}\n{% block main %}\n{{ page.entry.titel }}\n{% endblock %}")
    [problem] = [p.format() for p in build(site).problems if p.severity == "error"]
    assert problem.startswith("templates/pages.html:3: error: the template failed on /sr-latn/about/ and 3 more pages: ")


# ---------------------------------------------------------------- compiled once, the same bytes


def test_templates_compiled_by_an_earlier_build_give_the_same_bytes(site):
    stages = run_stages(site)
    memo = RenderMemo()
    first = render_pages(stages.plan.pages, Renderer(stages.setup.theme, stages.setup.config, site, stages.setup.assets, memo))
    compiled = dict(memo.templates.compiled)
    assert compiled  # the next build loads these instead of compiling again
    again = render_pages(stages.plan.pages, Renderer(stages.setup.theme, stages.setup.config, site, stages.setup.assets, memo))
    assert again.files == first.files and again.failures == first.failures == []
    assert memo.templates.compiled == compiled  # nothing compiled a second time
    fresh = render_pages(stages.plan.pages, stages.renderer())
    assert fresh.files == first.files


def test_a_template_changed_between_builds_is_compiled_again_not_taken_from_the_memo(site):
    memo = RenderMemo()
    write(site / "templates/404.html", "{% extends 'base.html' %}{% block main %}<h1>Prva</h1>{% endblock %}")
    stages = run_stages(site)
    render_pages(stages.plan.pages, Renderer(stages.setup.theme, stages.setup.config, site, stages.setup.assets, memo))
    write(site / "templates/404.html", "{% extends 'base.html' %}{% block main %}<h1>Druga</h1>{% endblock %}")
    stages = run_stages(site)
    again = render_pages(stages.plan.pages, Renderer(stages.setup.theme, stages.setup.config, site, stages.setup.assets, memo))
    assert "<h1>Druga</h1>" in again.files["en/404.html"].decode()


def test_preparing_compiles_every_template_and_renders_nothing_even_with_a_broken_one(site):
    write(site / "templates/broken.html", "{% if %}")
    stages = run_stages(site)
    memo = RenderMemo()
    renderer = Renderer(stages.setup.theme, stages.setup.config, site, stages.setup.assets, memo)
    renderer.prepare(["en", "cs"])
    assert len(memo.templates.compiled) >= len(list(stages.setup.theme.template_dirs[-1].rglob("*.html")))
    assert render_pages(stages.plan.pages, renderer).files == render_pages(stages.plan.pages, stages.renderer()).files


# ---------------------------------------------------------------- words in every language, language names


def said(environment, source: str, **values) -> str:
    return environment.from_string(source).render(**values)


def test_a_word_in_each_language_comes_from_each_language_s_catalog_the_page_s_own_first(environment):
    # The Czech page of the minimal fixture (sr-Latn, sr-Cyrl, cs, en): Czech first, then the others in site.yml's order.
    words = said(environment, "{% for tag, word in in_each_language(N_('Page not found')) %}{{ tag }}={{ word }};{% endfor %}")
    assert (
        words == "cs=Stránka nebyla nalezena;sr-Latn=Stranica nije pronađena;sr-Cyrl=Страница није пронађена;en=Page not found;"
    )


def test_a_word_said_the_same_in_two_languages_is_said_once(environment):
    # "Menu" is "Meni" in Serbian Latin and "Мени" in Cyrillic, but the same word in Czech and English would repeat.
    words = said(environment, "{% for tag, word in in_each_language(N_('Menu')) %}{{ word }};{% endfor %}")
    assert words.count(";") == len(set(words.split(";")[:-1]))


def test_a_word_in_one_named_language(environment):
    assert said(environment, "{{ in_language('sr-Cyrl', N_('Choose your language')) }}") == "Изаберите језик"
    assert said(environment, "{{ in_language('en', N_('Choose your language')) }}") == "Choose your language"


@pytest.mark.parametrize(
    "page, tag, name",
    [
        ("cs", "en", "Angličtina"),  # in the reader's language, as a label begins
        ("cs", "sr-Latn", "Srbština"),  # the language, not its script: people speak Serbian
        ("sr-Cyrl", "en", "Енглески"),
        ("en", "sr-Latn", "Serbian"),
        ("en", "rmy", "Romani"),  # a variety is named as its language, with the current English word
        ("sr-Latn", "rom", "Romski"),
    ],
)
def test_a_language_is_named_in_the_reader_s_language(tmp_path_factory, page, tag, name):
    stages = run_stages(copy_of_minimal(tmp_path_factory.mktemp("names")))
    assert said(stages.renderer().environment(page), "{{ tag|language_name }}", tag=tag) == name


def test_a_language_cldr_does_not_know_is_named_as_site_yml_names_it(environment):
    assert said(environment, "{{ 'rom'|language_name }}") == "Romština"  # CLDR knows Romani in Czech
    assert said(environment, "{{ 'xx-Latn'|language_name }}") == "xx-Latn"
