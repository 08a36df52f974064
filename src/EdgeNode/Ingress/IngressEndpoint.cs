using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.EdgeNode.Routing;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Hosting;
using Platform.EdgeRuntime.Scheduling;

namespace Platform.EdgeNode.Ingress;

/// <summary>
/// The catch-all ingress: longest-prefix route match, version by weight (or by the
/// x-platform-version header, the x-platform-sticky key or the sticky cookie), a fresh instance on
/// one of the scheduler's guest workers (awaited: guest code never runs on this thread), and the platform headers (plus a sticky cookie while a canary runs) on the way out.
/// </summary>
public sealed partial class IngressEndpoint
{
    public const string VersionHeader = "x-platform-version";
    public const string ServiceHeader = "x-platform-service";
    public const string RequestIdHeader = "x-request-id";
    public const string StickyHeader = "x-platform-sticky";

    private IngressEndpoint()
    {
    }

    public static async Task HandleAsync(HttpContext context, RoutingTable table, GuestScheduler scheduler,
        IOptions<EdgeEngineOptions> engine, ILogger<IngressEndpoint> logger)
    {
        var requestId = RequestId(context.Request);
        context.Response.Headers[RequestIdHeader] = requestId;
        var path = context.Request.Path.Value is { Length: > 0 } p ? p : "/";
        var route = table.Match(path);
        if (route is null)
        {
            await Problem(context, 404, "No service is routed at this path.", requestId);
            return;
        }
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
        var request = await EdgeHttp.ReadRequestAsync(context.Request, route.Route, engine.Value.MaxRequestBodyBytes, context.RequestAborted);
        if (request is null)
        {
            await Problem(context, 413, $"The request body is larger than {engine.Value.MaxRequestBodyBytes} bytes.", requestId);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var response = await scheduler.RunAsync(version, request, requestId);
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogRequest(logger, version.Service, version.Version, requestId, request.Method, path, response.Status, response.Outcome,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        List<KeyValuePair<string, string>> platformHeaders =
            [new(ServiceHeader, version.Service), new(VersionHeader, version.Version), new(RequestIdHeader, requestId)];
        if (choice.IssueCookie)
        {
            platformHeaders.Add(new("set-cookie", route.StickyCookie(version)));
        }
        await EdgeHttp.WriteResponseAsync(context.Response, response, platformHeaders, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} {Version} {RequestId} {Method} {Path} -> {Status} ({Outcome}) in {Ms:F2} ms")]
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
