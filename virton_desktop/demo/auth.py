"""Demo login as PVE 8/9 does it: ticket renewal and a TOTP second factor.

fakepve answers a TFA user's password with `NeedTFA` but has no second step, and does not
renew a ticket posted as the password. This mixin adds both, so the client's real code
paths (renewal every 15 minutes, the TOTP prompt) run against the demo:

- `vt_totp_secrets[userid] = base32 secret` turns TOTP on for that user; the code is RFC 6238
  (SHA-1, 30 s, 6 digits), so any authenticator app given the secret works too;
- POST /access/ticket with `password=<valid ticket>` issues a fresh ticket;
- POST /access/ticket with `tfa-challenge=<ticket from the first step>` and
  `password=totp:<code>` finishes the login.
"""

import base64
import hashlib
import hmac
import secrets
import struct
import time

from fakepve import PveError
from fakepve.server import ok, params

TFA_PREFIX = 'PVE:!tfa!'
CHALLENGE_TTL = 120  # seconds a first-step ticket can be completed with a code


def totp(secret_b32, at=None, step=30, digits=6):
    """The RFC 6238 code for a base32 secret at time `at` (now by default)."""
    key = base64.b32decode(secret_b32.upper() + '=' * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack('>Q', counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


class DemoAuthMixin:

    @property
    def vt_totp_secrets(self):
        if '_vt_totp' not in self.__dict__:
            self.__dict__['_vt_totp'] = {}
        return self.__dict__['_vt_totp']

    @property
    def _vt_challenges(self):
        if '_vt_challenge_map' not in self.__dict__:
            self.__dict__['_vt_challenge_map'] = {}
        return self.__dict__['_vt_challenge_map']

    async def _ticket(self, request):
        p = await params(request)
        user, password = str(p.get('username', '')), str(p.get('password', ''))
        if '@' not in user:
            user += '@pam'
        challenge = p.get('tfa-challenge')
        if challenge:
            return self._vt_second_factor(user, str(challenge), password)
        held = self.tickets.get(password)
        if held is not None and held['user'] == user and held['expires'] > time.time():
            return self._vt_issue(user)  # renewal: the current ticket as password
        if user in self.vt_totp_secrets:
            if not self.check_password(user, password):
                raise PveError(401, 'authentication failure')
            ticket = '{0}{1}'.format(TFA_PREFIX, secrets.token_hex(16))
            self._vt_challenges[ticket] = (user, time.time() + CHALLENGE_TTL)
            return ok({'ticket': ticket, 'username': user, 'NeedTFA': 1,
                       'CSRFPreventionToken': secrets.token_hex(8)})
        if self.tfa:
            return await super()._ticket(request)
        if not self.check_password(user, password):
            raise PveError(401, 'authentication failure')
        return self._vt_issue(user)

    def _vt_second_factor(self, user, challenge, password):
        held = self._vt_challenges.pop(challenge, None)
        if held is None or held[0] != user or held[1] < time.time():
            raise PveError(401, 'authentication failure')
        kind, _, code = password.partition(':')
        secret = self.vt_totp_secrets.get(user)
        now = time.time()
        valid = {totp(secret, now + drift) for drift in (-30, 0, 30)} if secret else set()
        if kind != 'totp' or code.strip() not in valid:
            raise PveError(401, 'authentication failure')
        return self._vt_issue(user)

    def _vt_issue(self, user):
        # PVE's create_ticket answers the login's privileges per area as `cap`
        # (DemoAccessMixin.vt_cap), and the cluster's name only to those with Sys.Audit on /.
        ticket, csrf = self.issue_ticket(user)
        answer = {'ticket': ticket, 'CSRFPreventionToken': csrf, 'username': user, 'cap': self.vt_cap(user)}
        if self.allowed(user, '/', 'Sys.Audit'):
            answer['clustername'] = self.cluster_name
        return ok(answer)
