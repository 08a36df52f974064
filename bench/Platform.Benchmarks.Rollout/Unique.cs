using System.Text;

namespace Platform.Benchmarks.Rollout;

/// <summary>Gives a component a digest of its own by appending a custom section (ignored by every runtime).</summary>
public static class Unique
{
    public static byte[] Component(byte[] component, string tag)
    {
        var name = Encoding.UTF8.GetBytes("platform-bench");
        var payload = Encoding.UTF8.GetBytes(tag);
        var body = new List<byte>();
        body.AddRange(Leb128((uint)name.Length));
        body.AddRange(name);
        body.AddRange(payload);
        return [.. component, 0x00, .. Leb128((uint)body.Count), .. body];
    }

    private static IEnumerable<byte> Leb128(uint value)
    {
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            yield return value == 0 ? b : (byte)(b | 0x80);
        }
        while (value != 0);
    }
}
