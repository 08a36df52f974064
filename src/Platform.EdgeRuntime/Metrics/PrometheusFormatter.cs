using System.Globalization;
using System.Text;
using Platform.Contracts.Nodes;

namespace Platform.EdgeRuntime.Metrics;

/// <summary>Renders version metrics in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusFormatter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Format(IReadOnlyList<VersionMetricsDto> versions) => Format(versions, []);

    /// <summary>Version metrics, then each service's share of the guest workers.</summary>
    public static string Format(IReadOnlyList<VersionMetricsDto> versions, IReadOnlyList<ServiceMetricsSnapshot> services)
    {
        var text = new StringBuilder();
        Family(text, "platform_edge_requests_total", "counter", "Requests handled per service version.", versions, v => v.Requests);
        Family(text, "platform_edge_errors_total", "counter", "Responses with status >= 500.", versions, v => v.Errors);
        Family(text, "platform_edge_traps_total", "counter", "Requests whose component trapped.", versions, v => v.Trapped);
        Family(text, "platform_edge_deadline_exceeded_total", "counter", "Requests interrupted at their deadline.", versions, v => v.DeadlineExceeded);
        Family(text, "platform_edge_overloaded_total", "counter", "Requests refused with 503 (instance budget in use or the service's queue full).", versions, v => v.Overloaded);

        const string histogram = "platform_edge_request_duration_seconds";
        text.Append("# HELP ").Append(histogram).Append(" Time from queueing for a guest worker (or instantiation, when run directly) to response.\n");
        text.Append("# TYPE ").Append(histogram).Append(" histogram\n");
        foreach (var v in versions)
        {
            var bounds = v.Latency.BoundsMs;
            for (var i = 0; i < v.Latency.CumulativeCounts.Count; i++)
            {
                var le = i < bounds.Count ? (bounds[i] / 1000).ToString(CultureInfo.InvariantCulture) : "+Inf";
                text.Append(histogram).Append("_bucket{").Append(Labels(v)).Append(",le=\"").Append(le).Append("\"} ")
                    .Append(v.Latency.CumulativeCounts[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            text.Append(histogram).Append("_sum{").Append(Labels(v)).Append("} ")
                .Append((v.Latency.SumMs / 1000).ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append(histogram).Append("_count{").Append(Labels(v)).Append("} ")
                .Append(v.Latency.CumulativeCounts[^1].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        ServiceFamily(text, "platform_edge_worker_seconds_total", "Wall time the service's requests held a guest worker.", services, s => s.WorkerTime.TotalSeconds);
        ServiceFamily(text, "platform_edge_cpu_seconds_total", "CPU time of guest workers while running the service's requests.", services, s => s.CpuTime.TotalSeconds);
        ServiceFamily(text, "platform_edge_queue_seconds_total", "Time the service's requests waited for a guest worker.", services, s => s.QueueTime.TotalSeconds);
        ServiceFamily(text, "platform_edge_runs_total", "Requests of the service that ran on a guest worker.", services, s => s.Runs);
        ServiceFamily(text, "platform_edge_queue_full_total", "Requests refused with 503 because the service's queue was full.", services, s => s.QueueFull);
        ServiceFamily(text, "platform_edge_queue_expired_total", "Requests whose deadline passed while queued (504 without running).", services, s => s.ExpiredQueued);
        LatenessFamily(text, services);
        RuntimeFamilies(text);
        return text.ToString();
    }

    /// <summary>
    /// The node's own garbage collector: every managed thread (the deadline watch and the epoch ticker
    /// included) stops during a collection, so its count and pause time explain late answers.
    /// </summary>
    private static void RuntimeFamilies(StringBuilder text)
    {
        const string collections = "platform_edge_gc_collections_total";
        text.Append("# HELP ").Append(collections).Append(" Garbage collections of the node process by generation.\n");
        text.Append("# TYPE ").Append(collections).Append(" counter\n");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            text.Append(collections).Append("{generation=\"").Append(generation.ToString(CultureInfo.InvariantCulture)).Append("\"} ")
                .Append(GC.CollectionCount(generation).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        Scalar(text, "platform_edge_gc_pause_seconds_total", "counter", "Time the node's managed threads were paused for garbage collection.",
            GC.GetTotalPauseDuration().TotalSeconds);
        Scalar(text, "platform_edge_allocated_bytes_total", "counter", "Bytes allocated on the managed heap by the node process.",
            GC.GetTotalAllocatedBytes());
    }

    private static void Scalar(StringBuilder text, string name, string type, string help, double value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        text.Append(name).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void LatenessFamily(StringBuilder text, IReadOnlyList<ServiceMetricsSnapshot> services)
    {
        const string name = "platform_edge_deadline_answer_lateness_seconds";
        var recorded = services.Where(s => s.DeadlineLateness is { Count: > 0 }).ToList();
        if (recorded.Count == 0)
        {
            return;
        }
        text.Append("# HELP ").Append(name).Append(" How long after its deadline (arrival + deadline) a 504 answer was written.\n");
        text.Append("# TYPE ").Append(name).Append(" histogram\n");
        foreach (var s in recorded)
        {
            var lateness = s.DeadlineLateness!;
            var service = $"service=\"{Escape(s.Service)}\"";
            for (var i = 0; i < lateness.CumulativeCounts.Count; i++)
            {
                var le = i < DeadlineLateness.BoundsMicros.Count
                    ? (DeadlineLateness.BoundsMicros[i] / 1e6).ToString(CultureInfo.InvariantCulture)
                    : "+Inf";
                text.Append(name).Append("_bucket{").Append(service).Append(",le=\"").Append(le).Append("\"} ")
                    .Append(lateness.CumulativeCounts[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            text.Append(name).Append("_sum{").Append(service).Append("} ").Append(lateness.Sum.TotalSeconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append(name).Append("_count{").Append(service).Append("} ").Append(lateness.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    /// <summary>The node's residency (<see cref="Execution.Residency"/>): versions in memory, and loads of parked ones.</summary>
    public static string Format(Execution.Residency residency)
    {
        var text = new StringBuilder();
        Single(text, "platform_edge_resident_versions", "gauge", "Component versions whose compiled component is in memory.", residency.Resident);
        Single(text, "platform_edge_resident_capacity", "gauge", "Component versions kept in memory at most (Edge:Engine:MaxResidentVersions).", residency.Capacity);
        Single(text, "platform_edge_cold_loads_total", "counter", "Parked versions loaded again from the disk cache by a request or event.", residency.ColdLoads);
        Single(text, "platform_edge_parked_total", "counter", "Idle versions parked to keep within the capacity.", residency.Parked);
        return text.ToString();
    }

    /// <summary>A family of one unlabelled sample.</summary>
    private static void Single(StringBuilder text, string name, string type, string help, long value) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
            .Append(name).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void ServiceFamily(StringBuilder text, string name, string help, IReadOnlyList<ServiceMetricsSnapshot> services, Func<ServiceMetricsSnapshot, double> value)
    {
        if (services.Count == 0)
        {
            return;
        }
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" counter\n");
        foreach (var s in services)
        {
            text.Append(name).Append("{service=\"").Append(Escape(s.Service)).Append("\"} ").Append(value(s).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static void Family(StringBuilder text, string name, string type, string help, IReadOnlyList<VersionMetricsDto> versions, Func<VersionMetricsDto, long> value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var v in versions)
        {
            text.Append(name).Append('{').Append(Labels(v)).Append("} ").Append(value(v).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    /// <summary>A baseline copy's series carry role="baseline" beside its version's, so the two never collide.</summary>
    private static string Labels(VersionMetricsDto v) => v.Role == VersionRole.Baseline
        ? $"service=\"{Escape(v.Service)}\",version=\"{Escape(v.Version)}\",role=\"baseline\""
        : $"service=\"{Escape(v.Service)}\",version=\"{Escape(v.Version)}\"";

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
