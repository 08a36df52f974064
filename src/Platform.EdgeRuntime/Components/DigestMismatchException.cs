namespace Platform.EdgeRuntime.Components;

/// <summary>The bytes received do not hash to the digest they were requested by; nothing was compiled.</summary>
public sealed class DigestMismatchException : Exception
{
    public DigestMismatchException(string expected, string actual)
        : base($"Component digest mismatch: expected {expected}, got {actual}. The blob was not compiled.")
    {
        Expected = expected;
        Actual = actual;
    }

    public DigestMismatchException()
    {
    }

    public DigestMismatchException(string message) : base(message)
    {
    }

    public DigestMismatchException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public string Expected { get; } = string.Empty;

    public string Actual { get; } = string.Empty;
}
