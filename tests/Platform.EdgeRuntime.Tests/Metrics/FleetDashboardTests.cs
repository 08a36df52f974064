using System.Text.RegularExpressions;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Metrics;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Metrics;

public sealed class FleetDashboardTests
{
    [Fact]
    public void EdgePanels_UseOnlyFamiliesAnEdgeNodeServes()
    {
        var metrics = new EdgeMetrics();
        metrics.Record("svc", "1.0.0", 200, ExecutionOutcome.Completed, TimeSpan.FromMilliseconds(1));
        metrics.ForService("svc").RecordRun(TimeSpan.Zero, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));
        metrics.ForService("svc").RecordDeadlineAnswer(TimeSpan.FromMicroseconds(300));
        var text = PrometheusFormatter.Format(metrics.Snapshot(), metrics.ServiceSnapshot());
        var served = Regex.Matches(text, "^([a-z_]+)(?:\\{| )", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var wanted = FleetDashboard.MetricNames().Where(n => n.StartsWith("platform_edge_", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(wanted);
        Assert.All(wanted, name => Assert.Contains(name, served));
    }
}
