FROM python:3.11-slim-bookworm
# Pango and fonts for WeasyPrint (meeting reports, deliverable PDFs): DejaVu for Latin and Cyrillic,
# Noto for Arabic (Naskh, shaped by HarfBuzz) and Chinese (Sans CJK); pg_dump/pg_restore (15, as the
# database) and gpg for the backups (django-dbbackup).
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
        fonts-noto-core fonts-noto-cjk \
        postgresql-client gnupg \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app u4ssc \
    && mkdir -p /data/media /data/backups && chown -R u4ssc /data
WORKDIR /app
# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p u4ssc && touch u4ssc/__init__.py && pip install --no-cache-dir . && pip uninstall -y u4ssc-portal
COPY . .
RUN pip install --no-cache-dir --no-deps -e . \
    && DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && DJANGO_SECRET_KEY=build-only python manage.py compile_catalogues
ENV DJANGO_SETTINGS_MODULE=u4ssc.settings PYTHONUNBUFFERED=1 PYTHONPATH=/app U4SSC_MEDIA_ROOT=/data/media
USER u4ssc
EXPOSE 8000
CMD ["gunicorn", "u4ssc.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
