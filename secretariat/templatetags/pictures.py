"""`{% picture %}`: a stored picture as the public sees it, through its renditions."""

from django import template

from secretariat import renditions

register = template.Library()

# Most pictures here fill the text column (at most about 48rem wide) or the screen.
DEFAULT_SIZES = "(min-width: 50rem) 48rem, 100vw"


@register.inclusion_tag("includes/picture.html")
def picture(file, alt, sizes=DEFAULT_SIZES, eager=False, css_class="", lang=""):
    """A <picture> of `file` (an ImageField's value): WebP renditions, a fallback <img>.

    `sizes`: the CSS width it takes; `eager`: above the fold, not loaded lazily;
    `lang`: the BCP 47 tag of `alt` when not in the page's language.
    """
    if not file:
        return {"picture": None}
    offered = renditions.renditions(file)
    fallback = offered["fallback"]
    # For browsers that read neither srcset nor <picture>.
    default = min(fallback, key=lambda rendition: abs(rendition.width - 960))
    return {
        "picture": {
            "webp_srcset": _srcset(offered["webp"]),
            "fallback_srcset": _srcset(fallback),
            "fallback_type": offered["fallback_type"],
            "src": default,
            "alt": alt,
            "sizes": sizes,
            "eager": eager,
            "css_class": css_class,
            "lang": lang,
        }
    }


def _srcset(items):
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in items)
