using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Client;
using Platform.Contracts.Rollouts;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Rollouts;

/// <summary>
/// Shows and edits a rollout strategy (the platform default, or one service's). The JSON is the API's own shape,
/// so what a person writes here is what automation sends.
/// </summary>
public sealed partial class StrategyEditor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private EffectiveStrategyDto? _current;
    private string _json = "";
    private string? _error;
    private IReadOnlyDictionary<string, string[]> _fieldErrors = new Dictionary<string, string[]>();
    private bool _busy;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public Func<PlatformClient, CancellationToken, Task<EffectiveStrategyDto>> Load { get; set; } = default!;
    [Parameter, EditorRequired] public Func<PlatformClient, RolloutStrategyDto, CancellationToken, Task<EffectiveStrategyDto>> Save { get; set; } = default!;
    [Parameter, EditorRequired] public Func<PlatformClient, CancellationToken, Task<EffectiveStrategyDto>> Reset { get; set; } = default!;
    [Parameter] public bool CanEdit { get; set; }
    /// <summary>The words of the reset button (e.g. "Follow the platform default").</summary>
    [Parameter] public string ResetText { get; set; } = "Reset";

    protected override async Task OnInitializedAsync() => await RunAsync(Load, null);

    private static string SourceText(string source) => source switch
    {
        "service" => "this service's own",
        "platform" => "platform default (set by admins)",
        _ => "built-in default",
    };

    private async Task SaveAsync()
    {
        RolloutStrategyDto? strategy;
        try
        {
            strategy = JsonSerializer.Deserialize<RolloutStrategyDto>(_json, Json);
        }
        catch (JsonException e)
        {
            (_error, _fieldErrors) = ($"This is not valid JSON: {e.Message}", new Dictionary<string, string[]>());
            return;
        }
        if (strategy is null)
        {
            _error = "Write a strategy: { \"steps\": [ … ] }.";
            return;
        }
        await RunAsync((api, ct) => Save(api, strategy, ct), "Strategy saved; it applies to rollouts requested from now on.");
    }

    private Task ResetAsync() => RunAsync(Reset, "Strategy reset.");

    private async Task RunAsync(Func<PlatformClient, CancellationToken, Task<EffectiveStrategyDto>> call, string? success)
    {
        _busy = true;
        try
        {
            _current = await Api.CallAsync(call);
            _json = JsonSerializer.Serialize(_current.Strategy, Json);
            (_error, _fieldErrors) = (null, new Dictionary<string, string[]>());
            if (success is not null) Snackbar.Add(success, Severity.Success);
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _fieldErrors = ApiErrors.FieldErrors(e);
            _error = _fieldErrors.Count > 0 ? null : ApiErrors.Describe(e);
        }
        finally
        {
            _busy = false;
        }
    }
}
