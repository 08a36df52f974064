using Platform.Testing;
using Platform.Testing.Otlp;

namespace Platform.EndToEnd.Tests.Support;

/// <summary>Reading what the stack's processes exported: the nodes' spans for a service and the chain of parents of a span.</summary>
public static class Traces
{
    public const string EdgeApply = "edge.apply";

    /// <summary>
    /// Waits until every edge node has exported an "edge.apply" span for <paramref name="service"/> <paramref name="version"/>
    /// that <paramref name="matches"/>, and each such span's parent has arrived too; returns one span per node.
    /// </summary>
    public static async Task<IReadOnlyList<ReceivedSpan>> EdgeAppliedAsync(PlatformStack stack, string service, string version,
        Func<ReceivedSpan, bool>? matches = null)
    {
        List<ReceivedSpan> Applied() => stack.Telemetry.Spans
            .Where(s => s is { Service: "platform-edge", Name: EdgeApply } && s.Attribute("platform.service") == service && s.Attribute("platform.version") == version
                        && (matches?.Invoke(s) ?? true))
            .GroupBy(s => s.Instance).Select(g => g.First()).ToList();
        await Poll.UntilAsync(() => Applied() is var applied && applied.Count == stack.EdgeUrls.Count
                && applied.All(a => stack.Telemetry.Spans.Any(s => s.SpanId == a.ParentSpanId)),
            TimeSpan.FromSeconds(30), $"every edge node exporting its {EdgeApply} span of {service} {version}, under a span received");
        return Applied();
    }

    /// <summary><paramref name="span"/>, its parent, its parent's parent … up to the root, as far as they were received.</summary>
    public static IReadOnlyList<ReceivedSpan> PathToRoot(OtlpReceiver telemetry, ReceivedSpan span)
    {
        var trace = telemetry.Trace(span.TraceId).GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var path = new List<ReceivedSpan> { span };
        while (path[^1].ParentSpanId is { } parent && trace.TryGetValue(parent, out var next) && path.Count < 100) path.Add(next);
        return path;
    }

    /// <summary>
    /// Waits until every span from <paramref name="span"/> up to its trace's root has arrived (each process exports in
    /// batches of its own, and a job's span ends only when the job does); returns that path.
    /// </summary>
    public static async Task<IReadOnlyList<ReceivedSpan>> PathToRootAsync(PlatformStack stack, ReceivedSpan span)
    {
        await Poll.UntilAsync(() => PathToRoot(stack.Telemetry, span)[^1].ParentSpanId is null,
            TimeSpan.FromSeconds(30), $"every span from {span} up to its root");
        return PathToRoot(stack.Telemetry, span);
    }

    /// <summary>The processes a path passes through, in order, each once per stretch.</summary>
    public static IReadOnlyList<string> Services(IEnumerable<ReceivedSpan> path)
    {
        var services = new List<string>();
        foreach (var span in path)
        {
            if (services.Count == 0 || services[^1] != span.Service) services.Add(span.Service);
        }
        return services;
    }
}
