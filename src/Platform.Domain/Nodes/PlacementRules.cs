using System.Text.RegularExpressions;

namespace Platform.Domain.Nodes;

/// <summary>What a placement may say; errors name the field (<c>matchLabels.region</c>, <c>matchExpressions[0].operator</c>).</summary>
public static partial class PlacementRules
{
    public const int MaxEntries = 16;
    public const int MaxValues = 32;

    public static void Validate(NodePlacement placement, ValidationErrors errors)
    {
        if (placement.MatchLabels.Count > MaxEntries) errors.Add("matchLabels", $"At most {MaxEntries} labels.");
        foreach (var (key, value) in placement.MatchLabels)
        {
            if (!IsLabel(key)) errors.Add($"matchLabels.{key}", LabelMessage("key"));
            else if (!IsLabel(value)) errors.Add($"matchLabels.{key}", LabelMessage("value"));
        }
        if (placement.MatchExpressions.Count > MaxEntries) errors.Add("matchExpressions", $"At most {MaxEntries} requirements.");
        for (var i = 0; i < placement.MatchExpressions.Count; i++)
        {
            var requirement = placement.MatchExpressions[i];
            var field = $"matchExpressions[{i}]";
            if (!IsLabel(requirement.Key)) errors.Add($"{field}.key", LabelMessage("key"));
            if (!LabelRequirement.Operators.Contains(requirement.Operator, StringComparer.Ordinal))
            {
                errors.Add($"{field}.operator", $"The operator must be one of {string.Join(", ", LabelRequirement.Operators)}.");
                continue;
            }
            var needsValues = requirement.Operator is LabelRequirement.In or LabelRequirement.NotIn;
            if (needsValues && requirement.Values.Count == 0) errors.Add($"{field}.values", $"{requirement.Operator} needs at least one value.");
            else if (!needsValues && requirement.Values.Count > 0) errors.Add($"{field}.values", $"{requirement.Operator} takes no values.");
            else if (requirement.Values.Count > MaxValues) errors.Add($"{field}.values", $"At most {MaxValues} values.");
            else if (requirement.Values.FirstOrDefault(v => !IsLabel(v)) is { } bad) errors.Add($"{field}.values", $"'{bad}': " + LabelMessage("value"));
        }
    }

    public static bool IsLabel(string? text) => text is not null && LabelPattern().IsMatch(text);

    private static string LabelMessage(string what) =>
        $"A label {what} is 1-63 characters: letters, digits, '-', '_', '.' or '/', starting and ending with a letter or digit.";

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9._/-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelPattern();
}
