//! A std-only HTTP/1.1 proxy on 127.0.0.1 in front of a server (moto): it forwards each request
//! as it came (headers untouched: they are signed) and records it, with the status of the
//! answer. The parity suite runs one per tool per case; `aws_credentials` one per run, to see
//! what moto does not check (the `Logins` key, the identity id sent again, the AWS CLI's
//! signature with the keys cogtok handed it).
#![allow(dead_code)]

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One request as the proxy forwarded it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// `X-Amz-Target` (`AWSCognitoIdentityProviderService.ListUsers`); empty for the query
    /// protocols (STS).
    pub target: String,
    /// Whether it carried a SigV4 `Authorization` header.
    pub signed: bool,
    /// Header names in lower case, as sent.
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The status the server answered with.
    pub status: u16,
}

impl Recorded {
    /// The first value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The body as JSON (`Null` when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The operation: `X-Amz-Target` without its prefix, else a form's `Action`.
    pub fn operation(&self) -> String {
        match self.target.rsplit_once('.') {
            Some((_, op)) => op.to_string(),
            None => self
                .body
                .split('&')
                .find_map(|kv| kv.strip_prefix("Action="))
                .unwrap_or_default()
                .to_string(),
        }
    }
}

/// Each request is read whole (head and `Content-Length` body), sent upstream on a connection of
/// its own, and the answer (werkzeug closes after it) returned; then the client's connection is
/// closed. One connection at a time: all a CLI run opens at once.
pub struct RecordingProxy {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl RecordingProxy {
    pub fn start(upstream: SocketAddr) -> RecordingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (rec, st) = (recorded.clone(), stop.clone());
        let thread = thread::spawn(move || {
            while !st.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((conn, _)) => {
                        let _ = serve(conn, upstream, &rec);
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => thread::sleep(Duration::from_millis(3)),
                    Err(_) => break,
                }
            }
        });
        RecordingProxy {
            url,
            recorded,
            stop,
            thread: Some(thread),
        }
    }

    /// What it recorded so far, and forgets it.
    pub fn take(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.recorded.lock().unwrap())
    }

    /// Stops, and returns what it recorded.
    pub fn finish(mut self) -> Vec<Recorded> {
        self.stop_thread();
        self.take()
    }

    fn stop_thread(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for RecordingProxy {
    fn drop(&mut self) {
        self.stop_thread();
    }
}

fn serve(mut conn: TcpStream, upstream: SocketAddr, rec: &Mutex<Vec<Recorded>>) -> std::io::Result<()> {
    conn.set_nonblocking(false)?;
    conn.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        let n = conn.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let headers: Vec<(String, String)> = head
        .lines()
        .skip(1)
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            Some((k.trim().to_ascii_lowercase(), v.trim().to_string()))
        })
        .collect();
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let length: usize = header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    while buf.len() < head_end + length {
        let n = conn.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buf[head_end..]).into_owned();
    let mut up = TcpStream::connect(upstream)?;
    up.set_read_timeout(Some(Duration::from_secs(30)))?;
    up.write_all(&buf)?;
    let mut answer = Vec::new();
    up.read_to_end(&mut answer)?;
    let status = String::from_utf8_lossy(&answer[..answer.len().min(16)])
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    rec.lock().unwrap().push(Recorded {
        target: header("x-amz-target").unwrap_or_default(),
        signed: header("authorization").is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256")),
        headers: headers.clone(),
        body,
        status,
    });
    conn.write_all(&answer)?;
    let _ = conn.shutdown(std::net::Shutdown::Both);
    Ok(())
}
