using System.Text.RegularExpressions;

namespace Platform.Domain.Manifests;

/// <summary>Limits and capability shapes every manifest must respect.</summary>
public static partial class ManifestRules
{
    public const int MaxDeadlineMs = 30_000;
    public const int MaxMemoryMb = 512;
    public const int MaxInstances = 256;

    public static void Check(ServiceManifest manifest)
    {
        if (manifest.DeadlineMs is < 1 or > MaxDeadlineMs)
            throw new DomainException($"limits.deadline_ms must be between 1 and {MaxDeadlineMs}.", "manifest.limits.deadline_ms");
        if (manifest.MemoryMb is < 1 or > MaxMemoryMb)
            throw new DomainException($"limits.memory_mb must be between 1 and {MaxMemoryMb}.", "manifest.limits.memory_mb");
        if (manifest.MaxInstances is < 1 or > MaxInstances)
            throw new DomainException($"limits.max_instances must be between 1 and {MaxInstances}.", "manifest.limits.max_instances");
        foreach (var host in manifest.AllowedOutboundHosts.Where(h => !HostRegex().IsMatch(h)))
            throw new DomainException($"'{host}' is not an allowed outbound host such as 'https://api.example.com' or 'http://127.0.0.1:8080'.",
                "manifest.capabilities.allowed_outbound_hosts");
        foreach (var store in manifest.KeyValueStores.Where(s => !Slug.IsValid(s) && s != "default"))
            throw new DomainException($"Key-value store '{store}' must be a lower-case name.", "manifest.capabilities.key_value_stores");
        foreach (var name in manifest.Variables.Keys.Where(n => !VariableRegex().IsMatch(n)))
            throw new DomainException($"Variable '{name}' must be lower-case letters, digits and underscores.", $"manifest.variables.{name}");
        TriggerRules.Check(manifest);
    }

    [GeneratedRegex(@"^https?://[a-z0-9.-]+(:\d{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostRegex();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableRegex();
}
