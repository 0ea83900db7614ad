"""django-redis's client, reading back what it stored without a failed int() for each value.

django-redis stores integers as their digits, so that Redis can count them (INCR), and
anything else serialized; reading a value back, it tries `int()` first and unpickles when
that raises. An article page's one `get_many` reads six pickled parts beside its versions,
and the six exceptions cost about a tenth of the read (50 of 450 µs here). A value whose
first byte can begin no integer's digits is serialized, and is decoded as such at once.
"""

from contextlib import suppress

from django_redis.client import DefaultClient
from django_redis.exceptions import CompressorError

# How every integer django-redis stores begins: a digit, or the minus sign.
_INTEGER_STARTS = frozenset(b"-0123456789")


class CacheClient(DefaultClient):
    def decode(self, value):
        if isinstance(value, bytes) and value[:1] and value[0] not in _INTEGER_STARTS:
            with suppress(CompressorError):  # a value too small to have been compressed
                value = self._compressor.decompress(value)
            return self._serializer.loads(value)
        return super().decode(value)
