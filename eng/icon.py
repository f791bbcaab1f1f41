#!/usr/bin/env python3
"""Writes eng/icon.png, the packages' 128x128 icon: an upward arrow over a tray on a rounded blue square.
Standard library only (zlib + struct); anti-aliased by 4x4 supersampling. Run: python3 eng/icon.py"""
import os
import struct
import zlib

SIZE, SS = 128, 4
BLUE, WHITE = (0x1F, 0x5F, 0xBF), (0xFF, 0xFF, 0xFF)


def in_rounded_square(x, y, margin=4, radius=24):
    lo, hi = margin, SIZE - margin
    if not (lo <= x < hi and lo <= y < hi):
        return False
    cx = min(max(x, lo + radius), hi - radius)
    cy = min(max(y, lo + radius), hi - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def in_mark(x, y):
    # Arrow head: a triangle with its tip at (64, 22) and base from (36, 58) to (92, 58).
    if 22 <= y <= 58:
        half = (y - 22) * 28 / 36
        if abs(x - 64) <= half:
            return True
    if 56 <= y <= 88 and abs(x - 64) <= 10:          # arrow shaft
        return True
    if 96 <= y <= 106 and 30 <= x <= 98:               # tray bottom
        return True
    if 82 <= y <= 106 and (30 <= x <= 40 or 88 <= x <= 98):  # tray sides
        return True
    return False


def pixel(px, py):
    inside = mark = 0
    for sy in range(SS):
        for sx in range(SS):
            x, y = px + (sx + 0.5) / SS, py + (sy + 0.5) / SS
            if in_rounded_square(x, y):
                inside += 1
                mark += in_mark(x, y)
    n = SS * SS
    alpha = round(255 * inside / n)
    if inside == 0:
        return (0, 0, 0, 0)
    w = mark / inside
    rgb = tuple(round(b * (1 - w) + f * w) for b, f in zip(BLUE, WHITE))
    return rgb + (alpha,)


def png(width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(v for p in row for v in p) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
with open(path, "wb") as f:
    f.write(png(SIZE, SIZE, rows))
print(f"wrote {path}")
