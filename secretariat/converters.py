class UnicodeSlugConverter:
    """A slug as SlugField(allow_unicode=True) stores it: letters of any script, digits, - and _.

    Anything else (a NUL byte, punctuation) is a 404, never reaching a view.
    """

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
