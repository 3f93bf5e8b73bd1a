//! HTTP/1.1 as far as the proxy needs it: messages read off a connection (request and status
//! lines, headers, `Content-Length` and chunked bodies), rewritten and written out again.

use super::Route;
use std::io;
use tokio::io::{AsyncRead, AsyncReadExt};

/// One HTTP/1.1 message: its head as text lines, and its body as sent (`raw_body`) and decoded.
pub(super) struct Message {
    pub(super) start: String,
    pub(super) headers: Vec<(String, String)>,
    pub(super) raw_body: Vec<u8>,
    pub(super) body: Vec<u8>,
    /// An answer without a length, which ends with its connection.
    pub(super) to_eof: bool,
}

impl Message {
    pub(super) fn method(&self) -> &str {
        self.start.split(' ').next().unwrap_or("")
    }

    pub(super) fn target(&self) -> &str {
        self.start.split(' ').nth(1).unwrap_or("")
    }

    pub(super) fn status(&self) -> u16 {
        self.start
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }

    pub(super) fn route(&self) -> Route {
        let path = self.target().split('?').next().unwrap_or("");
        match (self.method(), path) {
            ("POST", "/api/v1/sync/mutations") => Route::Push,
            ("GET", "/api/v1/sync/changes") => Route::Pull,
            _ => Route::Other,
        }
    }

    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn closes(&self) -> bool {
        self.to_eof
            || self
                .header("connection")
                .is_some_and(|v| v.eq_ignore_ascii_case("close"))
    }

    /// Sets (or adds) a query parameter of a request's target.
    pub(super) fn set_param(&mut self, name: &str, value: &str) {
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

    pub(super) fn head(&self) -> Vec<u8> {
        let mut out = format!("{}\r\n", self.start);
        for (k, v) in &self.headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("\r\n");
        out.into_bytes()
    }

    pub(super) fn raw(&self) -> Vec<u8> {
        let mut out = self.head();
        out.extend_from_slice(&self.raw_body);
        out
    }
}

/// Buffered reading of HTTP/1.1 messages from one side of a connection.
pub(super) struct Reader<R> {
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
    pub(super) fn new(inner: R) -> Self {
        Self {
            inner,
            buf: Vec::new(),
        }
    }

    /// Reads more; false at the end of the stream.
    pub(super) async fn fill(&mut self) -> io::Result<bool> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.inner.read(&mut chunk).await?;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n > 0)
    }

    pub(super) async fn take(&mut self, n: usize) -> io::Result<Vec<u8>> {
        while self.buf.len() < n {
            if !self.fill().await? {
                return Err(eof());
            }
        }
        Ok(self.buf.drain(..n).collect())
    }

    /// Up to and including the next `delimiter`; `None` when the stream ends before any byte.
    pub(super) async fn until(&mut self, delimiter: &[u8]) -> io::Result<Option<Vec<u8>>> {
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

    pub(super) async fn line(&mut self) -> io::Result<Vec<u8>> {
        self.until(b"\r\n").await?.ok_or_else(eof)
    }

    /// The next message: a request when `request_method` is `None`, else the answer to a request
    /// made with that method. `None` when the peer closed the connection between messages.
    pub(super) async fn message(
        &mut self,
        request_method: Option<&str>,
    ) -> io::Result<Option<Message>> {
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
