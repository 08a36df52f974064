using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Platform.Contracts.Services;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Services;

/// <summary>How to clone the service's repository, and the newest source revisions the platform took from it.</summary>
public sealed partial class SourcePanel
{
    private RepositoryDto? _repository;
    private string? _error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string Service { get; set; } = "";

    /// <summary>The service's newest build: every new source revision starts one, so the panel reloads when it changes.</summary>
    [Parameter] public Guid? LatestBuildId { get; set; }

    private string CloneCommand => $"git clone {_repository?.CloneUrl}";

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _repository = await Api.CallAsync((api, ct) => api.RepositoryAsync(Service, ct));
            _error = null;
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", CloneCommand);
            Snackbar.Add("Clone command copied.", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser did not allow copying; select the command and copy it by hand.", Severity.Warning);
        }
    }

    private static string ShortSha(string? sha) => sha is null ? "—" : sha[..Math.Min(10, sha.Length)];

    private static string FirstLine(string message) => message.Split('\n', 2)[0];
}
