using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Search.Api.Entitlement;

/// <summary>
/// A CIDR range as an interval of 128-bit numbers. IPv4 ranges live in the IPv4-mapped IPv6 space
/// (<c>::ffff:0:0/96</c>), so one comparison serves both families and a mapped client address matches
/// the IPv4 range it belongs to.
/// </summary>
public readonly record struct IpRange(UInt128 First, UInt128 Last, string Text)
{
    private static readonly UInt128 MappedPrefix = (UInt128)0xFFFF << 32;

    public bool Contains(UInt128 address) => address >= First && address <= Last;

    public bool Overlaps(IpRange other) => First <= other.Last && other.First <= Last;

    /// <summary>Parses <c>202.114.0.0/16</c>, <c>2001:da8:2000::/48</c> or a single address (a /32 or /128).</summary>
    public static bool TryParse(string? text, out IpRange range, out string? problem)
    {
        range = default;
        problem = null;
        var trimmed = (text ?? "").Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? trimmed : trimmed[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            problem = $"'{text}' is not an IPv4 or IPv6 address or CIDR range.";
            return false;
        }

        var v4 = address.AddressFamily == AddressFamily.InterNetwork;
        var width = v4 ? 32 : 128;
        var prefix = width;
        if (slash >= 0 && (!int.TryParse(trimmed[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > width))
        {
            problem = $"'{text}': the prefix length must be a number from 0 to {width}.";
            return false;
        }

        var value = ToNumber(address);
        var hostBits = width - prefix;
        var hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        if ((value & hostMask) != 0)
        {
            problem = $"'{text}' has host bits set; did you mean {Format(value & ~hostMask, v4)}/{prefix}?";
            return false;
        }

        var canonical = string.Create(CultureInfo.InvariantCulture, $"{Format(value, v4)}/{prefix}");
        range = new IpRange(value, value | hostMask, canonical);
        return true;
    }

    /// <summary>The address as a number; IPv4 and IPv4-mapped IPv6 addresses give the same number.</summary>
    public static UInt128 ToNumber(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> four = stackalloc byte[4];
            address.TryWriteBytes(four, out _);
            return MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(four);
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static string Format(UInt128 value, bool v4)
    {
        if (v4)
        {
            Span<byte> four = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(four, (uint)(value & 0xFFFFFFFF));
            return new IPAddress(four).ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes).ToString();
    }

    public override string ToString() => Text;
}
