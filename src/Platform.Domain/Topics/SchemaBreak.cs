namespace Platform.Domain.Topics;

/// <summary>Why a new schema version would refuse events the old one accepted: <see cref="Field"/> is the event's path (JSON Pointer, "/" the event itself).</summary>
public sealed record SchemaBreak(string Field, string Reason);
