"""Languages of the portal: locale formats, plural rules, gettext catalogs and transliteration."""
