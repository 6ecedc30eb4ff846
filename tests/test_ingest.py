"""Reading articles: formats, metadata, encodings, URLs, and the clean-up skip report."""

import http.server
import io
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from narrator.errors import IngestError
from narrator.ingest.reader import decode_text, parse_article, read_article

ROOT = Path(__file__).parent.parent
BODY = "Ministers met on Monday to agree the budget, officials said.\n\nThe talks lasted four hours."


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def reasons(article) -> list[str]:
    return [s.reason for s in article.skipped]


# --- formats ------------------------------------------------------------------------------------


def test_txt_first_line_is_the_headline(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.txt", "Budget agreed after long talks\n\n" + BODY))
    assert article.title == "Budget agreed after long talks"
    assert [b.text for b in article.blocks][0].startswith("Ministers met")


def test_txt_title_header(tmp_path: Path) -> None:
    text = "Title: Budget deal\nAuthor: Kim Ode\nDate: 2024-01-02\n\n" + BODY
    article = read_article(write(tmp_path, "a.txt", text))
    assert (article.title, article.author, article.date.year) == ("Budget deal", "Kim Ode", 2024)
    assert article.blocks[0].text.startswith("Ministers met")


def test_txt_kicker_above_headline_is_skipped(tmp_path: Path) -> None:
    article = read_article(
        write(tmp_path, "a.txt", "Budget\n\nMinisters agree budget after four-hour talks\n\n" + BODY)
    )
    assert article.title == "Ministers agree budget after four-hour talks"
    assert reasons(article) == ["kicker"]


def test_txt_bullets_are_items_without_their_marks(tmp_path: Path) -> None:
    # a list of quotations, each long enough to look like a hard-wrapped paragraph, is one item a line
    text = (
        "Senators split on farm bill\n\n"
        '- "The maps are done and the counties are waiting," Sen. Ola Brandt said in a statement.\n'
        '- "We cannot call every dollar sacred except the ones we forgot," said Sen. Ivo Marsh.\n'
        "\n"
        '"It is over," she said.\n- Rina Holt.\n\n'
        "The budget office said the figures, which were revised twice this spring and\n"
        "- as officials admitted - still leave a gap, would be published on Monday.\n"
    )
    article = read_article(write(tmp_path, "a.txt", text))
    assert [b.text for b in article.blocks] == [
        '"The maps are done and the counties are waiting," Sen. Ola Brandt said in a statement.',
        '"We cannot call every dollar sacred except the ones we forgot," said Sen. Ivo Marsh.',
        '"It is over," she said.',
        "- Rina Holt.",
        "The budget office said the figures, which were revised twice this spring and - as officials admitted"
        " - still leave a gap, would be published on Monday.",
    ]


def test_markdown_front_matter(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Budget deal\nauthor: Kim Ode\ndate: 2024-01-02\nurl: https://example.org/a\n"
        "image: https://example.org/a.jpg\nlanguage: en-GB\n---\n\n## Talks\n\nMinisters **met** on "
        "[Monday](https://example.org).\n\n> A quoted block.\n\n```\ncode = 1\n```\n"
    )
    article = read_article(write(tmp_path, "a.md", text))
    assert article.title == "Budget deal"
    assert article.author == "Kim Ode" and article.language == "en-GB"
    assert article.url == "https://example.org/a" and article.image == "https://example.org/a.jpg"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("heading", "Talks"),
        ("paragraph", "Ministers met on Monday."),
        ("blockquote", "A quoted block."),
    ]
    assert reasons(article) == ["code"]


def test_markdown_bad_front_matter(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="front matter"):
        read_article(write(tmp_path, "a.md", "---\ntitle: [unclosed\n---\n\nText here."))


HTML = """<!DOCTYPE html><html lang="en-GB"><head><title>Site | Budget</title>
<meta property="og:title" content="Budget agreed after talks">
<meta property="og:image" content="https://example.org/b.jpg">
<meta property="article:published_time" content="2024-03-01T10:00:00Z">
<script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": "Kim Ode"}}</script>
</head><body><nav>Home | News | Sport</nav><article>
<h1>Budget agreed after talks</h1>
<p>Ministers met on Monday to agree the budget after months of argument between the parties.</p>
<figure><img src="x.jpg"><figcaption>Ministers outside the Treasury</figcaption></figure>
<h2>What was agreed</h2>
<p>The finance minister called it <q>a fair deal</q> and said the plan would be published in full.</p>
<blockquote><p>This is the best budget in a decade.</p></blockquote>
<div class="newsletter-box"><p>Sign up to our politics newsletter</p></div>
<pre><code>print("hello")</code></pre>
</article></body></html>"""


def test_html_article_and_metadata(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.html", HTML))
    assert article.title == "Budget agreed after talks"
    assert article.author == "Kim Ode"
    assert article.language == "en-GB"
    assert article.image == "https://example.org/b.jpg"
    assert article.date.year == 2024
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert ("heading", "What was agreed") in kinds
    assert any("“a fair deal”" in t for _, t in kinds)
    assert ("blockquote", "This is the best budget in a decade.") in kinds
    assert not any("Home" in t or "newsletter" in t for _, t in kinds)
    assert {"caption", "newsletter", "code"} <= set(reasons(article))


def test_html_without_a_body(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no article"):
        read_article(write(tmp_path, "a.html", "<html><body><nav>Home</nav></body></html>"))


def test_markup_that_defeats_the_extractor_is_a_one_line_error() -> None:
    # Found by Hypothesis: trafilatura re-parses its own XML output, and this markup breaks that parse.
    broken = " \n\n<said<b>said"
    page = f"<html><body><article><h1>{broken}</h1><p>{broken}</p></article></body></html>"
    with pytest.raises(IngestError, match=r"^page\.html: the page's markup could not be parsed \(.*\)$"):
        parse_article(page, "html", "page.html")


def test_sample_articles_read() -> None:
    md = read_article(ROOT / "articles" / "harbour-ferry-returns.md")
    html = read_article(ROOT / "articles" / "orchard-robots.html")
    assert md.author == "Morwenna Tate" and html.author == "Luis Ferreira"
    assert {"caption", "read-more", "advertisement"} <= set(reasons(md))
    assert {"caption", "newsletter", "share"} <= set(reasons(html))


# --- bad input and encodings --------------------------------------------------------------------


def test_empty_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="empty"):
        read_article(write(tmp_path, "a.txt", "  \n\n"))
    with pytest.raises(IngestError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(IngestError, match="unsupported file type"):
        read_article(write(tmp_path, "a.pdf", "x"))
    with pytest.raises(IngestError, match="no article text"):
        read_article(write(tmp_path, "a.txt", "Only a headline"))


def test_binary_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(IngestError, match="not text"):
        read_article(path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Café owners protest\n\n" + "The café’s owner, Zoë Brontë, said prices had risen by 20%. " * 3
    article = read_article(write(tmp_path, "a.txt", text, encoding))
    assert article.title == "Café owners protest"
    assert "Zoë Brontë" in article.blocks[0].text


def test_decode_text_latin1_fallback() -> None:
    data = "Le résumé du café était très détaillé, à la française. ".encode("latin-1") * 5
    assert "résumé" in decode_text(data, "x")


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(("Headline here\n\n" + BODY).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    article = read_article("-")
    assert article.title == "Headline here" and article.source == "-"


def stdin_article(monkeypatch: pytest.MonkeyPatch, text: str):  # noqa: ANN201
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8"))
    return read_article("-")


def test_markdown_on_stdin_is_parsed_as_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    front = stdin_article(monkeypatch, "---\ntitle: Tide Tables\nauthor: Ines Roy\n---\n\n" + BODY)
    assert (front.title, front.author) == ("Tide Tables", "Ines Roy")
    assert not any("title:" in block.text or "---" in block.text for block in front.blocks)
    headed = stdin_article(monkeypatch, "# Tide Tables\n\n## High water\n\n" + BODY)
    assert headed.title == "Tide Tables"
    assert (headed.blocks[0].kind, headed.blocks[0].text) == ("heading", "High water")
    assert not any("#" in block.text for block in headed.blocks)
    # Plain text that merely mentions a hash is still plain text.
    plain = stdin_article(monkeypatch, "Headline here\n\nIssue #4 of the newsletter is out.\n\n" + BODY)
    assert plain.blocks[0].text == "Issue #4 of the newsletter is out."


def test_a_lone_paragraph_is_the_article(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = "The ferry to the island now leaves at noon, an hour later than last summer, on weekdays."
    article = stdin_article(monkeypatch, text + "\n")
    assert (article.title, [block.text for block in article.blocks]) == ("Standard input", [text])
    note = tmp_path / "ferry-note.txt"
    note.write_text(text, encoding="utf-8")
    assert read_article(note).title == "Ferry note"
    with pytest.raises(IngestError, match="only a headline"):
        stdin_article(monkeypatch, "A headline alone\n")


# --- clean-up -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Advertisement", "advertisement"),
        ("Read more: Why the budget matters", "read-more"),
        ("Share this article", "share"),
        ("Facebook | Twitter | Email", "share"),
        ("Sign up for our daily newsletter", "newsletter"),
        ("Photograph: Jane Roe/Reuters", "caption"),
        ("Ministers outside the Treasury on Monday", "caption"),
        ("https://example.org/more", "url"),
        ("press@example.org", "email"),
        ("Budget deal agreed", "repeated-title"),
        ("___.", "divider"),
        ("* * *", "divider"),
        ("Robert Galbraith / Reuters.", "caption"),
    ],
)
def test_clutter_lines_are_skipped(tmp_path: Path, line: str, reason: str) -> None:
    text = f"Budget deal agreed\n\nMinisters met on Monday.\n\n{line}\n\nThe talks lasted four hours."
    article = read_article(write(tmp_path, "a.txt", text))
    assert [s.reason for s in article.skipped] == [reason]
    assert [b.text for b in article.blocks] == ["Ministers met on Monday.", "The talks lasted four hours."]


def test_short_lines_that_introduce_a_quote_or_head_a_section_stay(tmp_path: Path) -> None:
    text = (
        "Budget deal agreed\n\nMinisters met on Monday.\n\nThe minister told reporters\n\n"
        '"It is a fair deal."\n\nWhat happens next\n\nThe plan is published on Friday.\n\nHuh!\n\nThe end.'
    )
    article = read_article(write(tmp_path, "a.txt", text))
    assert article.skipped == ()
    assert "The minister told reporters" in [b.text for b in article.blocks]
    assert "What happens next" in [b.text for b in article.blocks]
    assert "Huh!" in [b.text for b in article.blocks]


def test_teaser_footnotes_and_inline_urls(tmp_path: Path) -> None:
    text = (
        "Budget deal agreed\n\nMinisters agreed the budget on Monday after talks that...\n\n"
        "Ministers agreed the budget on Monday after talks that lasted four hours.[1]\n\n"
        "Details are at https://www.example.org/budget/2024 for everyone."
    )
    article = read_article(write(tmp_path, "a.txt", text))
    assert reasons(article) == ["teaser", "footnote-marker", "url"]
    assert article.blocks[0].text.endswith("four hours.")
    assert article.blocks[1].text == "Details are at example.org for everyone."


def test_markup_left_in_text_is_dropped_and_what_it_holds_kept(tmp_path: Path) -> None:
    text = (
        "Budget deal agreed\n\nMinisters met on Monday.\n\n"
        '<tweet author="jroe" tweet_id="7782579">The deal is done.</tweet>.\n\n'
        "It holds if a<b and c>d.<br/>\n\n"
        '<a href=”storify.com” target=”_blank”>Read the thread</a>'
    )
    article = read_article(write(tmp_path, "a.txt", text))
    assert [b.text for b in article.blocks] == [
        "Ministers met on Monday.",
        "The deal is done.",
        "It holds if a<b and c>d.",
        "Read the thread",
    ]
    assert reasons(article) == ["markup"] * 5


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    # UTF-8 once read as Windows-1252, as pasted or exported text carries it, and once more
    text = "Budget deal agreed\n\nItâ€™s done â€” at GuantÃ¡namo, said FranÃ\x83Â§ois.\n\nCafé… déjà vu."
    article = read_article(write(tmp_path, "a.txt", text))
    assert [b.text for b in article.blocks] == ["It’s done — at Guantánamo, said François.", "Café… déjà vu."]


def test_decomposed_accents_are_composed(tmp_path: Path) -> None:
    # "José" written as "e" and a combining accent, as some systems export it, is one word
    text = "Budget deal agreed\n\nJose\u0301 Pen\u0303a said it was done."
    article = read_article(write(tmp_path, "a.txt", text))
    assert article.blocks[0].text == "José Peña said it was done."


def test_seed_article_skip_report() -> None:
    article = read_article(ROOT / "articles" / "hms-argyll.txt")
    assert article.title.startswith("PM Calls For Closer Defence Ties")
    assert [(s.reason, s.text[:11]) for s in article.skipped] == [
        ("kicker", "HMS Argyll"),
        ("teaser", "The Prime M"),
        ("caption", "HMS Argyll"),
        ("caption", "Theresa May"),
    ]


def test_parse_article_from_text() -> None:
    article = parse_article("Headline\n\nBody text here.", "txt", "memory")
    assert article.source == "memory" and article.blocks[0].text == "Body text here."


# --- URLs ---------------------------------------------------------------------------------------


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/article":
            body = HTML.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50_000_000))
            self.end_headers()
        elif self.path == "/slow":
            threading.Event().wait(2)
            self.send_response(200)
            self.end_headers()
        else:
            self.send_error(404, "Not Found")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_url_is_fetched_as_html(server: str) -> None:
    article = read_article(f"{server}/article")
    assert article.title == "Budget agreed after talks"
    assert article.url == f"{server}/article"


def test_url_errors(server: str) -> None:
    with pytest.raises(IngestError, match="404"):
        read_article(f"{server}/missing")
    with pytest.raises(IngestError, match="limit"):
        read_article(f"{server}/big")
    with pytest.raises(IngestError, match="could not download"):
        read_article(f"{server}/slow", timeout=0.3)


def test_wire_byline_dateline_and_credits_are_skipped_and_reported() -> None:
    text = (
        "Ships leave port\n\nBy Anna Kowalski and Tom Price\n\n"
        "ROTTERVIK, Norway (Reuters) - Ships left the harbour on Monday.\n\n"
        "WASHINGTON — later in the story this is ordinary text.\n\n"
        "(Reporting by Anna Kowalski; Editing by Tom Price)\n"
    )
    article = parse_article(text, "txt", "wire.txt")
    assert article.title == "Ships leave port"
    assert article.author == "Anna Kowalski and Tom Price"
    assert [b.text for b in article.blocks] == [
        "Ships left the harbour on Monday.",
        "WASHINGTON — later in the story this is ordinary text.",
    ]
    assert {(s.reason, s.text) for s in article.skipped} == {
        ("byline", "By Anna Kowalski and Tom Price"),
        ("dateline", "ROTTERVIK, Norway (Reuters) -"),
        ("credit", "(Reporting by Anna Kowalski; Editing by Tom Price)"),
    }


def test_the_wires_notices_at_the_end_are_skipped_and_reported() -> None:
    text = (
        "Nurses return\n\nNurses returned to work on Monday.\n\n"
        "This report by The Canadian Press was first published March 4, 2025.\n\n"
        "Copyright 2025 The Associated Press. All rights reserved.\n\n"
        "This material may not be published, broadcast, rewritten or redistributed.\n\n"
        "— With files from Ari Stein in Vancouver\n\n"
        "Associated Press writer Jane Doe in Ottawa contributed to this report.\n\n"
        "Some residents contributed to this fund, which all rights groups praised.\n"
    )
    article = parse_article(text, "txt", "wire.txt")
    assert [b.text for b in article.blocks] == [
        "Nurses returned to work on Monday.",
        "Some residents contributed to this fund, which all rights groups praised.",
    ]
    assert [s.reason for s in article.skipped] == ["notice"] * 5


def test_a_note_about_the_writer_at_the_end_is_skipped_and_reported() -> None:
    text = (
        "Budget passes\n\nBy Jane Okafor\n\nThe council passed the budget on Monday.\n\n"
        "Tom Lee is a freelance journalist who was detained in 2019. He was freed last week.\n\n"
        "Jane Okafor is a reporter covering city hall for the Daily Sentinel.\n"
    )
    article = parse_article(text, "txt", "news.txt")
    # the story's own last-but-one paragraph stays: it is about someone in the news, not the writer
    assert [b.text for b in article.blocks][-1].startswith("Tom Lee is a freelance journalist")
    assert ("author-note", "Jane Okafor is a reporter covering city hall for the Daily Sentinel.") in {
        (s.reason, s.text) for s in article.skipped
    }
    # with no byline, a way to reach the writer says whose note it is
    reach = parse_article(
        "Budget passes\n\nThe council passed the budget.\n\n"
        "Ola Berg is a staff writer. Reach her at ola.berg@example.com.\n",
        "txt",
        "news.txt",
    )
    assert [b.text for b in reach.blocks] == ["The council passed the budget."]


def test_photo_captions_told_by_their_credit_and_page_furniture_are_skipped() -> None:
    text = (
        "Premier vows to fight\n\nListen to this article\n\nPublished 3 hours ago\n\n"
        "FILE PHOTO: Premier Dana Holt speaks in Edmonton, March 1, 2025. REUTERS/Amy Brack/File Photo\n\n"
        "Premier Dana Holt says her government will not back down.\n\n"
        "Holt speaks to reporters on Monday, March 3, 2025. (Jason Franks/The Canadian Press)\n\n"
        "Holt at the legislature. Jason Franks/The Canadian Press\n\n"
        "Open this photo in gallery:\n\n"
        "The concert was headlined by AC/DC.\n\n"
        "Published in 1998, the book sold well.\n\n"
        "“It is a fight we will win,” she said.\n"
    )
    article = parse_article(text, "txt", "news.txt")
    assert [b.text for b in article.blocks] == [
        "Premier Dana Holt says her government will not back down.",
        "The concert was headlined by AC/DC.",
        "Published in 1998, the book sold well.",
        "“It is a fight we will win,” she said.",
    ]
    assert [s.reason for s in article.skipped] == [
        "page-furniture",
        "page-furniture",
        "caption",
        "caption",
        "caption",
        "page-furniture",
    ]


def test_a_byline_and_dateline_with_capitals_outside_a_to_z() -> None:
    text = (
        "Nurses return\n\nBy Élise Gagnon and Łukasz Nowak\n\n"
        "MONTRÉAL, Québec — Nurses returned to work on Monday.\n"
    )
    article = parse_article(text, "txt", "wire.txt")
    assert article.author == "Élise Gagnon and Łukasz Nowak"
    assert [b.text for b in article.blocks] == ["Nurses returned to work on Monday."]
    assert ("dateline", "MONTRÉAL, Québec —") in {(s.reason, s.text) for s in article.skipped}


def test_front_matter_season_episode_and_site() -> None:
    text = "---\ntitle: T\nseason: 2\nepisode: 5\nsite: Harbour News\n---\n\nSome words to read.\n"
    article = parse_article(text, "md", "t.md")
    assert (article.season, article.episode, article.site) == (2, 5, "Harbour News")
    for bad in ("0", "two", "true", "1.5"):
        with pytest.raises(IngestError, match="episode must be a positive whole number"):
            parse_article(text.replace("episode: 5", f"episode: {bad}"), "md", "t.md")
