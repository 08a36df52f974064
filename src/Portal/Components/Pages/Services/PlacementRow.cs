namespace Platform.Portal.Components.Pages.Services;

/// <summary>One line of the placement editor: a label equal to a value ("="), or a requirement (In, NotIn, Exists, DoesNotExist).</summary>
public sealed class PlacementRow
{
    public const string EqualsOperator = "=";

    public static IReadOnlyList<string> Operators { get; } = [EqualsOperator, "In", "NotIn", "Exists", "DoesNotExist"];

    public string Key { get; set; } = "";
    public string Operator { get; set; } = EqualsOperator;
    /// <summary>Comma-separated values (one for "=", none for Exists and DoesNotExist).</summary>
    public string Values { get; set; } = "";

    public bool TakesValues => Operator is not ("Exists" or "DoesNotExist");

    public IReadOnlyList<string> ValueList =>
        TakesValues ? Values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
}
