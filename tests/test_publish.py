"""The feed, pages and artwork: each rule in feed-rules.md checked with XPath on the parsed output."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import podcastparser
import pytest
from lxml import etree, html
from PIL import Image
from publish_helpers import make_channel, make_episode, needs_audio_tools

from narrator.config import podcast_guid
from narrator.errors import PublishError
from narrator.models import Article, Block
from narrator.produce.formats import M4A
from narrator.publish.artwork import generate_cover
from narrator.publish.site import publish, render_feed
from narrator.publish.validate import validate_output

pytestmark = [pytest.mark.audio, needs_audio_tools]

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
NOW = datetime(2024, 6, 1, 9, 30, tzinfo=timezone.utc)
HOSTILE = (
    'Ben & Jerry\'s <script>alert("x")</script> ]]> end \x00\x07\x1b control \U0001f600 "q" {{ 7*7 }} %s'
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    out = tmp_path_factory.mktemp("output")
    day = datetime(2024, 5, 1, 8, 0, tzinfo=timezone.utc)
    episodes = [
        make_episode(out, "oldest", "The oldest story", day - timedelta(days=30), url=None),
        make_episode(out, "hostile", HOSTILE, day),
        make_episode(out, "same-day-b", "Tie B", day + timedelta(days=1)),
        make_episode(out, "same-day-a", "Tie A", day + timedelta(days=1)),
    ]
    publish(make_channel(), episodes, out, NOW)
    return out, episodes


@pytest.fixture(scope="module")
def feed(built: tuple[Path, list]) -> etree._Element:
    return etree.parse(str(built[0] / "feed.xml")).getroot()


def one(root: etree._Element, path: str) -> str:
    found = root.xpath(path, namespaces=NS)
    assert len(found) == 1, f"{path}: {found}"
    value = found[0]
    return value if isinstance(value, str) else (value.text or "")


def test_podcast_guid_matches_the_spec_example() -> None:
    assert podcast_guid("https://podnews.net/rss") == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert podcast_guid("http://podnews.net/rss/") == "9b024349-ccf0-5f69-a609-6b82873eab3c"


def test_document_declares_utf8_rss2_and_the_namespaces(
    built: tuple[Path, list], feed: etree._Element
) -> None:
    raw = (built[0] / "feed.xml").read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert feed.tag == "rss" and feed.get("version") == "2.0"
    assert len(feed.findall("channel")) == 1
    for prefix, uri in NS.items():
        assert feed.nsmap[prefix] == uri


def test_channel_tags(feed: etree._Element) -> None:
    channel = make_channel()
    assert one(feed, "/rss/channel/atom:link[@rel='self']/@href") == "http://127.0.0.1:8765/feed.xml"
    assert one(feed, "/rss/channel/atom:link[@rel='self']/@type") == "application/rss+xml"
    assert one(feed, "/rss/channel/title") == channel.title
    assert one(feed, "/rss/channel/link") == "http://127.0.0.1:8765/"
    assert one(feed, "/rss/channel/description") == channel.description
    assert one(feed, "/rss/channel/language") == "en"
    assert one(feed, "/rss/channel/itunes:image/@href") == "http://127.0.0.1:8765/artwork.jpg"
    assert one(feed, "/rss/channel/itunes:category/@text") == "News"
    assert one(feed, "/rss/channel/itunes:category/itunes:category/@text") == "Daily News"
    assert one(feed, "/rss/channel/itunes:explicit") == "false"
    assert one(feed, "/rss/channel/itunes:author") == channel.author
    assert one(feed, "/rss/channel/itunes:owner/itunes:name") == channel.owner_name
    assert one(feed, "/rss/channel/itunes:owner/itunes:email") == channel.owner_email
    assert one(feed, "/rss/channel/itunes:type") == "episodic"
    assert one(feed, "/rss/channel/podcast:guid") == podcast_guid("http://127.0.0.1:8765/feed.xml")
    assert one(feed, "/rss/channel/podcast:locked") == "yes"
    assert one(feed, "/rss/channel/podcast:locked/@owner") == channel.owner_email
    assert one(feed, "/rss/channel/podcast:medium") == "podcast"
    assert one(feed, "/rss/channel/image/title") == channel.title
    assert one(feed, "/rss/channel/image/link") == one(feed, "/rss/channel/link")
    assert one(feed, "/rss/channel/image/url") == "http://127.0.0.1:8765/artwork.jpg"


def test_items_newest_first_ties_by_slug(feed: etree._Element) -> None:
    links = feed.xpath("/rss/channel/item/enclosure/@url")
    slugs = [link.rsplit("/", 1)[1].removesuffix(".mp3") for link in links]
    assert slugs == ["same-day-a", "same-day-b", "hostile", "oldest"]


def test_item_tags(built: tuple[Path, list], feed: etree._Element) -> None:
    out, episodes = built
    for episode in episodes:
        item = feed.xpath("/rss/channel/item[guid=$guid]", guid=episode.guid)[0]
        # The item links to the original article; without one, to the episode's page.
        page = f"http://127.0.0.1:8765/episodes/{episode.slug}.html"
        assert one(item, "link") == (episode.article.url or page)
        assert one(item, "enclosure/@url") == f"http://127.0.0.1:8765/episodes/{episode.slug}.mp3"
        assert (
            int(one(item, "enclosure/@length")) == (out / "episodes" / f"{episode.slug}.mp3").stat().st_size
        )
        assert one(item, "enclosure/@type") == "audio/mpeg"
        assert one(item, "guid") == episode.guid
        assert one(item, "guid/@isPermaLink") == "false"
        date = one(item, "pubDate")
        assert re.match(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$", date)
        assert parsedate_to_datetime(date) == episode.published
        assert one(item, "itunes:duration") == str(round(episode.duration))
        assert one(item, "itunes:explicit") == "false"
        assert one(item, "itunes:episodeType") == "full"
        assert len(one(item, "description").encode("utf-8")) <= 4000
        base = f"http://127.0.0.1:8765/episodes/{episode.slug}"
        transcripts = {t.get("type"): t.get("url") for t in item.findall("podcast:transcript", NS)}
        assert transcripts == {
            "text/vtt": f"{base}.vtt",
            "application/x-subrip": f"{base}.srt",
            "application/json": f"{base}.transcript.json",
        }
        assert one(item, "podcast:chapters/@url") == f"{base}.chapters.json"
        assert one(item, "podcast:chapters/@type") == "application/json+chapters"
    urls = feed.xpath("//enclosure/@url")
    assert len(urls) == len(set(urls))


def test_descriptions_are_html_in_cdata_with_the_source_link(built: tuple[Path, list]) -> None:
    raw = (built[0] / "feed.xml").read_text(encoding="utf-8")
    assert raw.count("<description><![CDATA[<p>") == 4
    description = html.fragment_fromstring(
        etree.fromstring(raw.encode()).xpath("//item/description/text()")[0], create_parent="div"
    )
    assert description.xpath("//a/@href") == ["https://example.org/articles/story?id=1&lang=en"]


def test_hostile_title_stays_well_formed_and_escaped(built: tuple[Path, list], feed: etree._Element) -> None:
    title = feed.xpath("//item[guid=$g]/title/text()", g=built[1][1].guid)[0]
    assert title == 'Ben & Jerry\'s <script>alert("x")</script> ]]> end control \U0001f600 "q" {{ 7*7 }} %s'
    page = (built[0] / "episodes" / "hostile.html").read_text(encoding="utf-8")
    # The one script element is the page's own player.
    assert page.count("<script") == 1 and "&lt;script&gt;" in page
    assert "alert(" not in page.split("<script>")[1]
    assert "\x00" not in page and "\x1b" not in page


def test_long_article_description_is_cut_to_4000_bytes(tmp_path: Path) -> None:
    episode = make_episode(tmp_path, "long", "Long")
    article = replace(episode.article, description="Ünïcödé & wörds " * 600 + "]]> <b>")
    root = etree.fromstring(render_feed(make_channel(), [replace(episode, article=article)], NOW).encode())
    description = root.xpath("//item/description/text()")[0]
    assert len(description.encode("utf-8")) <= 4000
    assert "]]>" not in description and "<b>" not in description


def test_channel_description_over_4000_bytes_is_refused(tmp_path: Path) -> None:
    episode = make_episode(tmp_path, "one", "One")
    with pytest.raises(PublishError, match="4000"):
        render_feed(make_channel(description="x" * 4001), [episode], NOW)


def test_render_is_pure_and_needs_an_episode(built: tuple[Path, list]) -> None:
    channel, episodes = make_channel(), built[1]
    assert render_feed(channel, episodes, NOW) == render_feed(channel, list(reversed(episodes)), NOW)
    with pytest.raises(PublishError, match="at least one item"):
        render_feed(channel, [], NOW)


def test_max_episodes_keeps_the_newest(built: tuple[Path, list]) -> None:
    root = etree.fromstring(render_feed(make_channel(max_episodes=2), built[1], NOW).encode())
    assert [link.rsplit("/", 1)[1] for link in root.xpath("//item/enclosure/@url")] == [
        "same-day-a.mp3",
        "same-day-b.mp3",
    ]


def test_serial_shows_number_every_item_oldest_first(built: tuple[Path, list]) -> None:
    root = etree.fromstring(render_feed(make_channel(type="serial"), built[1], NOW).encode())
    assert root.xpath("//item/itunes:episode/text()", namespaces=NS) == ["4", "3", "2", "1"]


def test_explicit_is_true_or_false(built: tuple[Path, list]) -> None:
    root = etree.fromstring(render_feed(make_channel(explicit=True, locked=False), built[1], NOW).encode())
    assert set(root.xpath("//itunes:explicit/text()", namespaces=NS)) == {"true"}
    assert root.xpath("//podcast:locked/text()", namespaces=NS) == ["no"]


def test_feedparser_reads_every_episode(built: tuple[Path, list]) -> None:
    parsed = feedparser.parse((built[0] / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == 4
    for entry in parsed.entries:
        assert entry.enclosures[0].href.endswith(".mp3")
        assert entry.enclosures[0].type == "audio/mpeg"
        assert entry.title


def test_podcastparser_reads_every_episode(built: tuple[Path, list]) -> None:
    with open(built[0] / "feed.xml", "rb") as stream:
        parsed = podcastparser.parse("http://127.0.0.1:8765/feed.xml", stream)
    assert parsed["title"] == "Test Podcast"
    assert len(parsed["episodes"]) == 4
    sizes = {ep.slug: ep.size for ep in built[1]}
    for episode in parsed["episodes"]:
        (enclosure,) = episode["enclosures"]
        slug = enclosure["url"].rsplit("/", 1)[1].removesuffix(".mp3")
        assert enclosure["file_size"] == sizes[slug]
        assert enclosure["mime_type"] == "audio/mpeg"
        assert episode["total_time"] > 0


def test_published_output_passes_the_validator(built: tuple[Path, list]) -> None:
    assert validate_output(built[0]) == []


def test_generated_artwork_is_a_square_rgb_jpeg(built: tuple[Path, list]) -> None:
    data = (built[0] / "artwork.jpg").read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (1400, 1400))
    assert len(data) < 512 * 1024
    assert generate_cover("Test Podcast") == data


def test_given_artwork_is_checked(tmp_path: Path) -> None:
    episode = make_episode(tmp_path / "out", "one", "One")
    bad = tmp_path / "art.png"
    Image.new("RGBA", (1000, 800)).save(bad)
    with pytest.raises(PublishError) as caught:
        publish(make_channel(artwork=bad), [episode], tmp_path / "out", NOW)
    message = str(caught.value)
    assert "square" in message and "1400-3000" in message and "RGBA" in message
    good = tmp_path / "art2.png"
    Image.new("RGB", (1400, 1400), (10, 20, 30)).save(good)
    publish(make_channel(artwork=good), [episode], tmp_path / "out", NOW)
    with Image.open(tmp_path / "out" / "artwork.jpg") as published:
        assert (published.format, published.mode, published.size) == ("JPEG", "RGB", (1400, 1400))
        assert published.getpixel((700, 700)) == pytest.approx((10, 20, 30), abs=3)
    jpeg = tmp_path / "art.jpg"
    Image.new("RGB", (1500, 1500), (200, 10, 10)).save(jpeg, quality=80)
    publish(make_channel(artwork=jpeg), [episode], tmp_path / "out", NOW)
    assert (tmp_path / "out" / "artwork.jpg").read_bytes() == jpeg.read_bytes()


def test_publish_refuses_missing_or_resized_audio(tmp_path: Path) -> None:
    episode = make_episode(tmp_path, "one", "One")
    with pytest.raises(PublishError, match="bytes"):
        publish(make_channel(), [replace(episode, size=episode.size + 1)], tmp_path, NOW)
    episode.audio.unlink()
    with pytest.raises(PublishError, match="missing"):
        publish(make_channel(), [episode], tmp_path, NOW)
    assert not (tmp_path / "feed.xml").exists()


def test_episode_without_guid_is_refused(tmp_path: Path) -> None:
    episode = make_episode(tmp_path, "one", "One")
    with pytest.raises(PublishError, match="GUID"):
        render_feed(make_channel(), [replace(episode, guid="")], NOW)


def test_description_falls_back_to_the_opening_paragraphs(tmp_path: Path) -> None:
    episode = make_episode(tmp_path, "one", "One", url=None)
    article = Article("One", (Block("heading", "Skip me", 1), Block("paragraph", "First words.")), "one.txt")
    root = etree.fromstring(render_feed(make_channel(), [replace(episode, article=article)], NOW).encode())
    assert root.xpath("//item/description/text()") == ["<p>First words.</p>"]


def test_index_page_has_players_captions_chapters_and_transcripts(built: tuple[Path, list]) -> None:
    page = html.parse(str(built[0] / "index.html")).getroot()
    assert page.get("lang") == "en"
    assert page.xpath("//a[@class='skip']/@href") == ["#main"]
    for landmark in ("header", "main", "footer", "nav"):
        assert page.xpath(f"//{landmark}"), landmark
    assert page.xpath("//h1/text()") == ["Test Podcast"]
    assert page.xpath("//a[@href='feed.xml']")
    audios = page.xpath("//audio")
    assert len(audios) == 4
    for audio in audios:
        assert audio.get("preload") == "metadata" and audio.get("controls") is not None
        slug = audio.get("src").removeprefix("episodes/").removesuffix(".mp3")
        (track,) = audio.xpath("track")
        assert track.get("kind") == "captions" and track.get("srclang") == "en" and track.get("label")
        assert track.get("src") == f"episodes/{slug}.vtt" and track.get("default") is not None
    text = page.text_content()
    assert "Anna Smith:" in text and "Narrator:" in text and "Second half" in text
    assert page.xpath("//a[@href='https://example.org/articles/story?id=1&lang=en']")


def test_m4a_episodes_are_enclosed_as_audio_x_m4a_and_offered_as_m4a(tmp_path: Path) -> None:
    episode = make_episode(tmp_path, "story", "A story", audio_format=M4A)
    publish(make_channel(), [episode], tmp_path, NOW)
    parsed = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    (enclosure,) = parsed.entries[0].enclosures
    assert (enclosure.href, enclosure.type) == ("http://127.0.0.1:8765/episodes/story.m4a", "audio/x-m4a")
    assert int(enclosure.length) == (tmp_path / "episodes" / "story.m4a").stat().st_size
    page = html.parse(str(tmp_path / "episodes" / "story.html")).getroot()
    assert page.xpath("//audio/@src") == ["story.m4a"]
    assert page.xpath("//a[@download]/text()") == ["Download the M4A"]
    assert validate_output(tmp_path) == []


def test_episode_page_uses_local_links_and_one_h1(built: tuple[Path, list]) -> None:
    page = html.parse(str(built[0] / "episodes" / "oldest.html")).getroot()
    assert page.xpath("//h1/text()") == ["The oldest story"]
    assert page.xpath("//audio/@src") == ["oldest.mp3"]
    assert page.xpath("//audio/track/@src") == ["oldest.vtt"]
    assert page.xpath("//img/@src") == ["../artwork.jpg"]
    assert page.xpath("//h2/text()") == ["Chapters", "Transcript"]


SCRIPT = (
    ("paragraph", "Narrator", "The council met on Tuesday."),
    ("paragraph", "Narrator", "It voted on the new bridge."),
    ("heading", "Narrator", "A wall you can see over"),
    ("paragraph", "Narrator", "The lead engineer explained the design."),
    ("paragraph", "Anna Smith", "It keeps the view open."),
)


def test_episode_page_sets_headings_apart_and_links_every_time(tmp_path: Path) -> None:
    episode = make_episode(tmp_path, "bridge", "The bridge", NOW, script=SCRIPT, language="en-GB")
    publish(make_channel(language="fr"), [episode], tmp_path, NOW)
    page = html.parse(str(tmp_path / "episodes" / "bridge.html")).getroot()
    assert page.get("lang") == "en-gb"
    assert page.xpath("//h2/text()") == ["Chapters", "Transcript"]
    (heading,) = page.xpath("//section[@class='transcript']/h3")
    assert heading.xpath("string(.//span[@class='cue'])") == "A wall you can see over"
    paragraphs = [" ".join(p.xpath(".//span[@class='cue']/text()")) for p in page.xpath("//section/p")]
    assert paragraphs == [
        "The council met on Tuesday. It voted on the new bridge.",
        "The lead engineer explained the design.",
        "It keeps the view open.",
    ]
    heading_start = episode.cues[2].start
    for link in page.xpath("//a[contains(@class, 'seek')]"):
        start = float(link.get("data-start"))
        assert link.get("href") == f"bridge.mp3#t={link.get('data-start')}"
        assert any(abs(start - point) < 0.001 for point in [c.start for c in episode.cues])
    chapter_links = page.xpath("//section[@class='chapters']//a")
    assert [a.text_content() for a in chapter_links] == ["The bridge", "A wall you can see over"]
    assert float(chapter_links[1].get("data-start")) == pytest.approx(heading_start, abs=0.001)
    cues = page.xpath("//span[@class='cue']")
    assert [(float(c.get("data-start")), float(c.get("data-end"))) for c in cues] == [
        pytest.approx((cue.start, cue.end), abs=0.001) for cue in episode.cues
    ]
    assert page.xpath("//select[@class='speed']/option/@value") == ["0.75", "1", "1.25", "1.5", "1.75", "2"]
    assert page.xpath("//track/@srclang") == ["en-gb"]
    assert page.xpath("//details[@class='shortcuts']//kbd")


def test_index_marks_an_episode_in_another_language(tmp_path: Path) -> None:
    english = make_episode(tmp_path, "english", "English", NOW, language="en")
    welsh = make_episode(tmp_path, "welsh", "Cymraeg", NOW, language="cy")
    odd = make_episode(tmp_path, "odd", "Odd", NOW, language="not a language")
    publish(make_channel(), [english, welsh, odd], tmp_path, NOW)
    page = html.parse(str(tmp_path / "index.html")).getroot()
    assert page.get("lang") == "en"
    assert {a.get("aria-labelledby"): a.get("lang") for a in page.xpath("//article")} == {
        "episode-english": None,
        "episode-welsh": "cy",
        "episode-odd": None,
    }


def test_show_notes_and_page_name_the_original_site(tmp_path: Path) -> None:
    episode = make_episode(tmp_path, "pier", "Pier", NOW, url="https://news.example/pier?a=1&b=2")
    episode = replace(episode, article=replace(episode.article, site="Harbour <News> & Co"))
    publish(make_channel(), [episode], tmp_path, NOW)
    item = etree.parse(str(tmp_path / "feed.xml")).getroot().find("channel/item")
    assert item.findtext("link") == "https://news.example/pier?a=1&b=2"
    notes = html.fragment_fromstring(item.findtext("description"), create_parent="div")
    (line,) = [p for p in notes.xpath("p") if p.text_content().startswith("Original article")]
    assert line.text_content() == "Original article on Harbour <News> & Co: https://news.example/pier?a=1&b=2"
    assert line.xpath("a/@href") == ["https://news.example/pier?a=1&b=2"]
    page = html.parse(str(tmp_path / "episodes" / "pier.html")).getroot()
    assert page.xpath("//a[@href='https://news.example/pier?a=1&b=2']/text()") == [
        "Read the original article on Harbour <News> & Co"
    ]


def test_a_rebuild_that_changes_nothing_leaves_the_feed_and_pages_as_they_were(tmp_path: Path) -> None:
    episodes = [make_episode(tmp_path, "one", "One", NOW), make_episode(tmp_path, "two", "Two", NOW)]
    publish(make_channel(), episodes, tmp_path, NOW)
    files = [tmp_path / "feed.xml", tmp_path / "index.html", *(tmp_path / "episodes").glob("*.html")]

    def state() -> dict[Path, tuple[bytes, int]]:
        return {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files}

    before = state()
    publish(make_channel(), episodes, tmp_path, NOW + timedelta(days=3))
    assert state() == before
    # A changed title is new content: the feed says when it was built; the other episode's page stays.
    later = NOW + timedelta(days=4)
    publish(make_channel(), [replace(episodes[0], title="One, revised"), episodes[1]], tmp_path, later)
    feed = etree.parse(str(tmp_path / "feed.xml")).getroot()
    assert parsedate_to_datetime(one(feed, "/rss/channel/lastBuildDate")) == later
    two = tmp_path / "episodes" / "two.html"
    assert state()[two] == before[two]


def numbered(tmp_path: Path, **channel: object) -> list[etree._Element]:
    day = datetime(2024, 1, 1, tzinfo=timezone.utc)
    base = make_episode(tmp_path, "base", "Base", day)

    def episode(slug: str, days: int, **article: object) -> object:
        return replace(
            base, slug=slug, title=slug.title(), published=day + timedelta(days=days),
            article=replace(base.article, title=slug.title(), **article), guid=f"urn:{slug}",
        )

    episodes = [
        episode("first", 1),
        episode("second", 2),
        episode("pinned", 3, episode=7),
        episode("next-season", 4, season=2),
        episode("later", 5, season=2),
    ]
    root = etree.fromstring(render_feed(make_channel(**channel), episodes, NOW).encode())
    return root.xpath("//item")


def test_items_carry_itunes_title_and_numbers_when_asked(tmp_path: Path) -> None:
    plain = numbered(tmp_path)
    assert [one(item, "itunes:title") for item in plain] == [one(item, "title") for item in plain]
    numbers = {one(i, "title"): i.findtext("itunes:episode", namespaces=NS) for i in plain}
    assert numbers == {"Later": None, "Next-Season": None, "Pinned": "7", "Second": None, "First": None}
    items = numbered(tmp_path, episode_numbers=True)
    pairs = {
        one(i, "title"): (i.findtext("itunes:season", namespaces=NS), one(i, "itunes:episode")) for i in items
    }
    assert pairs == {
        "First": (None, "1"),
        "Second": (None, "2"),
        "Pinned": (None, "7"),
        "Next-Season": ("2", "1"),
        "Later": ("2", "2"),
    }


def test_validate_flags_two_items_with_one_number(tmp_path: Path) -> None:
    from narrator.publish.validate import FeedCheck

    day = NOW - timedelta(days=9)
    episodes = [
        make_episode(tmp_path, "a", "A", day),
        make_episode(tmp_path, "b", "B", day + timedelta(days=1)),
    ]
    episodes = [replace(ep, article=replace(ep.article, episode=3)) for ep in episodes]
    root = etree.fromstring(render_feed(make_channel(), episodes, NOW).encode())
    problems = [p for p in FeedCheck(root, tmp_path).run() if p.rule == "item.episode"]
    assert [(p.severity, p.message) for p in problems] == [
        (
            "warning",
            "item 2: episode 3 is also item 1's; give each episode its own number (front matter episode:)",
        )
    ]


def test_apple_subcategory_in_one_setting(tmp_path: Path) -> None:
    from narrator.config import load_channel

    config = tmp_path / "podcast.toml"
    config.write_text(
        '[podcast]\ntitle = "T"\ndescription = "D"\nauthor = "A"\nowner_email = "a@example.org"\n'
        'language = "en"\ncategory = "News > Daily News"\nbase_url = "http://127.0.0.1:8765/"\n',
        encoding="utf-8",
    )
    channel = load_channel(config)
    assert (channel.category, channel.subcategory) == ("News", "Daily News")
    episode = make_episode(tmp_path, "a", "A", NOW)
    root = etree.fromstring(render_feed(channel, [episode], NOW).encode())
    assert root.xpath("//channel/itunes:category/@text", namespaces=NS) == ["News"]
    assert root.xpath("//channel/itunes:category/itunes:category/@text", namespaces=NS) == ["Daily News"]
