"""/favicon.ico: browsers ask for it at the root whatever the page says, so it answers there too."""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request):
    path = finders.find("favicon.ico")
    if not path:  # pragma: no cover - the file ships with the project
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/vnd.microsoft.icon")
