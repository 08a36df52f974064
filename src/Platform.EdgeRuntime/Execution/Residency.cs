namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// Which versions' compiled components are in memory on this node: at most <see cref="Capacity"/>, least recently used
/// parked first (their compiled component and linker released; the compiled artefact stays in the on-disk cache), never one
/// that is running. A parked version is loaded again by its next request or event (<see cref="ResidentExecutor"/>): a
/// memory-mapped artefact from the disk cache, no compilation. So a node holds many more versions than it keeps warm, and
/// versions that receive no traffic cost it almost nothing.
/// </summary>
public sealed class Residency
{
    /// <summary>The default: room for the busy part of a node's versions; ten thousand placed ones park most.</summary>
    public const int DefaultCapacity = 1_000;

    private readonly Lock _lock = new();
    // Most recently used last.
    private readonly LinkedList<ResidentExecutor> _used = new();
    private long _coldLoads;
    private long _parked;

    public Residency(int capacity = DefaultCapacity) => Capacity = Math.Max(1, capacity);

    public int Capacity { get; }

    /// <summary>Versions whose compiled component is in memory now.</summary>
    public int Resident
    {
        get
        {
            lock (_lock)
            {
                return _used.Count;
            }
        }
    }

    /// <summary>Loads of parked versions (each the first run after a park) since the node started.</summary>
    public long ColdLoads => Interlocked.Read(ref _coldLoads);

    /// <summary>Versions parked to make room since the node started.</summary>
    public long Parked => Interlocked.Read(ref _parked);

    /// <summary><paramref name="executor"/> is in use (and was just loaded when <paramref name="loaded"/>): most recent now; parks beyond the capacity.</summary>
    internal void Touched(ResidentExecutor executor, bool loaded)
    {
        if (loaded)
        {
            Interlocked.Increment(ref _coldLoads);
        }
        lock (_lock)
        {
            if (executor.Node is { List: not null } node)
            {
                _used.Remove(node);
                _used.AddLast(node);
            }
            else
            {
                executor.Node = _used.AddLast(executor);
            }
            var candidate = _used.First;
            while (_used.Count > Capacity && candidate is not null)
            {
                var next = candidate.Next;
                if (candidate.Value != executor && candidate.Value.TryPark())
                {
                    _used.Remove(candidate);
                    Interlocked.Increment(ref _parked);
                }
                candidate = next;
            }
        }
    }

    /// <summary>A parked or retired executor leaves the set.</summary>
    internal void Forget(ResidentExecutor executor)
    {
        lock (_lock)
        {
            if (executor.Node is { List: not null } node)
            {
                _used.Remove(node);
            }
        }
    }
}

/// <summary>
/// A version's executor that <see cref="Residency"/> may park while no run uses it: <see cref="Acquire"/> loads it again
/// when parked (with the version's grants, from the compiled cache), and every run holds it until <see cref="Release"/>.
/// </summary>
internal sealed class ResidentExecutor
{
    private readonly Func<IGuestExecutor>? _load;
    private readonly Residency? _residency;
    private readonly Lock _lock = new();
    private IGuestExecutor? _hot;
    private int _inUse;
    private bool _retired;

    /// <param name="first">The executor made at load time (resident until parked).</param>
    /// <param name="load">Makes it again after a park; null keeps <paramref name="first"/> for good (never parked).</param>
    public ResidentExecutor(IGuestExecutor first, Func<IGuestExecutor>? load, Residency? residency)
    {
        _hot = first;
        _load = load;
        _residency = load is null ? null : residency;
        _residency?.Touched(this, loaded: false);
    }

    /// <summary>The residency's list entry (guarded by its lock).</summary>
    internal LinkedListNode<ResidentExecutor>? Node { get; set; }

    public bool IsResident
    {
        get
        {
            lock (_lock)
            {
                return _hot is not null;
            }
        }
    }

    /// <summary>The executor for one run, loaded again when parked; hold it until <see cref="Release"/>.</summary>
    /// <exception cref="Wasmtime.WasmtimeException">Loading it again failed (the compiled artefact is gone or unreadable).</exception>
    public IGuestExecutor Acquire()
    {
        IGuestExecutor hot;
        var loaded = false;
        lock (_lock)
        {
            if (_hot is null)
            {
                _hot = _load!();
                loaded = true;
            }
            _inUse++;
            hot = _hot;
        }
        if (!_retired)
        {
            _residency?.Touched(this, loaded);
        }
        return hot;
    }

    public void Release()
    {
        bool park;
        lock (_lock)
        {
            _inUse--;
            park = _retired && _inUse == 0;
        }
        if (park)
        {
            TryPark();
        }
    }

    /// <summary>Releases the compiled component unless a run holds it; true when it is not in memory any more.</summary>
    internal bool TryPark()
    {
        IGuestExecutor? dropped;
        lock (_lock)
        {
            if (_load is null || _inUse > 0)
            {
                return _hot is null;
            }
            dropped = _hot;
            _hot = null;
        }
        (dropped as IDisposable)?.Dispose();
        return true;
    }

    /// <summary>The version left the node: out of the residency, parked once its last run ends.</summary>
    public void Retire()
    {
        lock (_lock)
        {
            _retired = true;
        }
        _residency?.Forget(this);
        TryPark();
    }
}
