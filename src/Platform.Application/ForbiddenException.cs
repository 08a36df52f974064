namespace Platform.Application;

/// <summary>The caller is known but may not do this (mapped to 403 problem details).</summary>
public sealed class ForbiddenException(string message) : Exception(message);
