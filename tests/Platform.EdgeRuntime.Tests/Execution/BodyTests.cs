using System.Text;
using System.Text.Unicode;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Execution;

/// <summary>
/// Bodies through the echo component built for 0.3.0 (the content variant: valid UTF-8 crosses as one string, anything else as
/// bytes, chosen by the node for the request and by the SDK for the response) and for 0.2.0 (list&lt;u8&gt;): the same bytes
/// come back in both, whatever they are, and the SDK's UTF-8 check agrees with .NET's (a body it wrongly called text would
/// trap in Wasmtime's string check and answer 500).
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class BodyTests(EdgeFixture edge)
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var component in new[] { "echo", "echo@0.2.0" })
        {
            foreach (var name in Bodies.Keys)
            {
                data.Add(component, name);
            }
        }
        return data;
    }

    private static readonly Dictionary<string, byte[]> Bodies = new()
    {
        ["empty"] = [],
        ["json 4 KiB"] = Encoding.UTF8.GetBytes("{\"items\":[" + string.Join(',', Enumerable.Range(0, 400).Select(i => $"\"item-{i:D4}\"")) + "]}")[..4096],
        ["multi-byte text"] = Encoding.UTF8.GetBytes("café ✓ 😀 \uFFFF \U0010FFFF ß"),
        ["binary"] = [.. Enumerable.Range(0, 1024).Select(i => (byte)(i * 7 % 256))],
        ["NUL bytes"] = new byte[64],
        ["overlong two-byte"] = [0x41, 0xC0, 0x80],
        ["overlong three-byte"] = [0xE0, 0x80, 0x80],
        ["overlong four-byte"] = [0xF0, 0x80, 0x80, 0x80],
        ["surrogate"] = [0x61, 0xED, 0xA0, 0x80],
        ["above U+10FFFF"] = [0xF4, 0x90, 0x80, 0x80],
        ["five-byte form"] = [0xF8, 0x88, 0x80, 0x80, 0x80],
        ["truncated at the end"] = [0x61, 0x62, 0xE2, 0x82],
        ["lone continuation"] = [0x80, 0x61],
        ["0xFF after ASCII run"] = [.. Encoding.ASCII.GetBytes("0123456789abcdef"), 0xFF],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Echo_AnyBody_ComesBackByteForByte(string component, string body)
    {
        var echo = edge.Load(component);
        var bytes = Bodies[body];

        var response = edge.Executor.Execute(echo, new EdgeRequest("POST", "/echo", [new("content-type", "application/octet-stream")], bytes), "req-body");

        Assert.Equal(200, response.Status);
        Assert.Equal(bytes, response.Body);
        Assert.Equal(Utf8.IsValid(bytes) ? "1" : "0", response.Header("x-echo-utf8"));
    }

    [Fact]
    public void Echo_RandomBytesNearUtf8_SdkAgreesWithDotNetOnEveryOne()
    {
        var echo = edge.Load("echo");
        var random = new Random(20261207);
        // Mostly valid text with a byte changed here and there: the cases a validator gets wrong.
        var alphabet = new[] { "a", "é", "✓", "😀", "\u07FF", "\u0800", "\uD7FF", "\uE000", "\U00010000", "\U0010FFFF" };
        for (var i = 0; i < 300; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]));
            var bytes = Encoding.UTF8.GetBytes(text);
            if (i % 2 == 1)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
            }

            var response = edge.Executor.Execute(echo, new EdgeRequest("POST", "/echo", [], bytes), $"req-{i}");

            var expected = Utf8.IsValid(bytes) ? "1" : "0";
            if (response.Status != 200 || !response.Body.AsSpan().SequenceEqual(bytes) || response.Header("x-echo-utf8") != expected)
            {
                Assert.Fail($"{Convert.ToHexString(bytes)}: status {response.Status}, utf8 {response.Header("x-echo-utf8")} (expected {expected}), body {Convert.ToHexString(response.Body)}");
            }
        }
    }

    [Theory]
    [InlineData("/echo-js/text", "json 4 KiB")]
    [InlineData("/echo-js/text", "multi-byte text")]
    [InlineData("/echo-js/bytes", "multi-byte text")]
    [InlineData("/echo-js/bytes", "binary")]
    [InlineData("/echo-js/bytes", "empty")]
    public void JavaScriptSdk_BodyAsTextOrAsBytes_ComesBackByteForByte(string path, string body)
    {
        var echo = edge.Load("echo-js");
        var bytes = Bodies[body];

        var response = edge.Executor.Execute(echo, new EdgeRequest("POST", path, [], bytes), "req-js");

        Assert.Equal(200, response.Status);
        Assert.Equal(bytes, response.Body);
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("x-length"));
    }

    [Fact]
    public void JavaScriptSdk_BinaryBodyReadAsText_MalformedBytesBecomeReplacementCharacters()
    {
        var echo = edge.Load("echo-js");

        var response = edge.Executor.Execute(echo, new EdgeRequest("POST", "/echo-js/json", [], [0x61, 0xFF, 0x62]), "req-js-json");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.Header("content-type"));
        Assert.Equal("{\"method\":\"POST\",\"text\":\"a\uFFFDb\"}", Encoding.UTF8.GetString(response.Body));
    }

    [Theory]
    [InlineData("/kv-js/text", "json 4 KiB")]
    [InlineData("/kv-js/text", "multi-byte text")]
    [InlineData("/kv-js/bytes", "binary")]
    [InlineData("/kv-js/bytes", "multi-byte text")]
    public void JavaScriptSdk_KeyValueValueAsTextOrAsBytes_ReadBackByteForByte(string path, string body)
    {
        var kv = edge.Load("kv-js", new CapabilitiesDto([], ["default"], new Dictionary<string, string>()), service: $"kv-js-{Guid.NewGuid():N}");
        var bytes = Bodies[body];

        var response = edge.Executor.Execute(kv, new EdgeRequest("POST", path, [], bytes), "req-kv-js");

        Assert.Equal(200, response.Status);
        Assert.Equal(bytes, response.Body);
    }

    public static TheoryData<string, string> KeyValueCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var component in new[] { "kv-echo", "kv-echo@0.2.0" })
        {
            foreach (var name in new[] { "empty", "json 4 KiB", "multi-byte text", "binary", "surrogate", "truncated at the end" })
            {
                data.Add(component, name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KeyValueCases))]
    public void KeyValue_AnyValue_ReadBackByteForByteInBothVersions(string component, string body)
    {
        // 0.3.0: the SDK sets text or bytes, the node answers a get with text whenever the stored bytes are UTF-8; 0.2.0: list<u8>.
        var kv = edge.Load(component, new CapabilitiesDto([], ["default"], new Dictionary<string, string>()), service: $"kv-echo-{Guid.NewGuid():N}");
        var bytes = Bodies[body];

        var response = edge.Executor.Execute(kv, new EdgeRequest("POST", "/kv", [], bytes), "req-kv");

        Assert.Equal(200, response.Status);
        Assert.Equal(bytes, response.Body);
        Assert.Equal(Utf8.IsValid(bytes) ? "1" : "0", response.Header("x-kv-utf8"));
    }

    [Theory]
    [InlineData("/echo")]
    [InlineData("/kv")]
    public void HostileGuest_TextThatIsNotUtf8_FailsTheRunAndNothingReachesTheHost(string path)
    {
        // The guest calls any bytes text: Wasmtime's string check fails the run (a 500) before the host sees them.
        var liar = edge.Load("lying-text", new CapabilitiesDto([], ["default"], new Dictionary<string, string>()), service: $"liar-{Guid.NewGuid():N}");

        var lie = edge.Executor.Execute(liar, new EdgeRequest("POST", path, [], [0x61, 0xFF, 0xFE]), "req-lie");
        var truth = edge.Executor.Execute(liar, new EdgeRequest("POST", "/echo", [], "ok ✓"u8.ToArray()), "req-truth");

        Assert.Equal((500, ExecutionOutcome.Failed), (lie.Status, lie.Outcome));
        Assert.Equal(200, truth.Status);
        Assert.Equal("ok ✓"u8.ToArray(), truth.Body);
    }
}
