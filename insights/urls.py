"""Market insights pages and the fragments other apps' pages load with htmx."""

from django.urls import path

from .views import client, estimate, market, talent_pool

app_name = "insights"
urlpatterns: list = [
    path("insights/", market.market_page, name="market"),
    path("insights/rate-advice/", market.rate_advice_fragment, name="rate-advice"),
    path("insights/projects/<int:pk>/bid-advice/", market.bid_advice_fragment, name="bid-advice"),
    path(
        "insights/projects/<int:pk>/client-signals/",
        client.client_signals_fragment,
        name="client-signals",
    ),
    path("insights/talent-pool/", talent_pool.talent_pool_fragment, name="talent-pool"),
    path("insights/estimate/", estimate.budget_estimate_fragment, name="budget-estimate"),
]
