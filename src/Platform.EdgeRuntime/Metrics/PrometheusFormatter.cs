using System.Globalization;
using System.Text;
using Platform.Contracts.Nodes;

namespace Platform.EdgeRuntime.Metrics;

/// <summary>Renders version metrics in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusFormatter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Format(IReadOnlyList<VersionMetricsDto> versions)
    {
        var text = new StringBuilder();
        Family(text, "platform_edge_requests_total", "counter", "Requests handled per service version.", versions, v => v.Requests);
        Family(text, "platform_edge_errors_total", "counter", "Responses with status >= 500.", versions, v => v.Errors);
        Family(text, "platform_edge_traps_total", "counter", "Requests whose component trapped.", versions, v => v.Trapped);
        Family(text, "platform_edge_deadline_exceeded_total", "counter", "Requests interrupted at their deadline.", versions, v => v.DeadlineExceeded);
        Family(text, "platform_edge_overloaded_total", "counter", "Requests refused because the version's instance budget was in use.", versions, v => v.Overloaded);

        const string histogram = "platform_edge_request_duration_seconds";
        text.Append("# HELP ").Append(histogram).Append(" Time from instantiation to response.\n");
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
        return text.ToString();
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

    private static string Labels(VersionMetricsDto v) => $"service=\"{Escape(v.Service)}\",version=\"{Escape(v.Version)}\"";

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
