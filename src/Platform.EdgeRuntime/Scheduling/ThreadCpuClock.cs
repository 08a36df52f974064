using System.Runtime.InteropServices;

namespace Platform.EdgeRuntime.Scheduling;

/// <summary>CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>); zero elsewhere.</summary>
internal static partial class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    public static TimeSpan Now()
    {
        if (!OperatingSystem.IsLinux() || clock_gettime(ThreadCpuTimeId, out var time) != 0)
        {
            return TimeSpan.Zero;
        }
        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);
}
