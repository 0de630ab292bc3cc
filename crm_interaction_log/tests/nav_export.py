# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Files as Dynamics NAV / Business Central export the page Interaction Log
Entries: the captions of a language, the dates and decimals of a locale,
Excel or CSV (``;``-separated, as a Windows locale with a decimal comma
writes it)."""

import csv
import datetime
import io

from ..nav_captions import BOOLEANS, COLUMNS, OPTIONS

# (the date format, the decimal separator) of each exporting locale
LOCALES = {
    "en": ("%m/%d/%Y", "."),
    "sv": ("%Y-%m-%d", ","),
    "nb": ("%d.%m.%Y", ","),
    "fi": ("%d.%m.%Y", ","),
    "nl": ("%d-%m-%Y", ","),
    "ru": ("%d.%m.%Y", ","),
    "da": ("%d-%m-%Y", ","),
}


def caption(captions, lang):
    value = captions[lang]
    return value[0] if isinstance(value, list) else value


def export(
    rows, lang="en", kind="entries", excel=False, date_format=None, decimal=None
):
    """The file of ``rows`` (dicts of column keys and Python values: dates,
    numbers, booleans, our option values) as NAV/BC writes it in ``lang``;
    bytes. A value given as a string is written as it is (a bad value)."""
    default_format, default_decimal = LOCALES[lang]
    date_format = date_format or default_format
    decimal = decimal or default_decimal
    keys = list(dict.fromkeys(key for row in rows for key in row))
    header = [caption(COLUMNS[kind][key], lang) for key in keys]

    def cell(key, value):
        if isinstance(value, str) or value is None:
            return value
        if isinstance(value, bool):
            return caption(BOOLEANS[value], lang)
        if isinstance(value, datetime.date):
            return value if excel else value.strftime(date_format)
        if isinstance(value, datetime.time):
            return value if excel else value.strftime("%H:%M:%S")
        if isinstance(value, int | float):
            if excel:
                return value
            text = f"{value:,.2f}" if isinstance(value, float) else str(value)
            if decimal == ",":
                text = text.replace(",", " ").replace(".", ",")
            return text
        if isinstance(value, tuple):  # (option, our value)
            return caption(OPTIONS[value[0]][value[1]], lang)
        raise TypeError(value)

    lines = [header] + [[cell(key, row.get(key)) for key in keys] for row in rows]
    if excel:
        import openpyxl  # noqa: PLC0415

        book = openpyxl.Workbook()
        sheet = book.active
        for line in lines:
            sheet.append(line)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";" if decimal == "," else ",").writerows(lines)
    return buffer.getvalue().encode("utf-8-sig")
