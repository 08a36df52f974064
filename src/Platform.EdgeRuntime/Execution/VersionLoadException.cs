namespace Platform.EdgeRuntime.Execution;

/// <summary>A version cannot take traffic on this node; the message is the reason reported to the control plane.</summary>
public sealed class VersionLoadException : Exception
{
    public VersionLoadException()
    {
    }

    public VersionLoadException(string message) : base(message)
    {
    }

    public VersionLoadException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
