//! Fetching one URL: politely (a global and a per-host limit, and a least
//! interval between requests to one host), HEAD first and GET when HEAD is
//! refused, redirects followed by hand (every hop's address is checked and the
//! chain recorded), transient failures retried with backoff and jitter,
//! `Retry-After` honoured up to a cap, and bodies read only as far as needed.

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use reqwest::header::{CONTENT_TYPE, LOCATION, RETRY_AFTER};
use reqwest::{Method, StatusCode, Url};
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;
use tokio::time::Instant;

use crate::address::{GuardedResolver, PrivateAddress, kind_of_private};

/// How a URL answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Outcome {
    Ok,
    /// It answered after one or more permanent redirects: `to` is the address
    /// it moved to.
    Redirected {
        to: String,
    },
    /// Gone: 404, 410 and other client errors.
    Dead {
        status: u16,
    },
    /// Refused to a robot: 401, 403, 999, or 429 after every retry.
    Blocked {
        status: u16,
    },
    /// No answer Galley could use: no such name, no connection, a timeout, a
    /// server error every time, a redirect loop.
    Unreachable {
        reason: String,
    },
    /// Not fetched: the address is private, loopback or link-local.
    Refused {
        reason: String,
    },
    /// The page answered, but has no element with the link's `#fragment`.
    FragmentMissing {
        fragment: String,
    },
}

impl Outcome {
    /// Whether a later run may trust it without asking again: definite
    /// answers only, never a transient failure.
    pub(crate) fn is_cacheable(&self) -> bool {
        // A redirect's new address is suggested only from an answer of this
        // run (`LinkCache::get`), so it is not kept.
        matches!(
            self,
            Outcome::Ok | Outcome::Dead { .. } | Outcome::FragmentMissing { .. }
        )
    }
}

/// What fetching a URL found.
#[derive(Clone, Debug)]
pub(crate) struct Fetched {
    pub(crate) outcome: Outcome,
    /// The ids of the page, when its body was read and it is HTML.
    pub(crate) ids: Option<HashSet<String>>,
    /// The body was longer than Galley reads: an id not found may be further on.
    pub(crate) truncated: bool,
}

impl From<Outcome> for Fetched {
    fn from(outcome: Outcome) -> Fetched {
        Fetched {
            outcome,
            ids: None,
            truncated: false,
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub(crate) allow_private: bool,
    pub(crate) accept: Vec<u16>,
    pub(crate) concurrency: usize,
    pub(crate) per_host: usize,
    pub(crate) host_interval: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) retries: u32,
    pub(crate) max_retry_after: Duration,
    pub(crate) max_redirects: usize,
    pub(crate) max_body: usize,
}

/// One host's share: how many requests may be in flight to it, and when the
/// next may start.
struct HostGate {
    permits: Semaphore,
    next_start: tokio::sync::Mutex<Instant>,
}

pub(crate) struct Fetcher {
    client: reqwest::Client,
    settings: Settings,
    global: Semaphore,
    hosts: Mutex<HashMap<String, Arc<HostGate>>>,
    jitter: RandomState,
}

/// A step's result before retries are decided.
enum Attempt {
    Done(Fetched),
    /// Worth another try: a timeout, a reset, 5xx, 429.
    Transient {
        outcome: Outcome,
        retry_after: Option<Duration>,
    },
}

const USER_AGENT: &str = concat!(
    "galley/",
    env!("CARGO_PKG_VERSION"),
    " (link checker; +https://github.com/galley-checker/galley)"
);

impl Fetcher {
    pub(crate) fn new(settings: Settings) -> Result<Fetcher, String> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.timeout)
            .user_agent(USER_AGENT)
            .pool_max_idle_per_host(settings.per_host)
            .dns_resolver(Arc::new(GuardedResolver {
                allow_private: settings.allow_private,
            }))
            .build()
            .map_err(|err| format!("cannot start the HTTP client: {err}"))?;
        Ok(Fetcher {
            client,
            global: Semaphore::new(settings.concurrency.max(1)),
            settings,
            hosts: Mutex::new(HashMap::default()),
            jitter: RandomState::new(),
        })
    }

    /// Fetches `url`; with `want_body`, reads its page (for `#fragment` links).
    pub(crate) async fn fetch(&self, url: &Url, want_body: bool) -> Fetched {
        let mut attempt = 0;
        loop {
            match self.follow(url, want_body).await {
                Attempt::Done(fetched) => return fetched,
                Attempt::Transient {
                    outcome,
                    retry_after,
                } => {
                    if attempt >= self.settings.retries {
                        return outcome.into();
                    }
                    let wait = match retry_after {
                        // Asked to wait longer than Galley will: the answer stands.
                        Some(wait) if wait > self.settings.max_retry_after => {
                            return outcome.into();
                        }
                        Some(wait) => wait,
                        None => self.backoff(url, attempt),
                    };
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
            }
        }
    }

    /// 0.5 s, 1 s, 2 s… (at most 8 s), plus up to a quarter second of jitter so
    /// that retries to one host do not arrive together.
    fn backoff(&self, url: &Url, attempt: u32) -> Duration {
        let base = Duration::from_millis(500) * 2u32.pow(attempt.min(4));
        let noise = self.jitter.hash_one((url.as_str(), attempt)) % 250;
        base + Duration::from_millis(noise)
    }

    /// Follows redirects from `url` to an answer.
    async fn follow(&self, url: &Url, want_body: bool) -> Attempt {
        let mut current = url.clone();
        let mut seen = vec![current.clone()];
        // The address after the leading permanent redirects.
        let mut moved_to: Option<Url> = None;
        let mut only_permanent = true;
        for _ in 0..=self.settings.max_redirects {
            if let Some(refused) = self.refused_literal(&current) {
                return Attempt::Done(refused.into());
            }
            let response = match self.request(&current, want_body).await {
                Ok(response) => response,
                Err(attempt) => return attempt,
            };
            let status = response.status();
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|l| l.to_str().ok())
                .and_then(|l| current.join(l).ok());
            if status.is_redirection()
                && let Some(mut next) = location
            {
                // A redirect keeps the fragment of the link unless it gives one.
                if next.fragment().is_none() {
                    next.set_fragment(current.fragment());
                }
                let permanent = matches!(status.as_u16(), 301 | 308);
                if permanent && only_permanent {
                    moved_to = Some(next.clone());
                } else {
                    only_permanent = false;
                }
                if seen.contains(&next) {
                    seen.push(next);
                    let chain: Vec<&str> = seen.iter().map(Url::as_str).collect();
                    return Attempt::Done(
                        Outcome::Unreachable {
                            reason: format!(
                                "its redirects go round in a loop: {}",
                                chain.join(" → ")
                            ),
                        }
                        .into(),
                    );
                }
                seen.push(next.clone());
                current = next;
                continue;
            }
            return self.answer(response, moved_to, want_body).await;
        }
        Attempt::Done(
            Outcome::Unreachable {
                reason: format!(
                    "it redirects more than {} times",
                    self.settings.max_redirects
                ),
            }
            .into(),
        )
    }

    /// Classifies the final answer.
    async fn answer(
        &self,
        response: reqwest::Response,
        moved_to: Option<Url>,
        want_body: bool,
    ) -> Attempt {
        let status = response.status();
        let code = status.as_u16();
        if status.is_success() || self.settings.accept.contains(&code) {
            let is_html = response
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|t| t.to_str().ok())
                .is_some_and(|t| t.contains("html"));
            let (ids, truncated) = if want_body && is_html {
                let (body, truncated) = read_capped(response, self.settings.max_body).await;
                (Some(page_ids(&body)), truncated)
            } else {
                (None, false)
            };
            let outcome = match moved_to {
                Some(to) => Outcome::Redirected { to: to.to_string() },
                None => Outcome::Ok,
            };
            return Attempt::Done(Fetched {
                outcome,
                ids,
                truncated,
            });
        }
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        match code {
            429 => Attempt::Transient {
                outcome: Outcome::Blocked { status: code },
                retry_after,
            },
            500 | 502 | 503 | 504 => Attempt::Transient {
                outcome: Outcome::Unreachable {
                    reason: format!("the server answered {} every time", status_text(status)),
                },
                retry_after: retry_after.filter(|_| code == 503),
            },
            401 | 403 | 999 => Attempt::Done(Outcome::Blocked { status: code }.into()),
            _ if status.is_server_error() => Attempt::Done(
                Outcome::Unreachable {
                    reason: format!("the server answered {}", status_text(status)),
                }
                .into(),
            ),
            _ => Attempt::Done(Outcome::Dead { status: code }.into()),
        }
    }

    /// One request, within the global and the host's limits. HEAD first; GET
    /// when the body is wanted or the server will not answer HEAD.
    async fn request(&self, url: &Url, want_body: bool) -> Result<reqwest::Response, Attempt> {
        // The host's permit first: a request waiting for its busy host must
        // not hold one of the global permits that other hosts could use.
        let gate = self.gate(url);
        let _host = gate.permits.acquire().await.expect("semaphore open");
        let _global = self.global.acquire().await.expect("semaphore open");
        let method = if want_body { Method::GET } else { Method::HEAD };
        let response = self.send(&gate, url, method.clone()).await?;
        if method == Method::HEAD && matches!(response.status().as_u16(), 400 | 403 | 405 | 501) {
            drop(response);
            return self.send(&gate, url, Method::GET).await;
        }
        Ok(response)
    }

    async fn send(
        &self,
        gate: &HostGate,
        url: &Url,
        method: Method,
    ) -> Result<reqwest::Response, Attempt> {
        // Take the host's next slot and book the one after it, then wait for
        // the slot: slots are kept from the plan, so late wake-ups do not add up.
        let slot = {
            let mut next = gate.next_start.lock().await;
            let slot = (*next).max(Instant::now());
            *next = slot + self.settings.host_interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
        self.client
            .request(method, url.clone())
            .send()
            .await
            .map_err(|err| self.failure(&err))
    }

    fn gate(&self, url: &Url) -> Arc<HostGate> {
        let key = format!(
            "{}:{}",
            url.host_str().unwrap_or_default(),
            url.port_or_known_default().unwrap_or(0)
        );
        let mut hosts = self.hosts.lock().expect("host table");
        hosts
            .entry(key)
            .or_insert_with(|| {
                Arc::new(HostGate {
                    permits: Semaphore::new(self.settings.per_host.max(1)),
                    next_start: tokio::sync::Mutex::new(Instant::now()),
                })
            })
            .clone()
    }

    /// A URL whose host is a private IP address, written as such (no name is
    /// resolved for it, so the resolver cannot refuse it).
    fn refused_literal(&self, url: &Url) -> Option<Outcome> {
        if self.settings.allow_private {
            return None;
        }
        let ip: IpAddr = match url.host()? {
            url::Host::Ipv4(ip) => ip.into(),
            url::Host::Ipv6(ip) => ip.into(),
            url::Host::Domain(_) => return None,
        };
        kind_of_private(ip).map(|kind| Outcome::Refused {
            reason: format!("{ip} is a {kind} address"),
        })
    }

    /// What a failed request means.
    fn failure(&self, err: &reqwest::Error) -> Attempt {
        let mut source: Option<&dyn std::error::Error> = Some(err);
        let mut text = String::new();
        while let Some(error) = source {
            if let Some(private) = error.downcast_ref::<PrivateAddress>() {
                return Attempt::Done(
                    Outcome::Refused {
                        reason: format!("its name {private}"),
                    }
                    .into(),
                );
            }
            text = error.to_string();
            source = error.source();
        }
        if err.is_timeout() {
            return Attempt::Transient {
                outcome: Outcome::Unreachable {
                    reason: format!(
                        "it did not answer within {} s",
                        self.settings.timeout.as_secs_f32()
                    ),
                },
                retry_after: None,
            };
        }
        let lower = text.to_ascii_lowercase();
        if lower.contains("failed to lookup")
            || lower.contains("dns error")
            || lower.contains("name or service not known")
        {
            return Attempt::Done(
                Outcome::Unreachable {
                    reason: "its name does not resolve".to_owned(),
                }
                .into(),
            );
        }
        let reason = if err.is_connect() {
            format!("no connection could be made ({text})")
        } else {
            format!("the connection failed ({text})")
        };
        Attempt::Transient {
            outcome: Outcome::Unreachable { reason },
            retry_after: None,
        }
    }
}

/// `404 Not Found`.
pub(crate) fn status_text(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

/// `Retry-After`: seconds, or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value.trim()).ok()?;
    Some(at.duration_since(SystemTime::now()).unwrap_or_default())
}

/// The body, up to `cap` bytes; the rest is never downloaded.
async fn read_capped(mut response: reqwest::Response, cap: usize) -> (Vec<u8>, bool) {
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = cap - body.len();
                if chunk.len() > room {
                    body.extend_from_slice(&chunk[..room]);
                    return (body, true);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return (body, false),
            // A body cut short still has the ids read so far.
            Err(_) => return (body, true),
        }
    }
}

/// The ids of a page: `id` on any element, `name` on `<a>`.
fn page_ids(body: &[u8]) -> HashSet<String> {
    use html5gum::{Token, Tokenizer};
    let text = String::from_utf8_lossy(body);
    let mut ids = HashSet::new();
    for token in Tokenizer::new(text.as_ref()).flatten() {
        if let Token::StartTag(tag) = token {
            for (name, value) in &tag.attributes {
                let is_id = name.as_slice() == b"id"
                    || (name.as_slice() == b"name" && tag.name.as_slice() == b"a");
                if is_id {
                    ids.insert(String::from_utf8_lossy(&value.value).into_owned());
                }
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn ids_are_read_from_any_element_and_named_anchors() {
        let ids =
            page_ids(b"<h2 id=\"a\">A</h2><a name=\"b\"></a><input name=\"c\"><div id='d e'>");
        let mut ids: Vec<_> = ids.into_iter().collect();
        ids.sort();
        assert_eq!(ids, ["a", "b", "d e"]);
    }
}
