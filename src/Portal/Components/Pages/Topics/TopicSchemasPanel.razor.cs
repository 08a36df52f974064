using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Client;
using Platform.Contracts.Topics;
using Platform.Portal.Api;
using Platform.Portal.Components.Pages.TemplateAdmin;

namespace Platform.Portal.Components.Pages.Topics;

/// <summary>
/// A topic's schema versions: pick one to read its JSON Schema; owners add the next one. The API is the judge of compatibility:
/// its refusal (422) names each event field the new version would break, and that list is shown as it came.
/// </summary>
public sealed partial class TopicSchemasPanel
{
    private const string Placeholder = """{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string" } } }""";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly FieldErrors _errors = new();
    private int? _selected;
    private string? _draft;
    private IReadOnlyList<(string Field, IReadOnlyList<string> Reasons)>? _breaks;
    private string? _breakTitle;
    private string? _error;
    private bool _busy;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string Topic { get; set; } = "";

    /// <summary>The versions so far, in any order.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<TopicSchemaDto> Schemas { get; set; } = [];

    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Raised after the API stored a new version, so the page reloads the topic and its versions.</summary>
    [Parameter] public EventCallback OnAdded { get; set; }

    private TopicSchemaDto? Selected =>
        Schemas.FirstOrDefault(s => s.Version == _selected) ?? Schemas.MaxBy(s => s.Version);

    private int NextVersion => Schemas.Count == 0 ? 1 : Schemas.Max(s => s.Version) + 1;

    private static string Pretty(JsonElement schema) => JsonSerializer.Serialize(schema, Indented);

    private void StartFromLatest()
    {
        if (Schemas.MaxBy(s => s.Version) is { } latest) _draft = Pretty(latest.Schema);
        DraftChanged();
    }

    private void DraftChanged()
    {
        _errors.Remove("schema");
        (_breaks, _breakTitle, _error) = (null, null, null);
    }

    private async Task AddAsync()
    {
        DraftChanged();
        JsonElement schema;
        try
        {
            using var document = JsonDocument.Parse(_draft ?? "");
            schema = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            _errors.Set(new Dictionary<string, string[]> { ["schema"] = [$"This is not JSON: {e.Message}"] });
            return;
        }
        _busy = true;
        try
        {
            var added = await Api.CallAsync((api, ct) => api.AddTopicSchemaAsync(Topic, schema, ct));
            Snackbar.Add($"Schema version {added.Version} of {Topic} added.", Severity.Success);
            (_draft, _selected) = (null, added.Version);
            await OnAdded.InvokeAsync();
        }
        catch (PlatformApiException e) when (e.Status == HttpStatusCode.UnprocessableEntity && e.Problem.Errors is { Count: > 0 } breaks)
        {
            // The compatibility check: one entry per event field (a JSON Pointer), its messages already naming it.
            _breakTitle = e.Problem.Title ?? "The new schema would break existing consumers.";
            _breaks = breaks.OrderBy(b => b.Key, StringComparer.Ordinal)
                .Select(b => (b.Key, (IReadOnlyList<string>)b.Value.Select(m => WithoutField(b.Key, m)).ToList())).ToList();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            var unplaced = _errors.Take(e, f => f.Equals("schema", StringComparison.OrdinalIgnoreCase), "");
            _error = unplaced.Length > 0 ? unplaced : null;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>"/amount: is now required" → "is now required" (the field is shown beside it).</summary>
    private static string WithoutField(string field, string message) =>
        message.StartsWith(field + ": ", StringComparison.Ordinal) ? message[(field.Length + 2)..] : message;
}
