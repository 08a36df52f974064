using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Which callers may say whose request they pass on (<c>X-Forwarded-For</c>): the portal signing a
/// person in, or a load balancer. Only they are believed, so the per-address sign-in limit and the
/// audit log see the person's address, not the portal's. Loopback is always trusted (everything on
/// one machine); <c>Api:TrustedProxies</c> adds addresses and <c>Api:TrustedNetworks</c> CIDR ranges.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("Api:TrustedProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("Api:TrustedNetworks").Get<string[]>() ?? [];
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // One hop: the address the trusted proxy saw; anything further left is the client's own claim.
            options.ForwardLimit = 1;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"Api:TrustedProxies: '{proxy}' is not an IP address."));
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range)
                    ? range
                    : throw new InvalidOperationException($"Api:TrustedNetworks: '{network}' is not a CIDR range such as 10.0.0.0/8."));
            }
        });
    }
}
