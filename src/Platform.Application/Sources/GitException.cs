namespace Platform.Application.Sources;

/// <summary>A git command the platform relies on failed unexpectedly.</summary>
public sealed class GitException(string message) : Exception(message);
