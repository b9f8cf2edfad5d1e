#!/usr/bin/env python3
"""Writes Tests/SegCoreTests/Fixtures/dates_as_written.csv: random date-times written in every
date layout seg reads without options (and with dateformat=excel), each with the value an
independent reader (Python's datetime, calendar.timegm, openpyxl's Excel serial conversion)
gives, as UTC-naive ISO text. Dates with zone names take the name and the offset the tz
database (zoneinfo) gives the zone on that day; RFC 2822 dates are written by email.utils.

Columns: style, text, expected. Run from the repository root:
    python3 scripts/make_date_fixtures.py
openpyxl is optional: without it the Excel rows are computed with the documented rule.
"""
import calendar
import csv
import datetime as dt
import email.utils
import os
import random
from zoneinfo import ZoneInfo

OUT = os.path.join("Tests", "SegCoreTests", "Fixtures", "dates_as_written.csv")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def iso(d):
    return d.strftime("%Y-%m-%d %H:%M:%S")


def excel_serial(d):
    try:
        from openpyxl.utils.datetime import to_excel
        return to_excel(d)
    except ImportError:
        delta = d - dt.datetime(1899, 12, 30)
        return delta.days + delta.seconds / 86400


def excel_date(serial):
    """openpyxl's reading of a serial (1900 system), when openpyxl is installed."""
    try:
        from openpyxl.utils.datetime import from_excel
        return from_excel(serial)
    except ImportError:
        return None


# Zones whose abbreviations seg reads, by the tz database's name.
ZONES = ["America/New_York", "America/Los_Angeles", "America/Denver", "Europe/Berlin",
         "Europe/London", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def zoned_rows(rng, d):
    """The same moment written with zones: RFC 2822 with an offset, US month-first with the
    zone's abbreviation after AM/PM, ISO with an abbreviation; a weekday before a slash date."""
    rows = []
    utc_of = lambda local: iso(local.astimezone(dt.timezone.utc).replace(tzinfo=None))
    offset_minutes = rng.choice([-480, -300, -240, 0, 60, 120, 330, 600])
    local = d.replace(tzinfo=dt.timezone(dt.timedelta(minutes=offset_minutes)))
    rows.append(("RFC 2822", email.utils.format_datetime(local), utc_of(local)))
    zoned = d.replace(second=0, tzinfo=ZoneInfo(rng.choice(ZONES)))
    hour = zoned.hour % 12 or 12
    text = f"{zoned.month}/{zoned.day}/{zoned:%Y} {hour}:{zoned:%M %p} {zoned.tzname()}"
    rows.append(("m/d/yyyy h:MM AM zone", text, utc_of(zoned)))
    rows.append(("iso zone", f"{zoned:%Y-%m-%d %H:%M} {zoned.tzname()}", utc_of(zoned)))
    day = d.replace(hour=0, minute=0, second=0)
    rows.append(("Wkd d.m.yyyy", f"{WEEKDAYS[d.weekday()]} {d.day}.{d.month}.{d:%Y}", iso(day)))
    return rows


def main():
    rng = random.Random(13)
    zone_rng = random.Random(17)
    zone_rows = []
    rows = []
    start = dt.datetime(1990, 1, 1)
    span = int((dt.datetime(2068, 12, 31) - start).total_seconds())
    for k in range(300):
        d = start + dt.timedelta(seconds=rng.randrange(span))
        day = d.replace(hour=0, minute=0, second=0)
        minute = d.replace(second=0)
        month = MONTHS[d.month - 1]
        abbr = "Sept" if d.month == 9 and k % 2 else month[:3]
        case = [str.upper, str.lower, lambda s: s][k % 3]
        rows.append(("dd-Mon-yy", f"{d.day:02d}-{case(abbr)}-{d:%y}", iso(day)))
        rows.append(("dd-Mon-yyyy", f"{d.day}-{abbr}-{d:%Y}", iso(day)))
        rows.append(("Mon d, yyyy", f"{abbr} {d.day}, {d:%Y}", iso(day)))
        rows.append(("d Month yyyy", f"{d.day} {case(month)} {d:%Y}", iso(day)))
        rows.append(("d Month yyyy HH:MM", f"{d.day} {month} {d:%Y %H:%M}", iso(minute)))
        rows.append(("yyyy/mm/dd", f"{d:%Y/%m/%d}", iso(day)))
        # US month-first with a UTC designator, as some exports write every timestamp.
        designator = [" UTC", " GMT", "Z"][k % 3]
        rows.append(("mm/dd/yyyy HH:MM:SS UTC", f"{d:%m/%d/%Y %H:%M:%S}{designator}", iso(d)))
        # ISO with an offset: the local time written with its offset; expected is UTC.
        offset_minutes = rng.choice([-480, -300, -210, 0, 60, 120, 330, 545, 600, 840])
        tz = dt.timezone(dt.timedelta(minutes=offset_minutes))
        local = d.replace(tzinfo=tz)
        utc = local.astimezone(dt.timezone.utc).replace(tzinfo=None)
        sign = "+" if offset_minutes >= 0 else "-"
        hh, mm = divmod(abs(offset_minutes), 60)
        layouts = [f"{sign}{hh:02d}:{mm:02d}", f"{sign}{hh:02d}{mm:02d}"]
        if offset_minutes == 0:
            layouts.append("Z")
        suffix = layouts[k % len(layouts)]
        rows.append(("iso+offset", f"{d:%Y-%m-%dT%H:%M:%S}{suffix}", iso(utc)))
        # Unix epoch seconds and milliseconds: the moment d in UTC.
        seconds = calendar.timegm(d.timetuple())
        rows.append(("epoch seconds", str(seconds), iso(d)))
        rows.append(("epoch milliseconds", str(seconds * 1000 + rng.randrange(1000)), iso(d)))
        serial = excel_serial(d)
        rows.append(("excel", repr(serial), iso(excel_date(serial) or d)))
        zone_rows += zoned_rows(zone_rng, d)
    # Excel's 1900 system around its fictitious 1900-02-29 (serial 60 is refused).
    for serial, expected in [(1, "1900-01-01 00:00:00"), (59, "1900-02-28 00:00:00"),
                             (61, "1900-03-01 00:00:00"), (42777.5, "2017-02-11 12:00:00")]:
        rows.append(("excel", str(serial), expected))
    rows += zone_rows
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["style", "text", "expected"])
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
