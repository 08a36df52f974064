using Platform.Data;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// A value every node's turn needs that changes rarely (the capability settings, topics' newest schemas, the withheld
/// versions, the active replays), kept in memory and read again when the database notifies a change to one of its tables
/// (<see cref="DesiredStateListener"/>), while the listener is not connected (every read goes to the database), after a
/// reconnection (notifications may have been missed), beyond <see cref="FleetDeployments.MaxAge"/>, and whenever the caller
/// must see every earlier commit (<c>fresh</c>). A read notes the changes counted before it reads, so a change notified
/// while it reads is read again by the next one. The value is shared by every caller: never change it.
/// </summary>
public sealed class NotifiedRead<T>(TimeProvider clock, Func<PlatformDbContext, CancellationToken, Task<T>> read, params string[] tables)
    : IDisposable where T : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _changes;
    private volatile bool _listening;
    private volatile Held? _held;

    /// <summary>A notification on the desired-state channel for <paramref name="table"/>.</summary>
    public void Changed(string table)
    {
        if (Array.IndexOf(tables, table) >= 0) Interlocked.Increment(ref _changes);
    }

    /// <summary>The listener is connected (true) or lost its connection (false); either way what is held is read again.</summary>
    public void Listening(bool listening)
    {
        _listening = listening;
        Interlocked.Increment(ref _changes);
    }

    /// <summary>The value as held when nothing was notified since it was read; otherwise read from the database.</summary>
    public async Task<T> GetAsync(PlatformDbContext db, bool fresh, CancellationToken ct)
    {
        if (!fresh && Current() is { } held) return held;
        await _gate.WaitAsync(ct);
        try
        {
            if (!fresh && Current() is { } readMeanwhile) return readMeanwhile;
            var changes = Interlocked.Read(ref _changes);
            var value = await read(db, ct);
            _held = new Held(value, changes, clock.GetUtcNow());
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private T? Current() =>
        _held is { } held && _listening && held.Changes == Interlocked.Read(ref _changes) && clock.GetUtcNow() - held.At < FleetDeployments.MaxAge
            ? held.Value
            : null;

    private sealed record Held(T Value, long Changes, DateTimeOffset At);
}
