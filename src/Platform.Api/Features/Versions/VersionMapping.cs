using Platform.Contracts.Registry;
using Platform.Domain.Registry;

namespace Platform.Api.Features.Versions;

public static class VersionMapping
{
    public static ComponentVersionDto ToDto(this ComponentVersion v, string service) =>
        new(service, v.Version, v.Digest, v.Size, v.Executor, v.Imports, v.Exports, v.AllowedOutboundHosts, v.KeyValueStores,
            v.Variables.Keys.Order(StringComparer.Ordinal).ToList(), v.DeadlineMs, v.MemoryMb, v.MaxInstances, v.SourceRevisionDigest, v.BuildId,
            v.PublishedBy, v.PublishedAt, v.PublishTopics, v.Triggers.Select(t => t.ToDto()).ToList());
}
