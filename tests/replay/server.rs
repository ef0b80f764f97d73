//! A std-only HTTP/1.1 server on 127.0.0.1 that serves one fixture's exchanges in order and
//! records every way the requests it gets differ from the recording.
//!
//! It reads `Content-Length` and chunked bodies, keeps connections alive, answers each request
//! with the recorded status, headers and body (and its own `Content-Length`). An exchange with
//! earlier attempts takes exactly that many requests more, answered in turn by those attempts,
//! then by its response; one with `repeats_up_to` may take that many more requests for its own
//! target; any other request takes the next exchange. A request with nothing left to serve gets
//! a `ReplayMismatchException` (400) so that the client stops soon. An exchange requested fewer
//! times than its attempts is reported, as is one never requested.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::Value;

use super::fixture::{Exchange, Response};
use super::{matcher, sigv4};

const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
const MAX_BODY: usize = 8 << 20;

/// One recorded exchange, as the server needs it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub target: String,
    pub signed: bool,
    pub body: Value,
    /// One answer per attempt the request must come: those of the earlier attempts (each of
    /// which the client must retry), then the final one.
    pub answers: Vec<Answer>,
    pub repeats_up_to: u32,
}

/// One recorded answer: status, headers and body.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    fn from_fixture(r: &Response) -> Answer {
        Answer {
            status: r.status,
            headers: r.header_pairs(),
            body: r.body_bytes(),
        }
    }
}

impl Recorded {
    pub fn from_fixture(ex: &Exchange) -> Recorded {
        Recorded {
            target: ex.request.target.clone(),
            signed: ex.request.signed,
            body: ex.request.body.clone(),
            answers: ex
                .earlier_attempts
                .iter()
                .chain([&ex.response])
                .map(Answer::from_fixture)
                .collect(),
            repeats_up_to: ex.repeats_up_to,
        }
    }

    /// The number of attempts the request must come: 1, plus the retries.
    fn attempts(&self) -> u32 {
        self.answers.len() as u32
    }
}

/// A request as it arrived.
#[derive(Debug)]
pub struct HttpRequest {
    pub method: String,
    pub path: String,
    /// Lowercase names; repeated headers joined with ",".
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

struct State {
    exchanges: Vec<Recorded>,
    served: Vec<u32>,
    next: usize,
    last: Option<usize>,
    requests: usize,
    mismatches: Vec<String>,
    user_agent_prefix: String,
}

impl State {
    /// The exchange that answers a request for `target`, if any is left.
    fn pick(&mut self, target: &str) -> Option<usize> {
        if let Some(last) = self.last {
            let ex = &self.exchanges[last];
            // A retry the fixture requires takes the same exchange whatever comes: a request
            // for another target is then a mismatch, reported by `check_request`.
            if self.served[last] < ex.attempts() {
                return Some(last);
            }
            let next_is_other = self.exchanges.get(self.next).is_none_or(|n| n.target != target);
            if ex.target == target && self.served[last] < ex.attempts() + ex.repeats_up_to && next_is_other {
                return Some(last);
            }
        }
        if self.next < self.exchanges.len() {
            self.next += 1;
            return Some(self.next - 1);
        }
        None
    }

    fn handle(&mut self, request: &HttpRequest) -> (u16, Vec<(String, String)>, Vec<u8>) {
        self.requests += 1;
        let n = self.requests;
        let target = request.header("x-amz-target").unwrap_or("").to_string();
        let Some(i) = self.pick(&target) else {
            self.mismatches.push(format!(
                "request #{n} ({target}): no recorded exchange left to answer it"
            ));
            let body = br#"{"__type":"ReplayMismatchException","message":"no recorded exchange left"}"#.to_vec();
            return (400, vec![("Content-Type".into(), CONTENT_TYPE.into())], body);
        };
        let attempt = self.served[i] as usize;
        self.served[i] += 1;
        self.last = Some(i);
        let ex = &self.exchanges[i];
        for problem in check_request(ex, request, &self.user_agent_prefix) {
            self.mismatches
                .push(format!("request #{n} (exchange {}, {}): {problem}", i + 1, ex.target));
        }
        let answer = &ex.answers[attempt.min(ex.answers.len() - 1)];
        (answer.status, answer.headers.clone(), answer.body.clone())
    }
}

/// Every way `request` differs from what `ex` expects.
pub fn check_request(ex: &Recorded, request: &HttpRequest, user_agent_prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    if request.method != "POST" {
        out.push(format!("method: expected POST, got {}", request.method));
    }
    if request.path != "/" {
        out.push(format!("path: expected /, got {}", request.path));
    }
    match request.header("content-type") {
        Some(CONTENT_TYPE) => {}
        other => out.push(format!("Content-Type: expected {CONTENT_TYPE}, got {other:?}")),
    }
    match request.header("x-amz-target") {
        Some(t) if t == ex.target => {}
        other => out.push(format!("X-Amz-Target: expected {}, got {other:?}", ex.target)),
    }
    match request.header("user-agent") {
        Some(ua) if ua.starts_with(user_agent_prefix) => {}
        other => out.push(format!(
            "User-Agent: expected to start with {user_agent_prefix:?}, got {other:?}"
        )),
    }
    if ex.signed {
        out.extend(sigv4::check(
            &request.method,
            &request.path,
            &request.headers,
            &request.body,
        ));
    } else if request.header("authorization").is_some() {
        out.push("Authorization: the operation is unsigned, but the request carries an Authorization header".into());
    }
    match serde_json::from_slice::<Value>(&request.body) {
        Ok(actual) => out.extend(matcher::match_value(&ex.body, &actual, "body")),
        Err(e) => out.push(format!(
            "body: not JSON ({e}): {:?}",
            String::from_utf8_lossy(&request.body)
        )),
    }
    out
}

/// What the server saw, once the client is done.
#[derive(Debug)]
pub struct Report {
    pub mismatches: Vec<String>,
    pub unconsumed: Vec<String>,
    pub requests: usize,
}

pub struct Server {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts serving `exchanges` on 127.0.0.1 at a free port. Requests must carry a
    /// User-Agent starting with `user_agent_prefix`.
    pub fn start(exchanges: Vec<Recorded>, user_agent_prefix: &str) -> io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State {
            served: vec![0; exchanges.len()],
            exchanges,
            next: 0,
            last: None,
            requests: 0,
            mismatches: Vec::new(),
            user_agent_prefix: user_agent_prefix.to_string(),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (state, stop) = (Arc::clone(&state), Arc::clone(&stop));
            std::thread::spawn(move || accept_loop(listener, state, stop))
        };
        Ok(Server {
            addr,
            state,
            stop,
            accept: Some(accept),
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting and reports what happened.
    pub fn finish(mut self) -> Report {
        self.shutdown();
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let unconsumed = state
            .exchanges
            .iter()
            .zip(&state.served)
            .enumerate()
            .filter_map(|(i, (ex, &served))| match served {
                0 => Some(format!("exchange {} ({}) was never requested", i + 1, ex.target)),
                n if n < ex.attempts() => Some(format!(
                    "exchange {} ({}) was requested {n} time(s), but the fixture requires {} attempts ({} retries)",
                    i + 1,
                    ex.target,
                    ex.attempts(),
                    ex.attempts() - 1
                )),
                _ => None,
            })
            .collect();
        Report {
            mismatches: state.mismatches.clone(),
            unconsumed,
            requests: state.requests,
        }
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(handle) = self.accept.take() {
            let _ = handle.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn accept_loop(listener: TcpListener, state: Arc<Mutex<State>>, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                let state = Arc::clone(&state);
                std::thread::spawn(move || {
                    if let Err(e) = serve_connection(stream, &state) {
                        if !matches!(
                            e.kind(),
                            io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe
                        ) {
                            let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
                            s.mismatches.push(format!("connection: {e}"));
                        }
                    }
                });
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => {
                let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
                s.mismatches.push(format!("accept: {e}"));
                return;
            }
        }
    }
}

fn serve_connection(stream: TcpStream, state: &Mutex<State>) -> io::Result<()> {
    stream.set_nonblocking(false)?;
    // An idle keep-alive connection ends with the client; this only bounds a stuck one.
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader, &mut writer)? {
        let (status, headers, body) = state.lock().unwrap_or_else(|p| p.into_inner()).handle(&request);
        let close = request
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        write_response(&mut writer, status, &headers, &body, close)?;
        if close {
            break;
        }
    }
    Ok(())
}

fn read_line(reader: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut line = Vec::new();
    if reader.read_until(b'\n', &mut line)? == 0 {
        return Ok(None);
    }
    while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        line.pop();
    }
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

fn bad(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

/// Reads one request; `Ok(None)` when the client closed the connection between requests.
pub fn read_request(reader: &mut impl BufRead, writer: &mut impl Write) -> io::Result<Option<HttpRequest>> {
    let Some(request_line) = read_line(reader)? else {
        return Ok(None);
    };
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(path), Some(version)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad(format!("malformed request line {request_line:?}")));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(bad(format!("unsupported protocol {version:?}")));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        let line = read_line(reader)?.ok_or_else(|| bad("connection closed inside the headers"))?;
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| bad(format!("malformed header {line:?}")))?;
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim().to_string());
        match headers.iter_mut().find(|(k, _)| *k == name) {
            Some((_, existing)) => {
                existing.push(',');
                existing.push_str(&value);
            }
            None => headers.push((name, value)),
        }
        if headers.len() > 100 {
            return Err(bad("too many headers"));
        }
    }
    let get = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    if get("expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue")) {
        writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        writer.flush()?;
    }
    let body = if get("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        read_chunked(reader)?
    } else if let Some(length) = get("content-length") {
        let length: usize = length
            .parse()
            .map_err(|_| bad(format!("bad Content-Length {length:?}")))?;
        if length > MAX_BODY {
            return Err(bad("body too large"));
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        body
    } else {
        Vec::new()
    };
    Ok(Some(HttpRequest {
        method: method.to_string(),
        path: path.to_string(),
        headers,
        body,
    }))
}

fn read_chunked(reader: &mut impl BufRead) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line = read_line(reader)?.ok_or_else(|| bad("connection closed inside a chunked body"))?;
        let size = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size, 16).map_err(|_| bad(format!("bad chunk size {line:?}")))?;
        if size == 0 {
            // Trailers, up to the empty line.
            while read_line(reader)?.is_some_and(|l| !l.is_empty()) {}
            return Ok(body);
        }
        if body.len() + size > MAX_BODY {
            return Err(bad("body too large"));
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..])?;
        read_line(reader)?;
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

pub fn write_response(
    w: &mut impl Write,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    close: bool,
) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in headers {
        if ["content-length", "transfer-encoding", "connection"].contains(&k.to_ascii_lowercase().as_str()) {
            continue;
        }
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    if close {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    w.write_all(&bytes)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn answer(status: u16, body: &str) -> Answer {
        Answer {
            status,
            headers: vec![
                ("Content-Type".into(), CONTENT_TYPE.into()),
                ("x-amzn-RequestId".into(), "r-1".into()),
            ],
            body: body.as_bytes().to_vec(),
        }
    }

    fn recorded(target: &str, body: Value, response: &str, repeats_up_to: u32) -> Recorded {
        Recorded {
            target: format!("AWSCognitoIdentityProviderService.{target}"),
            signed: false,
            body,
            answers: vec![answer(200, response)],
            repeats_up_to,
        }
    }

    fn raw_request(target: &str, body: &str, extra: &str) -> String {
        format!(
            "POST / HTTP/1.1\r\nHost: x\r\nUser-Agent: cogtok/test\r\nContent-Type: {CONTENT_TYPE}\r\n\
             X-Amz-Target: AWSCognitoIdentityProviderService.{target}\r\n{extra}Content-Length: {}\r\n\r\n{body}",
            body.len()
        )
    }

    /// Reads one response (status and body) from a keep-alive connection.
    fn read_response(reader: &mut BufReader<TcpStream>) -> (u16, String) {
        let status_line = read_line(reader).unwrap().unwrap();
        let status: u16 = status_line.split_whitespace().nth(1).unwrap().parse().unwrap();
        let mut length = 0;
        loop {
            let line = read_line(reader).unwrap().unwrap();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        (status, String::from_utf8(body).unwrap())
    }

    #[test]
    fn serves_in_order_on_one_connection_and_records_mismatches() {
        let server = Server::start(
            vec![
                recorded("GetUser", json!({"AccessToken": "t"}), r#"{"Username":"alice"}"#, 0),
                recorded("GlobalSignOut", json!({"AccessToken": "<<any>>"}), "{}", 0),
            ],
            "cogtok/",
        )
        .unwrap();
        let stream = TcpStream::connect(server.url().trim_start_matches("http://")).unwrap();
        let mut writer = stream.try_clone().unwrap();
        let mut reader = BufReader::new(stream);

        writer
            .write_all(raw_request("GetUser", r#"{"AccessToken":"t"}"#, "").as_bytes())
            .unwrap();
        assert_eq!(read_response(&mut reader), (200, r#"{"Username":"alice"}"#.to_string()));
        // Same connection (keep-alive), chunked body this time.
        let chunked = format!(
            "POST / HTTP/1.1\r\nUser-Agent: cogtok/test\r\nContent-Type: {CONTENT_TYPE}\r\n\
             X-Amz-Target: AWSCognitoIdentityProviderService.GlobalSignOut\r\nTransfer-Encoding: chunked\r\n\r\n\
             5\r\n{{\"Acc\r\n10\r\nessToken\":\"zz\"}}\r\n0\r\n\r\n"
        );
        writer.write_all(chunked.as_bytes()).unwrap();
        assert_eq!(read_response(&mut reader), (200, "{}".to_string()));
        // Nothing left: a ReplayMismatchException, and a recorded mismatch.
        writer.write_all(raw_request("GetUser", "{}", "").as_bytes()).unwrap();
        let (status, body) = read_response(&mut reader);
        assert_eq!(status, 400);
        assert!(body.contains("ReplayMismatchException"));
        drop((writer, reader));

        let report = server.finish();
        assert_eq!(report.requests, 3);
        assert!(report.unconsumed.is_empty(), "{report:?}");
        assert_eq!(report.mismatches.len(), 1, "{report:?}");
        assert!(report.mismatches[0].contains("no recorded exchange left"));
    }

    #[test]
    fn reports_each_wrong_field() {
        let server = Server::start(
            vec![recorded("AdminGetUser", json!({"Username": "alice"}), "{}", 0)],
            "cogtok/",
        )
        .unwrap();
        let mut stream = TcpStream::connect(server.url().trim_start_matches("http://")).unwrap();
        let body = r#"{"Username":"bo"}"#;
        let request = format!(
            "PUT /x HTTP/1.1\r\nUser-Agent: curl/8\r\nContent-Type: application/json\r\n\
             X-Amz-Target: AWSCognitoIdentityProviderService.AdminGetUser\r\nAuthorization: AWS4-HMAC-SHA256 x\r\n\
             Connection: close\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
        assert!(answer.contains("Connection: close\r\n"), "{answer}");
        let report = server.finish();
        let all = report.mismatches.join("\n");
        for needle in [
            "method: expected POST",
            "path: expected /",
            "Content-Type:",
            "User-Agent:",
            "Authorization:",
            "body.Username",
        ] {
            assert!(all.contains(needle), "{needle} not in:\n{all}");
        }
    }

    /// Sends one request for each target on a fresh connection; the statuses of the answers.
    fn send_all(server: &Server, targets: &[&str]) -> Vec<u16> {
        let addr = server.url().trim_start_matches("http://").to_string();
        let mut statuses = Vec::new();
        for target in targets {
            let stream = TcpStream::connect(&addr).unwrap();
            let mut writer = stream.try_clone().unwrap();
            writer.write_all(raw_request(target, "{}", "").as_bytes()).unwrap();
            statuses.push(read_response(&mut BufReader::new(stream)).0);
        }
        statuses
    }

    fn throttled_twice() -> Recorded {
        let mut ex = recorded("InitiateAuth", json!({}), "{}", 0);
        let throttled = answer(400, r#"{"__type":"TooManyRequestsException"}"#);
        ex.answers.splice(0..0, [throttled.clone(), answer(503, "")]);
        ex
    }

    #[test]
    fn required_retries_are_answered_in_turn() {
        let server = Server::start(
            vec![throttled_twice(), recorded("GetUser", json!({}), "{}", 0)],
            "cogtok/",
        )
        .unwrap();
        let statuses = send_all(&server, &["InitiateAuth", "InitiateAuth", "InitiateAuth", "GetUser"]);
        assert_eq!(statuses, [400, 503, 200, 200]);
        let report = server.finish();
        assert!(
            report.mismatches.is_empty() && report.unconsumed.is_empty(),
            "{report:?}"
        );
    }

    #[test]
    fn too_few_attempts_are_reported() {
        let server = Server::start(
            vec![throttled_twice(), recorded("GetUser", json!({}), "{}", 0)],
            "cogtok/",
        )
        .unwrap();
        send_all(&server, &["InitiateAuth", "GetUser"]);
        let report = server.finish();
        let all = format!("{report:?}");
        assert!(
            all.contains("X-Amz-Target: expected AWSCognitoIdentityProviderService.InitiateAuth"),
            "{all}"
        );
        assert!(
            all.contains("requested 2 time(s), but the fixture requires 3 attempts (2 retries)"),
            "{all}"
        );
    }

    #[test]
    fn too_many_attempts_are_reported() {
        let server = Server::start(vec![recorded("InitiateAuth", json!({}), "{}", 0)], "cogtok/").unwrap();
        assert_eq!(send_all(&server, &["InitiateAuth", "InitiateAuth"]), [200, 400]);
        let report = server.finish();
        assert_eq!(
            report.mismatches,
            ["request #2 (AWSCognitoIdentityProviderService.InitiateAuth): no recorded exchange left to answer it"]
        );
    }

    #[test]
    fn repeated_rounds_are_answered_by_the_same_exchange() {
        let server = Server::start(
            vec![
                recorded("InitiateAuth", json!({}), "{}", 2),
                recorded("GetUser", json!({}), "{}", 0),
            ],
            "cogtok/",
        )
        .unwrap();
        let statuses = send_all(&server, &["InitiateAuth", "InitiateAuth", "GetUser"]);
        assert_eq!(statuses, [200, 200, 200]);
        let report = server.finish();
        assert!(
            report.mismatches.is_empty() && report.unconsumed.is_empty(),
            "{report:?}"
        );
    }

    #[test]
    fn unconsumed_exchanges_are_reported() {
        let server = Server::start(vec![recorded("GetUser", json!({}), "{}", 0)], "cogtok/").unwrap();
        let report = server.finish();
        assert_eq!(
            report.unconsumed,
            ["exchange 1 (AWSCognitoIdentityProviderService.GetUser) was never requested"]
        );
    }
}
