#!/usr/bin/env python3
"""Checks a screenshot from `mutualism shot`: the PNG decodes, is not blank,
and the side panels (the left and right 15% of the window) and the map
between them each hold pixels of several colours, i.e. something was drawn.

Usage: shot-check.py FILE.png [--light] [--map-floor SHARE REPORT]
(exit 0 if it looks drawn, 1 if not)
With --light, the left panel must also be light on the whole (the light
theme was drawn). With --map-floor, REPORT (the text `shot` printed) must
say the map took at least SHARE of the window's width ("map share: 0.450").
Plain python3, no packages: decodes the PNG with zlib.
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def colours(rows, channels, x0, x1, step=3):
    seen = set()
    for row in rows[::step]:
        for x in range(x0, x1, step):
            px = row[x * channels:x * channels + min(channels, 3)]
            seen.add(bytes(v >> 3 for v in px))  # ignore tiny differences
    return seen


def mean_brightness(rows, channels, x0, x1, step=3):
    total, n = 0, 0
    for row in rows[::step]:
        for x in range(x0, x1, step):
            total += sum(row[x * channels:x * channels + min(channels, 3)]) / min(channels, 3)
            n += 1
    return total / max(n, 1)


def main():
    args = sys.argv[1:]
    light = "--light" in args
    args = [a for a in args if a != "--light"]
    floor = None
    if "--map-floor" in args:
        i = args.index("--map-floor")
        try:
            floor, report = float(args[i + 1]), args[i + 2]
        except (IndexError, ValueError):
            print(__doc__)
            return 2
        del args[i:i + 3]
    if len(args) != 1:
        print(__doc__)
        return 2
    path = args[0]
    try:
        width, height, channels, rows = read_png(path)
    except (OSError, ValueError, zlib.error) as e:
        print(f"{path}: cannot read: {e}")
        return 1
    if width < 400 or height < 300:
        print(f"{path}: {width}x{height} is too small for the window")
        return 1
    parts = {
        "left panel": (0, width * 15 // 100),
        "map": (width * 35 // 100, width * 65 // 100),
        "right panel": (width * 85 // 100, width),
    }
    failed = False
    for name, (x0, x1) in parts.items():
        n = len(colours(rows, channels, x0, x1))
        ok = n >= 8
        failed |= not ok
        print(f"{path}: {name}: {n} colours {'ok' if ok else 'BLANK'}")
    if light:
        brightness = mean_brightness(rows, channels, 0, width * 15 // 100)
        ok = brightness > 160
        failed |= not ok
        print(f"{path}: left panel brightness {brightness:.0f} {'light ok' if ok else 'NOT LIGHT'}")
    if floor is not None:
        shares = [line.split()[2] for line in report.splitlines() if line.startswith("map share: ")]
        if not shares:
            print(f"{path}: the shot did not report the map's share")
            failed = True
        else:
            share = float(shares[-1])
            ok = share >= floor
            failed |= not ok
            print(f"{path}: map share {share:.3f} (floor {floor}) {'ok' if ok else 'TOO SMALL'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
