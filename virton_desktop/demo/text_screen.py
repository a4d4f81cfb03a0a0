"""The demo's built-in console screen: an 80x25 text console with a getty banner and a login
prompt that echoes what is typed, rendered as raw RFB pixels in the client's pixel format
(demo/console.py serves it where no QEMU runs: containers, or QEMU not installed)."""

import struct

from .console_font import GLYPHS

__all__ = ['SCREEN_H', 'SCREEN_W', 'TextScreen']

SCREEN_W, SCREEN_H = 640, 400  # 80x25 cells of the 8x16 font
# The text colours (by vmid): grey, green, amber, cyan, pink, light blue.
TINTS = ((204, 204, 204), (120, 220, 120), (235, 190, 90), (100, 210, 220), (230, 130, 200), (140, 170, 250))


class TextScreen:
    """An 80x25 text console: a login prompt that echoes what is typed (the built-in screen).

    Containers get their distribution's getty banner; a VM gets it only when QEMU is missing,
    with a line saying so.
    """

    COLS, ROWS = SCREEN_W // 8, SCREEN_H // 16
    _glyph_cache = {}

    def __init__(self, guest, is_vm):
        config = getattr(guest, 'config', {}) or {}
        self.host = str(config.get('hostname') or guest.name or 'guest{0}'.format(guest.vmid))
        ostype = str(config.get('ostype') or '')
        if is_vm:
            banner = ['VirtOn demo: QEMU is not installed, so this stand-in screen shows', 'VM {0} ({1}).'.format(
                guest.vmid, guest.name), '', 'Debian GNU/Linux 13 {0} tty1'.format(self.host)]
        elif ostype == 'alpine':
            banner = ['Welcome to Alpine Linux 3.22', 'Kernel 6.14.11-4-pve on an x86_64 (/dev/tty1)']
        elif ostype == 'ubuntu':
            banner = ['Ubuntu 24.04.3 LTS {0} tty1'.format(self.host)]
        else:
            banner = ['Debian GNU/Linux 12 {0} tty1'.format(self.host)]
        self.lines = banner + ['', self._prompt()]
        self.password = False       # typing the password: no echo
        self.version = 0            # bumped on every change
        # A text colour per guest, so several screens side by side (the console wall) differ.
        self.tint = TINTS[guest.vmid % len(TINTS)]

    def _prompt(self):
        return '{0} login: '.format(self.host)

    def key(self, sym, down):
        if not down:
            return
        line = self.lines[-1]
        if 0x20 <= sym <= 0x7e:
            if not self.password and len(line) < self.COLS - 1:
                self.lines[-1] = line + chr(sym)
        elif sym == 0xff08:                               # BackSpace
            floor = len('Password: ') if self.password else len(self._prompt())
            if not self.password and len(line) > floor:
                self.lines[-1] = line[:-1]
        elif sym in (0xff0d, 0xff8d):                     # Return
            if self.password:
                self.lines += ['', 'Login incorrect', self._prompt()]
                self.password = False
            else:
                self.lines.append('Password: ')
                self.password = True
        else:
            return
        self.lines = self.lines[-self.ROWS:]
        self.version += 1

    @classmethod
    def _rows_of(cls, fmt, tint):
        """Per character, its 16 pixel rows as ready-made bytes in the client's pixel format."""
        rows = cls._glyph_cache.get((fmt, tint))
        if rows is None:
            red, green, blue, big_endian = fmt

            def px(r, g, b):
                return struct.pack('>I' if big_endian else '<I', (r << red) | (g << green) | (b << blue))
            fg, bg = px(*tint), px(0, 0, 0)
            rows = {}
            for code, glyph in enumerate(GLYPHS, start=32):
                bits = bytes.fromhex(glyph)
                rows[chr(code)] = [b''.join(fg if byte & (0x80 >> x) else bg for x in range(8)) for byte in bits]
            rows['_cursor'] = [bg * 8] * 13 + [fg * 8] * 2 + [bg * 8]
            cls._glyph_cache[(fmt, tint)] = rows
        return rows

    def render(self, fmt):
        rows = self._rows_of(fmt, self.tint)
        blank = rows[' ']
        out = []
        lines = self.lines + [''] * (self.ROWS - len(self.lines))
        for index, text in enumerate(lines):
            cells = [rows.get(c, blank) for c in text[:self.COLS]]
            if index == len(self.lines) - 1 and len(cells) < self.COLS:
                cells.append(rows['_cursor'])
            cells += [blank] * (self.COLS - len(cells))
            for y in range(16):
                out.append(b''.join(cell[y] for cell in cells))
        return b''.join(out)
