"""Line shapes and whole-line vocabulary that mark page furniture, kept as data.

Vocabulary matches whole lines only (anchored, case-insensitive), like trafilatura's
`RE_FILTER`: a word inside a sentence never removes the sentence. Every entry here is a
convention shared by many outlets, not one site's wording; prefer a shape rule in
`clean.py` over a new entry. After a change, re-run `python benchmarks/eval_extraction.py`.
"""

from __future__ import annotations

import re

# Whole lines that are page furniture on any outlet (ads, calls to action, widgets).
FURNITURE_LINES = re.compile(
    r"^\W*(?:"
    r"advertisement|advertising|ad|ads|sponsored(?: content)?|promoted|story continues below"
    r"|(?:learn|read|see|show|load) more|continue reading|read (?:the )?full (?:story|article)"
    r"|get (?:more|the latest)(?: \w+)? (?:with|from|on|in) \S+(?: \S+)?"
    r"|sign ?up|sign in|log ?in|log ?out|register|subscribe(?: now)?|subscribe to [\w ]{1,40}"
    r"|newsletter|get the newsletter|follow us(?: on [\w ]{1,30})?|share(?: this(?: article| story)?)?"
    r"|tweet|email|print|comments?|\d+ comments?|view comments|leave a (?:reply|comment)"
    r"|related(?: articles| stories| content| coverage)?|most (?:popular|read|viewed)|trending"
    r"|skip to (?:main )?content|menu|close|search|home|top|back to top|more|next|previous"
    r"|your email address will not be published\..*|required fields are marked \*"
    r"|all rights reserved\.?|(?:©|copyright)\s.*|cookie.*|accept(?: all)?(?: cookies)?"
    r"|privacy policy|terms of (?:use|service)|contact us|about us"
    r")\W*$",
    re.IGNORECASE,
)

# A label printed above a headline that says the piece is opinion, not news.
OPINION_MARKERS = re.compile(
    r"^(?:opinion|comment|commentary|analysis|editorial|op-ed|perspective|viewpoint|column)$",
    re.IGNORECASE,
)

# "Caption text. Photo: Credit" (also Image/Picture/Illustration/Video credit forms), the
# credit possibly in brackets: "Protesters wore masks (Image: GETTY )".
CAPTION_CREDIT = re.compile(
    r"^(?P<caption>.*\S)\s+(?P<open>\()?(?:Photo|Photograph|Picture|Image|Illustration|Graphic|Video)s?"
    r"(?:\s+by)?\s*[:：]\s*(?P<credit>[^.!?]{1,80}?)(?(open)\s*\))$"
)

# "by Jane Doe", "By Jane Doe and John Roe"
BYLINE = re.compile(r"^(?:by|By|BY)\s+(?P<names>[^\d\W][^.!?:;]{0,80})$")

# "Jane Doe contributed reporting from Beijing." and "... contributed to this report."
CONTRIBUTOR = re.compile(
    r"^(?P<names>[A-Z][^.!?]{1,120}?)\s+contributed\s+(?:reporting|research|to this (?:report|article))\b.*$"
)

# A video block's duration line: 01:44 or 1:02:03.
DURATION = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")

# A standfirst bullet: •, ·, ▪, ■, ►, or a dash used as a bullet.
BULLET = re.compile(r"^(?:[•·▪■►●◦‣]|[-–*])\s+(?P<text>\S.*)$")

# A bare number ending the page: the comment counter.
COUNT = re.compile(r"^\d{1,6}$")

# A line ends like a sentence: final punctuation, possibly inside closing quotes/brackets.
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』]*$|[\"”»」』]$")

# A line ending in one of these continues its sentence on the next line.
CONTINUATION_MARKS = (",", "、", "，", ";", "；")

# Characters of scripts written without spaces between words (CJK ideographs, kana, hangul).
CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")

# A person's name on a line of its own: two to four capitalised words.
NAME_LINE = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|bin|al))"
                       r"{1,3}$")

# "Jane Doe is a professor of ..." : the author bio closing an opinion piece.
BIO = re.compile(r"^(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s+(?:is|was)\s+"
                 r"(?:a|an|the|also|currently|formerly)\s")

# Runs of digits, blurred when comparing the shapes of lines ("Rating: 36 Votes").
DIGITS = re.compile(r"\d+")

# One cell of a flattened table row: a number, a score, a percentage or a time ("5040", "2-1", "45%", "1:02").
NUMBER_TOKEN = re.compile(r"^[+-]?\d[\d.,:%/-]*$")

# A teaser whose headline is glued to its summary, as a rail of links is flattened:
# "Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left ...".
# At least three headline words (capitalised, or the small words of a title) before a word
# whose lowercase run (3+ letters, so "McDonald", "YouTube" and "iPhone" do not count) runs
# straight into a capital.
_TITLE_WORD = r"(?:[A-Z0-9$'‘“\"(][^\s]*|a|an|the|at|in|of|to|for|and|or|on|with|by|from|&|[-–—:|])"
GLUED_TEASER = re.compile(rf"^(?:{_TITLE_WORD}\s+){{3,}}\S*?[a-z]{{3,}}[?!.:’'\"”]?[A-Z](?:[a-z]|\s)")

# A short call to action: "Share on Reddit", "SIGN UP FOR OUR NEWSLETTER", "Read Later",
# "Follow us on Twitter". A verb of the page's widgets opening a line of at most 6 words.
CALL_TO_ACTION = re.compile(
    r"^\W*(?:share|follow|pin|tweet|e-?mail|print|save|send|copy|sign\s?up|subscribe|log\s?in|"
    r"sign\s?in|register|download|click|tap|join|leave|view|read|see|load|show|skip|go\s+to|back\s+to|"
    r"close|open|watch|listen|play|replay|get|try|buy|shop|donate|support|contact|browse|visit|order|continue)\b"
    r"(?:\W+\w+){0,5}\W*$", re.IGNORECASE)

# A photo credit on its own or closing a caption: "Photo: iFixit", "(Image: © NASA/ESA)",
# "© REUTERS / POOL", "... Trump, October 31, 2019. (Joshua Roberts/Reuters)", "Credit...",
# and a photographer and agency joined by slashes, "Ana Ruiz/Coastal Press".
PHOTO_CREDIT = re.compile(
    r"^\W*(?:photo|photograph|image|picture|illustration|graphic|video|credit|source)s?(?:\s+by)?\s*(?:[:：]|\.\.\.|…)"
    r"|^\W*©|\((?:[^()]*[/©][^()]*|[^()]*\b(?:photo|image|file)\b[^()]*)\)$"
    r"|^(?:[A-Z][\w.'’&-]*\s?){1,4}(?:/(?:[A-Z][\w.'’&-]*\s?){1,4}){1,3}$",
    re.IGNORECASE)

# A counter widget: "258 Shares", "84.1K", "4 comments", "1of4".
COUNTER = re.compile(r"^[\d.,]+[KkMm]?(?:\s+\w+)?$")

# A field label and its value: "Filed to: innovation", "Tags: energy, trade" (at most two
# words before the colon, a lower-case value after it).
LABEL_VALUE = re.compile(r"^[^\W\d_]+(?:\s+[^\W\d_]+)?\s*:\s+[a-z]")

# A caption glued to its credit: "... in Braunau, Austria.Jane Roe / Agency file" (a full
# stop with no space between two words).
GLUED_CAPTION = re.compile(r"[a-z]{2}\.[A-Z][a-z]")

# A word, for comparing the words of two lines.
WORD = re.compile(r"\w+")

# The button that closes a promotion: "SUBSCRIBE", "Sign up now", "Join free", "Download the app".
PROMO_ACTION = re.compile(
    r"^\W*(?:subscribe|sign\s?up|join|download|register|get|try|buy|shop|donate|support|learn\s+more)\b"
    r"(?:\W+\w+){0,5}\W*$", re.IGNORECASE)

# A breadcrumb: "BLOG > Nutrition > Meal Plans", "Home » Dare to Play »".
BREADCRUMB = re.compile(r"\s[>»›]\s|\s[>»›]$")

# What joins a site's name to a headline that follows it: "Site | Headline".
TITLE_SEPARATOR_BEFORE = re.compile(r"\S\s+[-–—|:·•»]\s+$")

# What joins a headline to the site's name in a page's <title>: " - Site", " | Site", " – Site".
TITLE_SEPARATOR = re.compile(r"^\s+[-–—|:·•»]\s+\S")

# A required form field ("Name *", "Email*", "Select Edition(s)*"): a comment or newsletter
# form, which only ever follows the article. A shape, not vocabulary: a short label and the
# required marker, nothing else on the line.
FORM_FIELD = re.compile(r"^[^\W\d_][\w ()'’-]{0,30}?\s?\*$")


# The measures every part of the cleaner reads off a line: how many words it has, whether it
# ends like a sentence, whether it is prose or a label.
# A prose line has at least this many words and ends like a sentence. Calibrated on the
# seeds and ../shared/extraction-dev: shorter sentence lines are mostly captions or teasers.
PROSE_MIN_WORDS = 10
# A label (kicker, column) has at most this many words.
LABEL_MAX_WORDS = 8
# Japanese and Chinese have no spaces: this many characters count as one word (a typical
# Japanese news sentence of 40 characters then weighs like a 16-word English one).
CJK_CHARS_PER_WORD = 2.5
# Closing punctuation plus closing quotes/brackets fit in this many final characters.
SENTENCE_TAIL_CHARS = 8


def words(text: str) -> int:
    """Whitespace words; a script written without spaces (CJK) counts characters instead."""
    cjk = len(CJK_CHAR.findall(text))
    if not cjk:
        return len(text.split())
    rest = [t for t in CJK_CHAR.sub(" ", text).split() if any(c.isalnum() for c in t)]
    return len(rest) + round(cjk / CJK_CHARS_PER_WORD)


def ends_sentence(text: str) -> bool:
    """Closing punctuation, looked for in the last characters only: a `$`-anchored search
    over a whole long line is the cleaner's hottest loop (benchmarks/bench_clean.py)."""
    return bool(SENTENCE_END.search(text[-SENTENCE_TAIL_CHARS:]))


def is_prose(text: str) -> bool:
    """A sentence-like line long enough to be article text."""
    return (words(text) >= PROSE_MIN_WORDS and bool(ends_sentence(text))
            and not CAPTION_CREDIT.match(text) and not FURNITURE_LINES.match(text)
            and not GLUED_TEASER.match(text))


def is_label(text: str) -> bool:
    """A kicker or column label: short, no closing punctuation."""
    return (1 <= words(text) <= LABEL_MAX_WORDS and not ends_sentence(text)
            and not FURNITURE_LINES.match(text) and not BYLINE.match(text)
            and not CAPTION_CREDIT.match(text) and not COUNT.match(text)
            and not DURATION.match(text) and not BULLET.match(text))
