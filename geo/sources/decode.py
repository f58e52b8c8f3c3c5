"""Turning a file's bytes into text: UTF-8 only, binary and UTF-16/32 content named.

Bytes that are not UTF-8 are kept as surrogates (``surrogateescape``) so that
:func:`geo.sources.common.validate_record` can name the record holding them.
"""

from __future__ import annotations

from geo.sources.common import InputError, _line_of

_UTF8_BOM = b"\xef\xbb\xbf"
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"SQLite format 3\x00", "an SQLite database (or GeoPackage)"),
    (b"PAR1", "a Parquet file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
)
_UTF16_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_NAME_OF_FORMAT = {"jsonl": "JSON Lines", "csv": "CSV", "txt": "plain text"}


def _sniff_binary(data: bytes, file: str, fmt: str) -> None:
    """Raise when ``data`` is plainly not UTF-8 text (magic number, UTF-16/32)."""
    kind = _NAME_OF_FORMAT[fmt]
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(file, 1, None, f"content is {what}, not {kind}")
    for bom, enc in _UTF16_BOMS:
        if data.startswith(bom):
            raise InputError(file, 1, None,
                             f"content is {enc}-encoded, expected UTF-8; save the file as UTF-8")
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a byte-order mark: NULs on one byte parity only
        even, odd = head[0::2], head[1::2]
        nul_even = even.count(0) / max(1, len(even))
        nul_odd = odd.count(0) / max(1, len(odd))
        if max(nul_even, nul_odd) >= 0.3 and min(nul_even, nul_odd) < 0.05:
            raise InputError(file, 1, None,
                             "content looks UTF-16-encoded, expected UTF-8; "
                             "save the file as UTF-8")


def decode_text(data: bytes, file: str, fmt: str) -> str:
    """Decode file bytes as UTF-8 (BOM allowed), keeping bad bytes as surrogates.

    Bytes that are not UTF-8 are kept with Python's ``surrogateescape`` so that the
    record holding them can be named in the error; a file that is plainly binary
    is rejected at once.

    Parameters
    ----------
    data : bytes
        The whole file.
    file : str
        File name, for error messages.
    fmt : str
        ``"jsonl"``, ``"csv"`` or ``"txt"``, for error messages.

    Returns
    -------
    str
        The decoded text (without BOM).

    Raises
    ------
    InputError
        Binary content, UTF-16/UTF-32 content, or mostly undecodable bytes.
    """
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    _sniff_binary(data, file, fmt)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[:8192].decode("utf-8", "replace")
        undecodable = head.count("\ufffd")
        controls = sum(1 for ch in head if ch < " " and ch not in "\t\r\n\f")
        if "\x00" in head or (undecodable + controls) * 10 > len(head):
            raise InputError(file, _line_of(data, exc.start), None,
                             f"content looks binary (byte 0x{data[exc.start]:02x} is not "
                             f"UTF-8), not {_NAME_OF_FORMAT[fmt]}") from None
        return data.decode("utf-8", "surrogateescape")
