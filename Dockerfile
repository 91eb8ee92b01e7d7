# Gigwise web, worker and beat image (docker-compose.yml runs all three from it).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1

WORKDIR /app

# torch first, pinned exactly and CPU-only, so that sentence-transformers in the lock finds it
# satisfied and never pulls the CUDA build (several GB). Point TORCH_INDEX_URL at a mirror if
# needed; the same pin is in the Makefile and requirements.lock.
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
RUN pip install --index-url "${TORCH_INDEX_URL}" torch==2.13.0

COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY . .

# Hashed, compressed static files for whitenoise. The key only lets settings load here.
RUN SECRET_KEY=collectstatic-only DEBUG=0 python manage.py collectstatic --noinput

RUN useradd --create-home --uid 10001 gigwise \
    && mkdir -p /app/media \
    && chown gigwise:gigwise /app/media
USER gigwise

EXPOSE 8000
CMD ["gunicorn", "marketplace.wsgi:application", "--bind=0.0.0.0:8000", "--access-logfile=-"]
