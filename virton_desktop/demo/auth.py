"""Demo login as PVE does it: ticket renewal and the second factor (TOTP, Yubico OTP, recovery
keys, WebAuthn), read against pve-access-control's `create_ticket` and proxmox-tfa.

fakepve answers a TFA user's password with `NeedTFA` but has no second step, and does not
renew a ticket posted as the password. This mixin adds both, so the client's real code
paths (renewal every 15 minutes, the second-factor prompt) run against the demo:

- `vt_totp_secrets[userid] = base32 secret` turns TOTP on for that user; the code is RFC 6238
  (SHA-1, 30 s, 6 digits), so any authenticator app given the secret works too;
- `vt_recovery_keys[userid] = [key, ...]`: single-use keys `xxxx-xxxx-xxxx-xxxx`; a used one
  becomes None, and the challenge lists the indexes of the unused ones (an empty list once
  all are used, as proxmox-tfa 4 does);
- `vt_yubico_keys[userid] = {public id}`: a Yubico OTP (ModHex, the key's 12-character public
  id + 32 characters) of a listed key is accepted once (YubiCloud refuses a replayed OTP);
- `vt_webauthn_users`: users whose only factor is a security key (no answer the app can give);
- POST /access/ticket with `password=<valid ticket>` issues a fresh ticket;
- the first step answers `NeedTFA: 1` and a half ticket `PVE:!tfa!<challenge JSON, ':' escaped>
  :<hex time>::<signature>`; the second step posts it as `tfa-challenge` with
  `password=<kind>:<value>`;
- `vt_requires_new_format` (on): a TFA login without `new-format=1` is answered as PVE 7 does
  (its default is the old format): users with recovery keys, Yubico keys or WebAuthn are refused
  ("old login api disabled, user has incompatible TFA entries" -> 401), a TOTP-only user gets
  the old half ticket `PVE:tfa!<user>:…`, which carries no challenge and which the new second
  step does not accept. PVE 8+ ignores the parameter; demanding it catches a client that would
  fail on PVE 7.

`vt_add_tfa_users(password)` adds the demo's accounts: `tfa@pve` (TOTP + 10 recovery keys),
`yubikey@pve` (Yubico OTP + recovery keys) and `webauthn@pve` (a security key only).
"""

import base64
import hashlib
import hmac
import json
import secrets
import struct
import time

from fakepve import PveError
from fakepve.server import ok, params

TFA_PREFIX = 'PVE:!tfa!'
CHALLENGE_TTL = 120  # seconds a first-step ticket can be completed with a code
MODHEX = 'cbdefghijklnrtuv'
DEMO_YUBIKEY = 'ccccccdbklnv'  # the demo YubiKey's public id: 12 ModHex characters
RECOVERY_KEYS = 10  # PVE makes ten


def totp(secret_b32, at=None, step=30, digits=6):
    """The RFC 6238 code for a base32 secret at time `at` (now by default)."""
    key = base64.b32decode(secret_b32.upper() + '=' * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack('>Q', counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


def yubico_otp(public_id=DEMO_YUBIKEY):
    """A fresh one-time password of the YubiKey `public_id`, as a touch of its button types it."""
    return public_id + ''.join(secrets.choice(MODHEX) for _ in range(32))


def recovery_keys(userid):
    """The demo's recovery keys of a user: fixed, so the documentation can show them."""
    out = []
    for i in range(RECOVERY_KEYS):
        digest = hashlib.sha256('{0}/{1}'.format(userid, i).encode()).hexdigest()
        out.append('-'.join(digest[j:j + 4] for j in range(0, 16, 4)))
    return out


def second_factor(pve, userid):
    """What a person trying the demo's `userid` needs for its second factor (the launcher prints it to
    stderr, never to a log): the TOTP secret, the code of this moment, the unused recovery keys."""
    out = {'user': userid}
    secret = pve.vt_totp_secrets.get(userid)
    if secret:
        out.update(totp_secret=secret, totp_now=totp(secret))
    keys = pve.vt_recovery_keys.get(userid)
    if keys:
        out['recovery_keys'] = [key for key in keys if key]
    return out


def half_ticket(data):
    """A ticket as PVE::Ticket assembles it, carrying `data` (with `:` escaped like uri_escape)."""
    signature = base64.b64encode(secrets.token_bytes(32)).decode()
    return 'PVE:{0}:{1:08X}::{2}'.format(data.replace(':', '%3A'), int(time.time()), signature)


class DemoAuthMixin:

    def _vt_store(self, name, factory):
        if name not in self.__dict__:
            self.__dict__[name] = factory()
        return self.__dict__[name]

    @property
    def vt_totp_secrets(self):
        return self._vt_store('_vt_totp', dict)

    @property
    def vt_recovery_keys(self):
        return self._vt_store('_vt_recovery', dict)

    @property
    def vt_yubico_keys(self):
        return self._vt_store('_vt_yubico', dict)

    @property
    def vt_webauthn_users(self):
        return self._vt_store('_vt_webauthn', set)

    @property
    def vt_requires_new_format(self):
        return self.__dict__.get('_vt_new_format', True)

    @vt_requires_new_format.setter
    def vt_requires_new_format(self, value):
        self.__dict__['_vt_new_format'] = bool(value)

    @property
    def _vt_challenges(self):
        return self._vt_store('_vt_challenge_map', dict)

    @property
    def _vt_used_otps(self):
        return self._vt_store('_vt_used_otp', set)

    def vt_add_tfa_users(self, password):
        self.users.update({'tfa@pve': password, 'yubikey@pve': password, 'webauthn@pve': password})
        self.vt_totp_secrets['tfa@pve'] = 'JBSWY3DPEHPK3PXP'
        for user in ('tfa@pve', 'yubikey@pve'):
            self.vt_recovery_keys[user] = recovery_keys(user)
        self.vt_yubico_keys['yubikey@pve'] = {DEMO_YUBIKEY}
        self.vt_webauthn_users.add('webauthn@pve')

    # ------------------------------------------------------------- the ticket call

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
        offered = self._vt_tfa_challenge(user)
        if offered is None:
            if self.tfa:
                return await super()._ticket(request)
            if not self.check_password(user, password):
                raise PveError(401, 'authentication failure')
            return self._vt_issue(user)
        if not self.check_password(user, password):
            raise PveError(401, 'authentication failure')
        if self.vt_requires_new_format and str(p.get('new-format', '0')) not in ('1', 'true'):
            return self._vt_old_format(user, offered)
        ticket = half_ticket('!tfa!' + json.dumps(offered, separators=(',', ':')))
        self._vt_challenges[ticket] = (user, time.time() + CHALLENGE_TTL, offered)
        return ok({'ticket': ticket, 'username': user, 'NeedTFA': 1,
                   'CSRFPreventionToken': secrets.token_hex(8)})

    def _vt_tfa_challenge(self, user):
        """proxmox-tfa's TfaChallenge for the user, or None without a second factor."""
        challenge = {}
        if user in self.vt_totp_secrets:
            challenge['totp'] = True
        if self.vt_yubico_keys.get(user):
            challenge['yubico'] = True
        if user in self.vt_recovery_keys:
            challenge['recovery'] = [i for i, key in enumerate(self.vt_recovery_keys[user]) if key]
        if user in self.vt_webauthn_users:
            challenge['webauthn'] = {'publicKey': {
                'challenge': base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip('='),
                'timeout': 60000, 'rpId': self.host or 'localhost', 'userVerification': 'preferred',
                'allowCredentials': [{'type': 'public-key',
                                      'id': base64.urlsafe_b64encode(user.encode()).decode().rstrip('=')}]}}
        return challenge or None

    def _vt_old_format(self, user, offered):
        """PVE 7 without new-format=1: only a plain TOTP user gets the old half ticket."""
        if set(offered) != {'totp'}:
            raise PveError(401, 'authentication failure')  # "user has incompatible TFA entries"
        return ok({'ticket': half_ticket('tfa!' + user), 'username': user, 'NeedTFA': 1,
                   'CSRFPreventionToken': secrets.token_hex(8)})

    def _vt_second_factor(self, user, ticket, password):
        held = self._vt_challenges.get(ticket)
        if held is None or held[0] != user or held[1] < time.time():
            raise PveError(401, 'authentication failure')
        kind, _, value = password.partition(':')
        check = {'totp': self._vt_totp_ok, 'recovery': self._vt_recovery_ok, 'yubico': self._vt_yubico_ok}.get(kind)
        if kind not in held[2] or check is None or not check(user, value.strip()):
            raise PveError(401, 'authentication failure')
        self._vt_challenges.pop(ticket, None)
        return self._vt_issue(user)

    def _vt_totp_ok(self, user, code):
        secret = self.vt_totp_secrets.get(user)
        now = time.time()
        return bool(secret) and code in {totp(secret, now + drift) for drift in (-30, 0, 30)}

    def _vt_recovery_ok(self, user, key):
        keys = self.vt_recovery_keys.get(user, [])
        if key and key in keys:
            keys[keys.index(key)] = None  # each key works once
            return True
        return False

    def _vt_yubico_ok(self, user, otp):
        fresh = otp not in self._vt_used_otps and len(otp) == 44 and all(c in MODHEX for c in otp)
        if fresh and otp[:12] in self.vt_yubico_keys.get(user, ()):
            self._vt_used_otps.add(otp)
            return True
        return False

    def _vt_issue(self, user):
        # PVE's create_ticket answers the login's privileges per area as `cap`
        # (DemoAccessMixin.vt_cap), and the cluster's name only to those with Sys.Audit on /.
        ticket, csrf = self.issue_ticket(user)
        answer = {'ticket': ticket, 'CSRFPreventionToken': csrf, 'username': user, 'cap': self.vt_cap(user)}
        if self.allowed(user, '/', 'Sys.Audit'):
            answer['clustername'] = self.cluster_name
        return ok(answer)
