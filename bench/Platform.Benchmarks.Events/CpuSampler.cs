namespace Platform.Benchmarks.Events;

/// <summary>
/// Reads CPU time from /proc: the user + system time of the consumer, nats-server and this process (<c>/proc/&lt;pid&gt;/stat</c>, in clock ticks of 10 ms) and the
/// machine's busy and idle time (<c>/proc/stat</c>). Start before a run, <see cref="Stop"/> after it.
/// </summary>
internal sealed class CpuSampler
{
    private const double TicksPerSecond = 100;

    private readonly int _consumer;
    private readonly int _nats;
    private readonly long _consumerStart;
    private readonly long _natsStart;
    private readonly long _benchStart;
    private readonly (long Busy, long Total) _machineStart;

    public CpuSampler(int consumerPid, int natsPid)
    {
        _consumer = consumerPid;
        _nats = natsPid;
        _consumerStart = ProcessTicks(consumerPid);
        _natsStart = ProcessTicks(natsPid);
        _benchStart = ProcessTicks(Environment.ProcessId);
        _machineStart = MachineTicks();
    }

    public CpuFigures Stop()
    {
        var machine = MachineTicks();
        var total = machine.Total - _machineStart.Total;
        return new CpuFigures(
            (ProcessTicks(_consumer) - _consumerStart) / TicksPerSecond,
            (ProcessTicks(_nats) - _natsStart) / TicksPerSecond,
            (ProcessTicks(Environment.ProcessId) - _benchStart) / TicksPerSecond,
            total > 0 ? (double)(machine.Busy - _machineStart.Busy) / total : 0);
    }

    private static long ProcessTicks(int pid)
    {
        if (pid <= 0)
        {
            return 0;
        }
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (2nd field) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime (fields 14 and 15 of the whole line)
    }

    private static (long Busy, long Total) MachineTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var total = cpu.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        var idle = cpu[3] + cpu[4];
        return (total - idle, total);
    }
}
