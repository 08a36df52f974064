using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Metrics;
using Platform.EdgeRuntime.Tests.Support;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Execution;

/// <summary>A baseline copy of stable on real Wasmtime: the same compiled component, its own instances and its own metrics.</summary>
[Collection(EdgeCollection.Name)]
public sealed class BaselineCopyTests(EdgeFixture edge)
{
    [Fact]
    public async Task Execute_StableBudgetInUse_BaselineCopyRunsOnItsOwnInstance()
    {
        var (stable, baseline) = LoadBoth("loop", "baseline-budget", new LimitsDto(DeadlineMs: 1000, MemoryMb: 16, MaxInstances: 1));
        var running = Task.Run(() => edge.Get(stable, "/spin"));
        await WaitUntil(() => stable.RunningInstances == 1);

        var onStable = edge.Get(stable, "/spin");
        var onBaseline = edge.Get(baseline, "/spin");
        var first = await running;

        // Stable's one instance is taken: stable refuses (503), the copy runs on its own (this guest loops to its deadline).
        Assert.Equal(ExecutionOutcome.Overloaded, onStable.Outcome);
        Assert.Equal(ExecutionOutcome.DeadlineExceeded, onBaseline.Outcome);
        Assert.Equal(ExecutionOutcome.DeadlineExceeded, first.Outcome);
        Assert.Equal((0, 0), (stable.RunningInstances, baseline.RunningInstances));
    }

    [Fact]
    public void Execute_BaselineCopy_CountsUnderItsOwnMetricsKey()
    {
        var (stable, baseline) = LoadBoth("trap", "baseline-metrics", LimitsDto.Default);

        edge.Get(stable, "/");
        edge.Get(baseline, "/");
        edge.Get(baseline, "/");
        var reported = edge.Metrics.Snapshot().Where(m => m.Service == "baseline-metrics").ToList();

        Assert.Equal(2, reported.Count);
        Assert.Equal((1L, 1L), Single(reported, VersionRole.Serving));
        Assert.Equal((2L, 2L), Single(reported, VersionRole.Baseline));
        Assert.All(reported, m => Assert.Equal("1.0.0", m.Version));
        var prometheus = PrometheusFormatter.Format(reported);
        Assert.Contains("platform_edge_requests_total{service=\"baseline-metrics\",version=\"1.0.0\"} 1", prometheus);
        Assert.Contains("platform_edge_requests_total{service=\"baseline-metrics\",version=\"1.0.0\",role=\"baseline\"} 2", prometheus);
    }

    [Fact]
    public void Restart_FreshBaselineCopy_CountsFromZeroAndLeavesStableAlone()
    {
        var (stable, baseline) = LoadBoth("hello", "baseline-restart", LimitsDto.Default);
        edge.Get(stable, "/");
        edge.Get(baseline, "/");

        var (_, fresh) = LoadBoth("hello", "baseline-restart", LimitsDto.Default);
        edge.Metrics.Restart(fresh);
        edge.Get(fresh, "/");
        var afterRestart = edge.Metrics.Snapshot().Where(m => m.Service == "baseline-restart").ToList();
        edge.Metrics.Forget("baseline-restart", "1.0.0", VersionRole.Baseline);
        var afterForget = edge.Metrics.Snapshot().Where(m => m.Service == "baseline-restart").ToList();

        Assert.Equal((1L, 0L), Single(afterRestart, VersionRole.Baseline));
        Assert.Equal((1L, 0L), Single(afterRestart, VersionRole.Serving));
        Assert.Equal(VersionRole.Serving, Assert.Single(afterForget).Role);
    }

    [Fact]
    public void Serves_VersionAndItsBaselineCopy_NeverStandInForEachOther()
    {
        var (stable, baseline) = LoadBoth("hello", "baseline-serves", LimitsDto.Default);

        Assert.True(stable.Serves(stable.Assignment));
        Assert.True(baseline.Serves(baseline.Assignment));
        Assert.False(stable.Serves(baseline.Assignment));
        Assert.False(baseline.Serves(stable.Assignment));
    }

    /// <summary>The component loaded twice from one compiled artefact: as version 1.0.0 and as its baseline copy.</summary>
    private (LoadedVersion Stable, LoadedVersion Baseline) LoadBoth(string component, string service, LimitsDto limits)
    {
        var bytes = edge.Components.Bytes(component);
        var digest = ComponentDigest.Compute(bytes);
        var compiled = edge.Cache.Load(digest, bytes);
        var assignment = new VersionAssignmentDto("1.0.0", digest, "component", 60, CapabilitiesDto.None, limits);
        return (edge.Loader.Load(service, assignment, compiled),
            edge.Loader.Load(service, assignment with { Weight = 20, Role = VersionRole.Baseline }, compiled));
    }

    private static (long Requests, long Errors) Single(IEnumerable<VersionMetricsDto> reported, VersionRole role) =>
        Assert.Single(reported, m => m.Role == role) is var m ? (m.Requests, m.Errors) : default;

    private static Task WaitUntil(Func<bool> condition) => Poll.UntilAsync(condition, TimeSpan.FromSeconds(10), "The awaited condition");
}
