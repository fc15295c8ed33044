class UnicodeSlugConverter:
    """A slug as SlugField(allow_unicode=True) stores it: letters of any script, digits, - and _.

    Anything else in the path (a NUL byte, a slash, punctuation) never reaches a
    view or the database: the URL does not match, and the answer is a 404.
    """

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
