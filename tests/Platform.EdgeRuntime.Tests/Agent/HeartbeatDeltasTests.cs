using Platform.Contracts.Nodes;
using Platform.EdgeNode.Agent;

namespace Platform.EdgeRuntime.Tests.Agent;

/// <summary>After an accepted heartbeat the node sends only what changed; a failed one changes nothing; a new session and every 30th are whole.</summary>
public sealed class HeartbeatDeltasTests
{
    private static readonly NodeReport Report = new("r1", [new ReadyVersionDto("a", "1.0.0", "sha256:aa"), new ReadyVersionDto("b", "1.0.0", "sha256:bb")], []);

    private static VersionMetricsDto Metrics(string service, long requests, long errors = 0) =>
        new(service, "1.0.0", requests, errors, 0, 0, new LatencyHistogramDto([1], [0, requests], 1), LatencySamplesDto.Empty);

    private static NodeHeartbeatRequest SendAndAccept(HeartbeatDeltas deltas, NodeReport report, IReadOnlyList<VersionMetricsDto> metrics)
    {
        var sent = deltas.Next(report, metrics);
        deltas.Accept(sent, report, metrics);
        return sent;
    }

    [Fact]
    public void Next_FirstHeartbeat_IsWhole()
    {
        var sent = new HeartbeatDeltas().Next(Report, [Metrics("a", 1), Metrics("b", 2)]);

        Assert.False(sent.Partial);
        Assert.Equal(2, sent.Ready!.Count);
        Assert.Equal(2, sent.Metrics!.Count);
    }

    [Fact]
    public void Next_AfterAnAcceptedOne_CarriesOnlyTheVersionsWhoseCountersMoved()
    {
        var deltas = new HeartbeatDeltas();
        SendAndAccept(deltas, Report, [Metrics("a", 1), Metrics("b", 2)]);

        var sent = deltas.Next(Report, [Metrics("a", 1), Metrics("b", 2, errors: 1)]);

        Assert.True(sent.Partial);
        Assert.Null(sent.Ready);
        Assert.Null(sent.Failed);
        Assert.Equal("r1", sent.AppliedRevision);
        Assert.Equal(["b"], sent.Metrics!.Select(m => m.Service));
    }

    [Fact]
    public void Next_ReadyChanged_SendsOnlyTheServicesWhoseReadinessChanged_AndANewVersionsMetrics()
    {
        var deltas = new HeartbeatDeltas();
        SendAndAccept(deltas, Report, [Metrics("a", 1)]);
        var moved = Report with
        {
            AppliedRevision = "r2",
            Ready = [new ReadyVersionDto("a", "1.0.0", "sha256:aa"), new ReadyVersionDto("a", "1.1.0", "sha256:a2"), new ReadyVersionDto("c", "1.0.0", "sha256:cc")],
            Failed = [new FailedVersionDto("d", "1.0.0", "sha256:dd", "trap")],
        };

        var sent = deltas.Next(moved, [Metrics("a", 1), Metrics("c", 0)]);

        Assert.True(sent.Partial);
        Assert.Null(sent.Ready);
        Assert.Null(sent.Failed);
        // "a" gained a version, "b" is no longer ready, "c" is new, "d" failed: each with all of its own; nothing else.
        Assert.Equal(["a", "b", "c", "d"], sent.Changed!.Select(c => c.Service));
        Assert.Equal(["1.0.0", "1.1.0"], sent.Changed![0].Ready.Select(r => r.Version));
        Assert.Empty(sent.Changed![1].Ready);
        Assert.Equal("trap", Assert.Single(sent.Changed![3].Failed).Reason);
        Assert.Equal(["c"], sent.Metrics!.Select(m => m.Service));
        deltas.Accept(sent, moved, [Metrics("a", 1), Metrics("c", 0)]);
        Assert.Null(deltas.Next(moved, [Metrics("a", 1), Metrics("c", 0)]).Changed);
    }

    [Fact]
    public void Next_ReadinessOfVeryManyServicesChanged_SendsTheWholeLists()
    {
        var deltas = new HeartbeatDeltas();
        SendAndAccept(deltas, Report, []);
        var many = Report with { Ready = [.. Enumerable.Range(0, HeartbeatDeltas.MaxChangedServices + 1).Select(i => new ReadyVersionDto($"s{i}", "1.0.0", "sha256:ff"))] };

        var sent = deltas.Next(many, []);

        Assert.True(sent.Partial);
        Assert.Null(sent.Changed);
        Assert.Equal(HeartbeatDeltas.MaxChangedServices + 1, sent.Ready!.Count);
        Assert.Empty(sent.Failed!);
    }

    [Fact]
    public void Next_AfterAFailedHeartbeat_StillComparesWithTheLastAccepted()
    {
        var deltas = new HeartbeatDeltas();
        SendAndAccept(deltas, Report, [Metrics("a", 1), Metrics("b", 2)]);
        deltas.Next(Report, [Metrics("a", 5), Metrics("b", 2)]); // never accepted

        var sent = deltas.Next(Report, [Metrics("a", 5), Metrics("b", 2)]);

        Assert.Equal(["a"], sent.Metrics!.Select(m => m.Service));
    }

    [Fact]
    public void Next_AVersionStoppedReporting_IsWhole()
    {
        var deltas = new HeartbeatDeltas();
        SendAndAccept(deltas, Report, [Metrics("a", 1), Metrics("b", 2)]);

        var sent = deltas.Next(Report, [Metrics("a", 1)]);

        Assert.False(sent.Partial);
        Assert.Equal(["a"], sent.Metrics!.Select(m => m.Service));
    }

    [Fact]
    public void Next_AfterReset_IsWhole()
    {
        var deltas = new HeartbeatDeltas();
        SendAndAccept(deltas, Report, [Metrics("a", 1)]);

        deltas.Reset();

        Assert.False(deltas.Next(Report, [Metrics("a", 1)]).Partial);
    }

    [Fact]
    public void Next_EveryThirtiethAccepted_IsWhole()
    {
        var deltas = new HeartbeatDeltas();
        var partials = Enumerable.Range(0, 2 * HeartbeatDeltas.FullEvery).Select(_ => SendAndAccept(deltas, Report, [Metrics("a", 1)]).Partial).ToList();

        Assert.Equal([0, HeartbeatDeltas.FullEvery], partials.Select((partial, i) => (partial, i)).Where(p => !p.partial).Select(p => p.i));
    }
}
