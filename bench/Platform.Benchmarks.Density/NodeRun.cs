using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Components;

namespace Platform.Benchmarks.Density;

/// <summary>Latencies of one side, in milliseconds.</summary>
internal sealed record Latencies(int Count, double P50, double P99)
{
    public static Latencies Of(List<double> ms)
    {
        ms.Sort();
        double At(double q) => ms.Count == 0 ? 0 : ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        return new Latencies(ms.Count, At(0.50), At(0.99));
    }
}

/// <summary>What one node with a number of services measured.</summary>
internal sealed record NodeRun(int Services, TimeSpan Converge, double RssMiB, double RssAfterMiB, int Resident, Latencies Warm, Latencies Cold, long ColdLoads)
{
    private static readonly TimeSpan ConvergeTimeout = TimeSpan.FromMinutes(30);

    public static async Task<NodeRun> MeasureAsync(string nodeDll, DistinctComponents distinct, byte[] compiled, string compatibilityKey, int services,
        int cold, int resident)
    {
        var dataDir = Directory.CreateTempSubdirectory("platform-density-").FullName;
        try
        {
            var digests = Enumerable.Range(0, services).Select(distinct.Digest).ToList();
            var byDigest = digests.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
            var cache = Path.Combine(dataDir, "cache", compatibilityKey);
            Directory.CreateDirectory(cache);
            foreach (var digest in digests)
            {
                await File.WriteAllBytesAsync(Path.Combine(cache, ComponentDigest.Hex(digest) + ".cwasm"), compiled);
            }
            var desired = new NodeDesiredStateDto(Guid.NewGuid(), $"density-{services}",
                digests.Select((digest, i) => new ServiceAssignmentDto(Name(i), "/" + Name(i),
                    [new VersionAssignmentDto("1.0.0", digest, "component", 100, CapabilitiesDto.None, LimitsDto.Default)])).ToList());
            await using var controlPlane = new ControlPlaneStub(desired, d => byDigest.TryGetValue(d, out var i) ? distinct.Bytes(i) : null);
            await controlPlane.StartAsync();

            var port = FreePort();
            using var node = Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    nodeDll, "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning", "--Node:Name", "density", "--Node:Region", "local",
                    "--Node:PublicUrl", $"http://127.0.0.1:{port}", "--Node:DataDir", dataDir, "--ControlPlane:Url", controlPlane.Url,
                    "--ControlPlane:EnrolmentToken", ControlPlaneStub.EnrolmentToken, "--Edge:Engine:MaxResidentVersions", resident.ToString(CultureInfo.InvariantCulture),
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            node.OutputDataReceived += (_, _) => { };
            node.ErrorDataReceived += (_, _) => { };
            node.BeginOutputReadLine();
            node.BeginErrorReadLine();
            try
            {
                var clock = Stopwatch.StartNew();
                while (controlPlane.LastHeartbeat is not { } beat || beat.AppliedRevision != desired.Revision || beat.Ready?.Count != services)
                {
                    if (clock.Elapsed > ConvergeTimeout || node.HasExited)
                    {
                        throw new InvalidOperationException($"The node did not serve {services} services within {ConvergeTimeout} (exited: {node.HasExited}).");
                    }
                    await Task.Delay(200);
                }
                var converge = clock.Elapsed;
                await Task.Delay(TimeSpan.FromSeconds(3));
                var rss = ResidentMiB(node.Id);

                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                var warmName = Name(services - 1);
                for (var i = 0; i < 50; i++)
                {
                    await TimeAsync(http, warmName);
                }
                // The versions placed first were parked as later ones were loaded: each requested once is a cold load. Warm and
                // cold requests take turns, so both meet the same moments of the node (its collections, heartbeats, tiering).
                var parked = Math.Max(0, services - resident - 1);
                var warm = new List<double>();
                var coldTimes = new List<double>();
                var coldServices = Enumerable.Range(0, parked).OrderBy(_ => Random.Shared.Next()).Take(cold).ToList();
                for (var i = 0; i < Math.Max(coldServices.Count, 200); i++)
                {
                    warm.Add(await TimeAsync(http, warmName));
                    if (i < coldServices.Count)
                    {
                        coldTimes.Add(await TimeAsync(http, Name(coldServices[i])));
                    }
                }
                var metrics = await http.GetStringAsync("/metrics");
                var health = await http.GetStringAsync("/healthz");
                return new NodeRun(services, converge, rss, ResidentMiB(node.Id), ResidentOf(health), Latencies.Of(warm), Latencies.Of(coldTimes),
                    Counter(metrics, "platform_edge_cold_loads_total"));
            }
            finally
            {
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static string Name(int i) => $"svc-{i:D5}";

    private static async Task<double> TimeAsync(HttpClient http, string service)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync($"/{service}/");
        await response.Content.ReadAsByteArrayAsync();
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{service} answered {(int)response.StatusCode}");
        }
        return ms;
    }

    private static double ResidentMiB(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0).First();

    private static long Counter(string metrics, string name) =>
        metrics.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => long.Parse(l[(name.Length + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();

    private static int ResidentOf(string health)
    {
        using var json = System.Text.Json.JsonDocument.Parse(health);
        return json.RootElement.GetProperty("residentVersions").GetInt32();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
