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

mod wire;

use serde::de::DeserializeOwned;
use std::{
    io,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::{
    io::AsyncWriteExt,
    net::{TcpListener, TcpStream},
    sync::{mpsc, oneshot},
    task::{JoinHandle, JoinSet},
};
use wire::{Message, Reader};

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
    // Shown when a test fails (through `Debug`); the tests read the bodies.
    #[allow(dead_code)]
    pub route: Route,
    #[allow(dead_code)]
    pub fault: Fault,
    /// The request target as forwarded (`/api/v1/sync/changes?after=0&limit=50`).
    #[allow(dead_code)]
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
    // Shown when a test fails (through `Debug`).
    #[allow(dead_code)]
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
