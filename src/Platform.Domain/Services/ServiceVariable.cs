namespace Platform.Domain.Services;

/// <summary>
/// A value the platform delivers to a service's components through the config interface. Secret values
/// are stored encrypted (<see cref="StoredValue"/> is then ciphertext) and never shown back to people.
/// </summary>
public sealed class ServiceVariable
{
    public Guid ServiceId { get; set; }
    public required string Name { get; set; }
    public required string StoredValue { get; set; }
    public bool IsSecret { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
