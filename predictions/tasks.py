from celery import shared_task

from predictions import services


@shared_task(name=services.REFRESH_FORECAST_PAGES)
def refresh_forecast_pages(prediction_id):
    """Refresh the pages a burst of reader forecasts changed, once the burst window ends."""
    services.forecast_pages_refresh(prediction_id=prediction_id)
