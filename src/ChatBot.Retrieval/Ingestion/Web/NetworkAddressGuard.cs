using System.Net;
using System.Net.Sockets;

namespace ChatBot.Retrieval.Ingestion.Web;

/// <summary>
/// The SSRF guard's address rules: loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
/// (169.254/16 with the cloud metadata address, fe80::/10), CGNAT (100.64/10), unspecified, multicast and
/// reserved addresses are not reachable from a URL a user gives. IPv4-mapped and NAT64 IPv6 addresses are
/// judged by the IPv4 address they carry.
/// </summary>
public static class NetworkAddressGuard
{
    public static bool IsBlocked(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsBlocked(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsBlockedV4(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6None))
        {
            return true;
        }

        // NAT64 (64:ff9b::/96) carries an IPv4 address in its last four bytes.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsBlockedV4(b.AsSpan(12, 4).ToArray());
        }

        return (b[0] & 0xfe) == 0xfc // fc00::/7 unique local (AWS metadata fd00:ec2::254 included)
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) // fe80::/10 link-local
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) // fec0::/10 site-local (deprecated)
            || b[0] == 0xff // multicast
            || (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0); // ::/96 (IPv4-compatible, ::1, ::)
    }

    private static bool IsBlockedV4(byte[] b) =>
        b[0] == 0 // 0/8 "this network", 0.0.0.0
        || b[0] == 10 // 10/8
        || b[0] == 127 // loopback
        || (b[0] == 100 && (b[1] & 0xc0) == 64) // 100.64/10 CGNAT (Alibaba metadata 100.100.100.200)
        || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata 169.254.169.254
        || (b[0] == 172 && (b[1] & 0xf0) == 16) // 172.16/12
        || (b[0] == 192 && b[1] == 168) // 192.168/16
        || (b[0] == 192 && b[1] == 0 && b[2] == 0) // 192.0.0/24 protocol assignments
        || (b[0] == 198 && (b[1] & 0xfe) == 18) // 198.18/15 benchmarking
        || b[0] >= 224; // multicast, reserved, broadcast
}
