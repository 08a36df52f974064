namespace Platform.Domain;

/// <summary>
/// A rule of the platform was broken by a well-formed request (mapped to 422 problem details).
/// <see cref="Field"/> names the offending input when there is one.
/// </summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
