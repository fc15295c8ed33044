"""Response headers Django does not set itself."""

from django.conf import settings


def permissions_policy(get_response):
    """Tell browsers which powerful features (camera, location…) no page here may use."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
