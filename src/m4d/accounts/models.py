"""People who sign in: e-mail login, a display name, a language and a platform role."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from m4d.accounts import roles
from m4d.core.permissions import RuleQuerySet


class UserManager(BaseUserManager["User"]):
    """E-mail login; its QuerySets answer `visible_to(user)` / `editable_by(user)` like any other.

    (Written out rather than `from_queryset`, which mypy cannot follow in a base class.)"""

    use_in_migrations = True

    def get_queryset(self) -> RuleQuerySet[User]:
        return RuleQuerySet(self.model, using=self._db)

    def visible_to(self, user: Any) -> RuleQuerySet[User]:
        return self.get_queryset().visible_to(user)

    def editable_by(self, user: Any) -> RuleQuerySet[User]:
        return self.get_queryset().editable_by(user)

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError(_("An e-mail address is required."))
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        roles.apply_role_flags(user)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields["role"] = User.Role.ADMIN
        return self.create_user(email, password, **fields)


class User(AbstractUser):
    """A person with an account. Anonymous visitors read everything public without one."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        EDITOR = "editor", _("Editor")
        ADMIN = "admin", _("Administrator")

    # Django's documented way to drop AbstractUser's columns, which the stubs type as str.
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        blank=True,
        choices=[("en", "English"), ("fr", "Français")],
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    # E-mail login: not AbstractUser's manager, whose create_user takes a username.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def is_editor(self) -> bool:
        return self.is_active and (
            self.role in {self.Role.EDITOR, self.Role.ADMIN} or self.is_superuser
        )

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and (self.role == self.Role.ADMIN or self.is_superuser)


class ApiToken(models.Model):
    """A personal API token: scripts send it as `Authorization: Bearer <token>` to act as `user`.

    Only the SHA-256 of the secret is stored; the secret itself is shown once, when it is created.
    `prefix` (the secret's first characters) lets its owner tell their tokens apart in a list.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12)
    secret_hash = models.CharField(_("secret hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = models.Manager.from_queryset(RuleQuerySet)()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
