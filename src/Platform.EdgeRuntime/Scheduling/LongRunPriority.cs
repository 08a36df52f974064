using System.Runtime.InteropServices;

namespace Platform.EdgeRuntime.Scheduling;

/// <summary>
/// Lowers a worker's CPU priority (Linux nice 10, per thread) while it runs a long runner's guest, and
/// raises it back after. A looping or slow guest then takes only the CPU that nothing else on the node
/// wants: the request and I/O threads, the deadline watch writing its 504s, the other workers running
/// short requests (and, on a small machine, whatever else shares it) run first, as Linux gives a nice-10
/// thread about a tenth of the CPU of a normal one when both want it. The long runner loses little: its
/// answer is due at its deadline, which the deadline watch keeps whatever the guest's CPU share.
/// Raising a thread's priority back needs <c>CAP_SYS_NICE</c> or an <c>RLIMIT_NICE</c> of at least 20
/// (systemd's <c>LimitNICE=</c>); where the node has neither, it never lowers one (see <see cref="Available"/>).
/// A thread started by a lowered worker would inherit nice 10; the worker starts none while it runs a guest.
/// </summary>
internal static partial class LongRunPriority
{
    public const int Nice = 10;
    private const int PrioProcess = 0;

    private static readonly Lazy<bool> Probe = new(ProbeOnce);

    /// <summary>
    /// Whether this node can lower a worker and raise it back: tried once on the calling thread
    /// (nice 1, then 0). False off Linux.
    /// </summary>
    public static bool Available => Probe.Value;

    /// <summary>Lowers the calling thread; false when not <see cref="Available"/> (nothing changed).</summary>
    public static bool Lower() => Available && setpriority(PrioProcess, gettid(), Nice) == 0;

    /// <summary>Raises the calling thread back to normal after <see cref="Lower"/>.</summary>
    public static void Restore() => setpriority(PrioProcess, gettid(), 0);

    private static bool ProbeOnce()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            var tid = gettid();
            return setpriority(PrioProcess, tid, 1) == 0 && setpriority(PrioProcess, tid, 0) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int priority);

    [LibraryImport("libc")]
    private static partial int gettid();
}
