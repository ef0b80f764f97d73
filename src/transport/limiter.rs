//! The client-side rate limiter of `mint`: one paced bucket per Cognito quota category, whose
//! rate backs off when the service throttles and grows back as answers succeed (the AWS SDKs'
//! adaptive retry mode: CUBIC over a measured send rate), and a spacing per user so that no one
//! user is asked about more than `MAX_PER_USER` times a second.
//!
//! Two departures from the SDKs, which pace one caller's retries, not many requests under way at
//! once against a quota counted per second: a throttle cuts the rate to β times what the service
//! accepted over the last second (its quota, or what others leave of it), not β times the rate
//! in force; and it cuts once per second, since for a second after a cut the service still
//! counts what was sent before it. Cutting by β at every throttle, as the SDKs do, turned the
//! burst of throttles that answers a run's first second into a rate at the floor (0.5 a second)
//! against a quota of 20, and a run of minutes.
//!
//! Pacing, not bursts: each request is given the next free slot `1 / rate` after the one before
//! it, so over any span of T seconds at most `T × rate + 1` requests leave. Cognito counts a
//! quota per second per account and region; a burst allowance would spend the quota of whatever
//! else shares the account.
//!
//! Sources: the AWS SDKs and Tools reference, "Retry behavior" (adaptive mode); the CUBIC
//! constants of aws-smithy-runtime's client rate limiter and botocore's `retries/adaptive.py`;
//! Amazon Cognito's developer guide, "Quotas" (categories, RespondToAuthChallenge's own
//! allowance, the per-user limit).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

/// CUBIC's scaling constant and multiplicative decrease (the SDKs' values).
const CUBIC_C: f64 = 0.4;
const CUBIC_BETA: f64 = 0.7;
/// The weight of the newest half-second in the measured send rate (the SDKs' 0.8).
const SMOOTHING: f64 = 0.8;
/// The measured rate is counted over buckets this long.
const MEASURE_BUCKET: Duration = Duration::from_millis(500);
/// Cognito counts its quotas over a second: what it accepted over the last one is the quota, and
/// for one second after a cut it still counts the requests sent before.
const QUOTA_WINDOW: Duration = Duration::from_secs(1);
/// How long a request waiting for its ticket sleeps at most before it looks at the rate again.
const RECHECK: Duration = Duration::from_millis(100);
/// A throttled bucket never goes below this many requests a second.
const MIN_RATE: f64 = 0.5;
/// Cognito counts requests about one user separately; more than this many a second is refused.
const MAX_PER_USER: f64 = 10.0;
/// RespondToAuthChallenge has its own allowance of three times the UserAuthentication quota.
const CHALLENGE_FACTOR: f64 = 3.0;

/// The quota categories a `mint` run sends in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Category {
    /// InitiateAuth, AdminInitiateAuth, GetTokensFromRefreshToken: Cognito's UserAuthentication.
    Authentication,
    /// (Admin)RespondToAuthChallenge and the MFA set-up calls made while answering one.
    Challenge,
    /// `--ensure`'s admin calls (AdminGetUser, AdminCreateUser, AdminSetUserPassword, ...).
    UserAdmin,
}

impl Category {
    fn of(operation: &str) -> Category {
        match operation {
            "InitiateAuth" | "AdminInitiateAuth" | "GetTokensFromRefreshToken" => Category::Authentication,
            "RespondToAuthChallenge"
            | "AdminRespondToAuthChallenge"
            | "AssociateSoftwareToken"
            | "VerifySoftwareToken" => Category::Challenge,
            _ => Category::UserAdmin,
        }
    }
}

/// One category's pacing and its adaptive rate.
struct Bucket {
    /// The most the user allowed (`--rate`, or its multiple for challenges).
    max_rate: f64,
    /// The rate in force: `max_rate` until the first throttle, then CUBIC's.
    fill_rate: f64,
    /// The tickets given out so far, one a request; ticket `k` leaves at `due(k)`.
    issued: u64,
    /// The schedule: ticket `base_ticket` (a fraction when the rate changed between two) is
    /// due at `base_time`, and each later one `1 / fill_rate` after the one before. Moved
    /// whenever the rate changes, so that the tickets still waiting follow the new rate.
    base_ticket: f64,
    base_time: Option<Instant>,
    /// The measured send rate (requests a second, smoothed) and the bucket being counted.
    measured_rate: f64,
    counted: u32,
    counting_since: Option<Instant>,
    /// When the answers that were not throttled came, over the last `QUOTA_WINDOW`.
    accepted: VecDeque<Instant>,
    /// CUBIC's state: the rate at the last throttle, and when it was.
    last_max_rate: f64,
    last_throttle: Option<Instant>,
    /// Throttles of requests sent before this tell of the overload the last cut acted on.
    holdoff_until: Option<Instant>,
    /// Requests let through and throttles seen, for the summary.
    sent: u64,
    throttled: u64,
}

impl Bucket {
    fn new(max_rate: f64) -> Bucket {
        Bucket {
            max_rate,
            fill_rate: max_rate,
            issued: 0,
            base_ticket: 0.0,
            base_time: None,
            measured_rate: 0.0,
            counted: 0,
            counting_since: None,
            accepted: VecDeque::new(),
            last_max_rate: max_rate,
            last_throttle: None,
            holdoff_until: None,
            sent: 0,
            throttled: 0,
        }
    }

    /// Gives out the next ticket. A bucket whose schedule fell behind (it was idle) starts it
    /// again from now: an idle spell is not saved up for a burst.
    fn take_ticket(&mut self, now: Instant) -> u64 {
        let ticket = self.issued;
        self.issued += 1;
        self.sent += 1;
        if self.base_time.is_none() || self.due(ticket, now) < now {
            self.base_ticket = ticket as f64;
            self.base_time = Some(now);
        }
        ticket
    }

    /// When `ticket` may leave, at the rate in force.
    fn due(&self, ticket: u64, now: Instant) -> Instant {
        let Some(base_time) = self.base_time else {
            return now;
        };
        let ahead = ticket as f64 - self.base_ticket;
        if ahead <= 0.0 {
            base_time
        } else {
            base_time + Duration::from_secs_f64(ahead / self.fill_rate)
        }
    }

    /// Counts a request sent at `now` into the measured rate.
    fn measure(&mut self, now: Instant) {
        let since = *self.counting_since.get_or_insert(now);
        self.counted += 1;
        let elapsed = now.duration_since(since);
        if elapsed >= MEASURE_BUCKET {
            let current = f64::from(self.counted) / elapsed.as_secs_f64();
            self.measured_rate = SMOOTHING * current + (1.0 - SMOOTHING) * self.measured_rate;
            self.counted = 0;
            self.counting_since = Some(now);
        }
    }

    /// A throttle: the rate drops to β times what the service accepted over the last second
    /// (at most the rate in force, at least the floor). Once per overload: a request sent
    /// within a second of the last one the old rate spaced (`holdoff_until`) is refused for
    /// what came before the cut as much as for itself, so its throttle says nothing new.
    fn on_throttle(&mut self, now: Instant, sent_at: Instant) {
        self.throttled += 1;
        if self.holdoff_until.is_some_and(|until| sent_at < until) {
            return;
        }
        self.forget_accepted(now);
        let base = self.fill_rate.min(self.accepted.len() as f64).max(MIN_RATE);
        self.last_max_rate = base;
        self.last_throttle = Some(now);
        // The tickets given out so far were spaced at the old rate; the service counts the last
        // of them for a second after it leaves.
        let last = match self.issued {
            0 => now,
            n => self.due(n - 1, now).max(now),
        };
        self.holdoff_until = Some(last + QUOTA_WINDOW);
        self.set_rate((base * CUBIC_BETA).max(MIN_RATE), now);
    }

    /// An answer that was not throttled; after a throttle, the rate grows back along CUBIC's
    /// curve toward, and past, the rate that was throttled, never above `max_rate` nor twice
    /// the measured rate.
    fn on_success(&mut self, now: Instant) {
        self.accepted.push_back(now);
        self.forget_accepted(now);
        let Some(throttled_at) = self.last_throttle else {
            return;
        };
        let w = (self.last_max_rate * (1.0 - CUBIC_BETA) / CUBIC_C).cbrt();
        let t = now.duration_since(throttled_at).as_secs_f64();
        let cubic = CUBIC_C * (t - w).powi(3) + self.last_max_rate;
        let ceiling = if self.measured_rate > 0.0 {
            2.0 * self.measured_rate
        } else {
            cubic
        };
        self.set_rate(cubic.min(ceiling).max(MIN_RATE), now);
    }

    /// Drops the accepted answers older than the quota's window.
    fn forget_accepted(&mut self, now: Instant) {
        while self
            .accepted
            .front()
            .is_some_and(|t| now.duration_since(*t) >= QUOTA_WINDOW)
        {
            self.accepted.pop_front();
        }
    }

    /// A new rate from `now` on: the schedule is moved to where the old rate had got to, so
    /// the tickets not yet due are spaced at the new one.
    fn set_rate(&mut self, rate: f64, now: Instant) {
        if let Some(base_time) = self.base_time {
            let reached = self.base_ticket + now.saturating_duration_since(base_time).as_secs_f64() * self.fill_rate;
            self.base_ticket = reached.min(self.issued as f64);
            self.base_time = Some(now);
        }
        self.fill_rate = rate.min(self.max_rate);
    }
}

/// What a `mint` run's requests share: the category buckets.
pub(crate) struct Limiter {
    authentication: RefCell<Bucket>,
    challenge: RefCell<Bucket>,
    user_admin: RefCell<Bucket>,
}

/// One user's spacing: the slot after which that user's next request may leave.
#[derive(Default)]
pub(crate) struct UserPace {
    next: Cell<Option<Instant>>,
}

/// Counts for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) sent: u64,
    pub(crate) throttled: u64,
}

impl Limiter {
    /// `rate`: sign-ins (UserAuthentication requests) a second; challenges get three times
    /// that; `admin_rate`: `--ensure`'s calls a second.
    pub(crate) fn new(rate: f64, admin_rate: f64) -> Limiter {
        Limiter {
            authentication: RefCell::new(Bucket::new(rate)),
            challenge: RefCell::new(Bucket::new(rate * CHALLENGE_FACTOR)),
            user_admin: RefCell::new(Bucket::new(admin_rate)),
        }
    }

    fn bucket(&self, category: Category) -> &RefCell<Bucket> {
        match category {
            Category::Authentication => &self.authentication,
            Category::Challenge => &self.challenge,
            Category::UserAdmin => &self.user_admin,
        }
    }

    /// Waits for `operation`'s next slot, and for `user`'s when given, and returns the moment
    /// the request leaves (for `on_answer`). Tickets are given out first, so that requests
    /// leave in the order they asked; when a ticket is due follows the rate, which may change
    /// while it waits, so a waiter looks again at least every `RECHECK` (a rise in the rate
    /// would otherwise leave the tickets given out before it at the old pace).
    pub(crate) async fn acquire(&self, operation: &str, user: Option<&UserPace>) -> Instant {
        let bucket = self.bucket(Category::of(operation));
        let ticket = bucket.borrow_mut().take_ticket(Instant::now());
        loop {
            let now = Instant::now();
            let due = bucket.borrow().due(ticket, now);
            if due <= now {
                break;
            }
            tokio::time::sleep_until(due.min(now + RECHECK)).await;
        }
        if let Some(user) = user {
            let now = Instant::now();
            let slot = user.next.get().map_or(now, |n| n.max(now));
            user.next.set(Some(slot + Duration::from_secs_f64(1.0 / MAX_PER_USER)));
            if slot > now {
                tokio::time::sleep_until(slot).await;
            }
        }
        let sent_at = Instant::now();
        bucket.borrow_mut().measure(sent_at);
        sent_at
    }

    /// The answer to a request of `operation` that `acquire` let go at `sent_at`: throttled or not.
    pub(crate) fn on_answer(&self, operation: &str, sent_at: Instant, throttled: bool) {
        let mut bucket = self.bucket(Category::of(operation)).borrow_mut();
        if throttled {
            bucket.on_throttle(Instant::now(), sent_at);
        } else {
            bucket.on_success(Instant::now());
        }
    }

    /// Requests sent and throttles seen, over every category.
    pub(crate) fn counts(&self) -> Counts {
        [&self.authentication, &self.challenge, &self.user_admin]
            .iter()
            .map(|b| b.borrow())
            .fold(Counts::default(), |c, b| Counts {
                sent: c.sent + b.sent,
                throttled: c.throttled + b.throttled,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_fall_in_their_quota_category() {
        assert_eq!(Category::of("InitiateAuth"), Category::Authentication);
        assert_eq!(Category::of("AdminInitiateAuth"), Category::Authentication);
        assert_eq!(Category::of("RespondToAuthChallenge"), Category::Challenge);
        assert_eq!(Category::of("AdminRespondToAuthChallenge"), Category::Challenge);
        assert_eq!(Category::of("AdminCreateUser"), Category::UserAdmin);
    }

    #[test]
    fn slots_are_spaced_by_the_rate_and_never_bunch() {
        let mut bucket = Bucket::new(10.0);
        let t0 = Instant::now();
        let tickets: Vec<u64> = (0..5).map(|_| bucket.take_ticket(t0)).collect();
        for pair in tickets.windows(2) {
            let gap = bucket.due(pair[1], t0) - bucket.due(pair[0], t0);
            assert!(
                gap.abs_diff(Duration::from_millis(100)) < Duration::from_micros(1),
                "{gap:?}"
            );
        }
        // A caller after a pause gets "now", not a slot in the past.
        let later = t0 + Duration::from_secs(10);
        let ticket = bucket.take_ticket(later);
        assert_eq!(bucket.due(ticket, later), later);
    }

    #[test]
    fn tickets_given_out_at_a_low_rate_follow_it_when_it_rises() {
        let mut bucket = Bucket::new(100.0);
        let t0 = Instant::now();
        bucket.set_rate(1.0, t0);
        let tickets: Vec<u64> = (0..10).map(|_| bucket.take_ticket(t0)).collect();
        assert_eq!(bucket.due(tickets[9], t0) - t0, Duration::from_secs(9));
        // Half a second on, ticket 0 has left and the rate goes to 10: ticket 1, half-way to its
        // time, is due in half the new spacing, and the rest 0.1 s apart.
        let t = t0 + Duration::from_millis(500);
        bucket.set_rate(10.0, t);
        let due = |k: usize| (bucket.due(tickets[k], t) - t).as_secs_f64();
        assert!((due(1) - 0.05).abs() < 1e-6, "{}", due(1));
        assert!((due(9) - 0.85).abs() < 1e-6, "{}", due(9));
        // And a fall spaces them out again.
        bucket.set_rate(2.0, t);
        let due = |k: usize| (bucket.due(tickets[k], t) - t).as_secs_f64();
        assert!((due(9) - 4.25).abs() < 1e-6, "{}", due(9));
    }

    /// `n` answers accepted in the second before `t`, evenly spread.
    fn accept(bucket: &mut Bucket, n: u32, t: Instant) {
        for i in 0..n {
            bucket.on_success(t - Duration::from_secs(1) + Duration::from_secs(1) * (i + 1) / (n + 1));
        }
    }

    #[test]
    fn a_throttle_cuts_the_rate_and_successes_grow_it_back_to_at_most_the_maximum() {
        let mut bucket = Bucket::new(100.0);
        let t0 = Instant::now() + Duration::from_secs(1);
        accept(&mut bucket, 100, t0);
        bucket.on_throttle(t0, t0);
        assert!((bucket.fill_rate - 70.0).abs() < 1e-9, "{}", bucket.fill_rate);
        // Just after the throttle, CUBIC stays near its low point.
        bucket.on_success(t0 + Duration::from_millis(100));
        assert!(bucket.fill_rate < 75.0, "{}", bucket.fill_rate);
        // At W (about 4.2 s for 100/s) it is back at the throttled rate; later it would pass it,
        // but the user's maximum caps it.
        bucket.on_success(t0 + Duration::from_secs(30));
        assert_eq!(bucket.fill_rate, 100.0);
        // Throttles a second apart with nothing accepted in between keep cutting, down to the
        // floor and no further.
        for i in 0..50 {
            let t = t0 + Duration::from_secs(32 + i);
            bucket.on_throttle(t, t);
        }
        assert_eq!(bucket.fill_rate, MIN_RATE);
        assert_eq!(bucket.throttled, 51);
    }

    #[test]
    fn a_throttle_cuts_to_what_the_service_accepted_over_the_last_second() {
        let mut bucket = Bucket::new(60.0);
        let t0 = Instant::now() + Duration::from_secs(2);
        // 20 accepted in the last second (and more before it, which no longer count).
        accept(&mut bucket, 40, t0 - Duration::from_secs(1));
        accept(&mut bucket, 20, t0);
        bucket.on_throttle(t0, t0);
        assert!((bucket.fill_rate - 14.0).abs() < 1e-9, "{}", bucket.fill_rate);
    }

    #[test]
    fn throttles_within_a_second_of_the_cut_do_not_cut_again() {
        let mut bucket = Bucket::new(60.0);
        let t0 = Instant::now() + Duration::from_secs(1);
        accept(&mut bucket, 20, t0);
        // Twelve requests under way, all throttled: one cut, twelve throttles counted.
        for i in 0..12 {
            bucket.on_throttle(t0 + Duration::from_millis(i), t0 - Duration::from_millis(12 - i));
        }
        assert!((bucket.fill_rate - 14.0).abs() < 1e-9, "{}", bucket.fill_rate);
        assert_eq!(bucket.throttled, 12);
        // Sent after the cut but within its second: the service still counts the ones before.
        let t = t0 + Duration::from_millis(500);
        bucket.on_throttle(t, t - Duration::from_millis(5));
        assert!((bucket.fill_rate - 14.0).abs() < 1e-9, "{}", bucket.fill_rate);
        // Sent a second after the cut and throttled all the same: cut again, to β times the
        // 10 accepted over the second before.
        let t = t0 + Duration::from_millis(1100);
        accept(&mut bucket, 10, t);
        bucket.on_throttle(t, t - Duration::from_millis(5));
        assert!(bucket.fill_rate < 7.5, "{}", bucket.fill_rate);
        assert_eq!(bucket.throttled, 14);
    }

    #[test]
    fn the_second_after_the_cut_counts_from_the_last_slot_the_old_rate_gave() {
        let mut bucket = Bucket::new(60.0);
        let t0 = Instant::now() + Duration::from_secs(1);
        accept(&mut bucket, 20, t0);
        // 30 slots reserved at 60 a second: the last leaves half a second after the cut.
        for _ in 0..30 {
            bucket.take_ticket(t0);
        }
        bucket.on_throttle(t0, t0);
        assert!((bucket.fill_rate - 14.0).abs() < 1e-9, "{}", bucket.fill_rate);
        let t = t0 + Duration::from_millis(1200);
        bucket.on_throttle(t, t);
        assert!((bucket.fill_rate - 14.0).abs() < 1e-9, "{}", bucket.fill_rate);
        let t = t0 + Duration::from_millis(1600);
        bucket.on_throttle(t, t);
        assert!(bucket.fill_rate < 14.0, "{}", bucket.fill_rate);
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn one_user_gets_at_most_ten_requests_a_second() {
        let limiter = Limiter::new(1000.0, 10.0);
        let user = UserPace::default();
        let start = tokio::time::Instant::now();
        for _ in 0..11 {
            limiter.acquire("InitiateAuth", Some(&user)).await;
        }
        assert!(start.elapsed() >= Duration::from_millis(1000), "{:?}", start.elapsed());
        assert_eq!(limiter.counts(), Counts { sent: 11, throttled: 0 });
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn requests_already_waiting_go_faster_when_the_rate_rises() {
        let limiter = Limiter::new(10.0, 10.0);
        let start = Instant::now();
        limiter.authentication.borrow_mut().set_rate(1.0, start);
        let waiting = futures_util::future::join_all((0..5).map(|_| limiter.acquire("InitiateAuth", None)));
        let rise = async {
            tokio::time::sleep(Duration::from_millis(500)).await;
            limiter.authentication.borrow_mut().set_rate(10.0, Instant::now());
        };
        let (sent, ()) = tokio::join!(waiting, rise);
        // At 1 a second the last would leave at 4 s; from 0.5 s on, at 10 a second, by 0.85 s
        // (plus at most one look at the rate, 0.1 s).
        let last = sent.iter().max().unwrap().duration_since(start);
        assert!(last <= Duration::from_millis(950), "{last:?}");
        assert!(sent.windows(2).all(|w| w[0] <= w[1]), "in the order they asked");
    }
}
