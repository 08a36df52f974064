namespace Platform.Application;

/// <summary>The request clashes with existing state (mapped to 409 problem details).</summary>
public sealed class ConflictException(string message) : Exception(message);
