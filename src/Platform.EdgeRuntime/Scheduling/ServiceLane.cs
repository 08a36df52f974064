namespace Platform.EdgeRuntime.Scheduling;

/// <summary>One service's place in the <see cref="FairQueue{T}"/>: its waiting runs and what its runs have cost.</summary>
internal sealed class ServiceLane<T>(string service)
{
    public string Service { get; } = service;

    public LinkedList<T> Waiting { get; } = new();

    public int Running { get; set; }

    /// <summary>Runs finished so far (the average below means nothing before the first).</summary>
    public long Finished { get; set; }

    /// <summary>Moving average of what one run cost (exponential, weight 1/4 for the newest).</summary>
    public TimeSpan AverageCost { get; set; }

    /// <summary>Worker time charged so far, in the queue's virtual clock: the least goes next.</summary>
    public TimeSpan VirtualTime { get; set; }

    public bool Idle => Running == 0 && Waiting.Count == 0;
}
