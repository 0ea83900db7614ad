from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse

DELETED_USER_NAME = "[deleted user]"


class ReaderManager(UserManager):
    """Create users identified by email; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A reader or editor, signing in with an email address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=100, help_text="Shown beside comments and forecasts."
    )
    bio = models.TextField(blank=True, max_length=500)
    deleted_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the reader deleted their account; their personal data went then.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = ReaderManager()

    def __str__(self):
        return self.display_name or self.email

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("accounts:profile", args=[self.pk])

    @property
    def public_name(self):
        """The name other readers see."""
        if self.deleted_at:
            return DELETED_USER_NAME
        return self.display_name or f"Reader {self.pk}"

    def has_public_profile(self):
        return self.is_active and self.deleted_at is None
