using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Domain.Deployments;
using Platform.Domain.Nodes;
using Platform.Domain.Services;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// Every deployed service with its deployment and when its variables last changed, as nodes' desired states and heartbeat
/// checks read them, kept in memory and refreshed by what changed: the database names the services whose deployment,
/// service row or variables a statement changed (<see cref="DesiredStateListener"/>, payload <c>service_deployments:&lt;ids&gt;</c>,
/// <c>services:&lt;ids&gt;</c> or <c>service_variables:&lt;ids&gt;</c>), and only those are read again. A notification of those
/// tables that names no services, a listener that is not connected (or
/// reconnected: notifications may have been missed) and an age beyond <see cref="MaxAge"/> read everything again. With ten
/// thousand services a rollout's step then reads one service, not ten thousand, on each node's turn.
/// A refresh takes the names to read before it reads, so a change noted while it reads is read again at the next one.
/// Reads that must see every earlier commit (a node's first request, a heartbeat that names something not placed) ask
/// for a fresh read.
/// </summary>
public sealed class FleetDeployments(TimeProvider clock) : IDisposable
{
    /// <summary>Everything is read again at least this often, whatever was notified.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>A deployed service as nodes are given it.</summary>
    /// <param name="VariablesChanged">When the service's variables last changed (null: it has none).</param>
    /// <param name="VariableCount">How many variables the service has.</param>
    public sealed record Row(Guid ServiceId, string Name, string Route, NodePlacement? Placement, ServiceQuotaOverrides? Quotas, ServiceDeployment Deployment,
        DateTimeOffset? VariablesChanged, int VariableCount)
    {
        /// <summary>
        /// Stands for the service's variable values in what a node's entry is made of, without being derived from them (a
        /// new value, a variable added or removed changes it); null when the service has none.
        /// </summary>
        public string? VariablesStamp { get; } = VariablesChanged is { } changed ? $"{changed.UtcTicks}/{VariableCount}" : null;
    }

    /// <summary>
    /// What one read saw: the rows in name order and by id (shared: read them, never change them), and where it stands in
    /// the changes: <see cref="Epoch"/> changes with every whole read, <see cref="Generation"/> with every read of the
    /// services a notification named (<see cref="ChangedBetween"/>).
    /// </summary>
    public sealed record Snapshot(IReadOnlyList<Row> ByName, IReadOnlyDictionary<Guid, Row> ById, long Epoch, long Generation);

    /// <summary>How many reads of named services are remembered (<see cref="ChangedBetween"/>); older ones read whole.</summary>
    public const int RememberedReads = 256;

    private static readonly Comparer<Row> ByName = Comparer<Row>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly HashSet<Guid> _changed = [];
    private readonly List<(long Generation, Guid[] Ids)> _reads = [];
    private bool _listening;
    private bool _whole = true;
    private DateTimeOffset _readAt;
    private Snapshot _snapshot = new([], new Dictionary<Guid, Row>(), 0, 0);

    /// <summary>The listener is connected (true) or lost its connection (false: every read goes to the database until it is back).</summary>
    public void Listening(bool listening)
    {
        lock (_lock)
        {
            _listening = listening;
            _whole = true;
        }
    }

    /// <summary>
    /// A notification on the desired-state channel: the services it names are read again; a change to the deployments,
    /// services or variables that names none (a statement that changed many) reads everything again; other tables'
    /// (settings, replays, schemas) change nothing here.
    /// </summary>
    public void Changed(string payload)
    {
        var separator = payload.IndexOf(':');
        var table = separator < 0 ? payload : payload[..separator];
        if (table is not ("service_deployments" or "services" or "service_variables")) return;
        var ids = new List<Guid>();
        var named = separator >= 0;
        foreach (var id in named ? payload[(separator + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries) : [])
        {
            if (Guid.TryParse(id, out var parsed)) ids.Add(parsed);
            else named = false;
        }
        lock (_lock)
        {
            if (named) _changed.UnionWith(ids);
            else _whole = true;
        }
    }

    /// <summary>
    /// The deployed services as one read saw them (in name order and by id; the rows are shared: never change them), and
    /// where that read stands in the changes. <paramref name="fresh"/> reads them all from the database: what was committed
    /// before is in it, notified or not (a notification arrives a moment after its commit). Without it, a change committed
    /// that moment ago may be missing until its notification arrives: right for a long poll, which that notification
    /// wakes. <paramref name="alsoRead"/>: services (by name) read from the database whatever was notified, for a caller
    /// that must see what was committed about them (a heartbeat naming a service this instance has not heard is placed),
    /// without reading the whole fleet.
    /// </summary>
    public async Task<Snapshot> ReadSnapshotAsync(PlatformDbContext db, bool fresh, CancellationToken ct, IReadOnlyCollection<string>? alsoRead = null)
    {
        await _refresh.WaitAsync(ct);
        try
        {
            bool whole;
            List<Guid> changed;
            lock (_lock)
            {
                whole = fresh || _whole || !_listening || clock.GetUtcNow() - _readAt >= MaxAge;
                // A fresh read leaves what was notified to be read again: its commit may have come after the read.
                changed = fresh ? [] : [.. _changed];
                if (!fresh) _changed.Clear();
                if (whole && !fresh) _whole = false;
            }
            var before = _snapshot;
            if (!whole && alsoRead is { Count: > 0 })
            {
                // The services of those names now, and the rows held under those names (gone or renamed since).
                var names = alsoRead.ToList();
                changed.AddRange(await db.Services.AsNoTracking().Where(s => names.Contains(s.Name)).Select(s => s.Id).ToListAsync(ct));
                changed.AddRange(before.ByName.Where(r => alsoRead.Contains(r.Name)).Select(r => r.ServiceId));
                changed = [.. changed.Distinct()];
            }
            if (whole)
            {
                var readAt = clock.GetUtcNow();
                var rows = (await QueryAsync(db, null, ct)).ToDictionary(r => r.ServiceId);
                lock (_lock)
                {
                    _reads.Clear();
                    _snapshot = new Snapshot([.. rows.Values.Order(ByName)], rows, before.Epoch + 1, 0);
                    _readAt = readAt;
                }
            }
            else if (changed.Count > 0)
            {
                var read = (await QueryAsync(db, changed, ct)).ToDictionary(r => r.ServiceId);
                // Copied, not changed in place: a snapshot handed out stays as it was read.
                var rows = new Dictionary<Guid, Row>(before.ById);
                foreach (var id in changed)
                {
                    if (read.TryGetValue(id, out var row)) rows[id] = row;
                    else rows.Remove(id);
                }
                // The name order patched, not sorted again: the rows read are inserted where their names go.
                var ids = changed.ToHashSet();
                var byName = before.ByName.Where(r => !ids.Contains(r.ServiceId)).ToList();
                foreach (var row in read.Values)
                {
                    var at = byName.BinarySearch(row, ByName);
                    byName.Insert(at < 0 ? ~at : at, row);
                }
                lock (_lock)
                {
                    _reads.Add((before.Generation + 1, [.. changed]));
                    if (_reads.Count > RememberedReads) _reads.RemoveAt(0);
                    _snapshot = new Snapshot(byName, rows, before.Epoch, before.Generation + 1);
                }
            }
            return _snapshot;
        }
        catch
        {
            lock (_lock) _whole = true;
            throw;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>
    /// The services whose rows may differ between a snapshot of <paramref name="epoch"/> and <paramref name="generation"/>
    /// and <paramref name="to"/>; null when that is not known (a whole read came between, or too many reads ago).
    /// </summary>
    public IReadOnlyCollection<Guid>? ChangedBetween(long epoch, long generation, Snapshot to)
    {
        if (epoch != to.Epoch || generation > to.Generation) return null;
        if (generation == to.Generation) return [];
        lock (_lock)
        {
            // The reads remembered belong to the current epoch; the first one needed must still be among them.
            if (_snapshot.Epoch != epoch || _reads.Count == 0 || _reads[0].Generation > generation + 1) return null;
            var ids = new HashSet<Guid>();
            foreach (var (read, changed) in _reads)
            {
                if (read > generation && read <= to.Generation) ids.UnionWith(changed);
            }
            return ids;
        }
    }

    /// <summary>What the last read saw (what a read would answer if nothing changed since); reads nothing.</summary>
    public Snapshot Held => Volatile.Read(ref _snapshot);

    /// <summary>Whether changes are being notified (reads between them take only what changed).</summary>
    public bool IsListening
    {
        get
        {
            lock (_lock) return _listening;
        }
    }

    private static async Task<List<Row>> QueryAsync(PlatformDbContext db, List<Guid>? only, CancellationToken ct)
    {
        var deployments = db.ServiceDeployments.AsNoTracking();
        if (only is not null) deployments = deployments.Where(d => only.Contains(d.ServiceId));
        return await (
            from d in deployments
            join s in db.Services.AsNoTracking() on d.ServiceId equals s.Id
            select new Row(s.Id, s.Name, s.Route, s.Placement, s.Quotas, d,
                db.ServiceVariables.Where(v => v.ServiceId == s.Id).Max(v => (DateTimeOffset?)v.UpdatedAt),
                db.ServiceVariables.Count(v => v.ServiceId == s.Id))).ToListAsync(ct);
    }

    public void Dispose() => _refresh.Dispose();
}
