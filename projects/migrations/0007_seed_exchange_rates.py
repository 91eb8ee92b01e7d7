"""Seed the exchange-rate table from projects/data/exchange_rates.yaml (no network)."""

from django.db import migrations


def seed(apps, schema_editor):
    from projects.services.exchange_rates import exchange_rates_seed

    exchange_rates_seed(rate_model=apps.get_model("projects", "ExchangeRate"))


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0006_exchange_rate"),
    ]

    # Unapplying keeps the rows: the previous migration's reversal drops the table anyway.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
