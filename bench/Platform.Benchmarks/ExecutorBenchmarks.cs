using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Hosting;
using Platform.EdgeRuntime.KeyValue;
using Platform.EdgeRuntime.Metrics;

namespace Platform.Benchmarks;

/// <summary>
/// One request on a fresh instance: instantiate + call + response, as the edge node does it. The baseline is
/// the component executor on the tuned pooling allocator (the hello component); the other rows show the http-json-c
/// template service (what users run; with and without its per-request log line), a 4 KiB body through the echo
/// component (JSON text and binary in the 0.3.0 world, where text crosses as one string and other bytes one value per byte;
/// the same JSON through echo built for 0.2.0, whose bodies are list&lt;u8&gt;), the default allocator, a parked version (each request a cold load from the disk cache: two versions
/// take turns on a node that keeps one in memory) and the wagi executor (WASI command, CGI-style I/O) measured in the same run.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class ExecutorBenchmarks
{
    private readonly List<IDisposable> _owned = [];
    private readonly EdgeRequest _get = new("GET", "/bench/hello?x=1", [new("host", "bench")], []) { Route = "/bench" };
    private readonly EdgeRequest _post = new("POST", "/bench/hello", [new("content-type", "text/plain")], new byte[256]) { Route = "/bench" };
    private static readonly byte[] Json4K = System.Text.Encoding.UTF8.GetBytes(
        "{\"items\":[" + string.Join(',', Enumerable.Range(0, 400).Select(i => $"\"item-{i:D4}\"")) + "]}")[..4096];
    private readonly EdgeRequest _post4kJson = new("POST", "/bench/echo", [new("content-type", "application/json")], Json4K) { Route = "/bench" };
    private readonly EdgeRequest _post4kBinary = new("POST", "/bench/echo", [new("content-type", "application/octet-stream")],
        [.. Enumerable.Range(0, 4096).Select(i => (byte)(0x80 | i))]) { Route = "/bench" };
    private RequestExecutor _executor = null!;
    private LoadedVersion _pooled = null!;
    private LoadedVersion _echo = null!;
    private LoadedVersion _echoOldWorld = null!;
    private LoadedVersion _template = null!;
    private LoadedVersion _templateQuiet = null!;
    private readonly EdgeRequest _templateGet = new("GET", "/bench-json/", [new("host", "bench"), new("accept", "application/json")], []) { Route = "/bench-json" };
    private LoadedVersion _unpooled = null!;
    private LoadedVersion _wagi = null!;
    private LoadedVersion[] _parked = null!;
    private int _turn;

    [GlobalSetup]
    public void Setup()
    {
        var component = BenchmarkArtefacts.Component("hello");
        var module = BenchmarkArtefacts.WagiModule("hello-wagi");
        var data = Directory.CreateTempSubdirectory("platform-bench-").FullName;
        _executor = new RequestExecutor(new EdgeMetrics());
        _pooled = LoadComponent(new EdgeEngineOptions(), component, data);
        _echo = LoadComponent(new EdgeEngineOptions(), BenchmarkArtefacts.Component("echo"), data);
        _echoOldWorld = LoadComponent(new EdgeEngineOptions(), BenchmarkArtefacts.Component("echo", witVersion: "0.2.0"), data);
        _template = LoadComponent(new EdgeEngineOptions(), BenchmarkArtefacts.TemplateService("bench-json", "info"), data);
        _templateQuiet = LoadComponent(new EdgeEngineOptions(), BenchmarkArtefacts.TemplateService("bench-json", "warn"), data);
        _unpooled = LoadComponent(new EdgeEngineOptions { UsePoolingAllocator = false }, component, data);
        var engine = Own(new EdgeEngine(new EdgeEngineOptions()));
        var modules = new ModuleCache(engine, Path.Combine(data, "modules"));
        var digest = ComponentDigest.Compute(module);
        _wagi = Loader(engine, data).Load("bench", Assignment(digest, "wagi"), modules.Load(digest, module));
        _parked = ParkableVersions(component, data);
    }

    [Benchmark(Baseline = true, Description = "component, pooling allocator")]
    public int ComponentPooled() => _executor.Execute(_pooled, _get, "bench").Status;

    [Benchmark(Description = "http-json-c template service, GET (its log line below the node's level)")]
    public int TemplateService() => _executor.Execute(_template, _templateGet, "bench").Status;

    [Benchmark(Description = "http-json-c template service at log level warn (no log line)")]
    public int TemplateServiceQuiet() => _executor.Execute(_templateQuiet, _templateGet, "bench").Status;

    [Benchmark(Description = "component, echo POST 4 KiB JSON (0.3.0: text)")]
    public int ComponentEcho4KText() => _executor.Execute(_echo, _post4kJson, "bench").Status;

    [Benchmark(Description = "component, echo POST 4 KiB binary (0.3.0: bytes)")]
    public int ComponentEcho4KBinary() => _executor.Execute(_echo, _post4kBinary, "bench").Status;

    [Benchmark(Description = "component, echo POST 4 KiB JSON built for 0.2.0 (list<u8>)")]
    public int ComponentEcho4KOldWorld() => _executor.Execute(_echoOldWorld, _post4kJson, "bench").Status;

    [Benchmark(Description = "component, default allocator")]
    public int ComponentDefaultAllocator() => _executor.Execute(_unpooled, _get, "bench").Status;

    [Benchmark(Description = "component, parked version (cold load)")]
    public int ComponentParked() => _executor.Execute(_parked[_turn++ & 1], _get, "bench").Status;

    [Benchmark(Description = "wagi GET")]
    public int WagiGet() => _executor.Execute(_wagi, _get, "bench").Status;

    [Benchmark(Description = "wagi POST 256 B")]
    public int WagiPost() => _executor.Execute(_wagi, _post, "bench").Status;

    [GlobalCleanup]
    public void Cleanup() => _owned.ForEach(o => o.Dispose());

    private LoadedVersion LoadComponent(EdgeEngineOptions options, byte[] component, string data)
    {
        var engine = Own(new EdgeEngine(options));
        var cache = new ComponentCache(engine, Path.Combine(data, $"components-{_owned.Count}"));
        var digest = ComponentDigest.Compute(component);
        return Loader(engine, data).Load("bench", Assignment(digest, "component"), cache.Load(digest, component));
    }

    /// <summary>Two versions on a loader that keeps one in memory: whichever runs was parked by the other's run.</summary>
    private LoadedVersion[] ParkableVersions(byte[] component, string data)
    {
        var engine = Own(new EdgeEngine(new EdgeEngineOptions()));
        var cache = new ComponentCache(engine, Path.Combine(data, "parkable"));
        var digest = ComponentDigest.Compute(component);
        var loader = new VersionLoader(engine, new KeyValueStoreProvider(data), Own(new HttpClient()), NullLoggerFactory.Instance, residency: new Residency(1));
        var compiled = cache.Load(digest, component);
        return [.. new[] { "parked-a", "parked-b" }.Select(name => loader.Load(name, Assignment(digest, "component"), compiled, () => cache.Open(digest)))];
    }

    private VersionLoader Loader(EdgeEngine engine, string data) =>
        new(engine, new KeyValueStoreProvider(data), Own(new HttpClient()), NullLoggerFactory.Instance);

    private static VersionAssignmentDto Assignment(string digest, string executor) =>
        new("1.0.0", digest, executor, 100, CapabilitiesDto.None, LimitsDto.Default);

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
