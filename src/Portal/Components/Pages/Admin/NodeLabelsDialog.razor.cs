using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts.Nodes;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Admin;

/// <summary>Edits a node's region and labels; closes with the updated node once the API accepted them, shows its field errors otherwise.</summary>
public sealed partial class NodeLabelsDialog
{
    [Inject] private PortalApi Api { get; set; } = default!;
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Parameter] public NodeDto Node { get; set; } = default!;

    private string? _region;
    private string? _labels;
    private string? _initialLabels;
    private IReadOnlyDictionary<string, string[]> _fieldErrors = new Dictionary<string, string[]>();
    private string? _labelErrors;
    private string? _error;
    private bool _busy;

    protected override void OnInitialized()
    {
        // A node whose claim awaits acceptance starts from its claim; saving sets what is in the fields and settles the claim.
        var (region, labels) = Node.LabelsPending ? (Node.ClaimedRegion, Node.ClaimedLabels) : (Node.Region, Node.Labels);
        _region = region;
        // The list shows the region as the label "region" too; here it has its own field.
        var own = (labels ?? new Dictionary<string, string>()).Where(l => !(l.Key == "region" && l.Value == region));
        _labels = _initialLabels = string.Join("\n", own.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
    }

    private bool Changed => Node.LabelsPending || (_region ?? "").Trim() != Node.Region || Normalise(_labels) != Normalise(_initialLabels);

    private string? Errors(string field) => _fieldErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task SaveAsync()
    {
        _error = null;
        _labelErrors = null;
        _fieldErrors = new Dictionary<string, string[]>();
        if (Parse(_labels, out var labels) is { } malformed)
        {
            _labelErrors = $"'{malformed}' is not a label: write key=value.";
            return;
        }
        _busy = true;
        try
        {
            var updated = await Api.CallAsync((api, ct) => api.SetNodeLabelsAsync(Node.Id, new SetNodeLabelsRequest((_region ?? "").Trim(), labels), ct));
            Dialog.Close(DialogResult.Ok(updated));
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _fieldErrors = ApiErrors.FieldErrors(e);
            var labelMessages = _fieldErrors.Where(f => f.Key.StartsWith("labels", StringComparison.Ordinal))
                .Select(f => $"{f.Key["labels".Length..].TrimStart('.')}: {string.Join(" ", f.Value)}".TrimStart(' ', ':')).ToList();
            _labelErrors = labelMessages.Count > 0 ? string.Join(" ", labelMessages) : null;
            if (_fieldErrors.Count == 0) _error = ApiErrors.Describe(e);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Reads "key=value" lines (blank lines skipped); returns the first malformed line, or null.</summary>
    private static string? Parse(string? text, out Dictionary<string, string> labels)
    {
        labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Lines(text))
        {
            var at = line.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0) return line;
            labels[line[..at].Trim()] = line[(at + 1)..].Trim();
        }
        return null;
    }

    private static string Normalise(string? text) => string.Join("\n", Lines(text).Order(StringComparer.Ordinal));

    private static string[] Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
