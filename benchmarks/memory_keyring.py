"""An in-memory keyring for saved_start.py's launches: the OS keyring's stand-in.

keyring loads it by name (PYTHON_KEYRING_BACKEND=memory_keyring.MemoryKeyring), as it loads a
backend configured by the user, so the app imports and chooses its keyring itself, where and when
it does for real; its entries are read from the file SAVED_START_SECRETS names ({profile id:
secret}, written for the run in its throw-away home).
"""

import json
import os

from keyring.backend import KeyringBackend

from virton_desktop.profiles import KEYRING_SERVICE


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.entries = {}
        path = os.environ.get("SAVED_START_SECRETS")
        if path:
            with open(path, encoding="utf-8") as f:
                self.entries = {(KEYRING_SERVICE, key): value for key, value in json.load(f).items()}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        self.entries.pop((service, username), None)
