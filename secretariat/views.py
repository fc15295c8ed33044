"""Pieces shared by the public views of every app."""


class SectionMixin:
    """Names the site section a view belongs to, so the navigation can mark it current."""

    section = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)
