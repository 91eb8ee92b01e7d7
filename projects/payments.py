"""Where escrow money moves: a payment-provider interface and the test-mode provider.

The milestone and contract services talk to `payment_provider()` only, so a real provider is a new
class named in settings.PAYMENT_PROVIDER, with no change to the services.
"""

from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from projects.models import Contract, Milestone


@runtime_checkable
class PaymentProvider(Protocol):
    """Moves money for a milestone and answers the provider's reference for the ledger."""

    #: Stored on each LedgerEntry.provider (at most 30 characters).
    name: str

    def fund(self, contract: "Contract", milestone: "Milestone", amount: Decimal) -> str:
        """Charge the employer `amount` into escrow."""
        ...

    def release(self, contract: "Contract", milestone: "Milestone", amount: Decimal) -> str:
        """Pay `amount` (the milestone minus the platform fee) from escrow to the freelancer."""
        ...

    def refund(self, contract: "Contract", milestone: "Milestone", amount: Decimal) -> str:
        """Return `amount` from escrow to the employer."""
        ...


class TestPaymentProvider:
    """Test mode: no money moves; references are deterministic, so tests can predict them."""

    name = "test"
    __test__ = False  # not a pytest test class, despite the name

    def _reference(self, action: str, milestone: "Milestone", amount: Decimal) -> str:
        return f"test_{action}_c{milestone.contract_id}_m{milestone.pk}_{amount:.2f}"

    def fund(self, contract: "Contract", milestone: "Milestone", amount: Decimal) -> str:
        return self._reference("fund", milestone, amount)

    def release(self, contract: "Contract", milestone: "Milestone", amount: Decimal) -> str:
        return self._reference("release", milestone, amount)

    def refund(self, contract: "Contract", milestone: "Milestone", amount: Decimal) -> str:
        return self._reference("refund", milestone, amount)


def payment_provider() -> PaymentProvider:
    """The provider configured in settings.PAYMENT_PROVIDER (a dotted path to a class)."""
    provider = import_string(settings.PAYMENT_PROVIDER)()
    if not isinstance(provider, PaymentProvider):
        raise TypeError(f"{settings.PAYMENT_PROVIDER} does not implement PaymentProvider.")
    return provider
