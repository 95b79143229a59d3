"""Problems found in content: values with the file and line they come from, collected, never raised.

Exceptions are for bugs. A content mistake becomes a `Problem` that names the file, the line,
what is wrong and what to write instead; every stage adds its problems to one list and the
command line prints them all at the end of the run.

Messages are written in English with `_("... `{key}` ...", key=key)`: the result is the English
text (a `str`, so every comparison and test sees plain English), and it remembers its template
and values so that `Problem.translated` can say it again in the editor's language. A message with a
count in it is written with `n_(singular, plural, count, ...)`, so that each language gets its own
plural form ("1 mesec", "3 meseca", "5 meseci"); a count, and any other `Number`, is written with the
separators of the editor's language (1,048,576 in English, 1.048.576 in Serbian, 1 048 576 in Czech).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

ERROR = "error"
WARNING = "warning"


class Translations(Protocol):
    def gettext(self, message: str) -> str: ...


class Number(int):
    """A count or size in a message: written with the digit grouping of the editor's language."""

    def written(self, tag: str) -> str:
        from .i18n.locales import language_format  # errors is the lowest layer; i18n shares it

        try:
            return language_format(tag).format_number(int(self))
        except ValueError:  # a catalog of a language neither Babel nor portal knows: English digits
            return language_format("en").format_number(int(self))


def _language_of(translations: Translations) -> str:
    """The language tag a compiled catalog says it is in (its `Language:` header); English without one."""
    info = getattr(translations, "info", None)
    language = str(info().get("language", "")) if callable(info) else ""
    return language.replace("_", "-") or "en"


def _written(values: dict[str, object], tag: str) -> dict[str, object]:
    return {name: value.written(tag) if isinstance(value, Number) else value for name, value in values.items()}


class Message(str):
    """The English text of a message, which remembers its template and values for translation."""

    template: str
    values: dict[str, object]
    plural: str | None  # the English plural form of a message with a count (`n_`)
    quantity: int  # the count that chooses the plural form

    def __new__(cls, template: str, /, **values: object) -> Message:
        return cls._made(template, None, 0, values)

    @classmethod
    def _made(cls, template: str, plural: str | None, count: int, values: dict[str, object]) -> Message:
        english = template if plural is None or count == 1 else plural
        message = super().__new__(cls, english.format(**_written(values, "en")) if values else english)
        message.template, message.plural, message.quantity, message.values = template, plural, count, values
        return message

    def translate(self, translations: Translations) -> str:  # type: ignore[override]  # str.translate with a catalog, not a table
        """The message in the catalog's language; English when the translation is missing or broken."""
        tag = _language_of(translations)
        values = _written(
            {name: value.translate(translations) if isinstance(value, Message) else value for name, value in self.values.items()},
            tag,
        )
        ngettext = getattr(translations, "ngettext", None)
        if self.plural is not None and callable(ngettext):
            template = str(ngettext(self.template, self.plural, self.quantity))
        else:
            template = translations.gettext(self.template)
        try:
            return template.format(**values) if values else template
        except (KeyError, IndexError, ValueError):
            # A translator's typo in a {placeholder} must not hide the problem itself.
            return str.__str__(self)


def _(template: str, /, **values: object) -> Message:
    """Mark a message for translation (extracted by `portal i18n extract --tool`); fill in `values`."""
    return Message(template, **values)


def n_(singular: str, plural: str, count: str, /, **values: object) -> Message:
    """Mark a message with a count in it (extracted with its plural form): `count` names the value that is
    counted, and chooses the plural form, in English "1 month" / "2 months", in each catalog its own forms.
    Every `int` value other than a bool is a `Number`, written with the separators of the editor's language."""
    numbers = {
        name: Number(value) if isinstance(value, int) and not isinstance(value, bool) else value for name, value in values.items()
    }
    counted = numbers[count]
    if not isinstance(counted, int):
        raise TypeError(f"the count `{count}` of a message must be a whole number, not {counted!r}")
    return Message._made(singular, plural, counted, numbers)


def translate(text: str, translations: Translations | None) -> str:
    if translations is None:
        return str(text)
    return text.translate(translations) if isinstance(text, Message) else translations.gettext(text)


@dataclass(frozen=True, order=True)
class SourceRef:
    """Where a value was written: a path relative to the site folder and a 1-based line (0: the whole file)."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, order=True)
class Problem:
    source: SourceRef
    message: str
    hint: str = ""
    severity: str = ERROR

    def format(self, translations: Translations | None = None) -> str:
        """`path:line: message; hint` as an editor sees it in the terminal, in the catalog's language if given."""
        problem = self.translated(translations)
        severity = translate(_("error") if self.severity == ERROR else _("warning"), translations)
        text = f"{problem.source}: {severity}: {problem.message}"
        return f"{text}; {problem.hint}" if problem.hint else text

    def translated(self, translations: Translations | None) -> Problem:
        """The same problem with message and hint in the catalog's language."""
        if translations is None:
            return self
        return Problem(self.source, translate(self.message, translations), translate(self.hint, translations), self.severity)

    def github_annotation(self, translations: Translations | None = None) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the changed line."""
        problem = self.translated(translations)
        command = "error" if problem.severity == ERROR else "warning"
        where = f"file={_escaped_property(problem.source.path)}"
        if problem.source.line:
            where += f",line={problem.source.line}"
        text = f"{problem.message}; {problem.hint}" if problem.hint else problem.message
        return f"::{command} {where}::{_escaped_data(text)}"


def _escaped_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit escapes it (`escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escaped_property(text: str) -> str:
    """A workflow command's property (`file=`): a `,` or `:` in a path would otherwise end it (`escapeProperty`)."""
    return _escaped_data(text).replace(":", "%3A").replace(",", "%2C")


def error(path: str | Path, line: int, message: str, hint: str = "") -> Problem:
    return Problem(SourceRef(str(path), line), message, hint, ERROR)


def warning(path: str | Path, line: int, message: str, hint: str = "") -> Problem:
    return Problem(SourceRef(str(path), line), message, hint, WARNING)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint for a misspelt key or value, or a list of the allowed ones."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return _("did you mean `{word}`?", word=close[0])
    shown = ", ".join(f"`{option}`" for option in options[:12])
    more = ", ..." if len(options) > 12 else ""
    return _("write one of: {choices}", choices=shown + more)


def has_errors(problems: Iterable[Problem], strict: bool = False) -> bool:
    return any(p.severity == ERROR or strict for p in problems)
