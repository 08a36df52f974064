using Microsoft.Extensions.Logging;
using Platform.Contracts.Registry;
using Platform.EdgeRuntime.Inspection;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Capabilities;

/// <summary>
/// platform:edge/outbound-http: a synchronous HttpClient call bounded by the request's remaining
/// deadline. Hosts outside the allow-list are refused with an error value and a log line, and so are hosts that
/// resolve only to special addresses (the client's <see cref="OutboundConnector"/> refuses them before connecting).
/// </summary>
internal static class OutboundHttpCapability
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection", "proxy-authorization", "content-length",
    };

    private const int MaxResponseBytes = 4 << 20;

    public static void Define(ComponentLinkerInstance root, HttpClient client, OutboundHostPolicy policy, ILogger logger)
    {
        // Under its name in every version of the world: a component of any version links the same function, its bodies in that version's shape.
        foreach (var name in PlatformWorld.InEveryVersion(PlatformWorld.OutboundHttp))
        {
            var contentVariant = EdgeWorld.HasContentVariant(EdgeWorld.VersionOf(name));
            using var http = root.AddInstance(name);
            http.DefineFunction("send", (args, results) => results[0] = Send(args[0], contentVariant, client, policy, logger));
        }
    }

    private static ComponentValue Send(ComponentValue request, bool contentVariant, HttpClient client, OutboundHostPolicy policy, ILogger logger)
    {
        var context = InvocationContext.Current;
        var uriText = request.Field("uri").AsString();
        if (!Uri.TryCreate(uriText, UriKind.Absolute, out var uri) || !policy.Allows(uri))
        {
            logger.LogWarning("Refused outbound request to {Uri} for request {RequestId}: host not in allowed_outbound_hosts", uriText, context.RequestId);
            return ComponentValues.ErrorText($"outbound request to '{uriText}' refused: host is not in allowed_outbound_hosts");
        }
        using var message = new HttpRequestMessage(new HttpMethod(request.Field("method").AsString()), uri);
        var body = ComponentValues.ToContent(request.Field("body"));
        if (body.Length > 0)
        {
            message.Content = new ByteArrayContent(body);
        }
        foreach (var (name, value) in ComponentValues.ToHeaders(request.Field("headers")))
        {
            if (NotForwarded.Contains(name))
            {
                continue; // the host and framing of the request are the node's to set
            }
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        try
        {
            using var timeout = new CancellationTokenSource(context.Remaining);
            using var response = client.Send(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var content = response.Content.ReadAsByteArrayAsync(timeout.Token).GetAwaiter().GetResult();
            if (content.Length > MaxResponseBytes)
            {
                return ComponentValues.ErrorText($"outbound response from '{uri.Host}' is larger than {MaxResponseBytes} bytes");
            }
            var headers = response.Headers.Concat(response.Content.Headers)
                .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), v)))
                .ToList();
            return ComponentValue.Ok(ComponentValues.Response((int)response.StatusCode, headers, content, contentVariant));
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundAddressRefusedException refused)
        {
            logger.LogWarning("Refused outbound request to {Uri} for request {RequestId}: {Reason}", uri, context.RequestId, refused.Message);
            return ComponentValues.ErrorText($"outbound request to '{uri.Host}' refused: {refused.Message}");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            logger.LogWarning(ex, "Outbound request to {Uri} failed for request {RequestId}", uri, context.RequestId);
            return ComponentValues.ErrorText($"outbound request to '{uri.Host}' failed: {ex.Message}");
        }
    }
}
