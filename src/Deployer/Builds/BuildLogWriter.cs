using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.Data;

namespace Platform.Deployer.Builds;

/// <summary>
/// Appends build output to the build's log in the database about twice a second, so the portal can
/// stream it while the build runs. Uses its own DbContext, apart from the job's unit of work.
/// </summary>
public sealed class BuildLogWriter : IAsyncDisposable
{
    private readonly IServiceScope _scope;
    private readonly PlatformDbContext _db;
    private readonly Guid _buildId;
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();
    private readonly PeriodicTimer _timer = new(TimeSpan.FromMilliseconds(500));
    private readonly Task _pump;

    public BuildLogWriter(IServiceScopeFactory scopes, Guid buildId, int maxLogChars)
    {
        _maxLogChars = maxLogChars;
        _scope = scopes.CreateScope();
        _db = _scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        _buildId = buildId;
        _pump = PumpAsync();
    }

    /// <summary>Room for the platform's own lines beyond the toolchain's output limit (Build:MaxLogChars).</summary>
    public const int PlatformLinesAllowance = 16 * 1024;

    /// <summary>A build's log is kept up to this size; the rest is dropped with a note.</summary>
    private readonly int _maxLogChars;

    private int _written;
    private bool _truncated;

    public void Line(string text)
    {
        lock (_gate)
        {
            if (_truncated) return;
            if (_written + text.Length + 1 > _maxLogChars)
            {
                _pending.Append(System.Globalization.CultureInfo.InvariantCulture, $"… the log was cut here: it passed {_maxLogChars} characters.\n");
                _truncated = true;
                return;
            }
            _written += text.Length + 1;
            _pending.Append(text).Append('\n');
        }
    }

    public async Task FlushAsync()
    {
        string chunk;
        lock (_gate)
        {
            if (_pending.Length == 0) return;
            chunk = _pending.ToString();
            _pending.Clear();
        }
        await _db.Builds.Where(b => b.Id == _buildId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Log, b => b.Log + chunk));
    }

    private async Task PumpAsync()
    {
        while (await _timer.WaitForNextTickAsync()) await FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _pump;
        await FlushAsync();
        _scope.Dispose();
    }
}
