using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Platform.Data;
using Platform.Domain.Registry;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// Published component versions as nodes' desired states and heartbeat checks read them, kept in memory: a version never
/// changes once published (a change is a new version), so an entry is never stale. With ten thousand services on a node
/// every change in the fleet reads every placed version again; from here only versions not read before are queried. At
/// most <see cref="Capacity"/> versions are kept (the least recently read go first); a deleted version's entry is only
/// read again by someone holding its id, which nothing placed does.
/// </summary>
public sealed class PublishedVersions : IDisposable
{
    public const int Capacity = 100_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });

    /// <summary>The versions with these ids that exist; the returned objects are shared: read them, never change them.</summary>
    public async Task<Dictionary<Guid, ComponentVersion>> GetAsync(PlatformDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var found = new Dictionary<Guid, ComponentVersion>();
        var missing = new HashSet<Guid>();
        foreach (var id in ids)
        {
            if (found.ContainsKey(id)) continue;
            if (_cache.TryGetValue(id, out ComponentVersion? cached) && cached is not null) found[id] = cached;
            else missing.Add(id);
        }
        if (missing.Count == 0) return found;
        var ask = missing.ToList();
        var loaded = await db.ComponentVersions.AsNoTracking().Where(v => ask.Contains(v.Id)).ToListAsync(ct);
        foreach (var version in loaded)
        {
            found[version.Id] = version;
            _cache.Set(version.Id, version, new MemoryCacheEntryOptions { Size = 1 });
        }
        return found;
    }

    public void Dispose() => _cache.Dispose();
}
