# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading what Dynamics NAV and Business Central export: a page's list
exported to Excel (``.xlsx``) or to CSV, its first row the column captions in
the language of the user who exported it, its values in his locale.

Rows are read one at a time (``read_rows``): a file of a million rows takes
the memory of one row. The captions and option values this module knows are
in ``nav_captions``; what a value means (a date, a decimal, a Yes) is read
with the locale the file was exported in (``Locale``)."""

import csv
import datetime
import functools
import re
import unicodedata
import zipfile

from .nav_captions import (
    BOOLEANS,
    COLUMNS,
    DATE_FORMATS,
    LANGUAGE_DATE_FORMATS,
    OPTION_ALIASES,
    OPTIONS,
)


class BadValue(ValueError):
    """A value of a row that does not read as its column's kind of value."""


class BadFile(ValueError):
    """A file that is not a spreadsheet or CSV file of rows."""


def normalize(text):
    """A caption or option value as compared: without case, accents kept,
    spaces collapsed (Excel keeps a caption's trailing space)."""
    text = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ")
    return " ".join(text.split()).casefold()


# {kind: {normalized caption: (column key, language)}}
_CAPTION_INDEX = {
    kind: {
        normalize(caption): (key, lang)
        for key, captions in columns.items()
        for lang, names in captions.items()
        for caption in ([names] if isinstance(names, str) else names)
    }
    for kind, columns in COLUMNS.items()
}
# {option: {normalized caption: value}}
_OPTION_INDEX = {
    option: {
        normalize(caption): value
        for value, captions in values.items()
        for names in captions.values()
        for caption in ([names] if isinstance(names, str) else names)
    }
    for option, values in OPTIONS.items()
}
_BOOLEAN_INDEX = {
    normalize(caption): value
    for value, captions in BOOLEANS.items()
    for names in captions.values()
    for caption in ([names] if isinstance(names, str) else names)
}


def read_header(kind, captions):
    """The columns of a file of ``kind`` (``entries``, ``templates``,
    ``groups``) from its first row: ``({position: column key}, language)``,
    the language being the one most of its captions are in. Captions it does
    not know are left out (a column the user added to the page)."""
    index = _CAPTION_INDEX[kind]
    columns = {}
    languages = {}
    for position, caption in enumerate(captions):
        if caption in (None, ""):
            continue
        found = index.get(normalize(caption).lstrip("\ufeff"))
        if found and found[0] not in columns.values():
            columns[position] = found[0]
            if found[1] != "en":
                languages[found[1]] = languages.get(found[1], 0) + 1
    language = max(languages, key=languages.get) if languages else "en"
    return columns, language


class Locale:
    """How the exporting user's locale writes decimals and dates:
    ``decimal`` is ``,`` or ``.``; ``date_format`` a ``strptime`` format, or
    None to find it from the first dates read (``LANGUAGE_DATE_FORMATS``)."""

    def __init__(self, decimal, date_format, language):
        self.decimal = decimal
        preferred = LANGUAGE_DATE_FORMATS.get(language, ())
        self.candidates = (
            [date_format]
            if date_format
            else [*preferred, *(f for f in DATE_FORMATS if f not in preferred)]
        )
        # the dates read: an export repeats the same few thousand dates
        self.dates = {}

    def decimal_value(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, int | float):
            return float(value)
        text = (
            str(value).strip().replace("\u00a0", "").replace(" ", "").replace("'", "")
        )
        if self.decimal == ",":
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
        try:
            return float(text)
        except ValueError:
            raise BadValue(value) from None

    def integer_value(self, value):
        number = self.decimal_value(value)
        if number is None:
            return None
        if number != int(number):
            raise BadValue(value)
        return int(number)

    def date_value(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        if text in self.dates:
            return self.dates[text]
        for date_format in self.candidates:
            try:
                date = datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
            if date_format != self.candidates[0]:
                # the first date that reads decides the file's format
                self.candidates = [date_format]
                self.dates.clear()
            if len(self.dates) < 100000:
                self.dates[text] = date
            return date
        raise BadValue(value)

    @staticmethod
    @functools.lru_cache(maxsize=100000)
    def time_value(value):
        if value in (None, ""):
            return datetime.time()
        if isinstance(value, datetime.datetime):
            return value.time()
        if isinstance(value, datetime.time):
            return value
        match = _TIME.fullmatch(str(value).strip().upper())
        if not match:
            raise BadValue(value)
        hour, minute, second = (int(match[i] or 0) for i in (1, 2, 3))
        if match[4]:
            hour = hour % 12 + (12 if match[4].startswith("P") else 0)
        try:
            return datetime.time(hour, minute, second)
        except ValueError:
            raise BadValue(value) from None


_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?\s*([AP]\.?M\.?)?")


@functools.lru_cache(maxsize=10000)
def option_value(option, value):
    """Our value of a NAV/BC option caption (``Outbound``, ``Utgående`` ...);
    None for the blank option; ``BadValue`` for an unknown one."""
    if value in (None, "") or not str(value).strip():
        return None
    found = _OPTION_INDEX[option].get(normalize(value))
    if found is None:
        raise BadValue(value)
    return OPTION_ALIASES.get((option, found), found)


@functools.lru_cache(maxsize=1000)
def boolean_value(value):
    if isinstance(value, bool):
        return value
    if value in (None, ""):
        return False
    found = _BOOLEAN_INDEX.get(normalize(value))
    if found is None:
        raise BadValue(value)
    return found


def text_value(value):
    if value is None:
        return None
    if isinstance(value, float) and value == int(value):
        value = int(value)  # a number Excel kept as a number: "10000", not "10000.0"
    return str(value).strip() or None


def read_rows(path, file_name):
    """The rows of an exported file, each a list of cell values: strings,
    or numbers, dates and times as Excel keeps them. One row in memory at a
    time. ``BadFile`` when the file is not one of rows."""
    excel = file_name.lower().endswith((".xlsx", ".xlsm"))
    try:
        yield from _xlsx_rows(path) if excel else _csv_rows(path)
    except (csv.Error, OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        if isinstance(error, BadValue | BadFile):
            raise
        raise BadFile(str(error)) from None


def _xlsx_rows(path):
    import openpyxl  # noqa: PLC0415 (Odoo's own dependency, read only here)

    # a file object: openpyxl refuses a path without the .xlsx of its name
    with open(path, "rb") as handle:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        try:
            for values in book.worksheets[0].iter_rows(values_only=True):
                yield list(values)
        finally:
            book.close()


def _csv_rows(path):
    with open(path, "rb") as raw:
        sample = raw.read(65536)
    encoding = "utf-8-sig"
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        # the ANSI code page of Windows' western locales, NAV's own export
        encoding = "cp1252"
    text = sample.decode(encoding, errors="ignore")
    first_line = text.splitlines()[0] if text else ""
    delimiter = max(";,\t|", key=first_line.count)
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        yield from csv.reader(handle, delimiter=delimiter)
