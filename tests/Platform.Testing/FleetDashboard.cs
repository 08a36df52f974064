using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Testing;

/// <summary>The Grafana dashboard for the fleet in the repository (deploy/grafana/platform-fleet.json), as the tests read it.</summary>
public static partial class FleetDashboard
{
    private static readonly HashSet<string> NotMetrics = new(StringComparer.Ordinal)
    {
        "sum", "by", "rate", "increase", "histogram_quantile", "le", "job", "instance", "service", "outcome", "http_route",
    };

    /// <summary>Every metric name its panels' queries select (a name followed by a label matcher or a range).</summary>
    public static IReadOnlyList<string> MetricNames()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "platform-fleet.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!));
        return expressions.SelectMany(e => Selector().Matches(e).Select(m => m.Value))
            .Where(n => !NotMetrics.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"[a-z_]+(?=\{|\[)")]
    private static partial Regex Selector();
}
