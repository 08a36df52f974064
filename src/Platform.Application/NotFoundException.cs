namespace Platform.Application;

/// <summary>A named resource does not exist, or the caller may not see it (mapped to 404 problem details).</summary>
public sealed class NotFoundException(string what, string name) : Exception($"{what} '{name}' was not found.");
