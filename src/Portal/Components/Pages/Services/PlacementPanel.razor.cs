using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts.Services;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Services;

public sealed partial class PlacementPanel
{
    private List<PlacementRow> _rows = [];
    private Dictionary<string, int> _fieldRows = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string[]> _fieldErrors = new Dictionary<string, string[]>();
    private ServicePlacementDto? _shown;
    private bool _saving;
    private string? _error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string Service { get; set; } = "";
    [Parameter] public ServicePlacementDto? Placement { get; set; }
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Raised after the API accepted a change, so the page reloads what runs where.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    // The page reloads the service while it is open: the nodes shown follow it, the rows being edited only a placement that changed.
    protected override void OnParametersSet()
    {
        if (_saving || Placement is null) return;
        var placementChanged = _shown is null || Describe(Placement.Placement) != Describe(_shown.Placement);
        _shown = Placement;
        if (placementChanged) _rows = RowsOf(Placement.Placement);
    }

    public static string Describe(PlacementDto placement) => string.Join(", ",
        (placement.MatchLabels ?? new Dictionary<string, string>()).Select(l => $"{l.Key}={l.Value}")
        .Concat((placement.MatchExpressions ?? []).Select(e => e.Values is { Count: > 0 } values ? $"{e.Key} {e.Operator} ({string.Join(", ", values)})" : $"{e.Key} {e.Operator}")));

    private static List<PlacementRow> RowsOf(PlacementDto placement) =>
    [
        .. (placement.MatchLabels ?? new Dictionary<string, string>()).Select(l => new PlacementRow { Key = l.Key, Values = l.Value }),
        .. (placement.MatchExpressions ?? []).Select(e => new PlacementRow { Key = e.Key, Operator = e.Operator, Values = string.Join(", ", e.Values ?? []) }),
    ];

    /// <summary>The rows as the API's placement; remembers which row each field the API may name belongs to.</summary>
    private PlacementDto ToDto()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var expressions = new List<LabelRequirementDto>();
        _fieldRows = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _rows.Count; i++)
        {
            var row = _rows[i];
            if (row.Operator == PlacementRow.EqualsOperator)
            {
                labels[row.Key.Trim()] = row.Values.Trim();
                _fieldRows[$"matchLabels.{row.Key.Trim()}"] = i;
                continue;
            }
            var field = $"matchExpressions[{expressions.Count}]";
            foreach (var part in new[] { "key", "operator", "values" }) _fieldRows[$"{field}.{part}"] = i;
            expressions.Add(new LabelRequirementDto(row.Key.Trim(), row.Operator, [.. row.ValueList]));
        }
        return new PlacementDto(labels, expressions);
    }

    /// <summary>Whether the rows say something else than the placement shown (their order aside).</summary>
    private bool Changed => _shown is null || Canonical(_rows) != Canonical(RowsOf(_shown.Placement));

    private static string Canonical(IEnumerable<PlacementRow> rows) => string.Join("\n",
        rows.Select(r => $"{r.Key.Trim()}|{r.Operator}|{string.Join(",", r.ValueList)}").Order(StringComparer.Ordinal));

    private string? RowError(int row)
    {
        var messages = _fieldErrors.Where(e => _fieldRows.TryGetValue(e.Key, out var r) && r == row).SelectMany(e => e.Value).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private Task SaveAsync()
    {
        var placement = ToDto();
        return ChangeAsync((api, ct) => api.SetPlacementAsync(Service, placement, ct));
    }

    private Task ResetAsync() => ChangeAsync((api, ct) => api.SetPlacementAsync(Service, new PlacementDto(), ct));

    private async Task ChangeAsync(Func<Platform.Client.PlatformClient, CancellationToken, Task<ServicePlacementDto>> change)
    {
        (_saving, _error, _fieldErrors) = (true, null, new Dictionary<string, string[]>());
        try
        {
            var saved = await Api.CallAsync(change);
            (_shown, _rows) = (saved, RowsOf(saved.Placement));
            Snackbar.Add(saved.EveryNode ? $"{Service} runs on every node." : $"{Service} runs on {saved.Nodes.Count} node(s) now.", Severity.Success);
            await OnChanged.InvokeAsync();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _fieldErrors = ApiErrors.FieldErrors(e);
            _error = ApiErrors.Describe(e);
        }
        finally
        {
            _saving = false;
        }
    }
}
