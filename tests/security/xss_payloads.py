"""XSS payloads, each carrying its own marker, for the tests that content stays inert.

Every payload holds a marker `xssNN` (two digits, unique to it). Where a payload
would create an element, that element carries the marker as an attribute name
(`data-xssNN`), which no escaped text can ever produce; where it would run
code, the code is `xssNN=alert(NN)`, which both opens a dialog and leaves a
global variable `xssNN` behind (tests/browser/test_xss.py looks for both).
Template payloads (`{{ }}`, `{% %}`) start with their marker, so that the text
after it shows whether Django evaluated them (`tests.security.inert`).
"""

import re

MARKER = re.compile(r"xss\d\d")


def _js(n):
    return f"xss{n:02d}=alert({n})"


# (number, template); "{js}" and "{m}" are filled in below.
_TEMPLATES = [
    (1, "<script>{js}</script>"),
    (2, "<SCRIPT SRC=//{m}.invalid/x.js data-{m}></SCRIPT>"),
    (3, "<img src=x data-{m} onerror={js}>"),
    (4, "<svg data-{m} onload={js}>"),
    (5, "<svg><script data-{m}>{js}</script></svg>"),
    (6, '<iframe data-{m} src="javascript:{js}"></iframe>'),
    (7, '<a data-{m} href="javascript:{js}">click me</a>'),
    (8, '<a data-{m} href="jav&#x09;ascript:{js}">tab-encoded scheme</a>'),
    (9, "<body data-{m} onload={js}>"),
    (10, '"><script data-{m}>{js}</script>'),
    (11, "'><img src=x data-{m} onerror={js}>"),
    (12, '" data-{m} autofocus onfocus="{js}'),
    (13, "' data-{m} autofocus onfocus='{js}"),
    (14, "</title><script data-{m}>{js}</script>"),
    (15, "</textarea><script data-{m}>{js}</script>"),
    (16, "</script><script data-{m}>{js}</script>"),
    (17, "<details open data-{m} ontoggle={js}>"),
    (18, "<math><mtext><table><mglyph><style><img src=x data-{m} onerror={js}>"),
    (19, '<object data-{m} data="javascript:{js}"></object>'),
    (20, '<embed data-{m} src="javascript:{js}">'),
    (21, '<iframe data-{m} srcdoc="&lt;script&gt;{js}&lt;/script&gt;"></iframe>'),
    (22, "<input data-{m} autofocus onfocus={js}>"),
    (23, "<video data-{m}><source data-{m} onerror={js}></video>"),
    (24, "<marquee data-{m} onstart={js}>scrolling</marquee>"),
    (25, "&lt;script&gt;{js}&lt;/script&gt;"),
    (26, "%3Cscript%3E{js}%3C%2Fscript%3E"),
    (27, "\\u003cscript\\u003e{js}\\u003c/script\\u003e"),
    (28, "<scr<script data-{m}>ipt>{js}</scr</script>ipt>"),
    (29, "<IMG data-{m} SRC=JaVaScRiPt:{js}>"),
    (
        30,
        '<a data-{m} href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;{js}">'
        "decimal entities</a>",
    ),
    (31, '<a data-{m} href=" &#14;  javascript:{js}">control character</a>'),
    (32, '<form data-{m} action="javascript:{js}"><button>send</button></form>'),
    (33, '<button data-{m} formaction="javascript:{js}">send</button>'),
    (34, '<base data-{m} href="javascript:{js}//">'),
    (35, '<meta data-{m} http-equiv="refresh" content="0;url=javascript:{js}">'),
    (36, '<link data-{m} rel=stylesheet href="javascript:{js}">'),
    (37, "<style data-{m}>@import 'javascript:{js}';</style>"),
    (38, '<div data-{m} style="background:url(javascript:{js})">styled</div>'),
    (39, '<svg><a data-{m} xlink:href="javascript:{js}"><text>svg link</text></a></svg>'),
    (40, "<svg><animate data-{m} onbegin={js} attributeName=x dur=1s>"),
    (41, '<noscript><p title="</noscript><img src=x data-{m} onerror={js}>">'),
    (42, '<!--<img src="--><img src=x data-{m} onerror={js}//">'),
    (43, "javascript:{js}"),
    (44, "<img src=x data-{m} onerror=&#120;ss44=&#97;&#108;&#101;&#114;&#116;(44)>"),
    (45, "\uff1cscript\uff1e{js}\uff1c/script\uff1e"),
    (46, '"onmouseover="{js}" data-{m}="'),
    (47, "<svg/onload={js} data-{m}>"),
    (48, '<img """><script data-{m}>{js}</script>">'),
    (49, "<x-tag data-{m} onpointerover={js}>hover me</x-tag>"),
    (50, '<a data-{m} href="data:text/html;base64,PHNjcmlwdD5hbGVydCg1MCk8L3NjcmlwdD4=">data</a>'),
    (51, "<img src=x data-{m} onerror=\\u0078ss51=alert(51)>"),
    (52, "<<script data-{m}>{js}//<</script>"),
    # Template syntax: shown as typed, never evaluated.
    (60, "{m}{{{{7|add:42}}}}"),
    (61, "{m}{{%debug%}}"),
    (62, "{m}{{{{settings.SECRET_KEY}}}}{{{{request.user}}}}"),
    (63, "{m}{{%load static%}}{{%static 'x.js'%}}"),
    (64, "{m}{{%csrf_token%}}{{{{csrf_token}}}}"),
    (65, "{m}${{7*7}}#{{7*7}}<%= 7*7 %>"),
    (66, "{m}{{{{''.__class__}}}}{{%include 'base.html'%}}"),
]

PAYLOADS = [template.format(js=_js(n), m=f"xss{n:02d}") for n, template in _TEMPLATES]

# The template payloads: each starts with its marker, then the text as typed.
TEMPLATE_PAYLOADS = [payload for payload in PAYLOADS if payload[:3] == "xss"]
