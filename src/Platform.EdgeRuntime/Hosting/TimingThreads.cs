using System.Runtime.InteropServices;

namespace Platform.EdgeRuntime.Hosting;

/// <summary>
/// Lets the calling thread, one that wakes every millisecond and works for microseconds (the epoch
/// ticker, the scheduler's deadline watch), run as soon as it wakes even while guests keep every core
/// busy: deadlines are only as punctual as these threads. Under Linux's EEVDF scheduler a woken
/// normal thread may wait for a running guest's whole time slice (milliseconds), so the thread asks
/// for a short slice (<c>sched_setattr</c>, Linux 6.12 and later, unprivileged), which lets it
/// pre-empt sooner and cannot starve anything. Where the node may (<c>CAP_SYS_NICE</c>, as for
/// <see cref="Scheduling.LongRunPriority"/>) the thread also runs at nice -10: measured with a looping
/// neighbour on two saturated cores, the deadline watch woke more than 0.5 ms late about half as often
/// (145–182 times against 295 in a run). Neither can starve anything: these threads work for
/// microseconds per wake. Real-time FIFO scheduling was tried and is not used:
/// with it every service on the node saw a p99 near one second, most likely FIFO threads spinning in
/// the runtime (it spins while suspending threads for a collection) and keeping the collector off the
/// cores until the kernel's real-time throttling let it run.
/// </summary>
internal static partial class TimingThreads
{
    private const int SchedOther = 0;
    private const long ShortSliceNanoseconds = 100_000;

    /// <summary>What the calling thread was given: "short-slice, nice -10", "short-slice" or "normal".</summary>
    public static string Raise()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "normal";
        }
        return SetAttributes(RaisedNice) ? "short-slice, nice -10" : SetAttributes(0) ? "short-slice" : "normal";
    }

    public const int RaisedNice = -10;

    private static bool SetAttributes(int nice)
    {
        var attributes = new SchedAttr
        {
            Size = (uint)Marshal.SizeOf<SchedAttr>(),
            Policy = SchedOther,
            Nice = nice,
            Runtime = ShortSliceNanoseconds,
        };
        return RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => syscall(SetAttrX64, 0, ref attributes, 0) == 0,
            Architecture.Arm64 => syscall(SetAttrArm64, 0, ref attributes, 0) == 0,
            _ => false,
        };
    }

    /// <summary>
    /// Sleeps for <paramref name="duration"/> with microsecond precision (Linux <c>clock_nanosleep</c>
    /// on the monotonic clock); <see cref="Thread.Sleep(int)"/> rounds to whole milliseconds and
    /// oversleeps by a tenth of one, more than a deadline may be late.
    /// </summary>
    public static void Sleep(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }
        if (!OperatingSystem.IsLinux())
        {
            Thread.Sleep(Math.Max(1, (int)Math.Round(duration.TotalMilliseconds)));
            return;
        }
        var ticks = duration.Ticks;
        var request = new TimeSpec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
        // An interrupted sleep (EINTR) just ends early: every caller loops and looks at the clock.
        clock_nanosleep(MonotonicClock, 0, ref request, IntPtr.Zero);
    }

    private const int MonotonicClock = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_nanosleep(int clockId, int flags, ref TimeSpec request, IntPtr remaining);

    private const long SetAttrX64 = 314;
    private const long SetAttrArm64 = 274;

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedAttr
    {
        public uint Size;
        public uint Policy;
        public ulong Flags;
        public int Nice;
        public uint Priority;
        public long Runtime;
        public long Deadline;
        public long Period;
        public uint UtilMin;
        public uint UtilMax;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, int pid, ref SchedAttr attributes, uint flags);
}
