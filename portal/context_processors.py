from django.conf import settings

from governance.rulebook import principal_for


def portal(request):
    user = getattr(request, "user", None)
    principal = principal_for(user) if user is not None else None
    return {
        "principal": principal,
        "user_roles": principal.roles() if principal else set(),
        "SITE_NAME": "U4SSC",
        "DEBUG": settings.DEBUG,
    }
