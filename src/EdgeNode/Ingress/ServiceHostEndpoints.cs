using Microsoft.Extensions.Options;
using Platform.EdgeNode.Configuration;
using Platform.EdgeNode.Routing;

namespace Platform.EdgeNode.Ingress;

/// <summary>
/// On a service's own host every path belongs to the service: a request there that routing matched to one
/// of the node's endpoints (/healthz, /metrics) is handed to the ingress endpoint instead.
/// </summary>
public static class ServiceHostEndpoints
{
    public const string IngressEndpointName = "ingress";

    public static IApplicationBuilder UseServiceHosts(this WebApplication app)
    {
        var domain = app.Services.GetRequiredService<IOptions<NodeOptions>>().Value.ServiceDomain;
        Endpoint? ingress = null;
        // Not async: the common case (the shared host, or the ingress matched) hands on the next middleware's own task.
        return app.Use((context, next) =>
        {
            var endpoint = context.GetEndpoint();
            if (endpoint is not null && ServiceHosts.ServiceName(context.Request.Host.Host, domain) is not null
                && endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName != IngressEndpointName)
            {
                ingress ??= context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
                    .First(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == IngressEndpointName);
                context.SetEndpoint(ingress);
            }
            return next(context);
        });
    }
}
