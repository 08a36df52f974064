using System.Text;
using Microsoft.AspNetCore.Components;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Builds;

/// <summary>
/// A build's log as it is written: polls <c>/builds/{id}/logs</c> from the last offset until the build is complete.
/// The panel keeps its scroll at the end (CSS column-reverse) so new lines stay in view.
/// </summary>
public sealed partial class BuildLog : IDisposable
{
    private readonly StringBuilder _text = new();
    private CancellationTokenSource? _polling;
    private Guid _shownBuild;
    private bool _restart;
    private int _offset;
    private bool _complete;
    private string? _status;
    private string? _error;

    [Inject] private PortalApi Api { get; set; } = default!;

    [Parameter, EditorRequired] public Guid BuildId { get; set; }
    [Parameter] public string Title { get; set; } = "Build log";
    [Parameter] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Raised once with the final status ("succeeded", "failed") when the build completes.</summary>
    [Parameter] public EventCallback<string> OnCompleted { get; set; }

    private string Placeholder => _complete ? "(the build wrote no log)" : "Waiting for the build to start…";

    protected override void OnParametersSet()
    {
        if (BuildId == _shownBuild) return;
        _shownBuild = BuildId;
        _restart = true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Polling starts only once rendered (interactively), never during prerendering.
        if (!_restart) return;
        _restart = false;
        _polling?.Cancel();
        _polling?.Dispose();
        _polling = new CancellationTokenSource();
        _ = PollAsync(BuildId, _polling.Token);
    }

    private async Task PollAsync(Guid buildId, CancellationToken ct)
    {
        _text.Clear();
        (_offset, _complete, _status, _error) = (0, false, null, null);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var chunk = await Api.CallAsync((api, token) => api.BuildLogAsync(buildId, _offset, token), ct);
                _text.Append(chunk.Text);
                (_offset, _complete, _status, _error) = (chunk.NextOffset, chunk.Complete, chunk.Status, null);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not NavigationException)
            {
                _error = $"{ApiErrors.Describe(e)} Retrying…";
            }
            await InvokeAsync(StateHasChanged);
            if (_complete)
            {
                await InvokeAsync(() => OnCompleted.InvokeAsync(_status));
                return;
            }
            try { await Task.Delay(PollInterval, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    public void Dispose()
    {
        _polling?.Cancel();
        _polling?.Dispose();
    }
}
