//! Which addresses a link may reach. Private, loopback, link-local, multicast
//! and unspecified addresses are refused unless `[links] allow_private` is set,
//! and the decision is made on the addresses a name resolves to, so that a
//! public name pointing at 127.0.0.1 is refused too.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Why an address is not reached, or `None` for a public one.
pub(crate) fn kind_of_private(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => v4_kind(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            // An IPv6 address that carries an IPv4 one reaches it: judged by it.
            Some(v4) => v4_kind(v4).or_else(|| v6_kind(v6)),
            None => v6_kind(v6),
        },
    }
}

/// The IPv4 address an IPv6 address carries: IPv4-mapped (`::ffff:a.b.c.d`),
/// IPv4-compatible (`::a.b.c.d`, deprecated but still routed by some stacks),
/// NAT64 (`64:ff9b::/96`) and 6to4 (`2002:AABB:CCDD::/48`).
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = ip.segments();
    let low = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if s[..6] == [0; 6] && !ip.is_loopback() && !ip.is_unspecified() {
        return Some(low);
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(low);
    }
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            s[1] as u8,
            (s[2] >> 8) as u8,
            s[2] as u8,
        ));
    }
    None
}

fn v4_kind(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = ip.octets();
    if ip.is_loopback() {
        Some("loopback")
    } else if ip.is_private() || (a == 100 && (64..128).contains(&b)) {
        // 10/8, 172.16/12, 192.168/16, and 100.64/10 (carrier-grade NAT).
        Some("private")
    } else if ip.is_link_local() {
        Some("link-local")
    } else if ip.is_multicast() || ip.is_broadcast() {
        Some("multicast")
    } else if ip.is_unspecified() || a == 0 {
        Some("unspecified")
    } else {
        None
    }
}

fn v6_kind(ip: Ipv6Addr) -> Option<&'static str> {
    let first = ip.segments()[0];
    if ip.is_loopback() {
        Some("loopback")
    } else if ip.is_unspecified() {
        Some("unspecified")
    } else if ip.is_multicast() {
        Some("multicast")
    } else if first & 0xffc0 == 0xfe80 {
        Some("link-local")
    } else if first & 0xfe00 == 0xfc00 {
        // fc00::/7, unique local addresses.
        Some("private")
    } else {
        None
    }
}

/// The error a refused name gives: found again in the request's error chain.
#[derive(Debug)]
pub(crate) struct PrivateAddress {
    pub(crate) ip: IpAddr,
    pub(crate) kind: &'static str,
}

impl std::fmt::Display for PrivateAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let article = if self.kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        write!(
            f,
            "resolves to {}, {article} {} address",
            self.ip, self.kind
        )
    }
}

impl std::error::Error for PrivateAddress {}

/// The system resolver, with private addresses taken out of every answer
/// (unless allowed): a name left with none is refused.
pub(crate) struct GuardedResolver {
    pub(crate) allow_private: bool,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if allow_private {
                return Ok(Box::new(found.into_iter()) as Addrs);
            }
            let refused = found
                .iter()
                .find_map(|addr| kind_of_private(addr.ip()).map(|kind| (addr.ip(), kind)));
            let public: Vec<SocketAddr> = found
                .into_iter()
                .filter(|addr| kind_of_private(addr.ip()).is_none())
                .collect();
            match (public.is_empty(), refused) {
                (true, Some((ip, kind))) => Err(Box::new(PrivateAddress { ip, kind }) as _),
                _ => Ok(Box::new(public.into_iter()) as Addrs),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_addresses_are_told_from_public_ones() {
        let kind = |text: &str| kind_of_private(text.parse().unwrap());
        assert_eq!(kind("127.0.0.1"), Some("loopback"));
        assert_eq!(kind("127.8.0.3"), Some("loopback"));
        assert_eq!(kind("10.1.2.3"), Some("private"));
        assert_eq!(kind("172.16.0.1"), Some("private"));
        assert_eq!(kind("192.168.1.1"), Some("private"));
        assert_eq!(kind("100.64.0.1"), Some("private"));
        assert_eq!(kind("169.254.169.254"), Some("link-local"));
        assert_eq!(kind("224.0.0.1"), Some("multicast"));
        assert_eq!(kind("255.255.255.255"), Some("multicast"));
        assert_eq!(kind("0.0.0.0"), Some("unspecified"));
        assert_eq!(kind("::1"), Some("loopback"));
        assert_eq!(kind("::"), Some("unspecified"));
        assert_eq!(kind("fe80::1"), Some("link-local"));
        assert_eq!(kind("fd00::1"), Some("private"));
        assert_eq!(kind("ff02::1"), Some("multicast"));
        assert_eq!(kind("::ffff:127.0.0.1"), Some("loopback"));
        assert_eq!(kind("93.184.216.34"), None);
        assert_eq!(kind("100.128.0.1"), None);
        assert_eq!(kind("2606:4700::1111"), None);
    }
}

#[cfg(test)]
mod embedded_tests {
    use super::*;

    #[test]
    fn ipv6_addresses_that_carry_a_private_ipv4_one_are_refused() {
        let kind = |text: &str| kind_of_private(text.parse().unwrap());
        assert_eq!(kind("::127.0.0.1"), Some("loopback"));
        assert_eq!(kind("::ffff:10.0.0.1"), Some("private"));
        assert_eq!(kind("64:ff9b::192.168.1.1"), Some("private"));
        assert_eq!(kind("64:ff9b::7f00:1"), Some("loopback"));
        assert_eq!(kind("2002:a9fe:0101::1"), Some("link-local"));
        assert_eq!(kind("2002:7f00:0001::"), Some("loopback"));
        // Public ones stay public.
        assert_eq!(kind("64:ff9b::8.8.8.8"), None);
        assert_eq!(kind("2002:0808:0808::1"), None);
        assert_eq!(kind("2606:4700::1111"), None);
        assert_eq!(kind("::1"), Some("loopback"));
    }

    #[test]
    fn refusals_read_as_english() {
        let refused = |ip: &str, kind| {
            PrivateAddress {
                ip: ip.parse().unwrap(),
                kind,
            }
            .to_string()
        };
        assert_eq!(
            refused("0.0.0.0", "unspecified"),
            "resolves to 0.0.0.0, an unspecified address"
        );
        assert_eq!(
            refused("10.0.0.1", "private"),
            "resolves to 10.0.0.1, a private address"
        );
    }
}
