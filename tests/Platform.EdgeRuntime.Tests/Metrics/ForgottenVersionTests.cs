using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Metrics;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Metrics;

/// <summary>
/// A version that left the node stays gone from its metrics, even when a request it was serving ends afterwards (a baseline
/// copy dropped at promotion while traffic runs): otherwise the node reports the copy for ever and the control plane waits for
/// it to go.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class ForgottenVersionTests(EdgeFixture edge)
{
    [Fact]
    public void Record_AfterTheVersionWasForgotten_DoesNotBringItBack()
    {
        var metrics = new EdgeMetrics();
        var baseline = Load("1.0.0", VersionRole.Baseline);
        metrics.Restart(baseline);
        metrics.Record(baseline, 200, ExecutionOutcome.Completed, TimeSpan.FromMilliseconds(1));

        metrics.Forget("forgotten", "1.0.0", VersionRole.Baseline);
        metrics.Record(baseline, 200, ExecutionOutcome.Completed, TimeSpan.FromMilliseconds(1));

        Assert.DoesNotContain(metrics.Snapshot(), m => m.Service == "forgotten");
    }

    [Fact]
    public void Record_VersionPlacedAgainAfterItWasForgotten_CountsFromZero()
    {
        var metrics = new EdgeMetrics();
        var first = Load("1.1.0", VersionRole.Serving);
        metrics.Record(first, 500, ExecutionOutcome.Failed, TimeSpan.FromMilliseconds(1));
        metrics.Forget("forgotten", "1.1.0", VersionRole.Serving);

        var again = Load("1.1.0", VersionRole.Serving);
        metrics.Record(again, 200, ExecutionOutcome.Completed, TimeSpan.FromMilliseconds(1));
        metrics.Record(first, 500, ExecutionOutcome.Failed, TimeSpan.FromMilliseconds(1));

        var reported = Assert.Single(metrics.Snapshot(), m => m.Service == "forgotten");
        Assert.Equal((1L, 0L), (reported.Requests, reported.Errors));
    }

    private LoadedVersion Load(string version, VersionRole role) => edge.LoadVersion("hello", "forgotten", version, role);
}
