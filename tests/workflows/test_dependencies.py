"""Issue 12, item 9: what the code (and the code it calls) imports is declared; a plain pip install works."""

from __future__ import annotations

import re
from importlib.metadata import requires


def test_html_cleaning_is_a_declared_dependency() -> None:
    # jusText, which trafilatura uses for HTML articles, imports lxml.html.clean: a separate project since
    # lxml 5.2, pulled in only through an extra that older pips skip.
    declared = {re.split(r"[\s<>=;\[!~]", line, maxsplit=1)[0].lower().replace("-", "_")
                for line in requires("narrator") or () if "extra ==" not in line}
    assert "lxml_html_clean" in declared
