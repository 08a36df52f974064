using System.Runtime.InteropServices;

namespace Platform.EdgeRuntime.Scheduling;

/// <summary>Sets the nice value of the calling thread (Linux threads are tasks of their own); a no-op elsewhere.</summary>
internal static partial class ThreadNice
{
    private const int PriorityProcess = 0;

    /// <returns>False when the system refused (lowering it below the current value needs privilege).</returns>
    public static bool Set(int nice) =>
        OperatingSystem.IsLinux() && setpriority(PriorityProcess, gettid(), nice) == 0;

    [LibraryImport("libc")]
    private static partial int gettid();

    [LibraryImport("libc")]
    private static partial int setpriority(int which, int who, int prio);
}
