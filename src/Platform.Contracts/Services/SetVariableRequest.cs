namespace Platform.Contracts.Services;

/// <summary>Sets a variable delivered to the service's components; a secret's value is never shown back.</summary>
public sealed record SetVariableRequest(string Value, bool Secret = false);
