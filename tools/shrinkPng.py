#!/usr/bin/env python3
"""Shrinks a screenshot PNG for the README: drops alpha, quantizes to a 256-colour palette
(most frequent colours of a 5-bit-per-channel grid, the rest mapped to the nearest) and writes an
8-bit palette PNG with zlib level 9. Standard library only: no image tool is installed here.
usage: shrinkPng.py IN.png OUT.png [X Y W H]   (optional crop)"""
import struct, sys, zlib
from collections import Counter

def read_png(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat, width = 8, b'', None
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', chunk)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, 'only 8-bit RGB/RGBA'
        elif kind == b'IDAT':
            idat += chunk
        pos += 12 + length
    bpp = 4 if ctype == 6 else 3
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return width, height, rows

def quantize(rows):
    grid = lambda c: (c[0] >> 3, c[1] >> 3, c[2] >> 3)
    exact = Counter(c for row in rows for c in row)
    counts, representative = Counter(), {}
    for colour, n in exact.most_common():
        counts[grid(colour)] += n
        representative.setdefault(grid(colour), colour)  # the cell's most frequent exact colour
    palette = [representative[g] for g, _ in counts.most_common(256)]
    cache = {}
    def index(c):
        g = grid(c)
        if g not in cache:
            cache[g] = min(range(len(palette)), key=lambda i: sum((palette[i][k] - c[k]) ** 2 for k in range(3)))
        return cache[g]
    return palette, [bytes(index(c) for c in row) for row in rows]

def write_png(path, width, height, palette, rows):
    def chunk(kind, body):
        return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff)
    raw = b''.join(b'\x00' + row for row in rows)
    with open(path, 'wb') as out:
        out.write(b'\x89PNG\r\n\x1a\n')
        out.write(chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 3, 0, 0, 0)))
        out.write(chunk(b'PLTE', b''.join(bytes(c) for c in palette)))
        out.write(chunk(b'IDAT', zlib.compress(raw, 9)))
        out.write(chunk(b'IEND', b''))

if __name__ == '__main__':
    w, h, rows = read_png(sys.argv[1])
    if len(sys.argv) == 7:
        x, y, w, h = map(int, sys.argv[3:7])
        rows = [row[x:x + w] for row in rows[y:y + h]]
    palette, indexed = quantize(rows)
    write_png(sys.argv[2], w, h, palette, indexed)
