from django.contrib import admin
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site

# The Site follows SITE_DOMAIN; an edit would be undone by the next `migrate`.
admin.site.unregister(Site)
# slug_history.redirects keeps them one hop long; a hand-made one could loop.
admin.site.unregister(Redirect)
