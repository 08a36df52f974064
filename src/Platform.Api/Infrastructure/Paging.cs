using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Domain;

namespace Platform.Api.Infrastructure;

/// <summary>
/// How every list of the API pages: the body is one page (an array), <c>limit</c> (1-500, default 100) says how long,
/// <c>X-Total-Count</c> how many match in all, and <c>Link: &lt;…&gt;; rel="next"</c> the next page: the same request with
/// <c>after</c>, an opaque cursor holding the last item's sort key (keyset paging: a page costs the same deep in a long
/// list as at its start, and items added meanwhile neither repeat nor shift the pages). A cursor that this API did not
/// give, or that belongs to another sort, is a 400 naming <c>after</c>.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>The page length asked for, or the default; out of range is an error on <c>limit</c>.</summary>
    public static int Limit(int? limit, ValidationErrors errors)
    {
        if (limit is < 1 or > MaxLimit) errors.Add("limit", $"Between 1 and {MaxLimit}.");
        return limit ?? DefaultLimit;
    }

    /// <summary>One of <paramref name="sorts"/> (the first when none is asked for); anything else is an error on <c>sort</c>.</summary>
    public static string Sort(string? sort, string[] sorts, ValidationErrors errors)
    {
        sort ??= sorts[0];
        if (!sorts.Contains(sort)) errors.Add("sort", $"One of {string.Join(", ", sorts)}.");
        return sort;
    }

    /// <summary>A cursor: the sort it was made for and the last item's sort key (no part may contain '|').</summary>
    public static string Cursor(string sort, params string[] key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('|', [sort, .. key])));

    /// <summary>A timestamp as a cursor part, exact to the tick.</summary>
    public static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The key parts of <paramref name="after"/> (null when there is none), or an error on <c>after</c> when it was not made
    /// for <paramref name="sort"/> or is not <paramref name="count"/> parts each accepted by <paramref name="valid"/>.
    /// </summary>
    public static string[]? After(string? after, string sort, int count, Func<int, string, bool> valid, ValidationErrors errors)
    {
        if (after is null) return null;
        string[]? parts = null;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(after)).Split('|', count + 1);
        }
        catch (FormatException)
        {
        }
        if (parts is null || parts.Length != count + 1 || parts[0] != sort || parts.Skip(1).Select((part, i) => valid(i, part)).Any(ok => !ok))
        {
            errors.Add("after", "Not a cursor this API gave for this list and sort: start again from the first page.");
            return null;
        }
        return parts[1..];
    }

    /// <summary>Reads a timestamp part written by <see cref="Ticks"/>.</summary>
    public static bool TryTimestamp(string part, out DateTimeOffset at)
    {
        at = default;
        if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
        at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// Takes one more than <paramref name="limit"/> from <paramref name="rows"/> (already ordered and past the cursor):
    /// the page, and whether more follow.
    /// </summary>
    public static (List<T> Page, bool More) Split<T>(List<T> rows, int limit)
    {
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        return (rows, more);
    }

    /// <summary>Writes <c>X-Total-Count</c> (when counted) and, when <paramref name="next"/> is a cursor, the next page's link.</summary>
    public static void WriteHeaders(HttpContext http, int? total, string? next, string cursorParameter = "after")
    {
        if (total is { } count) http.Response.Headers["X-Total-Count"] = count.ToString(CultureInfo.InvariantCulture);
        if (next is null) return;
        var link = QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path,
            http.Request.Query.Where(q => q.Key != cursorParameter).SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
                .Append(KeyValuePair.Create(cursorParameter, (string?)next)));
        http.Response.Headers.Link = $"<{link}>; rel=\"next\"";
    }
}
