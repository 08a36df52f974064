using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Hosting;
using Platform.EdgeRuntime.KeyValue;
using Platform.EdgeRuntime.Metrics;
using Platform.EdgeRuntime.Scheduling;

namespace Platform.Benchmarks;

/// <summary>
/// What handing a request to the guest scheduler's workers costs: the hello component run on the calling
/// thread (baseline, as the executor benchmarks do) against the same run through <see cref="GuestScheduler"/>
/// (queue, worker wake, run, answer back to an awaiting thread-pool thread), one request at a time.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class SchedulerBenchmarks
{
    private readonly List<IDisposable> _owned = [];
    private readonly EdgeRequest _get = new("GET", "/bench/hello?x=1", [new("host", "bench")], []) { Route = "/bench" };
    private RequestExecutor _executor = null!;
    private GuestScheduler _scheduler = null!;
    private LoadedVersion _hello = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = Directory.CreateTempSubdirectory("platform-bench-").FullName;
        var metrics = new EdgeMetrics();
        _executor = new RequestExecutor(metrics);
        _scheduler = Own(new GuestScheduler(_executor, metrics, new SchedulerOptions()));
        var engine = Own(new EdgeEngine(new EdgeEngineOptions()));
        var component = BenchmarkArtefacts.Component("hello");
        var digest = ComponentDigest.Compute(component);
        var loader = new VersionLoader(engine, new KeyValueStoreProvider(data), Own(new HttpClient()), NullLoggerFactory.Instance);
        _hello = loader.Load("bench", new VersionAssignmentDto("1.0.0", digest, "component", 100, CapabilitiesDto.None, LimitsDto.Default),
            new ComponentCache(engine, Path.Combine(data, "components")).Load(digest, component));
    }

    [Benchmark(Baseline = true, Description = "hello on the calling thread")]
    public int Direct() => _executor.Execute(_hello, _get, "bench").Status;

    [Benchmark(Description = "hello through the scheduler, awaited from the thread pool")]
    public Task<int> Scheduled() => Task.Run(async () => (await _scheduler.RunAsync(_hello, _get, "bench")).Status);

    [Benchmark(Description = "thread-pool hop alone (Task.Run of the direct run)")]
    public Task<int> PoolHop() => Task.Run(() => _executor.Execute(_hello, _get, "bench").Status);

    [GlobalCleanup]
    public void Cleanup() => _owned.ForEach(o => o.Dispose());

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
