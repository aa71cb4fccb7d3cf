"""Typed sync errors: each ``code`` has its sentence in ``desktop.messages``."""

from __future__ import annotations

from desktop.domain.errors import DomainError


class SyncError(DomainError):
    code = "sync_error"


class PackageRejected(SyncError):
    """A package that is not applied at all.  Codes: package_not_a_package,
    package_truncated, package_corrupt, package_wrong_recipient,
    package_unknown_sender, package_revoked_sender, package_newer_schema,
    package_unknown_suite."""

    code = "package_corrupt"


class EnrolmentError(SyncError):
    """Codes: enrolment_invalid, enrolment_used, enrolment_wrong_township, not_enrolled."""

    code = "enrolment_invalid"


class TransferError(SyncError):
    """Codes: usb_write_failed, usb_verify_failed, server_unreachable, server_error."""

    code = "usb_write_failed"


class TransferCancelled(SyncError):
    code = "transfer_cancelled"
