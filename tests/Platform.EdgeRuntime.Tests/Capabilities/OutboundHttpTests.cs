using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Capabilities;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.KeyValue;
using Platform.EdgeRuntime.Tests.Support;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Capabilities;

/// <summary>
/// The fetch test component calling outbound HTTP on real Wasmtime: a host on the allow-list is still refused when it
/// resolves to a special address, before anything is sent; an admin-allowed network lets loopback through; the node
/// connects only to the address it checked.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class OutboundHttpTests(EdgeFixture edge) : IDisposable
{
    private LoopbackServer _server = new();
    private readonly List<IPEndPoint> _connects = [];
    private readonly string _data = Directory.CreateTempSubdirectory("platform-outbound-").FullName;

    /// <summary>The fetch component with <paramref name="hosts"/> granted, on a client with its own policy, resolver and connect step.</summary>
    private (LoadedVersion Version, HttpClient Client) Fetch(string[] hosts, OutboundNetworkPolicy policy, Dictionary<string, IPAddress[]>? names = null, bool recordOnly = false,
        string component = "fetch")
    {
        Task<IPAddress[]> Resolve(string host, CancellationToken ct) =>
            names is not null && names.TryGetValue(host, out var mapped) ? Task.FromResult(mapped) : Dns.GetHostAddressesAsync(host, ct);
        async ValueTask<Stream> Connect(IPEndPoint endpoint, CancellationToken ct)
        {
            lock (_connects) _connects.Add(endpoint);
            if (recordOnly) throw new SocketException((int)SocketError.ConnectionRefused);
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endpoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        var client = new HttpClient(new OutboundConnector(policy, Resolve, Connect).CreateHandler());
        var loader = new VersionLoader(edge.Engine, new KeyValueStoreProvider(_data), client, NullLoggerFactory.Instance);
        var bytes = edge.Components.Bytes(component);
        var digest = ComponentDigest.Compute(bytes);
        var assignment = new VersionAssignmentDto("1.0.0", digest, "component", 100, new CapabilitiesDto(hosts, [], new Dictionary<string, string>()), LimitsDto.Default);
        return (loader.Load("fetch", assignment, edge.Cache.Load(digest, bytes)), client);
    }

    private EdgeResponse Send(LoadedVersion version, string url) =>
        edge.Executor.Execute(version, new EdgeRequest("POST", "/", [new("host", "edge.test")], Encoding.UTF8.GetBytes(url)), Guid.NewGuid().ToString("N"));

    private static string Body(EdgeResponse response) => Encoding.UTF8.GetString(response.Body);

    [Fact]
    public void Send_AllowedHostResolvingToLoopback_RefusedBeforeConnecting()
    {
        var url = $"http://internal.test:{_server.Port}/";
        var (fetch, client) = Fetch([url], new OutboundNetworkPolicy(), new() { ["internal.test"] = [IPAddress.Loopback] });
        using (client)
        {
            var response = Send(fetch, url);

            Assert.Equal(502, response.Status);
            Assert.Equal("outbound request to 'internal.test' refused: 'internal.test' resolves to 127.0.0.1 (loopback address), which outbound HTTP may not reach unless a platform admin allows the network", Body(response));
            Assert.Empty(_connects);
            Assert.Equal(0, _server.Accepted);
        }
    }

    [Fact]
    public void Send_Localhost_RefusedBeforeConnecting()
    {
        var url = $"http://localhost:{_server.Port}/";
        var (fetch, client) = Fetch([url], new OutboundNetworkPolicy());
        using (client)
        {
            var response = Send(fetch, url);

            Assert.Equal(502, response.Status);
            Assert.Contains("refused: 'localhost' resolves to", Body(response));
            Assert.Empty(_connects);
            Assert.Equal(0, _server.Accepted);
        }
    }

    [Theory]
    [InlineData("http://[::1]:{0}/", "(loopback address)")]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/", "(loopback (IPv4 127.0.0.1 inside IPv6) address)")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "(cloud metadata address)")]
    [InlineData("http://[fd00:ec2::254]/", "(cloud metadata address)")]
    [InlineData("http://10.0.0.1/", "(private address)")]
    [InlineData("http://192.168.1.1:8080/", "(private address)")]
    public void Send_SpecialAddressLiteral_RefusedWithoutAnyConnectAttempt(string template, string kind)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, _server.Port);
        // Every host is on the allow-list here, so only the address check stands between the guest and the target.
        var (fetch, client) = Fetch(["*"], new OutboundNetworkPolicy(), recordOnly: true);
        using (client)
        {
            var response = Send(fetch, url);

            Assert.Equal(502, response.Status);
            Assert.Contains(kind, Body(response));
            Assert.Contains("refused", Body(response));
            Assert.Empty(_connects);
        }
    }

    [Fact]
    public void Send_NetworkAllowedByAnAdmin_ReachesTheLoopbackServer()
    {
        var url = $"http://internal.test:{_server.Port}/";
        var (fetch, client) = Fetch([url], new OutboundNetworkPolicy(["127.0.0.0/8"]), new() { ["internal.test"] = [IPAddress.Loopback] });
        using (client)
        {
            var response = Send(fetch, url);

            Assert.Equal((200, "200 hello"), (response.Status, Body(response)));
            Assert.Equal([new IPEndPoint(IPAddress.Loopback, _server.Port)], _connects);
            Assert.Equal(1, _server.Accepted);
        }
    }

    [Theory]
    [InlineData("fetch", "text")]
    [InlineData("fetch", "binary")]
    [InlineData("fetch@0.2.0", "text")]
    [InlineData("fetch@0.2.0", "binary")]
    public void Send_UpstreamBodyOfEitherKind_ReachesTheGuestByteForByteInEveryVersion(string component, string kind)
    {
        // Text crosses into a 0.3.0 guest as one string, anything else as bytes; a 0.2.0 guest gets a list<u8> either way.
        byte[] upstream = kind == "text" ? Encoding.UTF8.GetBytes("{\"greeting\":\"grüß dich ✓\"}") : [0x00, 0xFF, 0xC0, 0x80, 0x7F, 0xED, 0xA0, 0x80];
        _server.Dispose();
        _server = new LoopbackServer(upstream);
        var url = $"http://internal.test:{_server.Port}/";
        var (fetch, client) = Fetch([url], new OutboundNetworkPolicy(["127.0.0.0/8"]), new() { ["internal.test"] = [IPAddress.Loopback] }, component: component);
        using (client)
        {
            var response = Send(fetch, url);

            Assert.Equal(200, response.Status);
            Assert.Equal([.. "200 "u8, .. upstream], response.Body);
        }
    }

    [Theory]
    [InlineData("fetch", "text")]
    [InlineData("fetch", "binary")]
    [InlineData("fetch@0.2.0", "text")]
    [InlineData("fetch@0.2.0", "binary")]
    public void Send_RequestBodyOfEitherKind_ReachesUpstreamByteForByteInEveryVersion(string component, string kind)
    {
        // The guest's body crosses into the host as text (0.3.0, valid UTF-8), as bytes (0.3.0, anything else) or as a list<u8> (0.2.0).
        byte[] payload = kind == "text" ? Encoding.UTF8.GetBytes("{\"order\":\"ü-42\",\"items\":[1,2,3]}") : [0xFF, 0x00, 0x0A, 0xC3, 0x28, 0x80];
        var url = $"http://internal.test:{_server.Port}/orders";
        var (fetch, client) = Fetch([$"http://internal.test:{_server.Port}/"], new OutboundNetworkPolicy(["127.0.0.0/8"]), new() { ["internal.test"] = [IPAddress.Loopback] },
            component: component);
        using (client)
        {
            var response = edge.Executor.Execute(fetch, new EdgeRequest("POST", "/", [], [.. Encoding.UTF8.GetBytes(url + "\n"), .. payload]), "req-post");

            Assert.Equal((200, "200 hello"), (response.Status, Body(response)));
            Assert.StartsWith("POST /orders ", Assert.Single(_server.Heads), StringComparison.Ordinal);
            Assert.Equal(payload, Assert.Single(_server.Bodies));
        }
    }

    [Fact]
    public void Send_InsideARequestsTrace_TheOutboundRequestCarriesThatTraceparent()
    {
        var url = $"http://internal.test:{_server.Port}/";
        var (fetch, client) = Fetch([url], new OutboundNetworkPolicy(["127.0.0.0/8"]), new() { ["internal.test"] = [IPAddress.Loopback] });
        using (client)
        using (var request = new Activity("GET /fetch").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            Assert.Equal(200, Send(fetch, url).Status);

            var traceparent = Assert.Single(Assert.Single(_server.Heads).Split("\r\n"), l => l.StartsWith("traceparent:", StringComparison.OrdinalIgnoreCase));
            Assert.True(ActivityContext.TryParse(traceparent[(traceparent.IndexOf(':') + 1)..].Trim(), null, out var sent), traceparent);
            Assert.Equal(request.TraceId, sent.TraceId);
        }
    }

    [Fact]
    public void Send_NameWithSpecialAndPublicAddresses_ConnectsOnlyToTheCheckedPublicOne()
    {
        var url = "http://mixed.test/";
        var names = new Dictionary<string, IPAddress[]> { ["mixed.test"] = [IPAddress.Loopback, IPAddress.Parse("10.1.1.1"), IPAddress.Parse("203.0.114.7")] };
        var (fetch, client) = Fetch([url], new OutboundNetworkPolicy(), names, recordOnly: true);
        using (client)
        {
            var response = Send(fetch, url);

            Assert.Equal(502, response.Status);
            Assert.Equal([new IPEndPoint(IPAddress.Parse("203.0.114.7"), 80)], _connects);
        }
    }

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
