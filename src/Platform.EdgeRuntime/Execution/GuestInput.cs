namespace Platform.EdgeRuntime.Execution;

/// <summary>What a guest run is given: an HTTP request (<see cref="EdgeRequest"/>) or an event (<see cref="Events.EdgeEvent"/>).</summary>
public abstract record GuestInput;
