namespace Platform.Api.Infrastructure;

/// <summary>The ILIKE pattern of a list's <c>search</c>: the text taken literally (its <c>%</c>, <c>_</c> and <c>\</c> escaped).</summary>
public static class Like
{
    public const string Escape = "\\";

    public static string Contains(string text) => "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
