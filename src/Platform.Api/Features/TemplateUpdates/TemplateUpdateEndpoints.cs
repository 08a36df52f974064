using Platform.Api.Infrastructure;

namespace Platform.Api.Features.TemplateUpdates;

public static class TemplateUpdateEndpoints
{
    public static RouteGroupBuilder MapTemplateUpdateEndpoints(this RouteGroupBuilder api)
    {
        var updates = api.MapGroup("/services/{name}/template-update").WithTags("Services").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        updates.MapGet("/", GetTemplateUpdate.Handle)
            .WithSummary("Whether a newer vetted version of the service's template exists, with the per-file diff it would apply.");
        updates.MapPost("/", ApplyTemplateUpdate.Handle).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Apply the newer template version as a commit on main (three-way merge per file; 409 naming the files on conflicts).");
        return api;
    }
}
