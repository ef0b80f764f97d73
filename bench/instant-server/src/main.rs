//! A Cognito user pool stand-in that answers at once, for `make bench`'s mint section.
//!
//! `instant-server [PORT]` listens on 127.0.0.1 (PORT 0, the default, picks a free one) and
//! prints `listening on 127.0.0.1:PORT` as its first line. It speaks HTTP/1.1 with keep-alive,
//! a thread per connection, and answers:
//!
//! - `POST /` with `X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth` or
//!   `.AdminInitiateAuth`: 200 and one fixed `AuthenticationResult` (access, ID and refresh
//!   tokens shaped and sized like Cognito's, about 1 KB each; `ExpiresIn` 3600). The body must
//!   name a `USERNAME`; an AdminInitiateAuth must carry a SigV4 `Authorization` header, which is
//!   not checked: the client's signing is measured, not the server's.
//! - `GET /stats`: how many requests of each kind it answered and the CPU time it has used
//!   (`cpu_ns`, all threads, dead ones included), as JSON, so that the bench can check that
//!   every token it counts was asked for (and signed) once, and show what the server cost.
//!
//! Everything else is a JSON error, as Cognito gives them. The tokens are built once at start,
//! so answering costs a header parse and one write.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

/// A request head larger than this is refused (the connection closed): Cognito's are ~1 KB.
const MAX_HEAD: usize = 64 * 1024;
/// A body larger than this is refused: an InitiateAuth body is a few hundred bytes.
const MAX_BODY: usize = 1 << 20;
/// Each connection's thread does little and recurses nowhere: a small stack keeps 64 of them
/// cheap.
const THREAD_STACK: usize = 64 * 1024;

const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";
const POOL_ID: &str = "us-east-1_Bench0001";
const CLIENT_ID: &str = "benchclient0123456789abcde";

/// What `/stats` reports, in this order.
static COUNTS: [AtomicU64; 4] = [
    AtomicU64::new(0),
    AtomicU64::new(0),
    AtomicU64::new(0),
    AtomicU64::new(0),
];
const COUNT_NAMES: [&str; 4] = ["InitiateAuth", "AdminInitiateAuth", "unsigned", "refused"];
const INITIATE: usize = 0;
const ADMIN: usize = 1;
const UNSIGNED: usize = 2;
const REFUSED: usize = 3;

/// The whole 200 answer (status line, headers, body), built once.
static TOKENS_ANSWER: OnceLock<Vec<u8>> = OnceLock::new();

fn main() {
    let port: u16 = match std::env::args().nth(1).map(|p| p.parse()) {
        None => 0,
        Some(Ok(port)) => port,
        Some(Err(_)) => {
            eprintln!("usage: instant-server [PORT]");
            std::process::exit(2);
        }
    };
    let body = authentication_result();
    let answer = TOKENS_ANSWER.get_or_init(|| response(200, "OK", "application/x-amz-json-1.1", body.as_bytes()));
    let listener = TcpListener::bind(("127.0.0.1", port)).unwrap_or_else(|e| {
        eprintln!("instant-server: cannot listen on 127.0.0.1:{port}: {e}");
        std::process::exit(1);
    });
    let address = listener.local_addr().expect("a bound socket has an address");
    // The first line is for the bench (which reads the port from it); flushed, as stdout is a pipe.
    println!("listening on {address}");
    eprintln!(
        "instant-server: an answer is {} bytes ({} of body)",
        answer.len(),
        body.len()
    );
    io::stdout().flush().ok();
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let spawned = std::thread::Builder::new().stack_size(THREAD_STACK).spawn(move || {
            // A client that goes away mid-request is no error worth reporting.
            let _ = serve(stream);
        });
        if let Err(e) = spawned {
            eprintln!("instant-server: cannot start a thread: {e}");
        }
    }
}

/// The parts of a request head the answer depends on.
struct Head {
    get: bool,
    path_is_stats: bool,
    target: Option<String>,
    signed: bool,
    content_length: usize,
    close: bool,
    expect_continue: bool,
    chunked: bool,
}

/// Answers one connection's requests, in order, until the client closes it.
fn serve(mut stream: TcpStream) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut buf: Vec<u8> = Vec::with_capacity(8 * 1024);
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let head_len = loop {
            if let Some(i) = find(&buf, b"\r\n\r\n") {
                break i + 4;
            }
            if buf.len() > MAX_HEAD {
                return Ok(());
            }
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let Some(head) = parse_head(&buf[..head_len]) else {
            stream.write_all(&error(400, "InvalidParameterException", "malformed request head", true))?;
            return Ok(());
        };
        if head.chunked || head.content_length > MAX_BODY {
            stream.write_all(&error(
                413,
                "InvalidParameterException",
                "body too large or chunked",
                true,
            ))?;
            return Ok(());
        }
        if head.expect_continue {
            stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        }
        let total = head_len + head.content_length;
        while buf.len() < total {
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        let body = &buf[head_len..total];
        match answer(&head, body) {
            Answer::Tokens => stream.write_all(TOKENS_ANSWER.get().expect("built in main"))?,
            Answer::Other(bytes) => stream.write_all(&bytes)?,
        }
        buf.drain(..total);
        if head.close {
            return Ok(());
        }
    }
}

enum Answer {
    /// The prebuilt AuthenticationResult.
    Tokens,
    Other(Vec<u8>),
}

fn answer(head: &Head, body: &[u8]) -> Answer {
    if head.get {
        return Answer::Other(if head.path_is_stats {
            response(200, "OK", "application/json", stats().as_bytes())
        } else {
            not_found()
        });
    }
    let operation = head.target.as_deref().and_then(|t| t.strip_prefix(TARGET_PREFIX));
    let slot = match operation {
        Some("InitiateAuth") => INITIATE,
        Some("AdminInitiateAuth") if head.signed => ADMIN,
        Some("AdminInitiateAuth") => {
            COUNTS[UNSIGNED].fetch_add(1, Ordering::Relaxed);
            return Answer::Other(error(
                400,
                "MissingAuthenticationTokenException",
                "AdminInitiateAuth needs a SigV4-signed request",
                head.close,
            ));
        }
        _ => {
            COUNTS[REFUSED].fetch_add(1, Ordering::Relaxed);
            return Answer::Other(error(
                400,
                "UnknownOperationException",
                "instant-server answers InitiateAuth and AdminInitiateAuth only",
                head.close,
            ));
        }
    };
    if find(body, b"\"USERNAME\"").is_none() {
        COUNTS[REFUSED].fetch_add(1, Ordering::Relaxed);
        return Answer::Other(error(
            400,
            "InvalidParameterException",
            "Missing required parameter USERNAME",
            head.close,
        ));
    }
    COUNTS[slot].fetch_add(1, Ordering::Relaxed);
    // Keep-alive is HTTP/1.1's default; a client that asked to close gets its answer, then the
    // close (`serve`): the prebuilt answer need not say so.
    Answer::Tokens
}

/// The request line and the few headers that matter; None when it is not HTTP/1.x.
fn parse_head(head: &[u8]) -> Option<Head> {
    let text = std::str::from_utf8(head).ok()?;
    let mut lines = text.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?;
    let path = request_line.next()?;
    let version = request_line.next()?;
    if !version.starts_with("HTTP/1.") {
        return None;
    }
    let mut parsed = Head {
        get: method == "GET",
        path_is_stats: path == "/stats",
        target: None,
        signed: false,
        content_length: 0,
        // HTTP/1.0 closes unless asked to keep alive; nobody here speaks it, but be right.
        close: version == "HTTP/1.0",
        expect_continue: false,
        chunked: false,
    };
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':')?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("x-amz-target") {
            parsed.target = Some(value.to_string());
        } else if name.eq_ignore_ascii_case("authorization") {
            parsed.signed = value.starts_with("AWS4-HMAC-SHA256 ");
        } else if name.eq_ignore_ascii_case("content-length") {
            parsed.content_length = value.parse().ok()?;
        } else if name.eq_ignore_ascii_case("connection") {
            parsed.close = value.eq_ignore_ascii_case("close");
        } else if name.eq_ignore_ascii_case("expect") {
            parsed.expect_continue = value.eq_ignore_ascii_case("100-continue");
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            parsed.chunked = true;
        }
    }
    Some(parsed)
}

fn stats() -> String {
    let mut fields: Vec<String> = COUNT_NAMES
        .iter()
        .zip(&COUNTS)
        .map(|(name, count)| format!("\"{name}\":{}", count.load(Ordering::Relaxed)))
        .collect();
    fields.push(format!("\"cpu_ns\":{}", process_cpu_ns()));
    format!("{{{}}}", fields.join(","))
}

/// The process' CPU time (user + sys, every thread, those that ended too) in nanoseconds:
/// clock_gettime(CLOCK_PROCESS_CPUTIME_ID), which std does not expose. /proc/self/stat has the
/// same in 10 ms ticks, too coarse for a run of 0.1 s.
fn process_cpu_ns() -> u64 {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
    let mut t = Timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: the C library's clock_gettime writes one timespec (two 64-bit fields on x86_64
    // and aarch64 Linux) through a valid pointer.
    let ok = unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0;
    if ok {
        t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
    } else {
        0
    }
}

fn response(status: u16, reason: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         x-amzn-RequestId: 00000000-0000-4000-8000-000000000000\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn error(status: u16, code: &str, message: &str, close: bool) -> Vec<u8> {
    let body = format!("{{\"__type\":\"{code}\",\"message\":\"{message}\"}}");
    let mut out = response(status, "Bad Request", "application/x-amz-json-1.1", body.as_bytes());
    if close {
        // Not needed for correctness (the server closes), but polite.
        let at = out.windows(2).position(|w| w == b"\r\n").expect("a status line") + 2;
        out.splice(at..at, b"Connection: close\r\n".iter().copied());
    }
    out
}

fn not_found() -> Vec<u8> {
    response(404, "Not Found", "text/plain", b"not found\n")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The AuthenticationResult every sign-in gets: tokens the size and shape of Cognito's (a
/// JWT's three parts for the access and ID tokens, a JWE's five for the refresh token), with
/// claims a client could read (`exp` an hour from the server's start).
fn authentication_result() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut random = XorShift(0x9e37_79b9_7f4a_7c15);
    let sub = random.uuid();
    let issuer = format!("https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}");
    let header = r#"{"kid":"bench-kid-0000000000000000000000000000000000=","alg":"RS256"}"#;
    let access_claims = format!(
        r#"{{"sub":"{sub}","iss":"{issuer}","client_id":"{CLIENT_ID}","origin_jti":"{}","event_id":"{}","token_use":"access","scope":"aws.cognito.signin.user.admin","auth_time":{now},"exp":{},"iat":{now},"jti":"{}","username":"{sub}"}}"#,
        random.uuid(),
        random.uuid(),
        now + 3600,
        random.uuid(),
    );
    let id_claims = format!(
        r#"{{"sub":"{sub}","email_verified":true,"iss":"{issuer}","cognito:username":"{sub}","origin_jti":"{}","aud":"{CLIENT_ID}","event_id":"{}","token_use":"id","auth_time":{now},"exp":{},"iat":{now},"jti":"{}","email":"bench-user@example.com"}}"#,
        random.uuid(),
        random.uuid(),
        now + 3600,
        random.uuid(),
    );
    // RS256 with a 2048-bit key: a 256-byte signature.
    let access = [
        b64(header.as_bytes()),
        b64(access_claims.as_bytes()),
        b64(&random.bytes(256)),
    ]
    .join(".");
    let id = [
        b64(header.as_bytes()),
        b64(id_claims.as_bytes()),
        b64(&random.bytes(256)),
    ]
    .join(".");
    // RSA-OAEP + A256GCM: encrypted key, 12-byte IV, ciphertext, 16-byte tag.
    let refresh = [
        b64(br#"{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}"#),
        b64(&random.bytes(256)),
        b64(&random.bytes(12)),
        b64(&random.bytes(560)),
        b64(&random.bytes(16)),
    ]
    .join(".");
    format!(
        r#"{{"AuthenticationResult":{{"AccessToken":"{access}","ExpiresIn":3600,"TokenType":"Bearer","RefreshToken":"{refresh}","IdToken":"{id}"}},"ChallengeParameters":{{}}}}"#
    )
}

/// Base64url without padding, as in a JWT.
fn b64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..=group.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Fixed pseudo-random bytes: the tokens look random and are the same on every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }

    fn uuid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            0x8000 | (b >> 48) & 0x3fff,
            b & 0xffff_ffff_ffff
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_the_rfc_4648_vectors_without_padding() {
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
        ];
        for (input, want) in cases {
            assert_eq!(b64(input.as_bytes()), want);
        }
        assert_eq!(b64(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn the_answer_is_json_with_tokens_of_about_a_kilobyte() {
        let body = authentication_result();
        for field in ["AccessToken", "IdToken", "RefreshToken"] {
            let at = body.find(&format!("\"{field}\":\"")).unwrap() + field.len() + 4;
            let len = body[at..].find('"').unwrap();
            assert!((900..1400).contains(&len), "{field} is {len} bytes");
        }
    }

    #[test]
    fn heads_are_read_case_insensitively() {
        let head = b"POST / HTTP/1.1\r\nX-AMZ-TARGET: AWSCognitoIdentityProviderService.AdminInitiateAuth\r\n\
                     authorization: AWS4-HMAC-SHA256 Credential=x\r\ncontent-length: 12\r\n\r\n";
        let head = parse_head(head).unwrap();
        assert!(head.signed && !head.close && head.content_length == 12);
        assert!(matches!(answer(&head, br#"{"USERNAME":1}"#), Answer::Tokens));
        assert!(matches!(answer(&head, b"{}"), Answer::Other(_)));
    }
}
