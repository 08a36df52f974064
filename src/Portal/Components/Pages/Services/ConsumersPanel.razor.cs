using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts.Topics;
using Platform.Portal.Api;
using Platform.Portal.Components.Pages.TemplateAdmin;

namespace Platform.Portal.Components.Pages.Services;

/// <summary>
/// The service's event consumers as JetStream sees them (nothing when it has no triggers), its dead letters, and its replays;
/// owners and admins replay a trigger from a sequence or a time into stable or the canary, re-drive dead letters, and cancel.
/// </summary>
public sealed partial class ConsumersPanel
{
    private static readonly HashSet<string> Fields = new(StringComparer.OrdinalIgnoreCase) { "fromSequence", "fromTime", "into" };
    private readonly FieldErrors _errors = new();
    private List<ConsumerDto>? _consumers;
    private List<ReplayDto>? _replays;
    private List<DeadLetterDto>? _deadLetters;
    private string? _deadLettersTopic;
    private ConsumerDto? _replayFor;
    private bool _bySequence = true;
    private long? _fromSequence = 1;
    private string? _fromTime;
    private string _into = "stable";
    private string? _error;
    private bool _busy;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string Service { get; set; } = default!;

    [Parameter] public bool CanEdit { get; set; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _consumers = await Api.CallAsync((api, ct) => api.ConsumersAsync(Service, ct));
            _replays = _consumers.Count == 0 ? [] : await Api.CallAsync((api, ct) => api.ReplaysAsync(Service, ct));
            if (_deadLettersTopic is { } topic) _deadLetters = await Api.CallAsync((api, ct) => api.DeadLettersAsync(Service, topic, ct: ct));
            _error = null;
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }

    private async Task ShowDeadLettersAsync(string topic)
    {
        _deadLettersTopic = topic;
        await LoadAsync();
    }

    private void OpenReplay(ConsumerDto consumer)
    {
        _replayFor = consumer;
        _errors.Clear();
    }

    private async Task ReplayAsync()
    {
        if (_replayFor is not { } consumer) return;
        _errors.Clear();
        DateTimeOffset? from = null;
        if (!_bySequence)
        {
            if (!DateTimeOffset.TryParse(_fromTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                _errors.Set(new Dictionary<string, string[]> { ["fromTime"] = ["Write a time as yyyy-MM-dd HH:mm:ss (UTC)."] });
                return;
            }
            from = parsed;
        }
        var request = new StartReplayRequest(_bySequence ? _fromSequence : null, from, _into, consumer.Filter);
        await RunAsync(async () =>
        {
            var replay = await Api.CallAsync((api, ct) => api.StartReplayAsync(Service, consumer.Topic, request, ct));
            Snackbar.Add($"Replaying {replay.Topic} into {replay.Version} up to sequence {replay.UntilSequence}.", Severity.Success);
            _replayFor = null;
        });
    }

    private Task RedriveAsync(string topic) => RunAsync(async () =>
    {
        var replay = await Api.CallAsync((api, ct) => api.RedriveAsync(Service, topic, new RedriveRequest(), ct));
        Snackbar.Add($"Re-driving the dead letters of {topic} into {replay.Version}.", Severity.Success);
    });

    private Task CancelAsync(Guid id) => RunAsync(async () =>
    {
        var replay = await Api.CallAsync((api, ct) => api.CancelReplayAsync(Service, id, ct));
        Snackbar.Add($"Replay {replay.Outcome}.", Severity.Info);
    });

    private async Task RunAsync(Func<Task> action)
    {
        (_busy, _error) = (true, null);
        try
        {
            await action();
            await LoadAsync();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = _errors.Take(e, Fields.Contains, "The replay request is not valid; see the marked fields.");
        }
        finally
        {
            _busy = false;
        }
    }

    private static string When(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "-";

    private static string From(ReplayDto replay) =>
        replay.Source == EventSubjects.ReplayFromDeadLetters ? "dead letters"
        : replay.FromSequence is { } sequence ? $"#{sequence}" : When(replay.FromTime);

    private static string State(ReplayDto replay) =>
        replay.FinishedAt is not null ? replay.Outcome ?? "ended"
        : replay.Remaining is { } left ? $"running (at most {left} to go)" : "running";

    private static string Shorten(string data) => data.Length <= 120 ? data : data[..120];
}
