"""Write a zip whose unchanged members are copied as their stored bytes.

An entry tab of 100,000 rows is a 50 MB sheet part: inflating and deflating it again
costs most of a second and its size in memory, and changes nothing. Its compressed
bytes, CRC and sizes are copied as they are; only the parts the splice rewrote are
deflated.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import BinaryIO

_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sBBHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_UTF8 = 0x800
_DESCRIPTOR = 0x08
_LIMIT = 0xFFFFFFFF
_DATE = (1980, 1, 1, 0, 0, 0)  # a fixed stamp: the same content gives the same bytes


class ZipOut:
    def __init__(self, sink: BinaryIO) -> None:
        self.sink = sink
        self.central: list[bytes] = []
        self.offset = 0

    def copy(self, source: bytes, info: zipfile.ZipInfo) -> None:
        """Member `info` of the zip held in `source`, its compressed bytes untouched."""
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, 8):
            raise ValueError(f"{info.filename}: encrypted or unusual compression")
        head = _LOCAL.unpack_from(source, info.header_offset)
        if head[0] != b"PK\x03\x04":
            raise ValueError(f"{info.filename}: no local header where the directory says")
        start = info.header_offset + _LOCAL.size + head[9] + head[10]
        raw = source[start : start + info.compress_size]
        if len(raw) != info.compress_size:
            raise ValueError(f"{info.filename}: truncated")
        self._entry(info.filename, info.compress_type, info.CRC, raw, info.file_size,
                    info.date_time, info.external_attr, info.create_system)  # fmt: skip

    def write(self, name: str, data: bytes) -> None:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        raw = packer.compress(data) + packer.flush()
        self._entry(
            name, zipfile.ZIP_DEFLATED, zlib.crc32(data), raw, len(data), _DATE, 0o600 << 16, 3
        )  # made on Unix, owner may read and write

    def _entry(
        self,
        name: str,
        method: int,
        crc: int,
        raw: bytes,
        size: int,
        stamp: tuple[int, int, int, int, int, int],
        external: int,
        system: int,
    ) -> None:
        if max(len(raw), size, self.offset) >= _LIMIT:
            raise ValueError("a workbook over 4 GB is not spliced")
        encoded = name.encode("utf-8")
        flags = _UTF8 if not name.isascii() else 0
        year, month, day, hour, minute, second = stamp
        dos_time = hour << 11 | minute << 5 | second // 2
        dos_date = max(0, year - 1980) << 9 | month << 5 | day
        fields = (20, flags & ~_DESCRIPTOR, method, dos_time, dos_date, crc, len(raw), size)
        self.sink.write(_LOCAL.pack(b"PK\x03\x04", *fields, len(encoded), 0))
        self.sink.write(encoded)
        self.sink.write(raw)
        self.central.append(
            _CENTRAL.pack(
                b"PK\x01\x02", 20, system, *fields, len(encoded), 0, 0, 0, 0, external, self.offset
            )
            + encoded
        )
        self.offset += _LOCAL.size + len(encoded) + len(raw)

    def close(self) -> None:
        directory = b"".join(self.central)
        self.sink.write(directory)
        count = len(self.central)
        self.sink.write(
            _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), self.offset, 0)
        )
