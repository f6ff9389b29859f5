#!/usr/bin/env python3
"""A demo picture for the dev stack's content (standard library only).

  make_picture.py WIDTH HEIGHT #rrggbb OUT.png

Writes a PNG of a diagonal gradient from the colour to white, with a few
circles, so that the Android app and the console have images to show.
"""

import struct
import sys
import zlib


def png(w, h, rgb):
    r0, g0, b0 = rgb
    circles = [(w * 0.25, h * 0.5, h * 0.3), (w * 0.7, h * 0.35, h * 0.2),
               (w * 0.8, h * 0.8, h * 0.12)]
    rows = []
    for y in range(h):
        row = bytearray(b"\0")
        for x in range(w):
            t = (x / w + y / h) / 2
            r = r0 + (255 - r0) * t
            g = g0 + (255 - g0) * t
            b = b0 + (255 - b0) * t
            for cx, cy, cr in circles:
                if (x - cx) ** 2 + (y - cy) ** 2 < cr * cr:
                    r, g, b = r * 0.8, g * 0.8, b * 0.8
            row += bytes((int(r), int(g), int(b)))
        rows.append(bytes(row))

    def chunk(t, d):
        return (struct.pack(">I", len(d)) + t + d
                + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + chunk(b"IEND", b""))


def main():
    w, h, colour, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    if len(colour) != 7 or colour[0] != "#":
        colour = "#5b6b7b"
    rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    with open(out, "wb") as f:
        f.write(png(w, h, rgb))


if __name__ == "__main__":
    main()
