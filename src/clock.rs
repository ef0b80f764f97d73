//! The clock and the civil calendar: the time now in unix seconds (token expiry, the cache's
//! freshness, TOTP windows), and the three ways cogtok writes or reads a date: SRP's TIMESTAMP,
//! the AWS CLI's ISO 8601 output and its timestamp input.
//!
//! Why our own calendar rather than the `time` crate: `time` 0.3 is in the tree already
//! (`cargo tree -i time`: through aws-sigv4 and aws-smithy-types, features `std` and `parsing`)
//! and aws-sigv4 links its SystemTime-to-date conversion, so by reading the code the date
//! arithmetic would add next to nothing to the binary (not measured: that needs a release
//! build). But the arithmetic is all it would replace: `days_from_civil`, `civil_from_days` and
//! `days_in_month`, ~30 lines tested over every day of the years 1 to 9999. None of the three
//! text forms is one `time` writes or reads (SRP's unpadded day with English names, Python's
//! `isoformat` with microseconds only when there are some, the AWS CLI's input with `t` or a
//! blank, optional seconds, `,` fractions and `-0130` offsets), so formatting and parsing stay
//! ours either way; and `time` stops at year ±9999 (`OffsetDateTime::from(SystemTime)` panics
//! beyond), where the SRP TIMESTAMP must be written whatever the clock says. Not worth a direct
//! dependency whose version aws-sigv4 picks.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970; a clock set before 1970 reads as 0 rather than failing.
pub(crate) fn now_unix() -> i64 {
    unix_seconds(SystemTime::now()).max(0)
}

/// Whole seconds since 1970 at `at`, rounded down also before 1970 (half a second before the
/// epoch is -1), saturating at the ends of `i64`.
pub(crate) fn unix_seconds(at: SystemTime) -> i64 {
    match at.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => {
            let d = e.duration();
            let whole = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
            -whole - i64::from(d.subsec_nanos() > 0)
        }
    }
}

/// The times Python's `datetime` can hold, years 1 to 9999, in unix seconds: from
/// 0001-01-01T00:00:00Z (included) to 10000-01-01T00:00:00Z (excluded). The AWS CLI can neither
/// show nor send a timestamp outside them, so neither does cogtok.
const PYTHON_DATETIME_START: i64 = -62_135_596_800;
const PYTHON_DATETIME_END: i64 = 253_402_300_800;

fn python_datetime_holds(unix_secs: f64) -> bool {
    // Both ends are exact in an f64; NaN is in no range.
    (PYTHON_DATETIME_START as f64..PYTHON_DATETIME_END as f64).contains(&unix_secs)
}

const SECONDS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01 of a proleptic Gregorian date, after Howard Hinnant's
/// `days_from_civil`: count in 400-year eras that start on March 1st, so the leap day is the
/// last day of its year.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let mp = i64::from((month + 9) % 12); // [0, 11], March-based
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`]: (year, month 1..=12, day 1..=31) of a day since
/// 1970-01-01, for any `i64` day count that does not overflow the era arithmetic.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March-based
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// SRP's TIMESTAMP as Cognito checks it, e.g. `Tue Nov 3 12:05:07 UTC 2026`: English names, the
/// day of the month not zero-padded (a padded day is refused), the time zero-padded, always UTC.
/// Defined for every `unix_secs`, so that no clock setting can make signing panic.
pub(crate) fn srp_timestamp(unix_secs: i64) -> String {
    // 1970-01-01 was a Thursday.
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = unix_secs.div_euclid(SECONDS_PER_DAY);
    let in_day = unix_secs.rem_euclid(SECONDS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let weekday = WEEKDAYS[days.rem_euclid(7) as usize];
    let month_name = MONTHS[(month - 1) as usize];
    format!(
        "{weekday} {month_name} {day} {:02}:{:02}:{:02} UTC {year}",
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60
    )
}

/// A Cognito epoch timestamp (seconds, possibly fractional) as the AWS CLI shows it with
/// `cli_timestamp_format = iso8601` in a UTC zone: Python's `datetime.isoformat()`, e.g.
/// `2026-11-27T16:20:00.123000+00:00`, without the fraction when it rounds to 0 µs.
///
/// `None` outside the years 1-9999 and for NaN or infinity, which Python's `datetime` cannot
/// represent (the AWS CLI fails there; callers show the number instead).
pub(crate) fn iso8601_from_unix(secs: f64) -> Option<String> {
    if !secs.is_finite() {
        return None;
    }
    // CPython's datetime.fromtimestamp: split off the whole seconds (modf), scale the fraction
    // to microseconds and round half to even, carrying into the seconds.
    let mut whole = secs.trunc();
    let mut micros = ((secs - whole) * 1e6).round_ties_even();
    if micros >= 1e6 {
        micros -= 1e6;
        whole += 1.0;
    } else if micros < 0.0 {
        micros += 1e6;
        whole -= 1.0;
    }
    if !python_datetime_holds(whole) {
        return None;
    }
    // In range, both conversions are exact.
    let whole = whole as i64;
    let micros = micros as u32;
    let (y, m, d) = civil_from_days(whole.div_euclid(SECONDS_PER_DAY));
    let sod = whole.rem_euclid(SECONDS_PER_DAY);
    let mut s = format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    );
    if micros != 0 {
        s.push_str(&format!(".{micros:06}"));
    }
    s.push_str("+00:00");
    Some(s)
}

/// Unix seconds from a timestamp option's text, blanks around it already trimmed: a number of
/// seconds, or ISO 8601 (`2024-05-01`, `2024-05-01T12:30:00Z`, `2024-05-01 12:30:00.250+02:00`;
/// no zone means UTC). botocore also takes many free-form dates through dateutil; cogtok takes
/// these. `None` for anything else, and outside what Python's `datetime` holds.
pub(crate) fn parse_timestamp(text: &str) -> Option<i64> {
    if let Ok(secs) = text.parse::<f64>() {
        return whole_unix_seconds(secs);
    }
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(digits).ok()?.parse().ok()
    };
    let (year, month, day) = (i64::from(num(0, 4)?), num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !(1..=12).contains(&month) {
        return None;
    }
    if day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let mut secs = days_from_civil(year, month, day) * SECONDS_PER_DAY;
    let mut i = 10;
    if matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        let (hour, minute) = (num(11, 2)?, num(14, 2)?);
        if b.get(13) != Some(&b':') || hour > 23 || minute > 59 {
            return None;
        }
        secs += i64::from(hour * 3600 + minute * 60);
        i = 16;
        if b.get(16) == Some(&b':') {
            let second = num(17, 2)?;
            if second > 59 {
                return None;
            }
            secs += i64::from(second);
            i = 19;
            if matches!(b.get(19), Some(b'.' | b',')) {
                i = 20;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                if i == 20 {
                    return None;
                }
            }
        }
    }
    match b.get(i) {
        None => Some(secs),
        Some(b'Z' | b'z') if i + 1 == b.len() => Some(secs),
        Some(&sign @ (b'+' | b'-')) => {
            let hours = num(i + 1, 2)?;
            let rest = b.get(i + 3..).unwrap_or_default();
            let minutes = match rest {
                [] => 0,
                [b':', _, _] => num(i + 4, 2)?,
                [_, _] => num(i + 3, 2)?,
                _ => return None,
            };
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = i64::from(hours * 3600 + minutes * 60);
            Some(if sign == b'+' { secs - offset } else { secs + offset })
        }
        _ => None,
    }
}

/// Whole unix seconds from a number of them, rounded down as botocore's serializer does; `None`
/// outside what Python's `datetime` holds, or for NaN.
pub(crate) fn whole_unix_seconds(secs: f64) -> Option<i64> {
    if !python_datetime_holds(secs) {
        return None;
    }
    // In range, so the cast is exact after floor().
    Some(secs.floor() as i64)
}

#[cfg(test)]
mod tests {
    //! Hand-made cases. The known answers from pycognito and the AWS CLI are in the tables their
    //! generator scripts write: `srp.rs` (TIMESTAMPS) and `output/json.rs` (EPOCH_VECTORS).
    use super::*;
    use std::time::Duration;

    #[test]
    fn civil_from_days_round_trips_every_day_of_the_supported_range() {
        // Walk day by day from 0001-01-01 to 9999-12-31, checking each date follows the last
        // and converts back to its day.
        let (mut y, mut m, mut d) = civil_from_days(-719_162);
        assert_eq!((y, m, d), (1, 1, 1));
        assert_eq!(days_from_civil(1, 1, 1) * SECONDS_PER_DAY, PYTHON_DATETIME_START);
        for days in -719_161..=2_932_896 {
            let next = civil_from_days(days);
            let want = if d < days_in_month(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
            assert_eq!(next, want, "day {days}");
            (y, m, d) = next;
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!((y, m, d), (9999, 12, 31));
        assert_eq!(days_from_civil(10_000, 1, 1) * SECONDS_PER_DAY, PYTHON_DATETIME_END);
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        for (year, days) in [(1900, 28), (2000, 29), (2023, 28), (2024, 29), (2100, 28)] {
            assert_eq!(days_in_month(year, 2), days, "{year}");
        }
    }

    #[test]
    fn unix_seconds_round_down_on_both_sides_of_the_epoch() {
        assert_eq!(unix_seconds(UNIX_EPOCH), 0);
        assert_eq!(unix_seconds(UNIX_EPOCH + Duration::from_millis(1500)), 1);
        // Half a second before the epoch is still the last second of 1969.
        let before = UNIX_EPOCH - Duration::from_millis(500);
        assert_eq!(unix_seconds(before), -1);
        assert_eq!(srp_timestamp(unix_seconds(before)), "Wed Dec 31 23:59:59 UTC 1969");
        assert!(now_unix() > 1_700_000_000);
    }

    #[test]
    fn srp_timestamps_never_panic() {
        // Far from now: no overflow, whatever the clock says.
        let far = unix_seconds(UNIX_EPOCH + Duration::from_secs(u64::MAX / 4));
        assert!(srp_timestamp(far).contains(" UTC "), "{}", srp_timestamp(far));
        let _ = srp_timestamp(i64::MAX);
        let _ = srp_timestamp(i64::MIN);
    }

    #[test]
    fn timestamps_parse_like_botocore() {
        // Expected values from botocore: calendar.timegm(parse_to_aware_datetime(text).timetuple()).
        for (text, secs) in [
            ("0", 0),
            ("1714521601", 1_714_521_601),
            ("-1.5", -2),
            ("1970-01-02", 86_400),
            ("2000-02-29T12:00:00", 951_825_600),
            ("2024-05-01T12:30:00.250+02:00", 1_714_559_400),
            ("2024-05-01 12:30-0130", 1_714_572_000),
            ("2024-05-01t12:30:00z", 1_714_566_600),
        ] {
            assert_eq!(parse_timestamp(text), Some(secs), "{text}");
        }
        for text in [
            "",
            "yesterday",
            "2023-02-29",
            "2024-13-01",
            "2024-05-01T24:00",
            "2024-05-01T",
            "1e300",
            "nan",
        ] {
            assert_eq!(parse_timestamp(text), None, "{text}");
        }
    }

    #[test]
    fn whole_seconds_stay_in_pythons_range() {
        assert_eq!(whole_unix_seconds(-62_135_596_800.0), Some(PYTHON_DATETIME_START));
        assert_eq!(whole_unix_seconds(-62_135_596_800.5), None);
        assert_eq!(whole_unix_seconds(253_402_300_799.9), Some(PYTHON_DATETIME_END - 1));
        assert_eq!(whole_unix_seconds(253_402_300_800.0), None);
        assert_eq!(whole_unix_seconds(f64::NAN), None);
    }
}
