FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
RUN pip install --no-cache-dir . && DJANGO_SECRET_KEY=build python manage.py collectstatic --noinput
ENV DJANGO_SETTINGS_MODULE=u4ssc.settings PYTHONUNBUFFERED=1
EXPOSE 8000
CMD ["gunicorn", "u4ssc.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
