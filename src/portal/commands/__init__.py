"""The commands of `portal`, one module per verb; portal.cli parses the arguments and calls them.

Each command returns the exit status: 0 when fine, 1 when the content has an error.
"""
