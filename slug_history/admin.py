from django.contrib import admin
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site

# The one Site row follows the SITE_DOMAIN setting; an edit here would be undone
# by the next `migrate`.
admin.site.unregister(Site)
# Redirects are written by slug_history.redirects, which keeps them one hop
# long; a hand-made one could start a chain or a loop, or shadow nothing.
admin.site.unregister(Redirect)
