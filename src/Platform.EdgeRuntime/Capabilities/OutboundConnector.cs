using System.Net;
using System.Net.Sockets;

namespace Platform.EdgeRuntime.Capabilities;

/// <summary>
/// The connect step of outbound HTTP (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the host once,
/// keeps only the addresses <see cref="OutboundNetworkPolicy"/> accepts, and connects to one of exactly those, so a
/// name cannot be checked against one address and connected to another (no DNS rebinding between check and connect).
/// When nothing is left it throws <see cref="OutboundAddressRefusedException"/> before any packet is sent.
/// </summary>
public sealed class OutboundConnector(
    OutboundNetworkPolicy policy,
    Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null,
    Func<IPEndPoint, CancellationToken, ValueTask<Stream>>? connect = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? Dns.GetHostAddressesAsync;
    private readonly Func<IPEndPoint, CancellationToken, ValueTask<Stream>> _connect = connect ?? ConnectSocketAsync;

    /// <summary>A handler for the node's outbound HttpClient: no redirects (a redirect is a new request to judge), no cookies, no proxy.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, ct),
    };

    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken ct)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        var addresses = IPAddress.TryParse(literal, out var address) ? [address] : await _resolve(host, ct);
        if (addresses.Length == 0) throw new OutboundAddressRefusedException(host, "resolves to no address");
        var permitted = addresses.Where(a => policy.Refuses(a) is null).ToList();
        if (permitted.Count == 0)
        {
            var first = addresses[0];
            throw new OutboundAddressRefusedException(host, $"resolves to {first} ({policy.Refuses(first)} address)");
        }
        Exception? last = null;
        foreach (var candidate in permitted)
        {
            try
            {
                return await _connect(new IPEndPoint(candidate, port), ct);
            }
            catch (SocketException ex)
            {
                last = ex;
            }
        }
        throw last!;
    }

    private static async ValueTask<Stream> ConnectSocketAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
