using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.EdgeNode.Configuration;
using Platform.EdgeNode.Routing;
using Platform.EdgeRuntime.Cookies;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Hosting;
using Platform.EdgeRuntime.Metrics;
using Platform.EdgeRuntime.Scheduling;

namespace Platform.EdgeNode.Ingress;

/// <summary>
/// The catch-all ingress: the service's own host ("&lt;service&gt;.&lt;service domain&gt;") or else the
/// longest-prefix route match on the shared host, version by weight (or by the
/// x-platform-version header, the x-platform-sticky key or the sticky cookie), a fresh instance on
/// one of the scheduler's guest workers (awaited: guest code never runs on this thread), and the platform
/// headers (plus a sticky cookie while a canary runs) on the way out. Cookies stay in the service's origin
/// (<see cref="GuestCookies"/>). One instance serves every request: its dependencies are resolved once, not per request.
/// </summary>
public sealed partial class IngressEndpoint(RoutingTable table, GuestScheduler scheduler, EdgeMetrics metrics,
    IOptions<EdgeEngineOptions> engine, IOptions<NodeOptions> node, ILogger<IngressEndpoint> logger)
{
    public const string VersionHeader = "x-platform-version";
    public const string ServiceHeader = "x-platform-service";
    public const string RequestIdHeader = "x-request-id";
    public const string StickyHeader = "x-platform-sticky";

    private readonly int _maxRequestBodyBytes = engine.Value.MaxRequestBodyBytes;
    private readonly string? _serviceDomain = node.Value.ServiceDomain;

    public async Task HandleAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        var requestId = RequestId(context.Request);
        context.Response.Headers[RequestIdHeader] = requestId;
        var path = context.Request.Path.Value is { Length: > 0 } p ? p : "/";
        var hostService = ServiceHosts.ServiceName(context.Request.Host.Host, _serviceDomain);
        // Host routing wins: the service's own origin gets every path, with no route prefix to strip.
        var route = hostService is null ? table.Match(path) : table.Find(hostService);
        if (route is null)
        {
            await Problem(context, 404, hostService is null ? "No service is routed at this path." : $"No service '{hostService}' is served by this node.", requestId);
            return;
        }
        var guestRoute = hostService is null ? route.Route : "/";
        var cookieScope = hostService is null ? CookieScope.SharedHost(route.Route) : CookieScope.OwnHost(context.Request.Host.Host.TrimEnd('.'));
        string? requested = context.Request.Headers[VersionHeader];
        // Cookies are parsed only when the request carries any.
        var cookie = context.Request.Headers.Cookie.Count > 0 ? context.Request.Cookies[route.CookieName] : null;
        var preference = new VersionPreference(requested, context.Request.Headers[StickyHeader], cookie);
        var choice = route.Choose(preference, Random.Shared);
        var version = choice.Version;
        if (version is null)
        {
            await (requested is { Length: > 0 }
                ? Problem(context, 404, $"Version '{requested}' of '{route.Service}' is not served by this node.", requestId)
                : Problem(context, 503, $"No version of '{route.Service}' takes traffic on this node.", requestId));
            return;
        }
        var request = await EdgeHttp.ReadRequestAsync(context.Request, guestRoute, _maxRequestBodyBytes, context.RequestAborted);
        if (request is null)
        {
            await Problem(context, 413, $"The request body is larger than {_maxRequestBodyBytes} bytes.", requestId);
            return;
        }
        // The platform's cookies (stickiness) are never shown to a guest.
        if (GuestCookies.StripReserved(request.Headers) is var guestHeaders && !ReferenceEquals(guestHeaders, request.Headers))
        {
            request = request with { Headers = guestHeaders };
        }
        var started = Stopwatch.GetTimestamp();
        // The deadline runs from the request's arrival: reading and routing it count, as its time in the queue does.
        var response = await scheduler.RunAsync(version, request, requestId, Stopwatch.GetElapsedTime(arrived));
        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogRequest(logger, version.Service, version.Version, requestId, request.Method, path, response.Status, response.Outcome,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        List<KeyValuePair<string, string>> platformHeaders =
            [new(ServiceHeader, version.Service), new(VersionHeader, version.Version), new(RequestIdHeader, requestId)];
        if (choice.IssueCookie)
        {
            platformHeaders.Add(new("set-cookie", route.StickyCookie(version, cookieScope.Path ?? "/")));
        }
        // A guest's cookies stay inside its origin: its route on the shared host, its own host otherwise.
        if (GuestCookies.Confine(response.Headers, cookieScope) is var confined && !ReferenceEquals(confined, response.Headers))
        {
            response = response with { Headers = confined };
        }
        await EdgeHttp.WriteResponseAsync(context.Response, response, platformHeaders, context.RequestAborted);
        if (response.Outcome == ExecutionOutcome.DeadlineExceeded)
        {
            // The promise is "answered by the deadline plus one epoch tick": how well the node keeps it, in fine buckets.
            metrics.ForService(version.Service).RecordDeadlineAnswer(Stopwatch.GetElapsedTime(arrived) - TimeSpan.FromMilliseconds(version.Limits.DeadlineMs));
        }
    }

    // One line per request is an access log: Debug, so a busy node's log stays readable (failures are logged at Warning where they happen;
    // counts and latencies are in /metrics).
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Service} {Version} {RequestId} {Method} {Path} -> {Status} ({Outcome}) in {Ms:F2} ms")]
    private static partial void LogRequest(ILogger logger, string service, string version, string requestId, string method, string path,
        int status, ExecutionOutcome outcome, double ms);

    /// <summary>A caller-supplied x-request-id is kept when it is short and plain; otherwise a new one is made.</summary>
    private static string RequestId(HttpRequest request)
    {
        string? incoming = request.Headers[RequestIdHeader];
        return incoming is { Length: > 0 and <= 64 } && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? incoming
            : RequestIds.Next();
    }

    private static Task Problem(HttpContext context, int status, string title, string requestId) =>
        Results.Problem(title: title, statusCode: status, extensions: new Dictionary<string, object?> { ["requestId"] = requestId })
            .ExecuteAsync(context);
}
