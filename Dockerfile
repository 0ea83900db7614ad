# The application image: web (gunicorn), worker and beat all run it.
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

RUN useradd --create-home --uid 10001 veridact

# Dependencies first, so a code change does not reinstall them: the production lock, every
# release pinned and checked against its hash.
COPY requirements.txt ./
RUN pip install --require-hashes --no-deps --only-binary :all: -r requirements.txt

COPY . .

# Static files are collected into the image at build time; WhiteNoise serves them.
RUN SECRET_KEY=collectstatic-only ALLOW_INSECURE_SITE_URL=true \
    python manage.py collectstatic --noinput \
    && mkdir -p var/media \
    && chown -R veridact:veridact var

USER veridact
EXPOSE 8000
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "veridact.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
