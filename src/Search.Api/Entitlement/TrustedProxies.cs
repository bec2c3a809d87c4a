using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Search.Api.Entitlement;

/// <summary>
/// X-Forwarded-For is believed only from the proxies in <c>Search:TrustedProxies</c> (addresses or CIDRs, a
/// list or one comma-separated string). The defaults (loopback) are cleared: with no proxy configured, the
/// header is ignored and the connection's address is the client's.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        // Read when the options are first used, so that every configuration source (tests' included) is seen.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var section = configuration.GetSection("Search:TrustedProxies");
            var entries = (section.Value ?? "").Split(',')
                .Concat(section.GetChildren().SelectMany(c => (c.Value ?? "").Split(',')))
                .Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();

            // With no known proxy the middleware would believe everyone: forward nothing instead.
            o.ForwardedHeaders = entries.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor;
            foreach (var entry in entries)
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    if (!System.Net.IPNetwork.TryParse(entry, out var network))
                    {
                        throw new OptionsValidationException("Search:TrustedProxies", typeof(ForwardedHeadersOptions), [$"'{entry}' is not a CIDR range."]);
                    }

                    o.KnownIPNetworks.Add(network);
                    if (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                    {
                        o.KnownIPNetworks.Add(new System.Net.IPNetwork(network.BaseAddress.MapToIPv6(), network.PrefixLength + 96));
                    }
                }
                else if (IPAddress.TryParse(entry, out var address))
                {
                    o.KnownProxies.Add(address);
                    o.KnownProxies.Add(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address.MapToIPv6());
                }
                else
                {
                    throw new OptionsValidationException("Search:TrustedProxies", typeof(ForwardedHeadersOptions), [$"'{entry}' is not an address or CIDR range."]);
                }
            }
        });
        return services;
    }
}
