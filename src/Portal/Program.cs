using Platform.Telemetry;
using MudBlazor.Services;
using Platform.Portal.Account;
using Platform.Portal.Api;
using Platform.Portal.Components;
using Platform.Portal.Tracing;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatformTelemetry("platform-portal");
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddPlatformApi(builder.Configuration);
builder.Services.AddPortalAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddOptions<TraceViewerOptions>().BindConfiguration("TraceViewer").ValidateDataAnnotations().ValidateOnStart();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapAccountEndpoints();
app.MapPlatformMetrics();
// Every page requires a signed-in user unless it says [AllowAnonymous] (the sign-in page, the error page).
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .RequireAuthorization();

app.Run();
