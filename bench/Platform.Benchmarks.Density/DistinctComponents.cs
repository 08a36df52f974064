using System.Text;
using Platform.EdgeRuntime.Components;

namespace Platform.Benchmarks.Density;

/// <summary>
/// Many distinct components from one: the same component with a custom section holding its number appended, so each has a
/// digest of its own (custom sections change no code). Made on demand from the number, never all held at once.
/// </summary>
internal sealed class DistinctComponents(byte[] component)
{
    private const string SectionName = "platform-density-nonce";

    public byte[] Bytes(int number)
    {
        var name = Encoding.UTF8.GetBytes(SectionName);
        var payload = Encoding.UTF8.GetBytes(number.ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
        var content = new List<byte>();
        content.AddRange(Leb128(name.Length));
        content.AddRange(name);
        content.AddRange(payload);
        var section = new List<byte> { 0 };
        section.AddRange(Leb128(content.Count));
        section.AddRange(content);
        return [.. component, .. section];
    }

    public string Digest(int number) => ComponentDigest.Compute(Bytes(number));

    private static IEnumerable<byte> Leb128(int value)
    {
        var remaining = (uint)value;
        do
        {
            var b = (byte)(remaining & 0x7F);
            remaining >>= 7;
            yield return remaining == 0 ? b : (byte)(b | 0x80);
        }
        while (remaining != 0);
    }
}
