namespace Platform.Cli;

/// <summary>Plain aligned columns, the way `kubectl get` prints, so people read it and scripts can cut it.</summary>
public static class TableWriter
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = headers.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}
