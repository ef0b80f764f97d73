//! A tiny std-only HTTP/1.1 server on 127.0.0.1 whose answers a closure decides: the stand-in
//! for credential endpoints (instance metadata, container credentials, the SSO portal) and for a
//! Cognito that checks the SigV4 signature of the replay tests' fake keys.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// A request as the fake server got it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

pub enum Reply {
    /// Status and body, after a delay.
    Answer(u16, String, Duration),
    /// Keep the connection open and never answer.
    Never,
}

pub fn ok(body: impl Into<String>) -> Reply {
    Reply::Answer(200, body.into(), Duration::ZERO)
}

pub fn status(code: u16, body: &str) -> Reply {
    Reply::Answer(code, body.to_string(), Duration::ZERO)
}

pub type Handler = dyn Fn(&Seen, usize) -> Reply + Send + Sync;

/// Serves each connection on its own thread; `handler` gets each request and how many came before.
pub struct FakeServer {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl FakeServer {
    pub fn start(handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let all = seen.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (handler, all) = (handler.clone(), all.clone());
                thread::spawn(move || {
                    let _ = serve(stream, &*handler, &all);
                });
            }
        });
        FakeServer { url, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, handler: &Handler, all: &Mutex<Vec<Seen>>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let (method, target) = (
            parts.next().unwrap_or("").to_string(),
            parts.next().unwrap_or("").to_string(),
        );
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            reader.read_line(&mut h)?;
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let length: usize = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        let request = Seen {
            method,
            target,
            headers,
            body,
        };
        let n = {
            let mut all = all.lock().unwrap();
            all.push(request.clone());
            all.len() - 1
        };
        match handler(&request, n) {
            Reply::Never => {
                thread::sleep(Duration::from_secs(20));
                return Ok(());
            }
            Reply::Answer(code, body, delay) => {
                thread::sleep(delay);
                let head = format!(
                    "HTTP/1.1 {code} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                );
                writer.write_all(head.as_bytes())?;
                writer.write_all(body.as_bytes())?;
                writer.flush()?;
            }
        }
    }
}

/// A SigV4 verifier: the problems with a request's signature (method, target, headers, body).
pub type SignatureCheck = fn(&str, &str, &[(String, String)], &[u8]) -> Vec<String>;

/// A Cognito stand-in that answers `AdminGetUser` with a user whose email is `email` when
/// `check` (the replay tests' SigV4 verifier) finds no problem with the signature and the
/// request carries `session_token`, and an `InvalidSignatureException` naming the problems
/// otherwise.
pub fn signature_checking_cognito(
    check: SignatureCheck,
    session_token: &'static str,
    email: &'static str,
) -> FakeServer {
    FakeServer::start(move |r, _| {
        let mut problems = check(&r.method, &r.target, &r.headers, &r.body);
        if r.header("x-amz-security-token") != Some(session_token) {
            problems.push("no or another x-amz-security-token".to_string());
        }
        if problems.is_empty() {
            ok(format!(
                r#"{{"Username":"u-1","UserAttributes":[{{"Name":"email","Value":"{email}"}}]}}"#
            ))
        } else {
            let message = serde_json::Value::from(problems.join("; "));
            status(
                400,
                &format!(r#"{{"__type":"InvalidSignatureException","message":{message}}}"#),
            )
        }
    })
}
