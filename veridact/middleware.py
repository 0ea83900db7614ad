"""django-csp's middleware, with the site's own policy built once instead of per response.

django-csp builds the Content-Security-Policy header from the settings for every response,
which costs a cached page about a third of its time. The policy changes only when a view
asks for a nonce or decorates its response (django-csp's `csp_update` and the like), which
no view of this site does today; every other response gets the policy built once a process.
"""

import functools

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

HEADER_SETTING = "CONTENT_SECURITY_POLICY"
# What django-csp's decorators set on a response to change its policy.
_RESPONSE_POLICIES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


@functools.cache
def _site_policy():
    """The enforced and the report-only policy (either may be empty) from the settings."""
    return build_policy(), build_policy(report_only=True)


@receiver(setting_changed)
def _forget_site_policy(*, setting, **kwargs):
    if setting.startswith(HEADER_SETTING):
        _site_policy.cache_clear()


class CSPMiddleware(LibraryCSPMiddleware):
    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in _RESPONSE_POLICIES
        ):
            return super().process_response(request, response)
        if response.status_code in {404, 500} and settings.DEBUG:  # the debug pages
            return response
        enforced, report_only = _site_policy()
        for header, policy, setting, exempt in [
            (HEADER, enforced, HEADER_SETTING, "_csp_exempt"),
            (HEADER_REPORT_ONLY, report_only, f"{HEADER_SETTING}_REPORT_ONLY", "_csp_exempt_ro"),
        ]:
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if (
                policy
                and header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(tuple(excluded))
            ):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
