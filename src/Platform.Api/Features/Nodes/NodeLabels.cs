using Platform.Domain;
using Platform.Domain.Nodes;

namespace Platform.Api.Features.Nodes;

/// <summary>The rules for a node's region and labels, shared by enrolment (a claim) and by admins setting them.</summary>
internal static class NodeLabels
{
    private const int MaxLabels = 16;

    public static void Validate(string? region, IReadOnlyDictionary<string, string>? labels, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(region) || region.Length > 64) errors.Add("region", "A region of 1-64 characters is required.");
        if (labels?.Count > MaxLabels) errors.Add("labels", $"At most {MaxLabels} labels.");
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            if (!PlacementRules.IsLabel(key) || !PlacementRules.IsLabel(value))
                errors.Add($"labels.{key}", "Label keys and values are 1-63 letters, digits, '-', '_', '.' or '/', starting and ending with a letter or digit.");
        }
    }

    /// <summary>Whether the node already has this region and these labels (accepted or set by an admin).</summary>
    public static bool Same(Node node, string region, IReadOnlyDictionary<string, string>? labels) =>
        node.Region == region && Format(node.Labels) == Format(labels);

    /// <summary>Whether a re-enrolling node asks for what it has: its accepted labels, or while they are pending its own claim.</summary>
    public static bool AsksWhatItHas(Node node, string region, IReadOnlyDictionary<string, string>? labels) =>
        node.HasClaim ? node.ClaimedRegion == region && Format(node.ClaimedLabels) == Format(labels) : Same(node, region, labels);

    /// <summary>"k=v,k=v" in key order, for the audit log.</summary>
    public static string Format(IReadOnlyDictionary<string, string>? labels) =>
        string.Join(",", (labels ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
