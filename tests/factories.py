"""factory_boy factories shared by every test module."""

from decimal import Decimal

import factory
from allauth.account.models import EmailAddress

from accounts.models import EmployerProfile, FreelancerProfile, User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = ""
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"primary": True, "verified": True}
            )


class FreelancerFactory(UserFactory):
    role = User.Role.FREELANCER
    profile = factory.RelatedFactory(
        "tests.factories.FreelancerProfileFactory", factory_related_name="user"
    )


class EmployerFactory(UserFactory):
    role = User.Role.EMPLOYER
    profile = factory.RelatedFactory(
        "tests.factories.EmployerProfileFactory", factory_related_name="user"
    )


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class FreelancerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FreelancerProfile

    user = factory.SubFactory(UserFactory, role=User.Role.FREELANCER)
    headline = factory.Faker("job")
    bio = factory.Faker("paragraph")
    hourly_rate = Decimal("45.00")
    currency = "USD"
    country = "KE"
    languages = factory.LazyFunction(lambda: ["en"])
    years_experience = 5
    availability_hours_per_week = 30


class EmployerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerProfile

    user = factory.SubFactory(UserFactory, role=User.Role.EMPLOYER)
    company_name = factory.Faker("company")
    company_size = EmployerProfile.CompanySize.SMALL
    country = "DE"
