//! A small HTTP/1.1 server on 127.0.0.1 for the external link tests: each path
//! behaves one way (an answer, a redirect, silence, a reset, a huge body), and
//! every request is counted, so a test can say how often Galley asked.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server does for one request.
pub enum Reply {
    /// A status, extra headers and a body.
    Answer {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Read the request and never answer.
    Silence,
    /// Close the connection with a reset (RST) instead of answering.
    Reset,
    /// A 200 whose `Content-Length` says `bytes`, streamed until the client
    /// hangs up.
    Huge { bytes: u64 },
}

impl Reply {
    pub fn status(status: u16) -> Reply {
        Reply::Answer {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn html(body: &str) -> Reply {
        Reply::Answer {
            status: 200,
            headers: vec![("Content-Type".into(), "text/html; charset=utf-8".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A 200 with these bytes (a release archive, a checksum file).
    pub fn bytes(body: Vec<u8>) -> Reply {
        Reply::Answer {
            status: 200,
            headers: vec![("Content-Type".into(), "application/octet-stream".into())],
            body,
        }
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::Answer {
            status,
            headers: vec![("Location".into(), location.into())],
            body: Vec::new(),
        }
    }

    pub fn with_header(status: u16, name: &str, value: &str) -> Reply {
        Reply::Answer {
            status,
            headers: vec![(name.into(), value.into())],
            body: Vec::new(),
        }
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Hit {
    pub method: String,
    pub path: String,
    /// When its request line arrived.
    pub at: std::time::Instant,
}

impl PartialEq for Hit {
    fn eq(&self, other: &Hit) -> bool {
        (&self.method, &self.path) == (&other.method, &other.path)
    }
}

type Handler = dyn Fn(&str, &str, usize) -> Reply + Send + Sync;

pub struct TestServer {
    pub addr: SocketAddr,
    hits: Arc<Mutex<Vec<Hit>>>,
    /// Bytes of huge bodies written before the client hung up.
    pub huge_sent: Arc<AtomicUsize>,
    /// Most requests being handled at once.
    pub max_in_flight: Arc<AtomicUsize>,
}

impl TestServer {
    /// Starts a server on 127.0.0.1 (a free port). `handler` gets the method,
    /// the path, and how many requests that path had before this one.
    pub fn start(
        handler: impl Fn(&str, &str, usize) -> Reply + Send + Sync + 'static,
    ) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().unwrap();
        let hits: Arc<Mutex<Vec<Hit>>> = Arc::default();
        let huge_sent = Arc::new(AtomicUsize::new(0));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let server = TestServer {
            addr,
            hits: hits.clone(),
            huge_sent: huge_sent.clone(),
            max_in_flight: max_in_flight.clone(),
        };
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let hits = hits.clone();
                let handler = handler.clone();
                let huge_sent = huge_sent.clone();
                let in_flight = in_flight.clone();
                let max_in_flight = max_in_flight.clone();
                std::thread::spawn(move || {
                    serve(
                        stream,
                        &hits,
                        &*handler,
                        &huge_sent,
                        &in_flight,
                        &max_in_flight,
                    )
                });
            }
        });
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Every request so far.
    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }

    /// The methods asked of `path`, in order.
    pub fn methods(&self, path: &str) -> Vec<String> {
        self.hits()
            .into_iter()
            .filter(|h| h.path == path)
            .map(|h| h.method)
            .collect()
    }
}

fn serve(
    stream: TcpStream,
    hits: &Mutex<Vec<Hit>>,
    handler: &Handler,
    huge_sent: &AtomicUsize,
    in_flight: &AtomicUsize,
    max_in_flight: &AtomicUsize,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or_default().to_owned();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
    }
    let before = {
        let mut hits = hits.lock().unwrap();
        let before = hits.iter().filter(|h| h.path == path).count();
        hits.push(Hit {
            method: method.clone(),
            path: path.clone(),
            at: std::time::Instant::now(),
        });
        before
    };
    // In flight while the handler works (before the answer is written: once
    // the client has it, it may send the next request before this thread
    // gets to count down).
    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    max_in_flight.fetch_max(now, Ordering::SeqCst);
    let reply = handler(&method, &path, before);
    in_flight.fetch_sub(1, Ordering::SeqCst);
    let mut stream = stream;
    match reply {
        Reply::Answer {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
                reason(status),
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            if method != "HEAD" {
                let _ = stream.write_all(&body);
            }
        }
        Reply::Silence => std::thread::sleep(Duration::from_secs(30)),
        Reply::Reset => {
            let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
        }
        Reply::Huge { bytes } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {bytes}\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
            if method != "HEAD" {
                let chunk = vec![b' '; 64 * 1024];
                let mut sent = 0u64;
                while sent < bytes {
                    if stream.write_all(&chunk).is_err() {
                        break;
                    }
                    sent += chunk.len() as u64;
                }
                huge_sent.fetch_add(sent as usize, Ordering::SeqCst);
            }
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        308 => "Permanent Redirect",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Counts of requests by path, for assertions that read as a table.
pub fn counts(hits: &[Hit]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for hit in hits {
        *counts.entry(hit.path.clone()).or_default() += 1;
    }
    counts
}
