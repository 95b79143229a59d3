"""Search, beside render: one Pagefind index per language variant, folded as people really type.

- `records`: what is indexed of each page worth finding, from its typed view;
- `index`: Pagefind run on the records, one bundle per language under `pagefind/<prefix>/`;
- `bundle`: Pagefind's bundle made reproducible (the same records give the same bytes).

The published pages carry no folded text and no Pagefind attributes, so no page gets heavier;
only the search page loads search.js, and Pagefind's files once the reader searches.
"""
