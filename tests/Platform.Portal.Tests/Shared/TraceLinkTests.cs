using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Platform.Portal.Components.Shared;
using Platform.Portal.Tests.Support;
using Platform.Portal.Tracing;

namespace Platform.Portal.Tests.Shared;

/// <summary>A build's or rollout's trace: a link to the configured viewer, the id as text without one, nothing for a non-id.</summary>
public sealed class TraceLinkTests : PortalTestContext
{
    private const string Trace = "4bf92f3577b34da6a3ce929d0e0e4736";

    [Fact]
    public void ViewerConfigured_LinksToTheTrace()
    {
        Services.Configure<TraceViewerOptions>(o => o.TraceUrl = "http://127.0.0.1:18888/traces/detail/{traceId}");

        var link = Render<TraceLink>(p => p.Add(c => c.TraceId, Trace).Add(c => c.TestId, "build-trace")).Find("[data-testid=build-trace]");

        Assert.Equal($"http://127.0.0.1:18888/traces/detail/{Trace}", link.GetAttribute("href"));
        Assert.Equal("noopener", link.GetAttribute("rel"));
    }

    [Fact]
    public void NoViewer_ShowsTheIdToPaste()
    {
        var text = Render<TraceLink>(p => p.Add(c => c.TraceId, Trace).Add(c => c.TestId, "build-trace")).Find("[data-testid=build-trace]");

        Assert.Null(text.GetAttribute("href"));
        Assert.Contains(Trace, text.TextContent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("4BF92F3577B34DA6A3CE929D0E0E4736")]
    [InlineData("\"><script>alert(1)</script>")]
    public void NotATraceId_ShowsNothing(string? id)
    {
        Services.Configure<TraceViewerOptions>(o => o.TraceUrl = "http://127.0.0.1:18888/traces/detail/{traceId}");

        Assert.Empty(Render<TraceLink>(p => p.Add(c => c.TraceId, id).Add(c => c.TestId, "build-trace")).FindAll("[data-testid=build-trace]"));
    }

    [Theory]
    [InlineData("http://viewer/traces/detail/{traceId}", true)]
    [InlineData("", true)]
    [InlineData("http://viewer/traces/detail/", false)]
    [InlineData("javascript:alert('{traceId}')", false)]
    [InlineData("/traces/{traceId}", false)]
    public void Options_TraceUrl_MustBeAnAbsoluteHttpUrlWithThePlaceholder(string url, bool valid)
    {
        var options = new TraceViewerOptions { TraceUrl = url };

        var results = new List<ValidationResult>();
        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal(valid, results.Count == 0);
    }
}
