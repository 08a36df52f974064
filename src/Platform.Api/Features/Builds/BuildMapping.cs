using Platform.Contracts.Builds;
using Platform.Domain.Builds;

namespace Platform.Api.Features.Builds;

public static class BuildMapping
{
    public static BuildDto ToDto(this Build build, string service) =>
        new(build.Id, service, build.Version, build.Status.ToString().ToLowerInvariant(), build.Toolchain, build.Attempt, build.Error,
            build.QueuedAt, build.StartedAt, build.FinishedAt, build.RequestedBy, build.TraceId);
}
