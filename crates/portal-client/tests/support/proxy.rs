//! A fault-injecting HTTP/1.1 proxy between the real client and the real server: it forwards every
//! request and answer byte for byte, except the one it is armed to spoil — an answer held (wholly or
//! mid-body) until the client is killed, a connection cut mid-body, a request held until the test
//! lets it go, or a push delivered to the server twice.
//!
//! It parses just enough HTTP/1.1 to find message boundaries (request and status lines,
//! `Content-Length`, chunked bodies) and so handles several requests per kept-alive connection, as
//! reqwest sends them. Each client connection gets its own connection to the server; a server that
//! is down shows as a connection closed without an answer.
//!
//! The test learns of every armed fault as it happens through [`Proxy::event`], so it synchronizes
//! on what the proxy did, never on sleeps.

use serde::de::DeserializeOwned;
use std::{
    io,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::{
    io::{AsyncRead, AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    sync::{mpsc, oneshot},
    task::{JoinHandle, JoinSet},
};

/// The requests a fault can be armed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `POST /api/v1/sync/mutations`
    Push,
    /// `GET /api/v1/sync/changes`
    Pull,
    /// Anything else (sign-in, branding, health…): always forwarded as it is.
    Other,
}

/// How much of an answer the client gets before a fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Not a byte, not even the status line.
    Nothing,
    /// The head and this many bytes of the body.
    Body(usize),
    /// The head and half the body.
    HalfBody,
    /// The head and all the body but its last byte.
    AllButOneByte,
}

impl Part {
    /// The bytes of `message` as sent, up to this part.
    fn of(self, message: &Message) -> Vec<u8> {
        let len = message.raw_body.len();
        let n = match self {
            Part::Nothing => return Vec::new(),
            Part::Body(n) => n.min(len),
            Part::HalfBody => len / 2,
            Part::AllButOneByte => len.saturating_sub(1),
        };
        let mut out = message.head();
        out.extend_from_slice(&message.raw_body[..n]);
        out
    }
}

/// What to do to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Forward the request, read the server's whole answer, send the client `sent` of it, report,
    /// and send nothing more, ever.
    Hold { sent: Part },
    /// Forward the request, send the client `sent` of the answer, report, and close both
    /// connections.
    Cut { sent: Part },
    /// Report, then wait for the test's [`Event::release`] before forwarding the request.
    Gate,
    /// Deliver the identical request to the server twice on the same connection; the client gets
    /// the second answer. Both answers are reported.
    DeliverTwice,
}

/// A fault as it happened.
#[derive(Debug)]
pub struct Event {
    pub route: Route,
    pub fault: Fault,
    /// The request target as forwarded (`/api/v1/sync/changes?after=0&limit=50`).
    pub target: String,
    /// The request's body.
    pub request: Vec<u8>,
    /// The bodies of the server's answers to it (none for a gate, two for a double delivery).
    pub answers: Vec<Vec<u8>>,
    release: Option<oneshot::Sender<()>>,
}

impl Event {
    /// Lets a gated request go on to the server.
    pub fn release(mut self) {
        if let Some(go) = self.release.take() {
            let _ = go.send(());
        }
    }

    pub fn request_json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.request).expect("the request body is the expected JSON")
    }

    pub fn answer_json<T: DeserializeOwned>(&self, i: usize) -> T {
        serde_json::from_slice(&self.answers[i]).expect("the answer body is the expected JSON")
    }
}

/// One request the server answered, as the proxy saw it.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub route: Route,
    pub target: String,
    pub status: u16,
    pub request: Vec<u8>,
    pub answer: Vec<u8>,
}

impl Exchange {
    pub fn answer_json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.answer).expect("the answer body is the expected JSON")
    }

    /// A query parameter of the target (`after` of a pull).
    pub fn param(&self, name: &str) -> Option<String> {
        let (_, query) = self.target.split_once('?')?;
        query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_owned())
    }
}

struct Armed {
    route: Route,
    skip: usize,
    fault: Fault,
}

#[derive(Default)]
struct State {
    page_limit: Option<u32>,
    armed: Vec<Armed>,
    log: Vec<Exchange>,
}

struct Shared {
    upstream: SocketAddr,
    state: Mutex<State>,
    events: mpsc::UnboundedSender<Event>,
}

impl Shared {
    fn take_fault(&self, route: Route) -> Option<Fault> {
        let mut state = self.state.lock().unwrap();
        let mut hit = None;
        for (i, armed) in state.armed.iter_mut().enumerate() {
            if armed.route != route {
                continue;
            }
            if armed.skip == 0 {
                hit = Some(i);
                break;
            }
            armed.skip -= 1;
        }
        hit.map(|i| state.armed.remove(i).fault)
    }

    fn report(&self, event: Event) {
        // A test that stopped listening is fine.
        let _ = self.events.send(event);
    }

    fn log(&self, exchange: Exchange) {
        self.state.lock().unwrap().log.push(exchange);
    }
}

/// The proxy, listening on 127.0.0.1 until dropped (which also ends every connection it holds).
pub struct Proxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    events: mpsc::UnboundedReceiver<Event>,
    accept: JoinHandle<()>,
}

impl Proxy {
    /// Starts a proxy in front of the server at `upstream` (which may come and go: a stopped
    /// server's port is tried afresh for every new client connection).
    pub async fn start(upstream: SocketAddr) -> io::Result<Proxy> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let (tx, events) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            upstream,
            state: Mutex::new(State::default()),
            events: tx,
        });
        let accept = tokio::spawn(accept_loop(listener, shared.clone()));
        Ok(Proxy {
            addr,
            shared,
            events,
            accept,
        })
    }

    /// `http://127.0.0.1:<port>`: the server address to give the client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Rewrites every pull's `limit` to `n`, as a server with a small page size would answer: the
    /// client does not choose its page size, and the faults want many pages out of little data.
    pub fn limit_pages(&self, n: u32) {
        self.shared.state.lock().unwrap().page_limit = Some(n);
    }

    /// Arms `fault` for the request of `route` after the next `skip` ones (0: the next one).
    pub fn arm(&self, route: Route, skip: usize, fault: Fault) {
        self.shared
            .state
            .lock()
            .unwrap()
            .armed
            .push(Armed { route, skip, fault });
    }

    /// The next fault as it happens (panics after a minute: a test that waits longer is broken).
    pub async fn event(&mut self) -> Event {
        tokio::time::timeout(Duration::from_secs(60), self.events.recv())
            .await
            .expect("the armed fault happened within a minute")
            .expect("the proxy is running")
    }

    /// The requests of `route` the server answered, in order.
    pub fn exchanges(&self, route: Route) -> Vec<Exchange> {
        let state = self.shared.state.lock().unwrap();
        state
            .log
            .iter()
            .filter(|e| e.route == route)
            .cloned()
            .collect()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        // Dropping the accept task drops its JoinSet, which aborts every connection task.
        self.accept.abort();
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((client, _)) = accepted {
                    connections.spawn(serve(client, shared.clone()));
                }
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// One client connection: requests in, answers out, one at a time, until either side closes or a
/// fault ends it. Any error ends it too, closing both sides, which the client sees as a dropped
/// connection.
async fn serve(client: TcpStream, shared: Arc<Shared>) {
    let _ = client.set_nodelay(true);
    let Ok(upstream) = TcpStream::connect(shared.upstream).await else {
        return; // the server is down: the client's connection closes unanswered
    };
    let _ = upstream.set_nodelay(true);
    let (client_r, mut client_w) = client.into_split();
    let (upstream_r, mut upstream_w) = upstream.into_split();
    let mut from_client = Reader::new(client_r);
    let mut from_server = Reader::new(upstream_r);
    loop {
        let Ok(Some(mut request)) = from_client.message(None).await else {
            return;
        };
        let route = request.route();
        if route == Route::Pull {
            if let Some(n) = shared.state.lock().unwrap().page_limit {
                request.set_param("limit", &n.to_string());
            }
        }
        let target = request.target().to_owned();
        let fault = shared.take_fault(route);
        if fault == Some(Fault::Gate) {
            let (go, wait) = oneshot::channel();
            shared.report(Event {
                route,
                fault: Fault::Gate,
                target: target.clone(),
                request: request.body.clone(),
                answers: Vec::new(),
                release: Some(go),
            });
            if wait.await.is_err() {
                return;
            }
        }
        let method = request.method().to_owned();
        let mut deliveries = if fault == Some(Fault::DeliverTwice) {
            2
        } else {
            1
        };
        let mut answers = Vec::new();
        let mut answer = None;
        while deliveries > 0 {
            deliveries -= 1;
            if upstream_w.write_all(&request.raw()).await.is_err() {
                return;
            }
            let Ok(Some(a)) = from_server.message(Some(&method)).await else {
                return;
            };
            shared.log(Exchange {
                route,
                target: target.clone(),
                status: a.status(),
                request: request.body.clone(),
                answer: a.body.clone(),
            });
            answers.push(a.body.clone());
            answer = Some(a);
        }
        let answer = answer.expect("at least one delivery");
        let event = |fault| Event {
            route,
            fault,
            target: target.clone(),
            request: request.body.clone(),
            answers: answers.clone(),
            release: None,
        };
        match fault {
            Some(Fault::Hold { sent }) => {
                let _ = client_w.write_all(&sent.of(&answer)).await;
                let _ = client_w.flush().await;
                shared.report(event(Fault::Hold { sent }));
                // Never more: the client waits until it is killed (or the proxy is dropped).
                std::future::pending::<()>().await;
            }
            Some(Fault::Cut { sent }) => {
                let _ = client_w.write_all(&sent.of(&answer)).await;
                let _ = client_w.flush().await;
                shared.report(event(Fault::Cut { sent }));
                return; // both connections close here
            }
            Some(Fault::DeliverTwice) => {
                shared.report(event(Fault::DeliverTwice));
            }
            Some(Fault::Gate) | None => {}
        }
        if client_w.write_all(&answer.raw()).await.is_err() {
            return;
        }
        if request.closes() || answer.closes() {
            return;
        }
    }
}

/// One HTTP/1.1 message: its head as text lines, and its body as sent (`raw_body`) and decoded.
struct Message {
    start: String,
    headers: Vec<(String, String)>,
    raw_body: Vec<u8>,
    body: Vec<u8>,
    /// An answer without a length, which ends with its connection.
    to_eof: bool,
}

impl Message {
    fn method(&self) -> &str {
        self.start.split(' ').next().unwrap_or("")
    }

    fn target(&self) -> &str {
        self.start.split(' ').nth(1).unwrap_or("")
    }

    fn status(&self) -> u16 {
        self.start
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }

    fn route(&self) -> Route {
        let path = self.target().split('?').next().unwrap_or("");
        match (self.method(), path) {
            ("POST", "/api/v1/sync/mutations") => Route::Push,
            ("GET", "/api/v1/sync/changes") => Route::Pull,
            _ => Route::Other,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn closes(&self) -> bool {
        self.to_eof
            || self
                .header("connection")
                .is_some_and(|v| v.eq_ignore_ascii_case("close"))
    }

    /// Sets (or adds) a query parameter of a request's target.
    fn set_param(&mut self, name: &str, value: &str) {
        let mut parts = self.start.splitn(3, ' ');
        let (method, target, version) = (
            parts.next().unwrap_or("").to_owned(),
            parts.next().unwrap_or("").to_owned(),
            parts.next().unwrap_or("").to_owned(),
        );
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        let mut params: Vec<String> = query
            .split('&')
            .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some(name))
            .map(str::to_owned)
            .collect();
        params.push(format!("{name}={value}"));
        self.start = format!("{method} {path}?{} {version}", params.join("&"));
    }

    fn head(&self) -> Vec<u8> {
        let mut out = format!("{}\r\n", self.start);
        for (k, v) in &self.headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("\r\n");
        out.into_bytes()
    }

    fn raw(&self) -> Vec<u8> {
        let mut out = self.head();
        out.extend_from_slice(&self.raw_body);
        out
    }
}

/// Buffered reading of HTTP/1.1 messages from one side of a connection.
struct Reader<R> {
    inner: R,
    buf: Vec<u8>,
}

fn eof() -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        "connection closed mid-message",
    )
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

impl<R: AsyncRead + Unpin> Reader<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            buf: Vec::new(),
        }
    }

    /// Reads more; false at the end of the stream.
    async fn fill(&mut self) -> io::Result<bool> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.inner.read(&mut chunk).await?;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n > 0)
    }

    async fn take(&mut self, n: usize) -> io::Result<Vec<u8>> {
        while self.buf.len() < n {
            if !self.fill().await? {
                return Err(eof());
            }
        }
        Ok(self.buf.drain(..n).collect())
    }

    /// Up to and including the next `delimiter`; `None` when the stream ends before any byte.
    async fn until(&mut self, delimiter: &[u8]) -> io::Result<Option<Vec<u8>>> {
        loop {
            if let Some(at) = find(&self.buf, delimiter) {
                return Ok(Some(self.buf.drain(..at + delimiter.len()).collect()));
            }
            if !self.fill().await? {
                return if self.buf.is_empty() {
                    Ok(None)
                } else {
                    Err(eof())
                };
            }
        }
    }

    async fn line(&mut self) -> io::Result<Vec<u8>> {
        self.until(b"\r\n").await?.ok_or_else(eof)
    }

    /// The next message: a request when `request_method` is `None`, else the answer to a request
    /// made with that method. `None` when the peer closed the connection between messages.
    async fn message(&mut self, request_method: Option<&str>) -> io::Result<Option<Message>> {
        let Some(head) = self.until(b"\r\n\r\n").await? else {
            return Ok(None);
        };
        let text = String::from_utf8(head).map_err(|e| io::Error::other(e.to_string()))?;
        let mut lines = text.split("\r\n").filter(|l| !l.is_empty());
        let start = lines.next().ok_or_else(eof)?.to_owned();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        let mut message = Message {
            start,
            headers,
            raw_body: Vec::new(),
            body: Vec::new(),
            to_eof: false,
        };
        let no_body = match request_method {
            Some(method) => {
                let status = message.status();
                method == "HEAD" || (100..200).contains(&status) || status == 204 || status == 304
            }
            None => false,
        };
        if no_body {
            return Ok(Some(message));
        }
        let chunked = message
            .header("transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
        let length = message
            .header("content-length")
            .and_then(|v| v.parse::<usize>().ok());
        if chunked {
            loop {
                let size_line = self.line().await?;
                message.raw_body.extend_from_slice(&size_line);
                let size_text = String::from_utf8_lossy(&size_line);
                let size_text = size_text.trim().split(';').next().unwrap_or("");
                let size = usize::from_str_radix(size_text, 16)
                    .map_err(|e| io::Error::other(format!("chunk size {size_text:?}: {e}")))?;
                if size == 0 {
                    // Trailers, up to the empty line.
                    loop {
                        let line = self.line().await?;
                        message.raw_body.extend_from_slice(&line);
                        if line == b"\r\n" {
                            break;
                        }
                    }
                    break;
                }
                let data = self.take(size + 2).await?;
                message.body.extend_from_slice(&data[..size]);
                message.raw_body.extend_from_slice(&data);
            }
        } else if let Some(n) = length {
            message.body = self.take(n).await?;
            message.raw_body = message.body.clone();
        } else if request_method.is_some() {
            // An answer without a length runs to the end of the connection.
            while self.fill().await? {}
            message.body = std::mem::take(&mut self.buf);
            message.raw_body = message.body.clone();
            message.to_eof = true;
        }
        Ok(Some(message))
    }
}
