using Microsoft.Extensions.Options;
using Platform.EdgeNode.Configuration;
using Platform.EdgeNode.Routing;

namespace Platform.EdgeNode.Ingress;

/// <summary>
/// Every request goes to the ingress (<see cref="IngressEndpoint"/>), terminal, without endpoint routing's matching per
/// request, except the node's own endpoints on the shared host: <c>GET /healthz</c> and <c>GET /metrics</c> go on to
/// routing. On a service's own host every path belongs to the service, those two included.
/// </summary>
public static class IngressPipeline
{
    private static readonly PathString[] NodePaths = ["/healthz", "/healthz/", "/metrics", "/metrics/"];

    public static IApplicationBuilder UseIngress(this WebApplication app)
    {
        var domain = app.Services.GetRequiredService<IOptions<NodeOptions>>().Value.ServiceDomain;
        var ingress = app.Services.GetRequiredService<IngressEndpoint>();
        // Not async: the request's task is the ingress's (or the next middleware's) own.
        return app.Use((context, next) =>
            IsNodeEndpoint(context.Request) && ServiceHosts.ServiceName(context.Request.Host.Host, domain) is null
                ? next(context)
                : ingress.HandleAsync(context));
    }

    /// <summary>A request routing would match to one of the node's endpoints (paths compare case-insensitively, as routing's do).</summary>
    private static bool IsNodeEndpoint(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method)) return false;
        foreach (var path in NodePaths)
        {
            if (request.Path.Equals(path)) return true;
        }
        return false;
    }
}
