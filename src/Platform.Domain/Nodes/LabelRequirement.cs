namespace Platform.Domain.Nodes;

/// <summary>One requirement on a node label: <c>In</c> / <c>NotIn</c> a set of values, or the label <c>Exists</c> / <c>DoesNotExist</c>.</summary>
public sealed class LabelRequirement
{
    public const string In = "In";
    public const string NotIn = "NotIn";
    public const string Exists = "Exists";
    public const string DoesNotExist = "DoesNotExist";

    public static IReadOnlyList<string> Operators { get; } = [In, NotIn, Exists, DoesNotExist];

    public string Key { get; set; } = "";
    public string Operator { get; set; } = In;
    public List<string> Values { get; set; } = [];

    public bool IsMetBy(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            In => has && Values.Contains(value!, StringComparer.Ordinal),
            NotIn => !has || !Values.Contains(value!, StringComparer.Ordinal),
            Exists => has,
            DoesNotExist => !has,
            _ => false,
        };
    }
}
