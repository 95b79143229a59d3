"""CLDR plural rules as plain data, for scripts that must choose a plural form in the browser.

The search page says "1 result", "2 results" in the reader's language; its Content-Security-Policy
allows no `eval`, so the rule travels as data that search.js evaluates, not as code.
"""

from __future__ import annotations

from typing import Any

from babel.plural import PluralRule

# Whole numbers that reach every plural category a count of results can have (as in i18n.locales).
_COUNTS = (*range(1001), *(10**k for k in range(4, 13)))


def plural_rule_data(rule: PluralRule) -> dict[str, Any]:
    """A CLDR plural rule as plain data that search.js evaluates for any whole number.

    The page's CSP allows no `eval`, so the rule travels as data, not as code: per category an
    expression tree of `["or", a, b]`, `["and", a, b]`, `["not", a]` and `["in", operand,
    [[low, high], ...]]`, where an operand is `"n"`, a number, or `["%", operand, m]`. A count
    of results is a whole number, so the operands of fractions (v, f, t, w, c, e) are 0.
    Categories no whole number reaches are left out; every other count is "other".
    """
    reached = {rule(n) for n in _COUNTS}
    return {category: _plural_node(tree) for category, tree in rule.abstract if category in reached}


def plural_samples(rule: PluralRule) -> list[dict[str, Any]]:
    """The smallest count in each plural category, to ask the catalog for that category's words."""
    samples: dict[str, int] = {}
    for n in _COUNTS:
        samples.setdefault(rule(n), n)
    return [{"category": category, "n": n} for category, n in sorted(samples.items(), key=lambda item: item[1])]


def _plural_node(node: tuple[str, Any]) -> list[Any]:
    op, args = node
    if op in ("or", "and"):
        return [op, _plural_node(args[0]), _plural_node(args[1])]
    if op == "not":
        return ["not", _plural_node(args[0])]
    if op == "relation":
        _method, operand, (_, ranges) = args  # "in" and "within" agree on whole numbers
        return ["in", _plural_operand(operand), [[_plural_operand(low), _plural_operand(high)] for low, high in ranges]]
    if op in ("is", "isnot"):
        test = ["in", _plural_operand(args[0]), [[_plural_operand(args[1])] * 2]]
        return test if op == "is" else ["not", test]
    raise ValueError(f"unknown plural rule node {op!r}")


def _plural_operand(node: tuple[str, Any]) -> str | int | list[Any]:
    op, args = node
    if op in ("n", "i"):
        return "n"
    if op in ("v", "w", "f", "t", "c", "e"):
        return 0
    if op == "value":
        return int(args[0])
    if op == "mod":
        return ["%", _plural_operand(args[0]), _plural_operand(args[1])]
    raise ValueError(f"unknown plural rule operand {op!r}")


def plural_category(rule_data: dict[str, Any], n: int) -> str:
    """What search.js computes from `plural_rule_data`, in Python, so the tests can compare it with Babel."""

    def value(operand: Any) -> int:
        return n if operand == "n" else operand if isinstance(operand, int) else value(operand[1]) % operand[2]

    def holds(node: list[Any]) -> bool:
        if node[0] == "or":
            return holds(node[1]) or holds(node[2])
        if node[0] == "and":
            return holds(node[1]) and holds(node[2])
        if node[0] == "not":
            return not holds(node[1])
        return any(low <= value(node[1]) <= high for low, high in node[2])

    return next((category for category, node in rule_data.items() if holds(node)), "other")
