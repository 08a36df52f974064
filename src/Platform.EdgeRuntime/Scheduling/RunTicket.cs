namespace Platform.EdgeRuntime.Scheduling;

/// <summary>A run taken from the <see cref="FairQueue{T}"/>: hand it back with what the run cost.</summary>
internal readonly record struct RunTicket<T>(T Item, ServiceLane<T> Lane, bool LongRun, TimeSpan Estimate);
