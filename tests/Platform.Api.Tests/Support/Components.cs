using Platform.Testing;

namespace Platform.Api.Tests.Support;

/// <summary>Test components built once per run from tests/components.</summary>
public static class Components
{
    private static readonly Lazy<byte[]> HelloBytes = new(() => WasmBuilder.BuildTestComponent("hello"));
    private static readonly Lazy<byte[]> ConfigBytes = new(() => WasmBuilder.BuildTestComponent("config"));
    private static readonly Lazy<byte[]> CounterBytes = new(() => WasmBuilder.BuildTestComponent("counter"));

    /// <summary>Imports only platform:edge/log.</summary>
    public static byte[] Hello => HelloBytes.Value;

    /// <summary>Imports platform:edge/config; answers config.get("greeting").</summary>
    public static byte[] Config => ConfigBytes.Value;

    /// <summary>Imports platform:edge/key-value.</summary>
    public static byte[] Counter => CounterBytes.Value;
}
