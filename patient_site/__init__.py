"""Build logic of the site: checks of editor input and Markdown extensions.

Each module has one job; the MkDocs hooks in hooks/ only call them.
"""
