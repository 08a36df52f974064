using System.Diagnostics;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Tests.Support;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Agent;

/// <summary>
/// A rollout's trace reaches the node: a desired-state entry carrying a trace context is applied inside an "edge.apply"
/// span under it, once per context, and one that cannot be served ends as an error with the reason.
/// </summary>
[Collection(EdgeCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class PlacementTraceTests(EdgeFixture edge) : IAsyncLifetime
{
    private const string FirstPass = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private const string SecondPass = "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01";
    private readonly List<Activity> _applied = [];
    private ActivityListener _listener = null!;
    private EdgeNodeHost _host = null!;

    public async Task InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Platform.Edge",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "edge.apply" && ((string?)activity.GetTagItem("platform.service"))?.StartsWith("traced-", StringComparison.Ordinal) == true)
                    lock (_applied) _applied.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _host = await EdgeNodeHost.StartAsync(edge);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _listener.Dispose();
    }

    private List<Activity> Applied(string service)
    {
        lock (_applied) return _applied.Where(a => (string?)a.GetTagItem("platform.service") == service).ToList();
    }

    /// <summary>The node may report a state applied a moment before the spans of its application end.</summary>
    private async Task<List<Activity>> AppliedAsync(string service, int count)
    {
        await Poll.UntilAsync(() => Applied(service).Count >= count, EdgeNodeHost.Converge, $"{count} edge.apply spans of {service}");
        return Applied(service);
    }

    private VersionAssignmentDto Traced(string version, string artefact, int weight, string traceParent) =>
        _host.Version(version, artefact, weight) with { TraceParent = traceParent, TraceState = "platform=1" };

    [Fact]
    public async Task Converge_EntriesWithATraceContext_EachAppliedInAChildSpanOnce_ANewContextGetsNewSpans()
    {
        await _host.ConvergeAsync("t1", EdgeNodeHost.Service("traced-a", "/traced-a", Traced("1.0.0", "hello", 100, FirstPass)));
        var first = Assert.Single(await AppliedAsync("traced-a", 1));

        // Another service changes: the entry of traced-a comes again with the same context and starts nothing.
        await _host.ConvergeAsync("t2", EdgeNodeHost.Service("traced-a", "/traced-a", Traced("1.0.0", "hello", 100, FirstPass)),
            EdgeNodeHost.Service("other", "/other", _host.Version("1.0.0", "echo", 100)));
        Assert.Single(Applied("traced-a"));

        // The next pass of the rollout gives a canary a weight: both entries are applied under that pass.
        await _host.ConvergeAsync("t3", EdgeNodeHost.Service("traced-a", "/traced-a",
            Traced("1.0.0", "hello", 80, SecondPass), Traced("1.1.0", "echo", 20, SecondPass)));
        var second = (await AppliedAsync("traced-a", 3)).Skip(1).ToList();

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", first.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", first.ParentSpanId.ToHexString());
        Assert.Equal("platform=1", first.TraceStateString);
        Assert.Equal(("1.0.0", 100, true, ActivityStatusCode.Unset), ((string?)first.GetTagItem("platform.version"), (int?)first.GetTagItem("platform.edge.weight"),
            (bool?)first.GetTagItem("platform.edge.serving"), first.Status));
        Assert.Contains((string?)first.GetTagItem("platform.edge.load"), new[] { "compiled", "disk cache" });
        Assert.Equal([("1.0.0", 80, "reused"), ("1.1.0", 20, (string?)second[1].GetTagItem("platform.edge.load"))],
            second.Select(a => ((string?)a.GetTagItem("platform.version"), (int?)a.GetTagItem("platform.edge.weight"), (string?)a.GetTagItem("platform.edge.load"))));
        Assert.All(second, a => Assert.Equal("00f067aa0ba902b7", a.ParentSpanId.ToHexString()));
        Assert.NotEqual("reused", second[1].GetTagItem("platform.edge.load"));
    }

    [Fact]
    public async Task Converge_TracedEntryThatCannotBeLoaded_SpanEndsAsAnErrorWithTheReason()
    {
        var digest = _host.Digest("hello");
        _host.ControlPlane.PutBlob(digest, edge.Components.Bytes("echo"));
        _host.ControlPlane.SetDesiredState("t4", EdgeNodeHost.Service("traced-bad", "/traced-bad",
            new VersionAssignmentDto("1.0.0", digest, "component", 100, CapabilitiesDto.None, LimitsDto.Default, TraceParent: FirstPass)));

        await _host.ControlPlane.WaitForHeartbeatAsync(h => h.Failed!.Count > 0, EdgeNodeHost.Converge);

        var span = Assert.Single(await AppliedAsync("traced-bad", 1));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Contains("digest mismatch", span.StatusDescription, StringComparison.Ordinal);
        Assert.Equal(false, span.GetTagItem("platform.edge.serving"));
    }
}
