using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts.Builds;
using Platform.Contracts.Registry;
using Platform.Contracts.Rollouts;
using Platform.Contracts.Services;
using Platform.Portal.Account;
using Platform.Portal.Api;
using Platform.Portal.Components.Shared;

namespace Platform.Portal.Components.Pages.Services;

/// <summary>
/// A service's page. While a build or rollout is under way it reloads every two seconds, so "running" and the
/// service's URLs appear without a reload; otherwise every fifteen.
/// </summary>
public sealed partial class ServiceDetail : IDisposable
{
    private static readonly TimeSpan ActivePoll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _disposed = new();
    private ServiceDto? _service;
    private ServiceState? _state;
    private List<BuildDto> _builds = [];
    private List<RolloutDto> _rollouts = [];
    private List<ComponentVersionDto> _versions = [];
    private List<ServiceMetricsDto> _metrics = [];
    private Guid? _selectedBuildId;
    private PortalUser? _user;
    private bool _rebuilding;
    private string? _error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";

    /// <summary>The service's rollout in progress, shown live with its operations.</summary>
    private RolloutDto? CurrentRollout => _rollouts.FirstOrDefault(r => StatusChip.IsActive(r.Phase));

    private bool CanOperate => _user is not null && _service is not null && (_user.IsAdmin || _user.Teams.Contains(_service.Team));

    private BuildDto? SelectedBuild => _builds.FirstOrDefault(b => b.Id == _selectedBuildId) ?? (_builds.Count > 0 ? _builds[0] : null);

    private List<BreadcrumbItem> Breadcrumbs => [new("Services", "services"), new(Name, null, disabled: true)];

    protected override async Task OnInitializedAsync()
    {
        _user = await Api.UserAsync();
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) _ = PollAsync(_disposed.Token);
    }

    private async Task PollAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(_state?.Active == true ? ActivePoll : IdlePoll, ct); }
            catch (OperationCanceledException) { return; }
            await InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            });
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            var ct = _disposed.Token;
            var service = Api.CallAsync((api, t) => api.ServiceAsync(Name, t), ct);
            var builds = Api.CallAsync((api, t) => api.BuildsAsync(Name, t), ct);
            var rollouts = Api.CallAsync((api, t) => api.RolloutsAsync(Name, ct: t), ct);
            var versions = Api.CallAsync((api, t) => api.VersionsAsync(Name, t), ct);
            var metrics = Api.CallAsync((api, t) => api.ServiceMetricsAsync(Name, t), ct);
            (_service, _builds, _rollouts, _versions, _metrics) = (await service, await builds, await rollouts, await versions, await metrics);
            _builds = _builds.OrderByDescending(b => b.QueuedAt).ToList();
            _rollouts = _rollouts.OrderByDescending(r => r.CreatedAt).ToList();
            _versions = _versions.OrderByDescending(v => v.PublishedAt).ToList();
            _state = ServiceState.Of(_service, _builds, _rollouts);
            _error = null;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }

    private async Task RebuildAsync()
    {
        _rebuilding = true;
        try
        {
            var build = await Api.CallAsync((api, ct) => api.StartBuildAsync(Name, ct));
            _selectedBuildId = build.Id;
            Snackbar.Add($"Build of {build.Version} queued.", Severity.Info);
            await LoadAsync();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            Snackbar.Add(ApiErrors.Describe(e), Severity.Error);
        }
        finally
        {
            _rebuilding = false;
        }
    }

    private async Task RollOutAsync(string version)
    {
        try
        {
            var rollout = await Api.CallAsync((api, ct) => api.StartRolloutAsync(Name, version, ct));
            Snackbar.Add($"Rolling out {rollout.TargetVersion}.", Severity.Info);
            await LoadAsync();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            Snackbar.Add(ApiErrors.Describe(e), Severity.Error);
        }
    }

    private async Task EmergencyAsync(string version)
    {
        var dialog = await Dialogs.ShowAsync<EmergencyDialog>($"Emergency rollout of {version}",
            new DialogParameters<EmergencyDialog> { { d => d.Version, version } });
        if (await dialog.Result is not { Canceled: false, Data: string reason }) return;
        await StartAsync(ct => Api.CallAsync((api, t) => api.StartRolloutAsync(Name, new StartRolloutRequest(version, EmergencyReason: reason), t), ct),
            r => $"Emergency rollout of {r.TargetVersion} started.");
    }

    private Task RollbackAsync(string version) =>
        StartAsync(ct => Api.CallAsync((api, t) => api.RollbackAsync(Name, new RollbackRequest(version, "rolled back in the portal"), t), ct),
            r => $"Rolling back to {r.TargetVersion}.");

    private async Task StartAsync(Func<CancellationToken, Task<RolloutDto>> start, Func<RolloutDto, string> message)
    {
        try
        {
            var rollout = await start(_disposed.Token);
            Snackbar.Add(message(rollout), Severity.Info);
            await LoadAsync();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            Snackbar.Add(ApiErrors.Describe(e), Severity.Error);
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
